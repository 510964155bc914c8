"""Every format imports from a file, a folder, stdin and a local URL; re-import adds nothing."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLE_DATA
from httpserver import serve, static
from tuinews.importer.pipeline import import_sources
from tuinews.store import open_store

FORMATS = {
    "rss": SAMPLE_DATA / "feeds" / "technology-and-science.rss",
    "atom": SAMPLE_DATA / "feeds" / "world-and-politics.atom",
    "rdf": SAMPLE_DATA / "feeds" / "community-notes.rdf",
    "json": SAMPLE_DATA / "business-and-sports.json",
    "jsonl": SAMPLE_DATA / "health-and-culture.jsonl",
    "html": SAMPLE_DATA / "pages" / "science-glacier-moss.html",
    "text dump": SAMPLE_DATA / "dumps" / "world-two-articles.txt",
    "opml": FIXTURES / "opml" / "subscriptions.opml",
}
TYPES = {"html": "text/html", "text dump": "text/plain", "json": "application/json"}


def outcome(report) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    assert report.failures == [], report.failures
    return report.new + report.subscriptions_added, report.updated, report.duplicate


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_file_folder_stdin_and_url(name: str, tmp_path: Path) -> None:
    path = FORMATS[name]
    data = path.read_bytes()
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    results = {}
    with serve({"/source": static(data, TYPES.get(name, "application/xml"))}) as (base, _):
        ways = {
            "file": lambda store: import_sources([str(path)], store),
            "folder": lambda store: import_sources([str(folder)], store),
            "stdin": lambda store: import_sources(["-"], store, stdin=io.BytesIO(data)),
            "url": lambda store: import_sources([f"{base}/source"], store),
        }
        for way, run in ways.items():
            store = open_store(tmp_path / f"{way}.db")
            first = outcome(run(store))
            again = outcome(run(store))
            results[way] = first[0]
            assert first[0] > 0, f"{name} via {way} imported nothing"
            assert again[0] == 0 and again[1] == 0, f"{name} via {way}: re-import added {again}"
            store.close()
    assert len(set(results.values())) == 1, results
