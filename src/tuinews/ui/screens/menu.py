"""The menu (`m`, or a click on "Menu"): every app-wide command, also in the palette."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuinews.ui.backdrop import Dialog
from tuinews.ui.key_commands import keys_by_id


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """One command: its label, the app action it runs, a line of help, and the id of the
    binding that runs it from the main screen (its key is shown at the entry's right)."""

    label: str
    action: str
    help: str
    key: str | None = None


MENU_ENTRIES = (
    MenuEntry(
        "Import file or folder…",
        "import_dialog",
        "Import feeds, pages, JSON or text dumps",
        "import",
    ),
    MenuEntry("Import from URL…", "import_url", "Fetch a feed, an article page or a text file"),
    MenuEntry("Paste a page…", "import_paste", "Import a page's text copied from the browser"),
    MenuEntry("Add feed…", "add_feed", "Subscribe to a feed by its URL"),
    MenuEntry("Refresh feeds", "refresh", "Fetch every subscribed feed", "feeds.refresh"),
    MenuEntry("Feeds…", "feeds", "Subscriptions, their counts and their errors", "feeds.open"),
    MenuEntry("Export…", "export", "Subscriptions as OPML, articles as JSON Lines"),
    MenuEntry("Search…", "search", "Full-text search of every article", "search.start"),
    MenuEntry("Saved views…", "saved_views", "Searches saved as views: open, rename, remove"),
    MenuEntry(
        "Filters…", "filters", "The killfile: what each filter caught, and undo", "filters.open"
    ),
    MenuEntry("Theme…", "change_theme", "Pick a colour theme (saved in the config file)"),
    MenuEntry("Help", "help", "Every key and what it does", "help"),
    MenuEntry("Quit", "quit", "Leave tuinews", "quit"),
)


def entry_line(label: str, key: str | None) -> Table:
    """An entry as menus show one: its label, and its key at the right."""
    line = Table.grid(expand=True)
    line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    line.add_column(justify="right", no_wrap=True)
    line.add_row(Text(label), Text(key or "", style="dim"))
    return line


class MenuScreen(Dialog[str | None]):
    """A short list of commands; enter runs one, escape closes."""

    BINDINGS = [
        Binding("escape,m", "dismiss(None)", "Close", id="menu.close"),
        Binding("j", "cursor_down", "Down", show=False, id="menu.down"),
        Binding("k", "cursor_up", "Up", show=False, id="menu.up"),
    ]

    def compose(self) -> ComposeResult:
        # The keys as the user's keymap has them (set when the app mounts, before any menu).
        bound = keys_by_id(self.app)
        keys = [bound.get(entry.key) if entry.key else None for entry in MENU_ENTRIES]
        with Vertical(id="menu-box"):
            yield OptionList(
                *(
                    Option(entry_line(entry.label, key), id=entry.action)
                    for entry, key in zip(MENU_ENTRIES, keys, strict=True)
                ),
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
