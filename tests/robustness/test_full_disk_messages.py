"""A store on a really full disk, closed cleanly (no -shm file, as after every normal exit):
every command says the disk is full, never "corrupt", and never shows a traceback."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

from test_bad_stores import _small_disk  # a real tmpfs of a given size (root only)

from cli import tuinews


def fill(disk: Path) -> None:
    """Write a file on `disk` until the file system says it is full."""
    block = b"\0" * 4096
    with open(disk / "filler", "wb", buffering=0) as filler:
        while True:
            try:
                filler.write(block)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                return


def test_every_command_says_the_disk_is_full(tmp_path: Path) -> None:
    news = tmp_path / "news.json"
    news.write_text(json.dumps([{"title": "Ferry returns", "body": "Back in service."}]))
    more = tmp_path / "more.json"
    more.write_text(json.dumps([{"title": "Library hours", "body": "Longer on Fridays."}]))
    with _small_disk("1m") as disk:
        path = disk / "store.db"
        assert tuinews("import", "--db", str(path), str(news)).returncode == 0
        assert not Path(f"{path}-shm").exists() and not Path(f"{path}-wal").exists()
        before = path.read_bytes()
        fill(disk)
        for command in (
            ["list"],
            ["show", "1"],
            ["search", "ferry"],
            ["feeds", "list"],
            ["feeds", "add", "https://example.org/feed.xml"],
            ["import", str(more)],
            ["refresh"],
        ):
            result = tuinews(*command, "--db", str(path))
            said = result.stdout + result.stderr
            assert result.returncode == 2, (command, said)
            assert "disk" in said and "is full" in said, (command, said)
            assert "corrupt" not in said and "Traceback" not in said, (command, said)
        (disk / "filler").unlink()
        assert path.read_bytes() == before
        listed = tuinews("list", "--db", str(path))
        assert "Ferry returns" in listed.stdout


def test_feeds_add_on_a_disk_that_fills_up_says_so(tmp_path: Path) -> None:
    """The store opens (the reader holds it open: its -shm exists), then the write itself
    finds no room."""
    with _small_disk("1m") as disk:
        path = disk / "store.db"
        assert tuinews("feeds", "add", "--db", str(path), "https://e.org/a.xml").returncode == 0
        reader = sqlite3.connect(path)
        reader.execute("SELECT count(*) FROM subscriptions").fetchone()
        fill(disk)
        long_url = "https://example.org/" + "x" * 60_000  # more than the pages left
        try:
            result = tuinews("feeds", "add", "--db", str(path), long_url)
        finally:
            reader.close()
        said = result.stdout + result.stderr
        assert result.returncode == 2, said
        assert "disk" in said and "is full" in said, said
        assert "Traceback" not in said
