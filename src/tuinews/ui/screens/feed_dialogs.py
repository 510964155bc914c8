"""Small dialogs of "Feeds…": confirm removing a feed, and one text field (title, category)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from tuinews.ui.backdrop import Dialog


class ConfirmRemove(Dialog[bool]):
    """Ask before a feed and its unstarred articles go: y removes, n or escape keeps."""

    BINDINGS = [
        Binding("y", "answer(True)", "Remove", id="confirm_remove.yes"),
        Binding("n,escape", "answer(False)", "Keep", id="confirm_remove.no"),
    ]

    def __init__(self, label: str, url: str) -> None:
        super().__init__()
        self.label = label
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-remove-box", classes="dialog"):
            question = Text("Unsubscribe from ")
            question.append(self.label, style="bold")  # a title is data, never markup
            question.append("?")
            if self.label != self.url:  # a feed without a title is called by its URL
                question.append(f"\n{self.url}")
            question.append("\n\nIts articles are deleted; starred ones are kept.")
            yield Static(question, id="confirm-remove-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Remove (y)", id="confirm-remove-yes", variant="error")
                yield Button("Keep (n)", id="confirm-remove-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-remove-box").border_title = "Remove feed"
        self.query_one("#confirm-remove-no").focus()  # enter alone never deletes

    def action_answer(self, remove: bool) -> None:
        self.dismiss(remove)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-remove-yes")


class FeedField(Dialog[str | None]):
    """One line of text about a feed (its title or category); enter keeps it, escape cancels.

    An empty line is returned as "" (the caller decides what clearing means).
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="feed_field.cancel")]

    def __init__(self, title: str, prompt: str, value: str) -> None:
        super().__init__()
        self.box_title = title
        self.prompt = prompt
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="feed-field-box", classes="dialog"):
            yield Label(self.prompt)
            yield Input(self.value, id="feed-field", select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one("#feed-field-box").border_title = self.box_title
        self.query_one("#feed-field", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())
