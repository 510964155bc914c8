"""The import dialog: pick a file or folder, name a URL, or paste a page, and import it.

The dialog asks the app for an import (ImportRequested); the app's one import worker
(ui/import_actions.py) posts its progress and result back here, and the dialog turns them
into a progress bar and a result. Escape cancels a running import between two sources;
what was imported stays imported.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DirectoryTree, Input, Label, ProgressBar, Static, Tree
from textual.widgets.directory_tree import DirEntry
from textual.worker import Worker

from tuinews.models import ImportReport
from tuinews.ui.backdrop import Dialog
from tuinews.ui.messages import (
    ImportFailed,
    ImportFinished,
    ImportProgressed,
    ImportRequest,
    ImportRequested,
    ImportStarted,
)
from tuinews.ui.screens.import_browser import (
    PathInput,
    SourceBrowser,
    display_path,
    folder_of,
    home,
)
from tuinews.ui.screens.import_paste import (
    EMPTY_PASTE,
    PASTE_HINT,
    PageField,
    PasteArea,
    is_page,
    page_text,
)
from tuinews.ui.screens.import_results import merge_reports, result_text

HINT = (
    "Pick a file or folder above, or enter a URL, then press enter to import "
    "(ctrl+t: paste a page's text instead)."
)
EMPTY = "Enter a file, folder or URL to import"


@dataclass(frozen=True)
class ImportOutcome:
    """What the dialog returns after an import: every run's totals, and whether to show them."""

    report: ImportReport
    jump: bool


def _field(label: str, placeholder: str, field_id: str) -> ComposeResult:
    """One labelled input row of the dialog (the path field completes paths on Tab)."""
    kinds = {"import-path": PathInput, "import-url": PageField}
    kind = kinds.get(field_id, Input)
    with Horizontal(classes="import-row", id=f"{field_id}-row"):
        yield Label(label, classes="import-label")
        yield kind(placeholder=placeholder, id=field_id, classes="import-field", compact=True)


