"""SQL for the list's sort orders (newest, oldest, source, title) and its unread-only switch.

Every order of every view reads an index in list order, or sorts a view that is small by
nature (a feed within a category, starred, today, a search) in its own index's rows:
list_index() names the index where the planner, without statistics, would pick another.
A position or a next unread article is found by keyset bounds split into index ranges.
"""

from __future__ import annotations

from datetime import datetime

from tuinews.models import ArticleRow, ListOrder, Sort, View, ViewKind
from tuinews.store.rows import to_iso
from tuinews.store.views import ORDER, view_filter

# Each sort order: its ORDER BY, and the column that comes before the date (if any).
ORDERS = {
    Sort.NEWEST: (ORDER, None),
    Sort.BEST: (ORDER, None),  # a search ranks its own rows; elsewhere it means newest
    Sort.OLDEST: ("ORDER BY sort_at ASC, id ASC", None),
    Sort.TITLE: ("ORDER BY title COLLATE NOCASE, sort_at DESC, id DESC", "title"),
    Sort.SOURCE: ("ORDER BY source COLLATE NOCASE, sort_at DESC, id DESC", "source"),
}
# The whole store's index for each text order (read rides along: unread-only filters in it).
_TEXT_INDEX = {"title": "articles_by_title", "source": "articles_by_source_name"}


def default_order(view: View) -> ListOrder:
    """A view's order until the user picks another: a search's best match first, else
    the newest first."""
    return ListOrder(Sort.BEST if view.kind is ViewKind.SEARCH else Sort.NEWEST)


def effective_order(view: View, order: ListOrder | None) -> ListOrder:
    """The order a view's list really has (None: its default). BEST ranks a search's
    matches, newest first elsewhere; an unread-only search lists its unread matches
    newest first (ranking pages through the ranked matches, not a filtered part)."""
    if order is None:
        return default_order(view)
    if order.sort is Sort.BEST and (view.kind is not ViewKind.SEARCH or order.unread_only):
        return ListOrder(Sort.NEWEST, order.unread_only)
    return order


def ordered_filter(view: View, order: ListOrder, now: datetime) -> tuple[str, list[object]]:
    """view_filter() narrowed to the unread articles when the order asks for them only."""
    where, params = view_filter(view, now)
    return (f"({where}) AND read = 0", params) if order.unread_only else (where, params)


def order_by(order: ListOrder) -> str:
    """The ORDER BY clause of a sort order."""
    return ORDERS[order.sort][0]


def list_index(view: View, order: ListOrder) -> str:
    """An INDEXED BY clause for a view's list in `order`, where the planner needs telling.

    Without statistics SQLite would walk the whole store's title index to find a feed's
    articles (each looked up in the table), or sort every unread article instead of
    walking the title index, where unread-only is read without the table. (A saved view
    reads its own indexes: saved.py.)
    """
    column = ORDERS[order.sort][1]
    if view.kind is ViewKind.FEED:
        return "INDEXED BY articles_by_feed"
    if view.kind is ViewKind.STARRED and column:
        return f"INDEXED BY articles_starred_by_{column}"
    if view.kind is ViewKind.STARRED and order.unread_only:
        return "INDEXED BY articles_starred_unread"
    if column is None:
        return ""
    if view.kind in (ViewKind.ALL, ViewKind.UNREAD):
        return f"INDEXED BY {_TEXT_INDEX[column]}"
    if view.kind is ViewKind.CATEGORY:
        return f"INDEXED BY articles_category_by_{column}"
    if view.kind is ViewKind.TODAY:
        return "INDEXED BY articles_by_read" if order.unread_only else "INDEXED BY articles_by_date"
    return ""


def keyset(
    order: ListOrder,
    row: ArticleRow,
    *,
    after: bool,
    columns: tuple[str, str, str] = ("sort_at", "id", ""),
) -> list[tuple[str, list[object]]]:
    """The rows that come after (or before) `row` in `order`: conditions with their
    parameters, each an index range, together in list order (nearest first).

    Dates compare as row values, so that an index in list order seeks to them; a title or
    source order compares its text first (without regard to case, as it sorts). `columns`
    names the date and id columns and the prefix of the text ones: a saved view's matches
    keep them as matched_at, article_id and match_title / match_source (saved.py).
    """
    date_column, id_column, prefix = columns
    date = to_iso(row.date)
    later = after != (order.sort is Sort.OLDEST)  # later in the list: an older date
    dated = f"({date_column}, {id_column}) {'<' if later else '>'} (?, ?)"
    column = ORDERS[order.sort][1]
    if column is None:
        return [(dated, [date, row.id])]
    text = row.title if column == "title" else row.source
    same: tuple[str, list[object]] = (
        f"{prefix}{column} = ? COLLATE NOCASE AND {dated}",
        [text, date, row.id],
    )
    other: tuple[str, list[object]] = (
        f"{prefix}{column} {'>' if after else '<'} ? COLLATE NOCASE",
        [text],
    )
    return [same, other] if after else [other, same]
