"""The list's sort order and unread-only switch, per view and remembered across restarts;
the list's title, which says both.

A base class of MainScreen: `O` moves to the next sort order (newest, oldest, source,
title; a search starts at its best match), `U` shows only the unread articles or all
again. Each view keeps its own choice in the store's settings ("ui.order.<view>"); the
palette offers each order by name. The list's title says which order is on, so that the
user knows why rows are missing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual.binding import Binding
from textual.screen import Screen

from tuinews.marks import Marks
from tuinews.models import Count, FeedEntry, ListOrder, SidebarCounts, Sort, View, ViewKind
from tuinews.store import Store
from tuinews.store.orders import default_order, effective_order
from tuinews.store.search import SEARCH_COUNT_LIMIT

# What an empty view says: why it is empty and how to fill it.
EMPTY_HINTS = {
    ViewKind.ALL: "No articles yet: i imports a file or folder, m then Add feed… subscribes.",
    ViewKind.UNREAD: "Everything is read. u undoes the last marking; R fetches new articles.",
    ViewKind.STARRED: "No starred articles: press s on an article to star it.",
    ViewKind.TODAY: "Nothing from today yet: R refreshes your feeds, i imports.",
    ViewKind.SEARCH: "Nothing matches this search. / searches again, escape goes back.",
    ViewKind.FEED: "No articles from this feed here yet: R refreshes it; ! shows its errors.",
}
UNREAD_ONLY_HINT = "No unread articles here: U shows the read ones too."
ORDER_SETTING = "ui.order."
SORTS = (Sort.NEWEST, Sort.OLDEST, Sort.SOURCE, Sort.TITLE)


def order_key(view: View) -> str:
    """The setting that holds a view's order (every search shares one)."""
    return ORDER_SETTING + ("search" if view.kind is ViewKind.SEARCH else view.to_setting())


def empty_hint(view: View, order: ListOrder) -> str:
    """What an empty list says: why it is empty and how to fill it."""
    if order.unread_only:
        return UNREAD_ONLY_HINT
    return EMPTY_HINTS.get(view.kind, EMPTY_HINTS[ViewKind.ALL])


def opened_from(setting: str | None) -> frozenset[str]:
    """The sidebar's open categories from their setting (a JSON list of names)."""
    try:
        names = json.loads(setting or "[]")
    except ValueError:
        return frozenset()
    return (
        frozenset(n for n in names if isinstance(n, str))
        if isinstance(names, list)
        else frozenset()
    )


def sorts_for(view: View) -> tuple[Sort, ...]:
    """The orders `O` goes through in a view: a search's best match first."""
    return (Sort.BEST, *SORTS) if view.kind is ViewKind.SEARCH else SORTS


def palette_commands(screen: ListOrdering) -> list[tuple[str, str, Callable[[], None]]]:
    """The palette's commands for the list's order: (title, help, what it runs)."""
    commands: list[tuple[str, str, Callable[[], None]]] = [
        (
            f"Sort the list: {ListOrder(sort).describe()}",
            "Order this view's list so (O goes through the orders; remembered per view)",
            partial(screen.action_sort_by, sort.value),
        )
        for sort in SORTS
    ]
    commands.append(
        (
            "Unread only: on/off",
            "Show only this view's unread articles, or all again (U; remembered per view)",
            screen.action_toggle_unread_only,
        )
    )
    return commands


class ListOrdering(Screen[None]):
    """Keys of the main screen that order the list and hide the read articles."""

    BINDINGS = [
        Binding("O", "cycle_sort", "Sort", show=False, id="list.sort"),
        Binding("U", "toggle_unread_only", "Unread only", show=False, id="list.unread_only"),
    ]

    store: Store
    marks: Marks
    clock: Callable[[], datetime]
    order: ListOrder = ListOrder()
    feeds: dict[str, list[FeedEntry]] = {}

    def current_view(self) -> View:
        """The view on screen (MainScreen: its reactive)."""
        raise NotImplementedError

    def reload_list(self) -> None:
        """Load the list again in the new order, keeping the highlighted article."""
        raise NotImplementedError

    def saved_order(self, view: View) -> ListOrder:
        """The order the user last chose for `view`, else its default."""
        saved = ListOrder.from_setting(self.store.get_setting(order_key(view)))
        if saved is None or saved.sort not in sorts_for(view):
            return default_order(view)
        return saved

    def shown_order(self) -> ListOrder:
        """The order the list really has (an unread-only search lists newest first)."""
        return effective_order(self.current_view(), self.order)

    def set_order(self, order: ListOrder) -> None:
        """Order the list so, remember it for this view, and say what changed."""
        view = self.current_view()
        self.order = order
        self.marks.save_setting(order_key(view), order.to_setting())
        self.reload_list()
        self.notify(f"{view.label}: {self.shown_order().describe()}.", timeout=2, markup=False)

    def action_cycle_sort(self) -> None:
        sorts = sorts_for(self.current_view())
        now = sorts.index(self.order.sort) if self.order.sort in sorts else -1
        self.set_order(ListOrder(sorts[(now + 1) % len(sorts)], self.order.unread_only))

    def action_toggle_unread_only(self) -> None:
        self.set_order(ListOrder(self.order.sort, not self.order.unread_only))

    def action_sort_by(self, name: str) -> None:
        """The palette's "Sort the list: by title" and the like."""
        sort = Sort(name)
        if sort in sorts_for(self.current_view()):
            self.set_order(ListOrder(sort, self.order.unread_only))

    # -- the list's title: the view, its count, and its order ------------------

    def list_title(self, counts: SidebarCounts) -> str:
        """ "Science (1,234)", with the order when it is not the view's default:
        "Science (170 unread) · by title, unread only"."""
        view, order = self.current_view(), self.shown_order()
        shown = "" if order == default_order(view) else f" · {order.describe()}"
        return f"{view.label} ({self._view_count(view, counts)}){shown}"

    def view_status(self) -> str:
        """The view in the status line; a failing feed says why there, not only by its `!`."""
        feed = self.feed_entry()
        failing = f" · ! {feed.error}" if feed is not None and feed.error else ""
        return f"{self.current_view().label}{failing}"

    def feed_entry(self) -> FeedEntry | None:
        """The sidebar's entry of the feed on screen (None for another view)."""
        view = self.current_view()
        if view.kind is not ViewKind.FEED:
            return None
        entries = self.feeds.get(view.category or "", [])
        return next((entry for entry in entries if entry.url == view.feed), None)

    def _view_count(self, view: View, counts: SidebarCounts) -> str:
        """How many articles the list holds, as its title shows it ("1,000+", "3 unread")."""
        if view.kind is ViewKind.SEARCH:
            total = self.store.count(view, self.clock()).total
            return f"{SEARCH_COUNT_LIMIT:,}+" if total > SEARCH_COUNT_LIMIT else f"{total:,}"
        if view.kind is ViewKind.CATEGORY:
            count = counts.categories[view.category or ""]
        elif view.kind is ViewKind.FEED:
            feed = self.feed_entry()
            count = Count(feed.total, feed.unread) if feed is not None else Count(0, 0)
        elif view.kind in counts.views:
            count = counts.views[view.kind]
        else:
            count = self.store.count(view, self.clock())
        return f"{count.unread:,} unread" if self.order.unread_only else f"{count.total:,}"
