"""The import dialog driven by key presses: import, browse, cancel, close, and one snapshot.

Waiting: the app's import worker (ImportActions) tells the dialog which it is, the dialog keeps
it in `dialog.import_worker`, and the tests await that.
`app.workers.wait_for_complete()` would never return here: the DirectoryTree's loader is a
worker that runs as long as the tree does.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DirectoryTree, Input, Static
from textual.worker import WorkerState

import tuinews.ui
from conftest import FIXTURES, NOW
from tuinews.config import Settings
from tuinews.models import View
from tuinews.store import Store
from tuinews.ui.import_actions import ImportActions
from tuinews.ui.messages import ImportProgressed
from tuinews.ui.screens.import_dialog import ImportDialog, ImportOutcome

UI = Path(tuinews.ui.__file__).parent
DIALOG_FIXTURES = FIXTURES / "import_dialog"


class Host(ImportActions):
    """A bare app with the app's stylesheet and its import worker: it pushes one dialog."""

    CSS_PATH = UI / "tuinews.tcss"

    def __init__(
        self, store: Store, dialog: ImportDialog, settings: Settings | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.dialog = dialog
        self.outcomes: list[ImportOutcome | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.outcomes.append)


def article(title: str) -> str:
    return json.dumps({"title": title, "body": f"Words about {title.lower()}."})


def write_news(folder: Path, count: int = 3, *, broken: bool = True) -> Path:
    folder.mkdir(parents=True)
    for number in range(1, count + 1):
        (folder / f"story-{number:03}.json").write_text(article(f"Story {number}"))
    if broken:
        (folder / "broken.json").write_text('{"title": "Broken", "body": \n')
    return folder


def result_of(dialog: ImportDialog) -> str:
    content = dialog.query_one("#import-result", Static).content
    assert isinstance(content, Text)  # rendered as Text, never as markup
    return content.plain


def value_of(dialog: ImportDialog, selector: str) -> str:
    return dialog.query_one(selector, Input).value


async def finish(pilot: Pilot[None], dialog: ImportDialog) -> None:
    """Wait for the app to start the import, for its worker, then for the dialog to show
    the result (its last messages handled)."""
    await until(pilot, lambda: dialog.import_worker is not None)
    assert dialog.import_worker is not None
    await dialog.import_worker.wait()
    await until(pilot, lambda: not dialog.importing)


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app run until `condition` holds (the tree loads folders on a thread)."""
    for _ in range(2000):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never held")


async def test_import_a_folder_then_show_the_new_articles(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_news(tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    app = Host(store, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        assert app.focused is dialog.query_one("#import-path")
        await pilot.press(*"news", "enter")
        await finish(pilot, dialog)
        lines = result_of(dialog).splitlines()
        assert lines[0] == "imported 3 new, 0 updated, 0 duplicate, 1 failed from 4 sources"
        assert lines[1].startswith("error: news/broken.json: malformed JSON")
        assert store.count(View(), NOW).total == 3
        assert app.focused is dialog.query_one("#import-jump")
        await pilot.press("enter")
        await pilot.pause()
    [outcome] = app.outcomes
    assert outcome is not None and outcome.jump
    assert outcome.report.new == 3 and outcome.report.failed == 1


async def test_a_missing_path_is_reported_and_escape_returns_the_report(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = Host(store, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        await pilot.press(*"gone.json", "enter")
        await finish(pilot, dialog)
        assert result_of(dialog).splitlines() == [
            "imported 0 new, 0 updated, 0 duplicate, 1 failed from 1 source",
            "error: gone.json: no such file or folder",
        ]
        # Nothing new: no "Show new articles", and the path field is back in focus to fix.
        assert not dialog.query_one("#import-jump").display
        assert app.focused is dialog.query_one("#import-path")
        await pilot.press("escape")
        await pilot.pause()
    [outcome] = app.outcomes
    assert outcome is not None and not outcome.jump and outcome.report.failed == 1


async def test_names_and_reasons_are_shown_as_text_not_markup(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "[b]odd[red].json").write_text("[not json")
    monkeypatch.chdir(tmp_path)
    app = Host(store, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"[b]odd[red].json", "enter")
        await finish(pilot, app.dialog)
        assert "error: [b]odd[red].json: malformed JSON" in result_of(app.dialog)


async def test_the_file_browser_fills_the_path_field(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_news(tmp_path / "news")
    (tmp_path / "notes.md").write_text("not news")  # the browser shows only news files
    monkeypatch.chdir(tmp_path)
    app = Host(store, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        browser = dialog.query_one("#import-browser", DirectoryTree)
        await until(pilot, lambda: bool(browser.root.children))
        assert [str(node.label) for node in browser.root.children] == ["news"]
        await pilot.press("tab")
        assert app.focused is browser and browser.cursor_node is browser.root
        assert value_of(dialog, "#import-path") == ""
        await pilot.press("down")  # highlighting fills the field
        assert value_of(dialog, "#import-path") == "news"
        await pilot.press("up")  # the root: the working folder
        assert value_of(dialog, "#import-path") == "."
        await pilot.press("down", "enter")  # selecting the folder opens it
        news = browser.root.children[0]
        await until(pilot, lambda: len(news.children) == 4)
        assert value_of(dialog, "#import-path") == "news"
        await pilot.press("down", "enter")  # a file: fills the field and focuses it
        assert value_of(dialog, "#import-path") == "news/broken.json"
        assert app.focused is dialog.query_one("#import-path")


async def test_escape_cancels_a_long_import_and_the_app_stays_responsive(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_news(tmp_path / "many", 300, broken=False)
    monkeypatch.chdir(tmp_path)
    progressed = asyncio.Event()

    def watch(message: Message) -> None:
        if isinstance(message, ImportProgressed):
            progressed.set()

    # The test hook: the worker waits 50 ms after each source, so 300 take 15 s.
    app = Host(store, ImportDialog(start_dir=tmp_path, _pace=0.05))
    async with app.run_test(size=(120, 36), message_hook=watch) as pilot:
        dialog = app.dialog
        await pilot.press(*"many", "enter")
        await asyncio.wait_for(progressed.wait(), timeout=30)
        # While the worker imports, keys keep working: move to the category field and type.
        await pilot.press("tab", "tab", "tab", *"abc")
        assert app.focused is dialog.query_one("#import-category")
        assert value_of(dialog, "#import-category") == "abc"
        assert (
            dialog.import_worker is not None and dialog.import_worker.state is WorkerState.RUNNING
        )
        assert dialog.importing
        await pilot.press("escape")
        await finish(pilot, dialog)
        imported = store.count(View(), NOW).total
        assert 0 < imported < 300
        lines = result_of(dialog).splitlines()
        assert lines[0] == f"cancelled after {imported} of 300 sources"
        assert (
            lines[1]
            == f"imported {imported} new, 0 updated, 0 duplicate, 0 failed from 300 sources"
        )
        # Now escape closes, with what was imported.
        await pilot.press("escape")
        await pilot.pause()
    [outcome] = app.outcomes
    assert outcome is not None and not outcome.jump and outcome.report.new == imported


async def test_escape_before_importing_closes_with_nothing(store: Store, tmp_path: Path) -> None:
    app = Host(store, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.outcomes == [None]


async def test_empty_fields_ask_for_a_source(store: Store, tmp_path: Path) -> None:
    app = Host(store, ImportDialog(start_dir=tmp_path, url_mode=True))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        assert app.focused is dialog.query_one("#import-url")
        await pilot.press("enter")
        status = dialog.query_one("#import-status", Static).content
        assert str(status) == "Enter a file, folder or URL to import"
        assert dialog.import_worker is None and not dialog.importing


async def test_a_store_that_cannot_be_opened_is_reported_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "junk.db").write_text("this is not a database")
    broken = Store(tmp_path / "junk.db", sqlite3.connect(":memory:"))
    write_news(tmp_path / "news", 1, broken=False)
    monkeypatch.chdir(tmp_path)
    app = Host(broken, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"news", "enter")
        await finish(pilot, app.dialog)
        shown = result_of(app.dialog)
        assert shown.startswith("The store could not be opened:")
        assert "not a tuinews store" in shown and "Traceback" not in shown
        await pilot.press("escape")
    assert app.outcomes == [None]
    broken.close()


def test_snapshot_after_an_import(
    snap_compare: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rooted at a fixed fixture folder, so the browser's labels are the same on every run.
    monkeypatch.chdir(DIALOG_FIXTURES)
    app = Host(store, ImportDialog(start_dir=DIALOG_FIXTURES))

    async def run_before(pilot: Pilot[None]) -> None:
        browser = app.dialog.query_one("#import-browser", DirectoryTree)
        await until(pilot, lambda: bool(browser.root.children))
        await pilot.press(*"news", "enter")
        await finish(pilot, app.dialog)

    assert snap_compare(app, terminal_size=(100, 32), run_before=run_before)
