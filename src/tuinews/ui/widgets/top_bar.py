"""The header: a clickable "Menu", the app's title and what the current view holds."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.message import Message
from textual.widgets import Static


class MenuButton(Static):
    """The word "Menu" in the header; a click opens the menu."""

    class Pressed(Message):
        """The menu button was clicked."""

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Pressed())


class TopBar(Horizontal):
    """One line: ≡ Menu · tuinews · view and unread count."""

    def compose(self) -> ComposeResult:
        yield MenuButton(Text("≡ Menu"), id="menu-button")
        yield Static(Text("tuinews", style="bold"), id="app-title")
        yield Static("", id="view-status")

    def show_status(self, text: str) -> None:
        # Its box is fixed by the bar (one line, the rest of the width): no layout needed,
        # which would redraw the whole screen on every view change.
        self.query_one("#view-status", Static).update(Text(text), layout=False)
