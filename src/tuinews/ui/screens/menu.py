"""The menu (`m`, or a click on "Menu"): every app-wide command, also in the palette."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuinews.ui.backdrop import Dialog


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """One command: its label, the app action it runs, and a line of help."""

    label: str
    action: str
    help: str


MENU_ENTRIES = (
    MenuEntry("Import file or folder…", "import_dialog", "Import feeds, pages, JSON or text dumps"),
    MenuEntry("Import from URL…", "import_url", "Fetch a feed, an article page or a text file"),
    MenuEntry("Paste a page…", "import_paste", "Import a page's text copied from the browser"),
    MenuEntry("Add feed…", "add_feed", "Subscribe to a feed by its URL"),
    MenuEntry("Refresh feeds", "refresh", "Fetch every subscribed feed (R)"),
    MenuEntry("Feeds…", "feeds", "Subscriptions, their counts and their errors"),
    MenuEntry("Export…", "export", "Subscriptions as OPML, articles as JSON Lines"),
    MenuEntry("Search…", "search", "Full-text search of every article"),
    MenuEntry("Saved views…", "saved_views", "Searches saved as views: open, rename, remove"),
    MenuEntry("Filters…", "filters", "The killfile: what each filter caught, and undo"),
    MenuEntry("Theme…", "change_theme", "Pick a colour theme (saved in the config file)"),
    MenuEntry("Help", "help", "Every key and what it does"),
    MenuEntry("Quit", "quit", "Leave tuinews"),
)


class MenuScreen(Dialog[str | None]):
    """A short list of commands; enter runs one, escape closes."""

    BINDINGS = [
        Binding("escape,m", "dismiss(None)", "Close", id="menu.close"),
        Binding("j", "cursor_down", "Down", show=False, id="menu.down"),
        Binding("k", "cursor_up", "Up", show=False, id="menu.up"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="menu-box"):
            yield OptionList(
                *(Option(Text(entry.label), id=entry.action) for entry in MENU_ENTRIES),
                id="menu-list",
            )

    def on_mount(self) -> None:
        self.query_one("#menu-box").border_title = "Menu"

    def on_screen_resume(self) -> None:
        # The same menu opens each time (the app keeps it): from its first entry, focused.
        entries = self.query_one(OptionList)
        entries.highlighted = 0
        entries.focus()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
