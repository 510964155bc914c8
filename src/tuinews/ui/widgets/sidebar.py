"""The sidebar: smart views, then the categories (up to MAX_CATEGORIES), with unread counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tuinews.models import SavedView, SidebarCounts, View, ViewKind

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
}


def option_id(view: View) -> str:
    if view.kind is ViewKind.CATEGORY:
        return f"category:{view.category}"
    if view.kind is ViewKind.SAVED:
        return f"saved:{view.name}"
    return str(view.kind.value)


class Sidebar(OptionList):
    """Views and categories; highlighting one shows it in the article list."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("g", "first", "First", show=False, id="sidebar.first"),
        Binding("G", "last", "Last", show=False, id="sidebar.last"),
        # The reason for a `!` without a mouse: "Feeds…" shows each feed's whole last error.
        Binding("exclamation_mark", "app.feeds", "Feeds and their errors", id="sidebar.feeds"),
    ]

    @dataclass
    class Selected(Message):
        """The user moved to another view."""

        view: View

    @dataclass
    class Entered(Message):
        """The user pressed enter on a view: go to its articles."""

        view: View

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views: dict[str, View] = {}
        self._ready = False
        self._shown: (
            tuple[SidebarCounts, View, View | None, dict[str, str], tuple[SavedView, ...]] | None
        ) = None
        self._built_for: tuple[object, ...] | None = None
        self.border_title = "Views"

    def on_resize(self, event: Resize) -> None:
        # Entries are laid out for a width: redraw them when the sidebar appears or resizes.
        if self._shown is not None:
            counts, current, search, problems, saved = self._shown
            self.show_counts(counts, current, search, problems=problems, saved=saved)

    def show_counts(
        self,
        counts: SidebarCounts,
        current: View,
        search: View | None = None,
        *,
        problems: dict[str, str] | None = None,
        saved: Sequence[SavedView] = (),
    ) -> None:
        """Redraw every entry with its count, keeping `current` highlighted.

        An active search is shown first, so the user can see it and return to it.
        `problems` maps "feed title\x1fcategory" to the feed's last error: those
        categories get a mark, and the reasons show when the pointer rests on the sidebar.
        The `saved` searches come after the smart views, with their unread counts.
        """
        problems = problems or {}
        saved = tuple(saved)
        self._shown = (counts, current, search, problems, saved)
        width = max(12, self.scrollable_content_region.width - 1)
        opened = current.category if current.kind is ViewKind.CATEGORY else None
        listed = opened is None or opened in islice(counts.categories, MAX_CATEGORIES)
        built_for = (counts, search, problems, saved, width, None if listed else opened)
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
            entry = _entry(view, counts.categories[name].unread, width, warn=name in failing)
            options.append(Option(entry, id=option_id(view)))
            self._views[option_id(view)] = view
        hidden = len(counts.categories) - len(shown)
        if hidden > 0:
            more = Text(f"… {hidden:,} more: ctrl+p, Jump to category", style="dim")
            more.truncate(width, overflow="ellipsis")
            options.append(Option(more, id="more", disabled=True))
        self._ready = False
        self.clear_options()
        self.add_options(options)
        self._highlight(current)
        self._ready = True

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


def _entry(view: View, number: int, width: int, *, warn: bool = False) -> Text:
    icon = ICONS.get(view.kind, "#")
    count = str(number) if number else ""
    label = Text(f"{icon} ")
    label.append(view.label)  # a category name is data, never markup
    mark = 2 if warn else 0
    label.truncate(max(4, width - len(count) - 1 - mark), overflow="ellipsis", pad=True)
    if warn:
        label.append(" !", style="bold red")
    label.append(f" {count}", style="bold")
    return label
