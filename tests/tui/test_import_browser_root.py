"""The import dialog's file browser: enter on its top folder keeps the path the user typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DirectoryTree, Input

from conftest import app_for
from tuinews.store import Store
from tuinews.ui.screens.import_dialog import ImportDialog


async def test_enter_on_the_top_folder_keeps_the_typed_path(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "news").mkdir()
    monkeypatch.chdir(tmp_path)
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.press(*"elsewhere")
        await pilot.press("tab")
        browser = dialog.query_one("#import-browser", DirectoryTree)
        assert app.focused is browser and browser.cursor_node is browser.root
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.query_one("#import-path", Input).value == "elsewhere"
