"""The command line says when a list or a search finds nothing, and combines a view with a
category: real processes on a real store."""

from __future__ import annotations

import json
from pathlib import Path

from cli import in_one_process
from conftest import SAMPLE_DATA


def test_empty_results_are_said_on_stderr_and_a_view_takes_a_category(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    done = in_one_process(
        ["--db", db, "import", str(SAMPLE_DATA / "feeds")],
        ["--db", db, "list", "--category", "Nope"],
        ["--db", db, "search", "zzzqq"],
        ["--db", db, "list", "--view", "starred"],
        ["--db", db, "list", "--view", "unread", "--category", "Science", "--json"],
    )
    assert done.returncode == 0, done.stderr
    assert "no articles in Nope" in done.stderr
    assert "no articles match 'zzzqq'" in done.stderr
    assert "no articles in Starred" in done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert rows and all(row["category"] == "Science" and not row["read"] for row in rows)


def test_feeds_list_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    # It printed the column headings alone, as if the list had been cut off.
    db = str(tmp_path / "x.db")
    done = in_one_process(["--db", db, "feeds", "list"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "no feeds: subscribe with `tuinews feeds add URL`" in done.stderr


def test_one_article_is_one_article_on_the_command_line(tmp_path: Path) -> None:
    # "saved view 'Lumen': 1 articles, 1 unread", "exported 1 articles to …".
    db = str(tmp_path / "x.db")
    one = tmp_path / "one.json"
    one.write_text(json.dumps([{"title": "Lumenarc passes a million", "body": "Words."}]))
    out = tmp_path / "out.jsonl"
    done = in_one_process(
        ["--db", db, "import", str(one)],
        ["--db", db, "views", "add", "Lumen", "Lumenarc"],
        ["--db", db, "export", "--format", "json", "--output", str(out)],
    )
    assert done.returncode == 0, done.stderr
    assert "saved view 'Lumen': 1 article, 1 unread" in done.stdout
    assert f"exported 1 article to {out}" in done.stdout
