"""What the reader says after an undo, an import or a refresh: counts and nouns agree."""

from __future__ import annotations

from tuinews.marks.history import Marking
from tuinews.models import ImportReport


def test_undo_says_what_the_articles_are_again() -> None:
    # Undoing an `r` that marked one article read.
    assert Marking("read", {7: False}, "marked read").undone() == (
        "Undone: 1 article is unread again."
    )
    # Undoing `A` on four articles.
    marked = Marking("read", dict.fromkeys([1, 2, 3, 4], False), "4 marked read")
    assert marked.undone() == "Undone: 4 articles are unread again."
    assert (
        Marking("read", {7: True}, "marked unread").undone() == "Undone: 1 article is read again."
    )
    assert Marking("starred", {7: False}, "starred").undone() == (
        "Undone: 1 article is no longer starred."
    )
    assert Marking("starred", {7: True}, "unstarred").undone() == (
        "Undone: 1 article is starred again."
    )


def test_one_source_is_one_source() -> None:
    report = ImportReport()
    report.sources = 1
    assert report.summary().endswith("failed from 1 source")
    report.sources = 2
    assert report.summary().endswith("failed from 2 sources")
