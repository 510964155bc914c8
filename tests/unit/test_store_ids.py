"""The ids save_source reports are the stored rows' ids, however SQLite chose them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuinews.models import ArticleDraft, Outcome
from tuinews.store import open_store

LARGEST_ROWID = 2**63 - 1


def _draft(n: int) -> ArticleDraft:
    return ArticleDraft(
        title=f"Ferry timetable {n}",
        body=f"The council changed the ferry timetable for the {n}th time.",
        url=f"https://example.org/ferries/{n}",
    )


@pytest.mark.parametrize("count", [1, 3])
def test_ids_are_the_rows_ids_when_the_largest_rowid_is_taken(tmp_path: Path, count: int) -> None:
    store = open_store(tmp_path / "store.db")
    store.save_source("/src/first.json", "First", "json", [_draft(0)])
    # With the largest rowid taken, SQLite picks the next ids at random.
    store.conn.execute("UPDATE articles SET id = ? WHERE id = 1", (LARGEST_ROWID,))
    store.conn.commit()
    drafts = [_draft(n) for n in range(1, count + 1)]
    saved, _ = store.save_source("/src/second.json", "Second", "json", drafts)
    assert [s.outcome for s in saved] == [Outcome.NEW] * count
    for result, draft in zip(saved, drafts, strict=True):
        (title,) = store.conn.execute(
            "SELECT title FROM articles WHERE id = ?", (result.article_id,)
        ).fetchone()
        assert title == draft.title
    store.close()
