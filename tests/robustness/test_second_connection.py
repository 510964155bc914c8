"""A second connection in the reader's process must not cost the reader its locks.

POSIX locks belong to the process: closing any descriptor of the store file drops
all of them, SQLite's own included. Then another process that closes its connection
believes it is the last one, checkpoints and deletes the WAL under the reader, and
whatever the reader writes next goes to a deleted file.
"""

from __future__ import annotations

import json
from pathlib import Path

from cli import tuinews
from tuinews.models import ArticleDraft
from tuinews.store import open_store


def test_marks_written_after_a_reopen_and_another_process_reach_the_file(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    reader = open_store(db)
    drafts = [ArticleDraft(title=f"Lock story {n}", body="Text.") for n in range(3)]
    reader.save_source("/a.json", "A", "json", drafts)
    ids = [
        row["id"]
        for row in map(
            json.loads, tuinews("--db", str(db), "list", "--json").stdout.split("\n")[:-1]
        )
    ]
    # A worker thread of the reader connects again, and goes away.
    reader.reopen().close()
    # Another process reads the store and closes it.
    assert tuinews("--db", str(db), "list", "--json").returncode == 0
    # The reader marks an article; a third process must see it.
    reader.set_read([ids[0]], True)
    rows = [
        json.loads(line) for line in tuinews("--db", str(db), "list", "--json").stdout.splitlines()
    ]
    assert {row["id"]: row["read"] for row in rows}[ids[0]] is True
    reader.close()
