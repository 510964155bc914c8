"""Stores and config files that are not what they claim: an unknown schema version, a FIFO,
/dev/zero, values that break arithmetic (nan, inf, huge), a rule of 10,000 keywords.

Each is refused quickly with a message naming the file, and nothing is written to it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from cli import tuinews
from tuinews.config import ConfigError, load_settings
from tuinews.importer.categorize import choose_category
from tuinews.models import ArticleDraft, CategoryRule
from tuinews.store import open_store


def test_a_store_of_an_unknown_schema_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "odd.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    before = path.read_bytes()
    for command in (["list"], ["import", str(tmp_path / "none.json")], ["feeds", "list"]):
        result = tuinews(*command, "--db", str(path))
        assert result.returncode == 2, result
        assert "not a tuinews store this version knows (schema -1)" in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder"])
def test_a_store_that_is_no_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "store.db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path(kind)
    result = tuinews("list", "--db", str(path))
    assert result.returncode == 2
    assert "not a tuinews store" in result.stderr, result.stderr


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_config_that_is_no_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "config.toml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = Path(kind)
    result = tuinews("--config", str(path), "refresh", "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2
    assert "not a regular file" in result.stderr, result.stderr
    with pytest.raises(ConfigError, match="not a regular file"):
        load_settings(path)


def test_a_huge_config_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# " + "x" * (2 * 1024 * 1024) + "\n")
    with pytest.raises(ConfigError, match="larger than 1024 KiB"):
        load_settings(path)


@pytest.mark.parametrize(
    "line",
    [
        "timeout_seconds = nan",
        "timeout_seconds = inf",
        "timeout_seconds = -inf",
        "timeout_seconds = 1e308",
        "keep_days = 999999999999",
        "refresh_minutes = 99999999999999",
        "max_per_feed = 99999999999999",
        "concurrency = 100000",
    ],
)
def test_values_that_break_arithmetic_are_refused(tmp_path: Path, line: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[feeds]\n{line}\n")
    name = line.split(" ")[0]
    with pytest.raises(ConfigError, match=f"feeds.{name} must be a number from 1 to"):
        load_settings(path)


def test_the_largest_values_allowed_still_refresh(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        "[feeds]\ntimeout_seconds = 600\nkeep_days = 36600\nmax_per_feed = 1000000000\n"
    )
    db = tmp_path / "store.db"
    assert tuinews("feeds", "add", "--db", str(db), "http://127.0.0.1:9/feed").returncode == 0
    result = tuinews("--config", str(config), "refresh", "--db", str(db))
    assert result.returncode == 1, result.stderr  # the feed is not there: one failure
    assert "Traceback" not in result.stderr


def test_a_rule_of_ten_thousand_keywords_costs_little() -> None:
    keywords = (*(f"keyword{number}" for number in range(10_000)), "solar wind")
    rules = [CategoryRule("Space", keywords, ())]
    drafts = [
        ArticleDraft(title=f"Report {n}", body=f"Plain words about harbours and ferries {n}. " * 40)
        for n in range(100)
    ]
    drafts.append(ArticleDraft(title="Storm", body="The solar wind rose."))
    drafts.append(ArticleDraft(title="Log", body="We saw keyword9999 today."))
    started = time.process_time()
    chosen = [choose_category(draft, "Wire", rules=rules) for draft in drafts]
    spent = time.process_time() - started
    assert chosen[-2:] == ["Space", "Space"]
    assert "Space" not in chosen[:-2]
    # CPU time, not wall time: 10,000 patterns per article took about a second each.
    assert spent < 5, f"{spent:.1f} s of CPU for {len(drafts)} articles"
