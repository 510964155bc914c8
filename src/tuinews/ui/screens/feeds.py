"""Feed dialogs: the subscriptions with their state and errors, adding a feed, exporting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, RadioButton, RadioSet, Static

from tuinews.models import Subscription


def _when(subscription: Subscription) -> str:
    if subscription.last_fetched is None:
        return "never"
    return subscription.last_fetched.astimezone().strftime("%d %b %H:%M")


class FeedsScreen(ModalScreen[None]):
    """Every subscription: title, category, counts, last fetch and the last error."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="feeds.close"),
        Binding("a", "add", "Add feed", id="feeds.add"),
    ]

    def __init__(self, subscriptions: list[Subscription]) -> None:
        super().__init__()
        self.subscriptions = subscriptions

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-box", classes="dialog"):
            table: DataTable[Text] = DataTable(id="feeds-table", cursor_type="row")
            table.add_columns("Feed", "Category", "Articles", "Unread", "Fetched", "Problem")
            for sub in self.subscriptions:
                problem = Text(sub.last_error or "", style="bold red" if sub.last_error else "")
                table.add_row(
                    Text(sub.title or sub.url, overflow="ellipsis", no_wrap=True),
                    Text(sub.category or "-"),
                    Text(str(sub.articles), justify="right"),
                    Text(str(sub.unread), justify="right"),
                    Text(_when(sub)),
                    problem,
                )
            yield table
            message = (
                "No subscriptions yet: press a to add a feed." if not self.subscriptions else ""
            )
            yield Static(Text(message), id="feeds-hint")

    def on_mount(self) -> None:
        self.query_one("#feeds-box").border_title = "Feeds"
        self.query_one(DataTable).focus()

    def action_add(self) -> None:
        self.dismiss(None)
        self.app.call_later(self.app.run_action, "add_feed")


@dataclass(frozen=True, slots=True)
class NewFeed:
    """What the add-feed dialog returns."""

    url: str
    category: str | None


class AddFeedDialog(ModalScreen[NewFeed | None]):
    """A URL and an optional category; enter adds the feed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="add_feed.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-feed-box", classes="dialog"):
            yield Label("Feed URL")
            yield Input(placeholder="https://example.org/feed.xml", id="feed-url")
            yield Label("Category (optional)")
            yield Input(placeholder="Category", id="feed-category")
            yield Static("", id="feed-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="feed-add", variant="primary")
                yield Button("Cancel", id="feed-cancel")

    def on_mount(self) -> None:
        self.query_one("#add-feed-box").border_title = "Add feed"
        self.query_one("#feed-url").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "feed-add":
            self._add()
        else:
            self.dismiss(None)

    def _add(self) -> None:
        url = self.query_one("#feed-url", Input).value.strip()
        if not url.startswith(("http://", "https://")):
            self.query_one("#feed-status", Static).update(
                Text("Enter an http:// or https:// address.", style="bold")
            )
            return
        category = self.query_one("#feed-category", Input).value.strip() or None
        self.dismiss(NewFeed(url, category))


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the export dialog returns."""

    format: str  # "opml" or "json"
    path: Path


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Pick OPML (subscriptions) or JSON Lines (articles) and a file to write."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="export.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            with RadioSet(id="export-format"):
                yield RadioButton("Subscriptions as OPML", value=True, id="export-opml")
                yield RadioButton("Articles as JSON Lines", id="export-json")
            yield Label("File")
            yield Input(str(self.folder / "tuinews-subscriptions.opml"), id="export-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export-start", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-box").border_title = "Export"
        self.query_one("#export-path").focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        field = self.query_one("#export-path", Input)
        wanted = ".opml" if event.pressed.id == "export-opml" else ".jsonl"
        stem = "tuinews-subscriptions" if wanted == ".opml" else "tuinews-articles"
        field.value = str(Path(field.value).with_name(stem + wanted))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-start":
            self._export()
        else:
            self.dismiss(None)

    def _export(self) -> None:
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        opml = self.query_one("#export-opml", RadioButton).value
        self.dismiss(ExportChoice("opml" if opml else "json", path))
