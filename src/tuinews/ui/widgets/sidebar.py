"""The sidebar: smart views, saved views, then the categories (up to MAX_CATEGORIES), each
with its feeds beneath it when opened, all with unread counts and a feed's `!` error mark.

A category with feeds shows ▸ (closed) or ▾ (open): space (or a click on the triangle)
opens and closes it, right opens, left closes (from one of its feeds too). Which categories
are open is the sidebar's own state; it says so with OpenedChanged, for the screen to keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Resize
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tuinews.models import FeedEntry, SavedView, SidebarCounts, View, ViewKind
from tuinews.ui.widgets.in_place import Shape, show_options

# Each entry is a line laid out in Python, redrawn on every count change: beyond this many
# categories the rest are reached through the command palette ("Jump to category").
MAX_CATEGORIES = 500
SMART_VIEWS = (ViewKind.ALL, ViewKind.UNREAD, ViewKind.STARRED, ViewKind.TODAY)
ICONS = {
    ViewKind.ALL: "≡",
    ViewKind.UNREAD: "●",
    ViewKind.STARRED: "★",
    ViewKind.TODAY: "◷",
    ViewKind.SEARCH: "⌕",
    ViewKind.SAVED: "◇",
    ViewKind.FEED: "·",
}
OPEN, CLOSED = "▾", "▸"
FEED_INDENT = 2


def option_id(view: View) -> str:
    if view.kind is ViewKind.CATEGORY:
        return f"category:{view.category}"
    if view.kind is ViewKind.SAVED:
        return f"saved:{view.name}"
    if view.kind is ViewKind.FEED:
        return f"feed:{view.category}\x1f{view.feed}"
    return str(view.kind.value)


class Sidebar(OptionList):
    """Views and categories; highlighting one shows it in the article list."""

    BINDINGS = [
        # OptionList's own keys too, under ids of ours: the help lists them, a keymap moves them.
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("down", "cursor_down", "Down", show=False, id="sidebar.down_arrow"),
        Binding("up", "cursor_up", "Up", show=False, id="sidebar.up_arrow"),
        Binding("g,home", "first", "First", show=False, id="sidebar.first"),
        Binding("G,end", "last", "Last", show=False, id="sidebar.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="sidebar.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="sidebar.page_up"),
        Binding("enter", "select", "Go to its articles", show=False, id="sidebar.enter"),
        # The reason for a `!` without a mouse: "Feeds…" shows each feed's whole last error.
        # The same id as the screen's `!` (one key, one row in the help, remapped together);
        # here it opens on the feed under the highlight.
        Binding("exclamation_mark", "feeds_here", "Feeds…", id="feeds.open"),
        Binding(
            "space",
            "toggle_category",
            "Open/close category",
            show=False,
            id="sidebar.toggle_category",
        ),
        Binding("right", "open_category", "Open category", show=False, id="sidebar.open"),
        Binding("left", "close_category", "Close category", show=False, id="sidebar.close"),
    ]

    @dataclass
    class Selected(Message):
        """The user moved to another view."""

        view: View

    @dataclass
    class Entered(Message):
        """The user pressed enter on a view: go to its articles."""

        view: View

    @dataclass
    class OpenedChanged(Message):
        """The user opened or closed a category: these are open now."""

        opened: frozenset[str]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views: dict[str, View] = {}
        self._ready = False
        self._shown: _Shown | None = None
        self._built_for: tuple[object, ...] | None = None
        self._shape: Shape = ()  # the entries' ids and separators, as listed
        self.opened: frozenset[str] = frozenset()  # the categories whose feeds show
        self.border_title = "Views"

    def on_resize(self, event: Resize) -> None:
        # Entries are laid out for a width: redraw them when the sidebar appears or resizes.
        self._redraw()

    def _redraw(self) -> None:
        if self._shown is not None:
            counts, current, search, problems, saved, feeds = self._shown
            self.show_counts(counts, current, search, problems=problems, saved=saved, feeds=feeds)

    def show_counts(
        self,
        counts: SidebarCounts,
        current: View,
        search: View | None = None,
        *,
        problems: dict[str, str] | None = None,
        saved: Sequence[SavedView] = (),
        feeds: dict[str, list[FeedEntry]] | None = None,
    ) -> None:
        """Redraw every entry with its count, keeping `current` highlighted.

        An active search is shown first, so the user can see it and return to it.
        `problems` maps "feed title\x1fcategory" to the feed's last error: those
        categories get a mark, and the reasons show when the pointer rests on the sidebar.
        The `saved` searches come after the smart views, with their unread counts.
        `feeds` maps a category to its feeds, listed under it while it is open (the
        category of a feed on screen always is).
        """
        problems = problems or {}
        saved = tuple(saved)
        feeds = feeds or {}
        self._shown = (counts, current, search, problems, saved, feeds)
        # Entries are laid out for this width, which must not change under them: the
        # stylesheet reserves the scrollbar's gutter. A scrollbar that came with new
        # categories narrowed it without a Resize, every count wrapped onto a line of its
        # own, and OptionList, keeping one line per entry, drew a count for the separator.
        width = max(12, self.scrollable_content_region.width - 1)
        in_category = current.kind in (ViewKind.CATEGORY, ViewKind.FEED)
        opened = current.category if in_category else None
        if current.kind is ViewKind.FEED and current.category not in self.opened:
            self.opened = self.opened | {current.category or ""}
        listed = opened is None or opened in islice(counts.categories, MAX_CATEGORIES)
        built_for = (
            counts,
            search,
            problems,
            saved,
            width,
            None if listed else opened,
            self.opened,
            tuple((name, tuple(entries)) for name, entries in feeds.items()),
        )
        if built_for == self._built_for:
            # Only the highlight moves (a view was chosen): rebuilding every entry
            # would cost a layout of the whole list for nothing.
            self._ready = False
            self._highlight(current)
            self._ready = True
            return
        self._built_for = built_for
        failing = {key.split("\x1f", 1)[1] for key in problems}
        # One line per feed, though a feed may be listed under several categories.
        reasons = {key.split("\x1f", 1)[0]: reason for key, reason in problems.items()}
        self.tooltip = (
            Text("Feeds with problems (! for details):\n")
            + Text("\n".join(f"{name}: {reason}" for name, reason in reasons.items()))
            if problems
            else None
        )
        options: list[Option | None] = []
        self._views = {}
        if search is not None:
            options += [Option(_entry(search, 0, width), id="search"), None]
            self._views["search"] = search
        for kind in SMART_VIEWS:
            count = counts.views[kind]
            number = count.total if kind is ViewKind.STARRED else count.unread
            # A failing feed with no category (nor articles) yet has its `!` on "All".
            warn = kind is ViewKind.ALL and "" in failing
            options.append(Option(_entry(View(kind), number, width, warn=warn), id=kind.value))
            self._views[kind.value] = View(kind)
        options.append(None)
        for saved_view in saved:
            view = View(ViewKind.SAVED, name=saved_view.name)
            options.append(Option(_entry(view, saved_view.unread, width), id=option_id(view)))
            self._views[option_id(view)] = view
        if saved:
            options.append(None)
        shown = list(islice(counts.categories, MAX_CATEGORIES))
        if opened is not None and opened not in shown and opened in counts.categories:
            shown.append(opened)  # the open category is always listed
        for name in shown:
            view = View(ViewKind.CATEGORY, name)
            under = feeds.get(name, [])
            icon = (OPEN if name in self.opened else CLOSED) if under else None
            number = counts.categories[name].unread
            entry = _entry(view, number, width, warn=name in failing, icon=icon)
            options.append(Option(entry, id=option_id(view)))
            self._views[option_id(view)] = view
            if name in self.opened:
                for feed in under:
                    line = _entry(
                        feed.view, feed.unread, width, warn=feed.error is not None, indent=True
                    )
                    options.append(Option(line, id=option_id(feed.view)))
                    self._views[option_id(feed.view)] = feed.view
        hidden = len(counts.categories) - len(shown)
        if hidden > 0:
            more = Text(f"… {hidden:,} more: ctrl+p, Jump to category", style="dim")
            more.truncate(width, overflow="ellipsis")
            options.append(Option(more, id="more", disabled=True))
        self._ready = False
        self._shape = show_options(self, options, self._shape)
        self._highlight(current)
        self._ready = True

    async def action_feeds_here(self) -> None:
        """!: "Feeds…" on the feed under the highlight, or the first failing feed of the
        category (or of "All") under it, where the reason for its `!` shows."""
        url = self._feed_here()
        await self.run_action(f"app.feeds({url!r})" if url else "app.feeds")

    def _feed_here(self) -> str | None:
        view = self.highlighted_view
        if view is not None and view.kind is ViewKind.FEED:
            return view.feed
        listed = (ViewKind.CATEGORY, ViewKind.ALL)
        if view is None or self._shown is None or view.kind not in listed:
            return None
        feeds = self._shown[5].get(view.category or "", [])  # "": feeds without a category
        urls = [feed.url for feed in feeds if feed.error is not None] + [f.url for f in feeds]
        return urls[0] if urls else None

    # -- moving ----------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        # The highlight stops at the first and the last view, as the article list does:
        # Textual's list wraps round, and a held k ran past All and on round every view.
        index = -1 if self.highlighted is None else self.highlighted
        index += step
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += step

    # -- opening and closing categories ---------------------------------------

    def _category_here(self) -> str | None:
        """The category under the highlight, or the category of the feed under it."""
        view = self.highlighted_view
        if view is None or view.kind not in (ViewKind.CATEGORY, ViewKind.FEED):
            return None
        return view.category

    def _has_feeds(self, category: str) -> bool:
        return self._shown is not None and bool(self._shown[5].get(category))

    def set_opened(self, category: str, open_it: bool) -> None:
        """Open or close a category; closing it from one of its feeds moves to the category
        (and so shows its articles)."""
        if not self._has_feeds(category) or (category in self.opened) == open_it:
            return
        on_feed = (view := self.highlighted_view) is not None and view.kind is ViewKind.FEED
        self.opened = self.opened | {category} if open_it else self.opened - {category}
        if self._shown is not None and not open_it and self._shown[1].category == category:
            # The feed on screen is hidden now: the sidebar shows its category instead.
            counts, _, search, problems, saved, feeds = self._shown
            self._shown = (
                counts,
                View(ViewKind.CATEGORY, category),
                search,
                problems,
                saved,
                feeds,
            )
        self._redraw()
        if on_feed and not open_it:
            self.post_message(self.Selected(View(ViewKind.CATEGORY, category)))
        self.post_message(self.OpenedChanged(self.opened))

    def action_toggle_category(self) -> None:
        category = self._category_with_feeds()
        if category is not None:
            self.set_opened(category, category not in self.opened)

    def action_open_category(self) -> None:
        category = self._category_with_feeds()
        if category is not None:
            self.set_opened(category, True)

    def action_close_category(self) -> None:
        category = self._category_with_feeds()
        if category is not None:
            self.set_opened(category, False)

    def _category_with_feeds(self) -> str | None:
        """The category under the highlight when it has feeds to open on; on one without
        (its articles imported), the keys say why they do nothing."""
        category = self._category_here()
        if category is not None and not self._has_feeds(category):
            note = f"{category} has no subscribed feeds to show beneath it."
            self.notify(note, timeout=3, markup=False)
            return None
        return category

    async def _on_click(self, event: Click) -> None:
        # A click on a category's triangle opens or closes it; elsewhere it selects.
        index = event.style.meta.get("option")
        offset = event.get_content_offset(self)
        if index is None or offset is None or offset.x > 1:
            return
        view = self.view_at(self.get_option_at_index(index).id or "")
        category = view.category if view is not None and view.kind is ViewKind.CATEGORY else None
        if category and self._has_feeds(category):
            event.prevent_default()
            self.set_opened(category, category not in self.opened)

    def view_at(self, option_id: str) -> View | None:
        """The view an entry shows (None for the "more" line)."""
        return self._views.get(option_id)

    def _highlight(self, view: View) -> None:
        wanted = "search" if view.kind is ViewKind.SEARCH else option_id(view)
        try:
            self.highlighted = self.get_option_index(wanted)
        except OptionDoesNotExist:
            self.highlighted = 0

    @property
    def highlighted_view(self) -> View | None:
        """The view under the highlight now."""
        if self.highlighted is None:
            return None
        return self.view_at(self.get_option_at_index(self.highlighted).id or "")

    def watch_highlighted(self, highlighted: int | None) -> None:
        # Only the user's moves choose a view, and they say so at once. Reacting to
        # OptionHighlighted instead (a message, handled later) made the screen's own
        # re-highlight of the current view look like a move: with keys queued faster
        # than views load, the two chased each other for ever.
        super().watch_highlighted(highlighted)
        view = self.highlighted_view
        if self._ready and view is not None:
            self.post_message(self.Selected(view))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self._views:
            self.post_message(self.Entered(self._views[event.option.id]))


_Shown = tuple[
    SidebarCounts,
    View,
    View | None,
    dict[str, str],
    tuple[SavedView, ...],
    dict[str, list[FeedEntry]],
]


def _entry(
    view: View,
    number: int,
    width: int,
    *,
    warn: bool = False,
    icon: str | None = None,
    indent: bool = False,
) -> Text:
    icon = icon or ICONS.get(view.kind, "#")
    count = str(number) if number else ""
    label = Text(" " * FEED_INDENT if indent else "")
    label.append(f"{icon} ")
    label.append(view.label)  # a category name is data, never markup
    mark = 2 if warn else 0
    label.truncate(max(4, width - len(count) - 1 - mark), overflow="ellipsis", pad=True)
    if warn:
        label.append(" !", style="bold red")
    label.append(f" {count}", style="bold")
    return label
