"""The import dialog's browser and path field: up from home, typing moves it, Tab completes,
and enter after an import shows the new articles instead of importing again."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_dialog import Host, finish, until, write_news
from textual.widgets import DirectoryTree, Input

from tuinews.store import Store
from tuinews.ui.screens.import_browser import complete_path
from tuinews.ui.screens.import_dialog import ImportDialog


def _browser(dialog: ImportDialog) -> DirectoryTree:
    return dialog.query_one("#import-browser", DirectoryTree)


async def test_backspace_in_the_browser_goes_up_beyond_the_home_folder(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(tmp_path)
    app = Host(store, ImportDialog(start_dir=home))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        await pilot.press("tab")  # nothing to complete: on to the browser
        assert app.focused is _browser(dialog)
        await pilot.press("backspace")
        await until(pilot, lambda: Path(_browser(dialog).path) == tmp_path)
        await until(pilot, lambda: str(_browser(dialog).root.label) == "./")
        await pilot.press("backspace")
        await until(pilot, lambda: Path(_browser(dialog).path) == tmp_path.parent)


async def test_a_typed_path_moves_the_browser_and_tab_completes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_news(tmp_path / "news")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path)
    app = Host(store, ImportDialog(start_dir=tmp_path / "other"))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        field = dialog.query_one("#import-path", Input)
        await pilot.press("n", "e", "tab")
        assert field.value == "news/" and app.focused is field
        await until(pilot, lambda: Path(_browser(dialog).path) == tmp_path / "news")
        await pilot.press("s", "t", "tab")
        assert field.value == "news/story-00"  # three stories: as far as they agree
        field.value = ""
        await pilot.press(*str(tmp_path / "other"))
        await until(pilot, lambda: Path(_browser(dialog).path) == tmp_path / "other")


def test_completion_of_folders_files_and_hidden_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "alpha").mkdir()
    (tmp_path / "alps.rss").write_text("")
    (tmp_path / "album.exe").write_text("")  # not news: never offered
    (tmp_path / ".hidden").mkdir()
    monkeypatch.chdir(tmp_path)
    assert complete_path("al") == "alp"
    assert complete_path("alph") == "alpha/"
    assert complete_path("alpha") is None  # named already: Tab moves on
    assert complete_path("alps") == "alps.rss"
    assert complete_path("zz") is None
    assert complete_path(".h") == ".hidden/"
    assert complete_path(f"{tmp_path}/alps") == f"{tmp_path}/alps.rss"


async def test_tab_tab_enter_after_an_import_does_not_import_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_news(tmp_path / "news", broken=False)
    monkeypatch.chdir(tmp_path)
    app = Host(store, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        await pilot.press(*"news", "enter")
        await finish(pilot, dialog)
        first = dialog.import_worker
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert not dialog.importing and dialog.import_worker is first  # no second import
    [outcome] = app.outcomes
    assert outcome is not None and outcome.jump and outcome.report.new == 3
