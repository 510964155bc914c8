"""The article list's paging window, without Textual: pages, windows far down, loads counted."""

from __future__ import annotations

from datetime import UTC, datetime

from tuinews.models import ArticleRow
from tuinews.ui.paging import FAR, PAGE_SIZE, PagingWindow

WHEN = datetime(2026, 11, 23, tzinfo=UTC)


class View:
    """A view of `size` rows (ids 1..size) that counts the pages asked of it."""

    def __init__(self, size: int) -> None:
        self.ids = list(range(1, size + 1))
        self.pages: list[tuple[int, int]] = []

    def load(self, offset: int, limit: int) -> list[ArticleRow]:
        self.pages.append((offset, limit))
        return [row(i) for i in self.ids[offset : offset + limit]]

    def locate(self, article_id: int) -> int | None:
        return self.ids.index(article_id) if article_id in self.ids else None


def row(article_id: int, *, read: bool = False) -> ArticleRow:
    return ArticleRow(article_id, f"t{article_id}", "s", "c", WHEN, WHEN, read, False)


def test_a_view_opens_with_one_page_and_loads_the_next_on_demand() -> None:
    view = View(PAGE_SIZE * 2 + 5)
    window = PagingWindow()
    assert window.open(view.load, view.locate, None) is None
    assert len(window.rows) == PAGE_SIZE and view.pages == [(0, PAGE_SIZE)]
    assert window.load_more() == PAGE_SIZE
    assert window.load_more() == 5 and window.exhausted
    assert window.load_more() == 0 and len(view.pages) == 3


def test_an_article_far_down_costs_one_window_not_every_page_before_it() -> None:
    view = View(100_000)
    window = PagingWindow()
    index = window.open(view.load, view.locate, 90_000)
    assert index is not None and window.rows[index].id == 90_000
    assert window.base == 90_000 - 1 - PAGE_SIZE // 2
    assert len(view.pages) <= 2
    # Rows above the window come in front; every loaded row moves down by as many.
    base = window.base
    added = window.load_earlier()
    assert added == PAGE_SIZE and window.base == base - PAGE_SIZE
    assert window.rows[window.index[90_000]].id == 90_000


def test_find_loads_up_to_a_near_article_and_replaces_the_window_for_a_far_one() -> None:
    view = View(10_000)
    window = PagingWindow()
    window.open(view.load, view.locate, None)
    index, replaced = window.find(PAGE_SIZE + 10)
    assert index == PAGE_SIZE + 9 and not replaced and window.base == 0
    index, replaced = window.find(9_000)
    assert replaced and index is not None and window.rows[index].id == 9_000
    assert window.base > FAR
    assert window.find(123_456) == (None, False)


def test_without_a_locator_an_article_is_found_by_paging() -> None:
    view = View(PAGE_SIZE * 3)
    window = PagingWindow()
    index = window.open(view.load, None, PAGE_SIZE * 2 + 1)
    assert index == PAGE_SIZE * 2 and len(view.pages) == 3


def test_a_changed_row_replaces_the_loaded_one() -> None:
    view = View(10)
    window = PagingWindow()
    window.open(view.load, view.locate, None)
    assert window.replace(row(4, read=True)) == 3 and window.rows[3].read
    assert window.replace(row(99)) is None


def test_rows_already_loaded_are_not_added_twice() -> None:
    view = View(PAGE_SIZE + 10)
    window = PagingWindow()
    window.open(view.load, view.locate, None)
    view.ids.insert(0, 0)  # a new article arrived at the top: the next page overlaps
    window.load_more()
    assert len(window.rows) == len(set(r.id for r in window.rows)) == PAGE_SIZE + 10
