"""The command line as a user runs it: real processes, a real store file."""

from __future__ import annotations

import json
from pathlib import Path

from cli import FIELDS, in_one_process, tuinews
from conftest import FIXTURES, SAMPLE_DATA


def test_import_then_list_json_prints_every_field(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = tuinews("--db", db, "import", str(SAMPLE_DATA / "feeds"))
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == "imported 27 new, 0 updated, 0 duplicate, 0 failed from 3 sources"
    )
    listed = tuinews("list", "--db", db, "--json", "--limit", "100")
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(lines) == 27
    assert all(set(line) == FIELDS for line in lines)
    first = lines[0]
    assert isinstance(first["id"], int) and isinstance(first["word_count"], int)
    assert first["read"] is False and first["starred"] is False
    assert first["published"].endswith("+00:00")
    dates = [line["published"] for line in lines]
    assert dates == sorted(dates, reverse=True)
    again = tuinews("--db", db, "import", str(SAMPLE_DATA / "feeds"))
    assert (
        again.stdout.strip() == "imported 0 new, 0 updated, 27 duplicate, 0 failed from 3 sources"
    )


def test_show_search_and_filters(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    tuinews("--db", db, "import", str(SAMPLE_DATA / "business-and-sports.json"))
    sports = tuinews("--db", db, "list", "--category", "Sports", "--json")
    rows = [json.loads(line) for line in sports.stdout.splitlines()]
    assert len(rows) == 6 and {r["category"] for r in rows} == {"Sports"}
    shown = tuinews("--db", db, "show", str(rows[0]["id"]), "--json")
    assert json.loads(shown.stdout)["title"] == rows[0]["title"]
    plain = tuinews("--db", db, "show", str(rows[0]["id"]))
    assert rows[0]["title"] in plain.stdout
    word = rows[0]["title"].split()[0]
    found = tuinews("--db", db, "search", word, "--json")
    assert rows[0]["title"] in [json.loads(line)["title"] for line in found.stdout.splitlines()]
    missing = tuinews("--db", db, "show", "999999")
    assert missing.returncode == 2 and "no article with id 999999" in missing.stderr


def test_partial_failure_exit_code_and_messages(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    result = tuinews("--db", db, "import", str(FIXTURES / "feeds" / "small.atom"), str(broken))
    assert result.returncode == 1
    assert f"error: {broken}: malformed JSON" in result.stderr
    assert "Traceback" not in result.stderr
    assert (
        result.stdout.strip() == "imported 1 new, 0 updated, 0 duplicate, 1 failed from 2 sources"
    )


def test_standard_input(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    data = (FIXTURES / "feeds" / "small.rdf").read_bytes()
    result = tuinews("--db", db, "import", "-", stdin=data)
    assert result.returncode == 0, result.stderr
    assert "imported 1 new" in result.stdout


def test_unusable_store_exits_2_and_is_not_touched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    for args in (["list"], ["import", str(SAMPLE_DATA / "feeds")], []):
        result = tuinews("--db", str(notes), *args)
        assert result.returncode == 2
        assert "not a tuinews store" in result.stderr
        assert "Traceback" not in result.stderr
    assert notes.read_text() == "not a database"


def test_usage_errors_exit_2() -> None:
    assert tuinews("list", "--limit", "0").returncode == 2
    assert tuinews("frobnicate").returncode == 2
    assert tuinews("--version").stdout.startswith("tuinews ")


def test_store_path_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "env.db"
    monkeypatch.setenv("TUINEWS_DB", str(db))
    assert tuinews("import", str(FIXTURES / "feeds" / "small.atom")).returncode == 0
    assert db.exists()


def test_core_commands_never_import_textual(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = in_one_process(
        ["--db", db, "import", str(FIXTURES / "feeds" / "small.atom")],
        ["--db", db, "list", "--json"],
        ["--db", db, "search", "honey"],
        ["--db", db, "show", "1"],
    )
    assert result.returncode == 0, result.stderr
