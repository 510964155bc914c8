"""The app's one import worker serves both ways in: the first launch's sample articles and
the import dialog. The dialog's results go to the dialog, the app's to a notification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_import_dialog import finish, result_of

from conftest import fixed_clock, settle
from notes import record_notes
from tuinews.config import Settings
from tuinews.store import Store, StoreError
from tuinews.ui.app import TuinewsApp
from tuinews.ui.import_actions import SAMPLES_SETTING
from tuinews.ui.screens.import_dialog import ImportDialog
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.widgets.article_list import ArticleList


def news_file(folder: Path, *titles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.json"
    path.write_text(json.dumps([{"title": t, "body": f"About {t}."} for t in titles]))
    return path


def main_of(app: TuinewsApp) -> MainScreen:
    assert app.main is not None
    return app.main


async def test_the_first_launch_imports_the_samples_on_the_apps_worker(
    store: Store, tmp_path: Path
) -> None:
    samples = news_file(tmp_path / "samples", "Harbour reopens", "Ferry returns")
    app = TuinewsApp(store, Settings(), clock=fixed_clock, samples=[samples])
    notes = record_notes(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # The app's own import: the main screen reloads (from the top) and a note says what came.
        rows = main_of(app).query_one(ArticleList).rows_shown
        assert sorted(row.title for row in rows) == ["Ferry returns", "Harbour reopens"]
        assert "imported 2 new, 0 updated, 0 duplicate, 0 failed from 1 source" in notes
    assert store.get_setting(SAMPLES_SETTING) is not None


async def test_the_dialog_imports_on_the_apps_worker_and_keeps_its_result(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news_file(tmp_path / "in", "Night trains return")
    monkeypatch.chdir(tmp_path)
    app = TuinewsApp(store, Settings(), clock=fixed_clock)
    notes = record_notes(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.press(*"in", "enter")
        await finish(pilot, dialog)
        assert dialog.import_worker is not None and dialog.import_worker.node is app
        summary = "imported 1 new, 0 updated, 0 duplicate, 0 failed from 1 source"
        assert result_of(dialog).startswith(summary)
        # The result is the dialog's: it did not bubble up to the app's notification.
        assert summary not in notes
        await pilot.press("escape")
        await settle(pilot)
        rows = main_of(app).query_one(ArticleList).rows_shown
        assert [row.title for row in rows] == ["Night trains return"]
    assert store.get_setting(SAMPLES_SETTING) is None


async def test_a_store_that_cannot_be_reopened_is_a_note_not_a_traceback(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = news_file(tmp_path / "samples", "Harbour reopens")
    app = TuinewsApp(store, Settings(), clock=fixed_clock)
    notes = record_notes(app)

    def unusable() -> Store:
        raise StoreError(f"{store.path}: not a tuinews store")

    monkeypatch.setattr(store, "reopen", unusable)
    async with app.run_test(size=(120, 36)) as pilot:
        app.import_in_background([str(samples)])
        await settle(pilot)
        [note] = [n for n in notes if "store" in n]
        assert note.startswith("The store could not be opened:")
        assert "not a tuinews store" in note and "Traceback" not in note
        assert not main_of(app).query_one(ArticleList).rows_shown
