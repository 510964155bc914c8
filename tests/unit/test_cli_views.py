"""`tuinews views` and `list --saved` as a user runs them: real processes, a real store."""

from __future__ import annotations

import json
from pathlib import Path

from cli import in_one_process, tuinews
from conftest import SAMPLE_DATA


def test_views_add_list_rename_remove_and_list_saved(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    assert tuinews("--db", db, "import", str(SAMPLE_DATA / "feeds")).returncode == 0
    added = tuinews("--db", db, "views", "add", "Space", "satellite OR telescope")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "saved view 'Space': 3 articles, 3 unread"
    listed = tuinews("--db", db, "views", "list", "--json")
    assert [json.loads(line) for line in listed.stdout.splitlines()] == [
        {"name": "Space", "query": "satellite OR telescope", "total": 3, "unread": 3}
    ]
    rows = tuinews("--db", db, "list", "--saved", "Space", "--json").stdout.splitlines()
    titles = [json.loads(line)["title"] for line in rows]
    assert len(titles) == 3
    again = tuinews("--db", db, "views", "add", "Space", "orbit")
    assert again.returncode == 2 and "already a view called 'Space'" in again.stderr
    assert tuinews("--db", db, "views", "rename", "Space", "Sky").returncode == 0
    missing = tuinews("--db", db, "list", "--saved", "Space")
    assert missing.returncode == 2 and "no saved view called 'Space'" in missing.stderr
    mixed = tuinews("--db", db, "list", "--saved", "Sky", "--view", "unread")
    assert mixed.returncode == 2 and "cannot be combined" in mixed.stderr
    removed = tuinews("--db", db, "views", "remove", "Sky")
    assert removed.returncode == 0 and "its articles stay" in removed.stdout
    empty = tuinews("--db", db, "views", "list")
    assert empty.stdout == "" and "no saved views" in empty.stderr
    assert "Traceback" not in missing.stderr + mixed.stderr + again.stderr


def test_a_later_import_fills_the_saved_view_without_textual(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    news = tmp_path / "news.json"
    news.write_text('[{"title": "Ferry fares rise", "body": "The ferry costs more."}]')
    result = in_one_process(
        ["--db", db, "views", "add", "Ferries", "ferry"],
        ["--db", db, "import", str(news)],
        ["--db", db, "views", "list"],
        ["--db", db, "list", "--saved", "Ferries"],
    )
    assert result.returncode == 0, result.stderr
    assert "saved view 'Ferries': 0 articles, 0 unread" in result.stdout
    assert "Ferries" in result.stdout and "Ferry fares rise" in result.stdout
    line = next(line for line in result.stdout.splitlines() if line.startswith("Ferries "))
    assert line.split()[1:3] == ["1", "1"]
