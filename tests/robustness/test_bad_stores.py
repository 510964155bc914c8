"""Stores that cannot be used: truncated, read-only (file or folder), a disk that fills up.

Each is refused with a message naming the file and the reason (exit code 2), or read
without writing, and the file's bytes never change. Not-SQLite, foreign, corrupt and
newer-schema files are covered in tests/unit/test_store.py and test_cli.py.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from cli import tuinews
from tuinews.importer.pipeline import import_sources
from tuinews.models import ArticleDraft
from tuinews.store import Store, StoreError, open_store


def _filled_store(path: Path, articles: int = 300) -> None:
    """A store of a few hundred pages, checkpointed and closed (no -wal file left)."""
    store = open_store(path)
    drafts = [
        ArticleDraft(title=f"Harbour report {i}", body=f"Ferry timetable note {i}. " * 40)
        for i in range(articles)
    ]
    store.save_source("test:filled", "Filled", "json", drafts)
    store.close()
    assert not Path(f"{path}-wal").exists()


def _json_source(path: Path, articles: int, words: int) -> Path:
    items = [{"title": f"{path.stem} {i}", "body": "word " * words} for i in range(articles)]
    path.write_text(json.dumps(items))
    return path


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


# -- truncated -------------------------------------------------------------------------


@pytest.mark.parametrize("keep", ["half", "one page", "mid-page", "header only", "10 bytes"])
def test_truncated_store_is_refused_and_left_untouched(tmp_path: Path, keep: str) -> None:
    path = tmp_path / "cut.db"
    _filled_store(path)
    data = path.read_bytes()
    cut = {
        "half": len(data) // 2 // 4096 * 4096,
        "one page": 4096,
        "mid-page": len(data) - 1000,
        "header only": 60,
        "10 bytes": 10,
    }[keep]
    path.write_bytes(data[:cut])
    before = path.read_bytes()
    with pytest.raises(StoreError, match="truncated") as raised:
        open_store(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_truncated_store_exits_2_from_every_command_and_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "cut.db"
    _filled_store(path)
    path.write_bytes(path.read_bytes()[: 3 * 4096])
    before = path.read_bytes()
    source = _json_source(tmp_path / "news.json", 2, 10)
    # [] is the reader itself: it must say so before Textual starts, with no traceback.
    for args in (["list"], ["search", "ferry"], ["import", str(source)], []):
        result = tuinews("--db", str(path), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert f"{path}: the store is truncated" in result.stderr
        _no_traceback(result)
    assert path.read_bytes() == before


def test_a_store_whose_wal_holds_the_missing_pages_still_opens(tmp_path: Path) -> None:
    """The length check must not refuse a sound store that a checkpoint has not caught up with."""
    path = tmp_path / "wal.db"
    _filled_store(path, articles=10)
    writer = open_store(path)
    writer.conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep the new pages in the WAL
    writer.save_source(
        "test:more", "More", "json", [ArticleDraft(title="Later", body="late " * 20_000)]
    )
    assert Path(f"{path}-wal").stat().st_size > 0
    reader = open_store(path)  # while the writer still holds the WAL
    assert reader.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    reader.close()
    writer.close()


# -- read-only -------------------------------------------------------------------------


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable: by permissions, or (as root, who ignores them)
    with the immutable attribute. Skips when neither works here."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("root, and no immutable attribute here: cannot make a file read-only")
    try:
        assert not os.access(path, os.W_OK)
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_read_only_store_file(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    _filled_store(path, articles=5)
    before = path.read_bytes()
    source = _json_source(tmp_path / "news.json", 2, 10)
    with _read_only(path):
        for args in (["import", str(source)], ["feeds", "add", "https://example.org/f"], []):
            result = tuinews("--db", str(path), *args)
            assert result.returncode == 2, (args, result.stderr)
            assert f"{path}: the store is read-only" in result.stderr
            _no_traceback(result)
        # Reading needs no writing: list and search still work.
        listed = tuinews("--db", str(path), "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == 5
        assert tuinews("--db", str(path), "search", "harbour").returncode == 0
        assert path.read_bytes() == before


def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "ro.db"
    _filled_store(path, articles=5)
    before = path.read_bytes()
    source = _json_source(tmp_path / "news.json", 2, 10)
    with _read_only(folder):
        for args in (["import", str(source)], []):
            result = tuinews("--db", str(path), *args)
            assert result.returncode == 2, (args, result.stderr)
            assert f"its folder {folder} is read-only" in result.stderr
            _no_traceback(result)
        new = tuinews("--db", str(folder / "new.db"), "import", str(source))
        assert new.returncode == 2 and "read-only" in new.stderr
        listed = tuinews("--db", str(path), "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == 5
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["ro.db"]


def test_read_only_store_opened_for_reading_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    _filled_store(path, articles=3)
    before = path.read_bytes()
    with _read_only(path):
        with pytest.raises(StoreError, match="read-only"):
            open_store(path)
        store = open_store(path, read_only_ok=True)
        try:
            assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                store.save_source("test:x", "X", "json", [ArticleDraft(title="No", body="no")])
        finally:
            store.close()
    assert path.read_bytes() == before


# -- a full disk -----------------------------------------------------------------------


def _limit_growth(store: Store, pages: int) -> None:
    """Let the store grow by `pages` pages at most: SQLite then fails as on a full disk."""
    count = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {count + pages}")


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_full_disk_mid_import_rolls_back_the_source_and_stops(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    store = open_store(path)
    first = import_sources([str(_json_source(tmp_path / "first.json", 3, 20))], store)
    assert first.new == 3
    big = tmp_path / "big.rss"  # the streamed feed path
    big.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
        + "".join(
            f"<item><title>Item {i}</title><description>{'word ' * 4000}</description></item>"
            for i in range(20)
        )
        + "</channel></rss>"
    )
    later = _json_source(tmp_path / "later.json", 20, 4000)  # the whole-file path
    _limit_growth(store, 3)
    report = import_sources([str(big), str(later)], store)
    store.close()
    assert report.new == 0
    assert [f.source for f in report.failures] == [str(big), str(later)]
    assert "disk is full" in report.failures[0].reason
    assert "nothing of this source was stored" in report.failures[0].reason
    assert report.failures[1].reason == "not imported: the store's disk is full"
    assert _integrity(path) == "ok"
    store = open_store(path)
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert store.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
    store.close()


def test_full_disk_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tuinews import cli_commands
    from tuinews.__main__ import main

    path = tmp_path / "full.db"
    open_store(path).close()
    source = _json_source(tmp_path / "news.json", 20, 4000)

    def cramped(db: Path, **options: Any) -> Store:
        store = open_store(db, **options)
        _limit_growth(store, 2)
        return store

    monkeypatch.setattr(cli_commands, "open_store", cramped)
    code = main(["import", "--db", str(path), str(source)])
    out = capsys.readouterr()
    assert code == 1
    assert f"error: {source}: the store's disk is full" in out.err
    assert "imported 0 new" in out.out
    assert "Traceback" not in out.err
    assert _integrity(path) == "ok"


@contextmanager
def _small_disk(size: str) -> Iterator[Path]:
    """A tmpfs of `size` (needs root and mount rights): a real ENOSPC."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    folder = Path(tempfile.mkdtemp(prefix="tuinews-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        folder.rmdir()
        pytest.skip("cannot mount a small file system here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()


def test_a_really_full_disk(tmp_path: Path) -> None:
    source = _json_source(tmp_path / "news.json", 100, 5000)  # ~2.5 MB, far over the disk
    small = _json_source(tmp_path / "small.json", 2, 10)
    with _small_disk("768k") as disk:
        path = disk / "store.db"
        first = tuinews("--db", str(path), "import", str(small))
        assert first.returncode == 0, first.stderr
        result = tuinews("--db", str(path), "import", str(source))
        assert result.returncode == 1, result.stderr
        assert f"error: {source}: the store's disk is full" in result.stderr
        _no_traceback(result)
        assert _integrity(path) == "ok"
        listed = tuinews("--db", str(path), "list", "--json")
        assert len(listed.stdout.splitlines()) == 2
