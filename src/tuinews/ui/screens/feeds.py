"""Feed dialogs: managing the subscriptions ("Feeds…"), adding a feed, exporting."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, RadioButton, RadioSet, Static

from tuinews.config import Settings
from tuinews.models import RefreshReport, Subscription
from tuinews.store import Store, StoreError
from tuinews.store.busy import QuickWait, is_busy
from tuinews.store.subscriptions import (
    add_subscription,
    list_subscriptions,
    remove_subscription,
    rename_subscription,
    set_subscription_category,
)
from tuinews.ui.backdrop import Dialog
from tuinews.ui.screens.feed_dialogs import ConfirmRemove, FeedField
from tuinews.ui.screens.feed_rows import HEADINGS, feed_rows, when
from tuinews.untrusted import shown

WRITE_WAIT_MS = 1000  # a change waits this long for a store busy with another process


def _detail(sub: Subscription) -> Text:
    """The highlighted feed in full: its URL and its whole last error (the table cuts it)."""
    text = Text(sub.url, style="bold")
    status = f" (HTTP {sub.last_status})" if sub.last_status else ""
    text.append(f"\nLast fetch: {when(sub)}{status}")
    if sub.last_error:
        text.append("\nError: ", style="bold red")
        text.append(sub.last_error)  # outside text: data, never markup
    return text


def _site(url: str) -> str:
    """The site a feed belongs to: its address without the path."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@dataclass
class FeedRefreshed(Message):
    """Refreshing one feed from "Feeds…" is done: its result, or why the store failed."""

    url: str
    report: RefreshReport | None
    error: str | None = None


