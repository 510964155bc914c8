"""The import dialog: pick a file or folder, or name a URL, and import it in a thread worker.

The worker opens its own store connection (the store's threading rule) and only posts
messages; the dialog turns them into a progress bar and a result. Escape cancels a
running import between two sources; what was imported stays imported.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, ProgressBar, Static, Tree
from textual.widgets.directory_tree import DirEntry
from textual.worker import Worker, get_current_worker

from tuinews.importer.pipeline import NEWS_SUFFIXES, ImportProgress, import_sources
from tuinews.models import CategoryRule, ImportReport
from tuinews.store import Store
from tuinews.untrusted import shown

HINT = "Pick a file or folder above, or enter a URL, then press enter to import."
EMPTY = "Enter a file, folder or URL to import"


@dataclass(frozen=True)
class ImportOutcome:
    """What the dialog returns after an import: every run's totals, and whether to show them."""

    report: ImportReport
    jump: bool


class SourceBrowser(DirectoryTree):
    """A folder tree that shows only folders and files the importer can read."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        # Hidden entries are skipped by the importer too; is_dir() may touch a slow disk,
        # but DirectoryTree calls this on its own loader thread.
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.suffix.lower() in NEWS_SUFFIXES or self._safe_is_dir(path))
        ]


def display_path(path: Path) -> str:
    """How a path is shown and typed: relative to the working folder inside it, else from ~."""
    for base, prefix in ((_cwd(), ""), (_home(), "~/")):
        if base is None or len(base.parts) < 2:
            continue
        try:
            relative = path.relative_to(base)
        except ValueError:
            continue
        if relative == Path():
            return prefix.rstrip("/") or "."
        return f"{prefix}{relative}"
    return str(path)


def _cwd() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # the working folder was removed
        return None


def _home() -> Path | None:
    try:
        return Path.home()
    except RuntimeError:
        return None


def merge_reports(first: ImportReport | None, second: ImportReport) -> ImportReport:
    """The totals of two runs, so closing after several imports reports them all."""
    if first is None:
        return second
    return ImportReport(
        new=first.new + second.new,
        updated=first.updated + second.updated,
        duplicate=first.duplicate + second.duplicate,
        sources=first.sources + second.sources,
        subscriptions_added=first.subscriptions_added + second.subscriptions_added,
        failures=[*first.failures, *second.failures],
        article_ids=[*first.article_ids, *second.article_ids],
    )


def result_text(
    report: ImportReport,
    *,
    cancelled: bool = False,
    done: int = 0,
    total: int = 0,
    error_style: str = "red",
    warning_style: str = "yellow",
) -> Text:
    """The result area: the CLI's summary line, one line per failure, new subscriptions.

    Names and reasons come from outside: they are appended as text, never as markup.
    """
    text = Text()
    if cancelled:
        text.append(f"cancelled after {done} of {total} sources\n", style=warning_style)
    text.append(report.summary(), style="bold")
    for failure in report.failures:
        text.append(f"\nerror: {failure.source}: {failure.reason}", style=error_style)
    if report.subscriptions_added:
        text.append(f"\nsubscribed to {report.subscriptions_added} new feeds")
    return text


def _field(label: str, placeholder: str, field_id: str) -> ComposeResult:
    """One labelled input row of the dialog."""
    with Horizontal(classes="import-row"):
        yield Label(label, classes="import-label")
        yield Input(placeholder=placeholder, id=field_id, classes="import-field", compact=True)


class ImportDialog(ModalScreen[ImportOutcome | None]):
    """Import files, folders and URLs into the store, with progress and a cancel key."""

    BINDINGS = [
        Binding("escape", "cancel_import", "Cancel import", id="import.cancel"),
        Binding("escape", "close", "Close", id="import.close"),
        Binding("ctrl+s", "start", "Import", id="import.start"),
        Binding("ctrl+n", "jump", "Show new articles", id="import.jump"),
    ]

    @dataclass
    class Progress(Message):
        """A source is done (posted by the worker); a newer one replaces an unhandled one."""

        progress: ImportProgress

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ImportDialog.Progress)

    @dataclass
    class Done(Message):
        """The worker finished or was cancelled; `done` of `total` sources were imported."""

        report: ImportReport
        cancelled: bool
        done: int
        total: int

    @dataclass
    class Failed(Message):
        """The worker could not import at all; the reason is in plain words."""

        reason: str

    def __init__(
        self,
        store: Store,
        *,
        rules: Sequence[CategoryRule] = (),
        start_dir: Path | None = None,
        url_mode: bool = False,
        timeout: float | None = None,
        _pace: float = 0.0,
    ) -> None:
        """`timeout`: the seconds a URL may take in all (the config's feeds.timeout_seconds).
        `_pace` is a test hook: seconds the worker waits after each source."""
        super().__init__()
        self.store = store
        self.rules = tuple(rules)
        self.timeout = timeout
        self.start_dir = (start_dir or _home() or Path.cwd()).expanduser().resolve()
        self.url_mode = url_mode
        self._pace = _pace
        self._stop = threading.Event()
        self.importing = False
        self.report: ImportReport | None = None
        self.import_worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box") as box:
            box.border_title = "Import"
            yield from _field("File or folder", "File or folder to import", "import-path")
            yield SourceBrowser(self.start_dir, id="import-browser")
            yield from _field(
                "URL", "https://… (a feed, an article page or a text file)", "import-url"
            )
            yield from _field("Category", "Category (optional)", "import-category")
            with Horizontal(id="import-progress-row"):
                yield ProgressBar(id="import-progress", show_eta=False)
                yield Static(id="import-status")
            with VerticalScroll(id="import-result-box"):
                yield Static(Text(HINT), id="import-result", classes="-hint")
            with Horizontal(id="import-buttons"):
                yield Button("Import", id="import-start", compact=True)
                yield Button("Show new articles", id="import-jump", compact=True)
                yield Button("Close", id="import-close", compact=True)

    def on_mount(self) -> None:
        browser = self.query_one(SourceBrowser)
        browser.root.set_label(display_path(self.start_dir).rstrip("/") + "/")
        self.query_one("#import-url" if self.url_mode else "#import-path", Input).focus()

    # -- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_import":
            return self.importing
        if action == "close":
            return not self.importing
        if action == "start":
            return None if self.importing else True
        if action == "jump":
            return self._has_new_articles()
        return True

    def action_start(self) -> None:
        """Import what the path and URL fields name (path first)."""
        if self.importing:
            self._status("An import is running: escape cancels it")
            return
        sources = self._sources()
        if sources is None:
            return
        category = self.query_one("#import-category", Input).value.strip() or None
        self._stop = threading.Event()
        self.importing = True
        self.set_class(True, "-importing")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#import-result", Static).update(Text())
        self._status(f"Importing {', '.join(sources)}…")
        self.refresh_bindings()
        self.import_worker = self._run_import(sources, category, self._stop)

    def action_cancel_import(self) -> None:
        """Stop after the source being imported; earlier sources stay imported."""
        self._stop.set()
        self._status("Cancelling after the current source…")

    def action_close(self) -> None:
        self.dismiss(None if self.report is None else ImportOutcome(self.report, jump=False))

    def action_jump(self) -> None:
        if self.report is not None:
            self.dismiss(ImportOutcome(self.report, jump=True))

    def _has_new_articles(self) -> bool:
        return self.report is not None and self.report.new + self.report.updated > 0

    def _sources(self) -> list[str] | None:
        """The sources the fields name, or None (and a message) when there are none."""
        path = self.query_one("#import-path", Input).value.strip()
        url = self.query_one("#import-url", Input).value.strip()
        if url and "://" not in url:
            url = f"https://{url}"
        if url and not url.lower().startswith(("http://", "https://")):
            self._status("A URL starts with http:// or https://", error=True)
            return None
        sources = [name for name in (path, url) if name]
        if not sources:
            self._status(EMPTY, error=True)
        return sources or None

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(Text(message))
        status.set_class(error, "-error")

    # -- widgets' events --------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#import-start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#import-jump")
    def _jump_pressed(self) -> None:
        self.action_jump()

    @on(Button.Pressed, "#import-close")
    def _close_pressed(self) -> None:
        if self.importing:
            self.action_cancel_import()
        else:
            self.action_close()

    @on(Tree.NodeHighlighted, "#import-browser")
    def _browsed(self, event: Tree.NodeHighlighted[DirEntry]) -> None:
        # The tree moves its cursor while it loads: only the user's moves fill the field.
        if event.control is not None and event.control.has_focus:
            self._fill_path(event.node.data)

    @on(DirectoryTree.DirectorySelected)
    def _folder_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        # Enter on the top folder only folds or unfolds it: a path the user typed stays.
        if event.node.parent is not None:
            self._fill_path(event.node.data)

    @on(DirectoryTree.FileSelected)
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self._fill_path(event.node.data)
        self.query_one("#import-path", Input).focus()

    def _fill_path(self, entry: DirEntry | None) -> None:
        if entry is not None:
            field = self.query_one("#import-path", Input)
            field.value = display_path(entry.path)
            field.cursor_position = len(field.value)

    # -- the worker and its messages -------------------------------------------

    @work(thread=True, exclusive=True, group="import")
    def _run_import(self, sources: list[str], category: str | None, stop: threading.Event) -> None:
        """Import on this thread with its own connection; only post messages."""
        worker = get_current_worker()
        last = ImportProgress(0, 0, "")

        def progressed(progress: ImportProgress) -> None:
            nonlocal last
            last = progress
            self.post_message(self.Progress(progress))
            if self._pace:
                time.sleep(self._pace)

        try:
            store = self.store.reopen()
        except Exception as exc:  # StoreError, or the file vanished: say so, never a traceback
            self.post_message(self.Failed(f"The store could not be opened: {shown(exc)}"))
            return
        try:
            report = import_sources(
                sources,
                store,
                category=category,
                rules=self.rules,
                timeout=self.timeout,
                on_progress=progressed,
                should_stop=lambda: stop.is_set() or worker.is_cancelled,
            )
        except Exception as exc:  # a bug in one layer must not take the app down
            reason = shown(exc) or type(exc).__name__
            self.post_message(self.Failed(f"The import stopped: {reason}"))
            return
        finally:
            store.close()
        total = last.total or report.sources
        cancelled = stop.is_set() and last.done < total
        self.post_message(self.Done(report, cancelled=cancelled, done=last.done, total=total))

    @on(Progress)
    def _progressed(self, message: Progress) -> None:
        progress = message.progress
        self.query_one(ProgressBar).update(total=progress.total, progress=progress.done)
        if not self._stop.is_set():
            self._status(f"{progress.done} of {progress.total}: {progress.label}")

    @on(Done)
    def _done(self, message: Done) -> None:
        self.report = merge_reports(self.report, message.report)
        text = result_text(
            message.report,
            cancelled=message.cancelled,
            done=message.done,
            total=message.total,
            error_style=self._theme_color("text-error", "red"),
            warning_style=self._theme_color("text-warning", "yellow"),
        )
        self._finish(text, "Cancelled" if message.cancelled else "Done")

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self._finish(Text(message.reason, style=self._theme_color("text-error", "red")), "Failed")

    def _theme_color(self, name: str, fallback: str) -> str:
        """A theme colour as a Rich style (results are Rich Text, which knows no $variables)."""
        color = self.app.theme_variables.get(name, "")
        return color if color.startswith("#") else fallback

    def _finish(self, text: Text, status: str) -> None:
        self.importing = False
        self.set_class(False, "-importing")
        result = self.query_one("#import-result", Static)
        result.update(text)
        result.set_class(False, "-hint")
        self._status(status)
        self.refresh_bindings()
        if self._has_new_articles():
            self.add_class("-has-new")
            self.query_one("#import-jump", Button).focus()
        else:
            self.query_one("#import-path", Input).focus()