class ImportDialog(Dialog[ImportOutcome | None]):
    """Import files, folders, URLs and pasted pages into the store, with progress and a
    cancel key. In paste mode (`-paste`) the paste area takes the place of the path, the
    browser and the URL."""

    BINDINGS = [
        Binding("escape", "cancel_import", "Cancel import", id="import.cancel"),
        Binding("escape", "close", "Close", id="import.close"),
        Binding("ctrl+s", "start", "Import", id="import.start"),
        Binding("ctrl+n", "jump", "Show new articles", id="import.jump"),
        Binding("ctrl+t", "toggle_paste", "Paste a page / a file", id="import.paste"),
    ]

    def __init__(
        self,
        *,
        start_dir: Path | None = None,
        url_mode: bool = False,
        paste_mode: bool = False,
        _pace: float = 0.0,
    ) -> None:
        """`_pace` is a test hook: seconds the worker waits after each source."""
        super().__init__()
        self.start_dir = (start_dir or home() or Path.cwd()).expanduser().resolve()
        self.url_mode = url_mode
        self.paste_mode = paste_mode
        self._pace = _pace
        self._stop = threading.Event()
        self.importing = False
        self.report: ImportReport | None = None
        self.import_worker: Worker[None] | None = None
        self._filled = ""  # the path the browser last put in the field
        self._imported: list[str] | None = None  # the sources of the last import

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box") as box:
            box.border_title = "Import"
            yield from _field("File or folder", "File or folder to import", "import-path")
            yield SourceBrowser(self.start_dir, id="import-browser")
            yield from _field(
                "URL", "https://… (a feed, an article page or a text file)", "import-url"
            )
            yield PasteArea(id="import-paste")
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
        self._show_paste(self.paste_mode)

    def _show_paste(self, on: bool) -> None:
        """Paste mode on or off, its first field focused."""
        self.paste_mode = on
        self.set_class(on, "-paste")
        result = self.query_one("#import-result", Static)
        if result.has_class("-hint"):
            result.update(Text(PASTE_HINT if on else HINT))
        first = "#import-paste" if on else "#import-url" if self.url_mode else "#import-path"
        self.query_one(first).focus()

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
        text = page_text(self.query_one(PasteArea).text) if self.paste_mode else None
        if text is not None and not text.strip():
            self._status(EMPTY_PASTE, error=True)
            return
        sources = ["-"] if text is not None else self._sources()
        if sources is None:
            return
        category = self.query_one("#import-category", Input).value.strip() or None
        self._stop = threading.Event()
        self.importing = True
        self.set_class(True, "-importing")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#import-result", Static).update(Text())
        self._status("Importing the pasted text…" if text else f"Importing {', '.join(sources)}…")
        self.refresh_bindings()
        self._imported = self._fields()
        request = ImportRequest(sources, category, self._stop, pace=self._pace, text=text)
        self.post_message(ImportRequested(request, reply_to=self))

    def action_cancel_import(self) -> None:
        """Stop after the source being imported; earlier sources stay imported."""
        self._stop.set()
        self._status("Cancelling after the current source…")

    def action_toggle_paste(self) -> None:
        """Switch between pasting a page's text and naming a file, folder or URL."""
        self._show_paste(not self.paste_mode)

    def action_close(self) -> None:
        self.dismiss(None if self.report is None else ImportOutcome(self.report, jump=False))

    def action_jump(self) -> None:
        if self.report is not None:
            self.dismiss(ImportOutcome(self.report, jump=True))

    def _has_new_articles(self) -> bool:
        return self.report is not None and self.report.new + self.report.updated > 0

    def _fields(self) -> list[str]:
        if self.paste_mode:
            return [self.query_one(PasteArea).text]
        return [self.query_one(f"#import-{name}", Input).value for name in ("path", "url")]

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
        # After an import, enter in a field naming the same sources shows the new articles:
        # `Tab Tab Enter` ran the same import again.
        if self._has_new_articles() and self._fields() == self._imported:
            self.action_jump()
        else:
            self.action_start()

    @on(events.Paste)
    def _pasted_elsewhere(self, event: events.Paste) -> None:
        # A page pasted while a field (PageField), the browser or a button has the focus goes
        # to the paste area; the area's own pastes bubble up here as well and are its alone.
        area = self.query_one(PasteArea)
        if self.focused is not area and is_page(event.text):
            event.stop()
            self._take_page(event.text)

    def _take_page(self, text: str) -> None:
        """Put a pasted page in the paste area (in place of what it held) and show it."""
        area = self.query_one(PasteArea)
        area.load_text(page_text(text))
        self._show_paste(True)
        area.move_cursor(area.document.end)

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
            field.value = self._filled = display_path(entry.path)
            field.cursor_position = len(field.value)

    @on(Input.Changed, "#import-path")
    def _typed(self, event: Input.Changed) -> None:
        # A path the user types moves the browser to its folder; one the browser filled in
        # must not (the tree would re-root under the cursor).
        if event.value == self._filled:
            return
        browser = self.query_one(SourceBrowser)
        folder = folder_of(event.value)
        if folder is not None and folder != Path(browser.path):
            browser.path = folder

    # -- the worker's messages (the app's worker posts them here) -------------

    @on(ImportStarted)
    def _started(self, message: ImportStarted) -> None:
        self.import_worker = message.worker

    @on(ImportProgressed)
    def _progressed(self, message: ImportProgressed) -> None:
        progress = message.progress
        self.query_one(ProgressBar).update(total=progress.total, progress=progress.done)
        if not self._stop.is_set():
            self._status(f"{progress.done} of {progress.total}: {progress.label}")

    @on(ImportFinished)
    def _done(self, message: ImportFinished) -> None:
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

    @on(ImportFailed)
    def _failed(self, message: ImportFailed) -> None:
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
            self.query_one("#import-paste" if self.paste_mode else "#import-path").focus()