class FeedsScreen(Dialog[bool]):
    """Every subscription, to manage: add, remove, rename, recategorise, refresh one, open
    its site; the highlighted feed's URL and whole last error show below the table.

    Dismissed with whether the store changed (the main screen then reloads)."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="feeds.close"),
        Binding("a", "add", "Add feed", id="feeds.add"),
        Binding("d,delete", "remove", "Remove feed", id="feeds.remove"),
        Binding("e", "rename", "Rename feed", id="feeds.rename"),
        Binding("c", "category", "Change category", id="feeds.category"),
        Binding("r", "refresh_one", "Refresh this feed", id="feeds.refresh_one"),
        Binding("o", "open_site", "Open its site", id="feeds.open_site"),
        Binding("j", "move(1)", "Next feed", show=False, id="feeds.down"),
        Binding("k", "move(-1)", "Previous feed", show=False, id="feeds.up"),
        # A modal screen hides the app's keys: its own ? lists the keys above.
        Binding("question_mark", "app.help", "Help", id="feeds.help"),
    ]

    def __init__(self, store: Store, settings: Settings, first: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.first = first  # the URL of the feed the cursor starts on
        self.subscriptions: list[Subscription] = []
        self.refreshing: str | None = None  # the URL being refreshed
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-box", classes="dialog"):
            table: DataTable[Text] = DataTable(id="feeds-table", cursor_type="row")
            yield table
            yield Static("", id="feeds-detail")
            yield Static("", id="feeds-hint")

    def on_mount(self) -> None:
        self.query_one("#feeds-box").border_title = "Feeds"
        self.load(self.first)
        self.query_one(DataTable).focus()

    def load(self, keep: str | None = None) -> None:
        """(Re)read the subscriptions; the cursor stays on `keep` (a URL) if it is there."""
        self.subscriptions = list_subscriptions(self.store)
        self._fill(keep)
        hint = "a add  d remove  e rename  c category  r refresh  o open site  escape close"
        if not self.subscriptions:
            hint = "No subscriptions yet: press a to add a feed."
        self.query_one("#feeds-hint", Static).update(Text(hint, style="dim"))
        self._show_detail()

    def _fill(self, keep: str | None) -> None:
        """The rows, fitted to the table's width; the cursor on `keep` (a URL) if it is there."""
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)  # a column keeps the width of its widest cell ever
        table.add_columns(*HEADINGS)
        rows = feed_rows(self.subscriptions, table.scrollable_content_region.width)
        for sub, row in zip(self.subscriptions, rows, strict=True):
            table.add_row(*row, key=sub.url)
        urls = [sub.url for sub in self.subscriptions]
        if keep in urls:
            table.move_cursor(row=urls.index(keep))

    def on_resize(self) -> None:
        # The title and the error are cut to the room: fitted again when it changes.
        self.call_after_refresh(self._fill, self.selected.url if self.selected else None)

    @property
    def selected(self) -> Subscription | None:
        """The subscription under the cursor."""
        row = self.query_one(DataTable).cursor_row
        return self.subscriptions[row] if 0 <= row < len(self.subscriptions) else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        sub = self.selected
        self.query_one("#feeds-detail", Static).update(_detail(sub) if sub else "")

    def _write(self, change: Callable[[], object], keep: str | None) -> bool:
        """Run one store change; on a busy or broken store say so instead of failing."""
        try:
            with QuickWait(self.store.conn, WRITE_WAIT_MS):
                change()
        except sqlite3.Error as error:
            reason = "the store is busy (an import is running)" if is_busy(error) else "failed"
            self.notify(f"Not changed: {reason}; try again.", severity="error", markup=False)
            return False
        self.changed = True
        self.load(keep)
        return True

    def action_close(self) -> None:
        self.dismiss(self.changed)

    def action_move(self, rows: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + rows))

    def action_add(self) -> None:
        # On top of this screen, so that its escape comes back here, where the user was.
        self.app.push_screen(AddFeedDialog(over_feeds=True), self._added)

    def _added(self, new: NewFeed | None) -> None:
        """Subscribe to the feed given, put the cursor on it and fetch it (it alone)."""
        if new is None:
            return
        added: list[bool] = []

        def subscribe() -> None:
            added.append(add_subscription(self.store, new.url, category=new.category))

        if not self._write(subscribe, new.url):
            return
        if added[0]:
            self.notify(f"Subscribed to {new.url}; fetching it now.", markup=False)
            self.action_refresh_one()
        else:
            self.notify(f"Already subscribed: {new.url}", markup=False)

    def action_remove(self) -> None:
        sub = self.selected
        if sub is not None:
            self.app.push_screen(ConfirmRemove(sub.label, sub.url), partial(self._remove, sub))

    def _remove(self, sub: Subscription, confirmed: bool | None) -> None:
        if confirmed and self._write(lambda: remove_subscription(self.store, sub.url), None):
            self.notify(f"Unsubscribed from {sub.label}", timeout=3, markup=False)

    def action_rename(self) -> None:
        sub = self.selected
        if sub is not None:
            prompt = "Title (empty: the feed's own title, from the next refresh)"
            field = FeedField("Rename feed", prompt, sub.title or "")
            self.app.push_screen(field, partial(self._renamed, sub))

    def _renamed(self, sub: Subscription, title: str | None) -> None:
        if title is not None:
            self._write(lambda: rename_subscription(self.store, sub.url, title or None), sub.url)

    def action_category(self) -> None:
        sub = self.selected
        if sub is not None:
            prompt = "Category for this feed and its articles (empty: by the rules)"
            field = FeedField("Change category", prompt, sub.category or "")
            self.app.push_screen(field, partial(self._recategorised, sub))

    def _recategorised(self, sub: Subscription, category: str | None) -> None:
        if category is not None:
            change = partial(set_subscription_category, self.store, sub.url, category or None)
            self._write(change, sub.url)

    def action_open_site(self) -> None:
        sub = self.selected
        if sub is not None:
            self.app.open_url(_site(sub.permanent_url or sub.url))  # says "Opening …"

    def action_refresh_one(self) -> None:
        sub = self.selected
        if sub is None:
            return
        if self.refreshing or getattr(self.app, "refreshing", False):
            self.notify("A refresh is already running.", timeout=2)
            return
        self.refreshing = sub.url
        self.query_one("#feeds-hint", Static).update(Text(f"Refreshing {sub.label}…"))
        self._refresh_worker(sub.url)

    @work(thread=True, exclusive=True, group="feed-refresh")
    def _refresh_worker(self, url: str) -> None:
        """Fetch one feed on a worker thread through a connection of its own."""
        from tuinews.feeds.refresh import refresh_configured

        try:
            report = refresh_configured(
                self.store.path,
                self.settings,
                only=(url,),
                connect=lambda _path: self.store.reopen(),
            )
        except StoreError as exc:
            self.post_message(FeedRefreshed(url, None, shown(exc)))
        except sqlite3.Error:
            self.post_message(FeedRefreshed(url, None, "the store cannot be opened"))
        else:
            self.post_message(FeedRefreshed(url, report))

    def on_feed_refreshed(self, message: FeedRefreshed) -> None:
        self.refreshing = None
        self.changed = True
        self.load(message.url)
        report = message.report
        failed = report is None or bool(report.failures)
        text = f"Refresh failed: {message.error}" if report is None else report.summary()
        self.notify(text, severity="warning" if failed else "information", markup=False)


@dataclass(frozen=True, slots=True)
class NewFeed:
    """What the add-feed dialog returns."""

    url: str
    category: str | None


class AddFeedDialog(Dialog[NewFeed | None]):
    """A URL and an optional category; enter adds the feed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="add_feed.cancel")]

    def __init__(self, *, over_feeds: bool = False) -> None:
        """`over_feeds`: opened from "Feeds…", whose box it then covers (see the stylesheet)."""
        super().__init__()
        self.over_feeds = over_feeds

    def compose(self) -> ComposeResult:
        box = "dialog -over-feeds" if self.over_feeds else "dialog"
        with Vertical(id="add-feed-box", classes=box):
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


class ExportDialog(Dialog[ExportChoice | None]):
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
