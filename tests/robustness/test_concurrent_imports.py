"""Two `tuinews import` into one store at once: both land, whoever holds the store longer
than SQLite's busy timeout. "database is locked" never reaches the user.

The test holds the store's write lock itself (as a long import of another program
would) until both commands say that they are waiting for it: past their first busy
timeout, where they used to give up. Then it lets go, and both must land whole.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import IO

from tuinews.store import open_store

ARTICLES = 500


def feed(path: Path, seed: int) -> Path:
    items = [
        {
            "title": f"Dispatch {seed}-{n}",
            "body": f"Harbour note {n}.",
            "url": f"https://e.org/{seed}/{n}",
        }
        for n in range(ARTICLES)
    ]
    path.write_text(json.dumps(items))
    return path


def until_waiting(stream: IO[str]) -> list[str]:
    """The lines a command writes to stderr up to the one that says it waits (or the end)."""
    lines = []
    for line in stream:
        lines.append(line)
        if "waiting for the store" in line:
            break
    return lines


def test_two_imports_wait_for_a_busy_store_and_both_land(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    commands = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tuinews",
                "import",
                "--db",
                str(db),
                str(feed(tmp_path / f"f{n}.json", n)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # Past the first busy timeout is what counts, not its length: half a second.
            env={**os.environ, "TUINEWS_BUSY_TIMEOUT_MS": "500"},
        )
        for n in (1, 2)
    ]
    try:
        said = []
        for command in commands:
            assert command.stderr is not None
            said.append(until_waiting(command.stderr))
            assert "waiting for the store" in said[-1][-1], said[-1]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for command, before in zip(commands, said, strict=True):
        out, err = command.communicate(timeout=120)
        err = "".join(before) + err
        assert command.returncode == 0, err
        assert f"imported {ARTICLES} new" in out
        assert "locked" not in err + out and "Traceback" not in err
    store = open_store(db)
    try:
        (count,) = store.conn.execute("SELECT count(*) FROM articles").fetchone()
    finally:
        store.close()
    assert count == 2 * ARTICLES
