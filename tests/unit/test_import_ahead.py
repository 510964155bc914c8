"""A large import parses its files ahead in a worker process: the store ends up the same."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from bench.synthetic import page_dump, rss_feed

from tuinews.importer import ahead, limits
from tuinews.importer.pipeline import import_sources
from tuinews.importer.sources import SourceRef, expand_sources
from tuinews.models import ImportReport
from tuinews.store import open_store

_COLUMNS = "source, title, author, published, category, summary, body, dedupe_key, url"


def _folder(tmp_path: Path) -> Path:
    """Page dumps with a feed, an empty file, a JSON list and a copied dump among them."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(6):
        (folder / f"dump-{n}.txt").write_text(page_dump(n), encoding="utf-8")
    (folder / "dump-2-again.txt").write_text(page_dump(2), encoding="utf-8")
    (folder / "feed.txt").write_bytes(rss_feed(3))  # a feed, whatever its name says
    (folder / "empty.txt").write_text("", encoding="utf-8")
    items = [
        {"title": "Ferry timetable", "content": "The ferries run late.", "url": "https://e.org/f"}
    ]
    (folder / "list.json").write_text(json.dumps(items), encoding="utf-8")
    return folder


def _import(folder: Path, db: Path) -> tuple[ImportReport, list[tuple[object, ...]]]:
    store = open_store(db)
    report = import_sources([str(folder)], store)
    rows = store.conn.execute(f"SELECT {_COLUMNS} FROM articles ORDER BY id").fetchall()
    store.close()
    return report, rows


def _summary(report: ImportReport) -> tuple[object, ...]:
    failures = sorted((f.source, f.reason) for f in report.failures)
    return report.sources, report.new, report.duplicate, report.updated, failures


def _same_as_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, head: int) -> ImportReport:
    """Import the folder without a worker, then with one (`head` files parsed here first):
    the reports and the stored articles must be the same. Returns the first report."""
    folder = _folder(tmp_path)
    monkeypatch.setattr(limits, "PARSE_AHEAD_FILES", 10**9)
    here, here_rows = _import(folder, tmp_path / "here.db")
    monkeypatch.setattr(limits, "PARSE_AHEAD_FILES", 2)
    monkeypatch.setattr(limits, "PARSE_AHEAD_HEAD", head)
    early, early_rows = _import(folder, tmp_path / "ahead.db")
    assert _summary(early) == _summary(here)
    assert early_rows == here_rows
    assert len(here_rows) == 6 + 3 + 1 and here.duplicate == 1
    return here


def test_files_parsed_ahead_are_stored_as_files_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str] = []
    real_take = ahead.ParsedAhead.take

    def take(self: ahead.ParsedAhead, ref: SourceRef) -> tuple[str, object] | None:
        outcome = real_take(self, ref)
        if outcome is not None:
            taken.append(outcome[0])
        return outcome

    monkeypatch.setattr(ahead, "shares", lambda files: files)  # the worker parses them all
    monkeypatch.setattr(ahead.ParsedAhead, "take", take)
    _same_as_here(tmp_path, monkeypatch, head=0)
    assert sorted(taken) == ["failed"] + ["feed"] + ["parsed"] * 8


def test_the_work_is_shared_and_the_store_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_as_here(tmp_path, monkeypatch, head=1)
    shared = ahead.shares(_refs(tmp_path / "pages"))
    assert len(shared) == 6  # of the ten files, the first here, then two in three there


def test_without_a_worker_every_file_is_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", "")  # no process can start
    _same_as_here(tmp_path, monkeypatch, head=0)


def test_a_stopped_import_stops_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(limits, "PARSE_AHEAD_FILES", 2)
    monkeypatch.setattr(limits, "PARSE_AHEAD_HEAD", 0)
    done: list[str] = []
    store = open_store(tmp_path / "store.db")
    report = import_sources(
        [str(folder)],
        store,
        on_progress=lambda progress: done.append(progress.label),
        should_stop=lambda: len(done) >= 2,
    )
    assert len(done) == 2
    assert report.new + report.duplicate + len(report.failures) <= 2
    store.close()


def _refs(folder: Path) -> tuple[SourceRef, ...]:
    refs, _ = expand_sources([str(folder)])
    return tuple(refs)
