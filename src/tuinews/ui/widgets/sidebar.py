"""The sidebar: smart views, then every category, each with its unread count."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuinews.models import SidebarCounts, View, ViewKind

SMART_VIEWS = (ViewKind.ALL, ViewKind.UNREAD, ViewKind.STARRED, ViewKind.TODAY)
ICONS = {ViewKind.ALL: "≡", ViewKind.UNREAD: "●", ViewKind.STARRED: "★", ViewKind.TODAY: "◷"}


def option_id(view: View) -> str:
    if view.kind is ViewKind.CATEGORY:
        return f"category:{view.category}"
    return str(view.kind.value)


def view_of(option: str) -> View:
    if option.startswith("category:"):
        return View(ViewKind.CATEGORY, option.removeprefix("category:"))
    return View(ViewKind(option))


class Sidebar(OptionList):
    """Views and categories; highlighting one shows it in the article list."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
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
        self._views: list[View] = []
        self._ready = False
        self._shown: tuple[SidebarCounts, View] | None = None
        self.border_title = "Views"

    def on_resize(self, event: Resize) -> None:
        # Entries are laid out for a width: redraw them when the sidebar appears or resizes.
        if self._shown is not None:
            self.show_counts(*self._shown)

    def show_counts(self, counts: SidebarCounts, current: View) -> None:
        """Redraw every entry with its count, keeping `current` highlighted."""
        self._shown = (counts, current)
        width = max(12, self.scrollable_content_region.width - 1)
        views = [View(kind) for kind in SMART_VIEWS]
        views += [View(ViewKind.CATEGORY, name) for name in counts.categories]
        options: list[Option | None] = []
        for index, view in enumerate(views):
            if index == len(SMART_VIEWS):
                options.append(None)
            count = (
                counts.views[view.kind]
                if view.kind is not ViewKind.CATEGORY
                else counts.categories[view.category or ""]
            )
            number = count.total if view.kind is ViewKind.STARRED else count.unread
            options.append(Option(_entry(view, number, width), id=option_id(view)))
        self._ready = False
        self.clear_options()
        self.add_options(options)
        self._views = views
        self._highlight(current)
        self._ready = True

    def _highlight(self, view: View) -> None:
        try:
            self.highlighted = self.get_option_index(option_id(view))
        except Exception:
            self.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._ready and event.option.id is not None:
            self.post_message(self.Selected(view_of(event.option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Entered(view_of(event.option.id)))


def _entry(view: View, number: int, width: int) -> Text:
    icon = ICONS.get(view.kind, "#")
    count = str(number) if number else ""
    label = Text(f"{icon} ")
    label.append(view.label)  # a category name is data, never markup
    label.truncate(max(4, width - len(count) - 1), overflow="ellipsis", pad=True)
    label.append(f" {count}", style="bold")
    return label
