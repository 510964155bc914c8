"""A process killed mid-import leaves a sound store with whole sources only."""

from __future__ import annotations

from pathlib import Path

from robustness.crash import PER_SOURCE, SOURCES, kill_mid_import, write_sources


def test_sigkill_mid_import_loses_nothing_and_leaves_no_partial_source(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    write_sources(folder)
    after = kill_mid_import(folder, tmp_path / "store.db")
    assert after.integrity == "ok"
    assert after.per_source, "the import was killed before any source landed"
    assert len(after.per_source) < SOURCES, "the import finished before it was killed"
    assert set(after.per_source) == {PER_SOURCE}, "a source was only partly stored"
    assert after.articles_after_rerun == SOURCES * PER_SOURCE
    assert after.distinct_after_rerun == SOURCES * PER_SOURCE
