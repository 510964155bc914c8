"""Opt-in: the shared corpus of real feeds (../shared/corpus), on both feed paths.

    TUINEWS_CORPUS_TESTS=1 .venv/bin/pytest tests/unit/test_corpus.py

Skipped unless asked for and the corpus is there (it is not part of the repository; CI
clones main with shared/ beside it). bench/corpus_fidelity.py measures the rest.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from bench.corpus_fidelity import corpus_files, find_corpus

from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.feed.fallback import parse_feed_slow
from tuinews.importer.formats.feed.stream import Unsupported, read_feed
from tuinews.importer.sniff import parse_bytes

CORPUS = find_corpus(None)
pytestmark = pytest.mark.skipif(
    CORPUS is None or not os.environ.get("TUINEWS_CORPUS_TESTS"),
    reason="the shared corpus is absent, or TUINEWS_CORPUS_TESTS is not set",
)
FEEDS = (
    [p for p in corpus_files(CORPUS) if p.suffix in (".xml", ".rss", ".atom", ".rdf")]
    if CORPUS
    else []
)


def test_both_feed_paths_agree_on_every_feed_the_stream_reads() -> None:
    read, differ = 0, []
    for path in FEEDS:
        data = path.read_bytes()
        try:
            fast = list(read_feed(io.BytesIO(data))[1])
        except (Unsupported, ImportFailure):
            continue
        read += 1
        if fast != parse_feed_slow(data)[1]:
            differ.append(path.name)
    assert read > 500 and differ == []


def test_every_file_imports_or_says_why() -> None:
    assert CORPUS is not None
    for path in corpus_files(CORPUS):
        try:
            parse_bytes(path.read_bytes())
        except ImportFailure as failure:
            assert failure.reason and "\n" not in failure.reason, path


def test_the_corpus_is_found_beside_the_repository() -> None:
    assert CORPUS is not None and (CORPUS / "README.md").exists()
    assert Path(CORPUS).name == "corpus"
