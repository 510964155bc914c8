"""Issue-13 saved searches in the app, by key presses: save, counts, rename, remove."""

from __future__ import annotations

from pathlib import Path

from conftest import app_for
from notes import record_notes
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.screens.menu import MENU_ENTRIES, MenuScreen
from tuinews.ui.screens.saved_views import NamePrompt, SavedViewsScreen
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.sidebar import Sidebar

SPACE = View(ViewKind.SAVED, name="Space")


def main_screen(app: TuinewsApp) -> MainScreen:
    assert app.main is not None
    return app.main


def sidebar_entry(screen: MainScreen, option: str) -> str:
    return str(screen.query_one(Sidebar).get_option(option).prompt)


async def save_search(pilot, app: TuinewsApp, query: str, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    app.screen.query_one("#search").value = query  # type: ignore[attr-defined]
    await pilot.press("enter", "V")
    assert isinstance(app.screen, NamePrompt)
    app.screen.query_one("#view-name").value = name  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()


async def test_save_a_search_as_a_view_with_counts_that_follow(
    sample_store: Store, tmp_path: Path
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("V")  # not a search yet: says how
        assert isinstance(app.screen, MainScreen)
        await save_search(pilot, app, "satellite OR telescope", "Space")
        assert screen.view == SPACE
        rows = screen.query_one(ArticleList).rows_shown
        assert len(rows) == 3
        assert [row.date for row in rows] == sorted((row.date for row in rows), reverse=True)
        assert "Space (3)" in str(screen.query_one(ArticleList).border_title)
        assert sidebar_entry(screen, "saved:Space").split()[-1] == "3"
        await pilot.press("r")  # marking read lowers the view's unread count
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen.refresh_counts()
        assert sidebar_entry(screen, "saved:Space").split()[-1] == "2"
        # An import brings a matching article: the view's count follows.
        news = tmp_path / "news.json"
        news.write_text('[{"title": "Telescope sees a comet", "body": "A new comet."}]')
        app.import_in_background([str(news)])
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sidebar_entry(screen, "saved:Space").split()[-1] == "3"
        assert len(screen.query_one(ArticleList).rows_shown) == 4
    # The view is still there, and still open, after a restart.
    again = app_for(sample_store)
    async with again.run_test(size=(160, 48)):
        assert main_screen(again).view == SPACE


async def test_rename_and_remove_from_the_saved_views_screen(sample_store: Store) -> None:
    app = app_for(sample_store)
    notes = record_notes(app)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        await save_search(pilot, app, "satellite OR telescope", "Space")
        await save_search(pilot, app, "election", "Votes")
        row = [entry.action for entry in MENU_ENTRIES].index("saved_views")
        await pilot.press("m", *["j"] * row, "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavedViewsScreen)
        await pilot.press("r")  # the first view, by name: Space
        assert isinstance(app.screen, NamePrompt)
        app.screen.query_one("#view-name").value = "Sky"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert "saved:Sky" in screen.query_one(Sidebar)._views
        assert "saved:Space" not in screen.query_one(Sidebar)._views
        assert screen.view == View(ViewKind.SAVED, name="Votes")
        screen.jump_to(View(ViewKind.SAVED, name="Sky"))
        await pilot.pause()
        app.action_saved_views()
        await pilot.pause()
        assert isinstance(app.screen, SavedViewsScreen)
        await pilot.press("x")  # removing the open view goes back to All
        await pilot.pause()
        assert screen.view == View()
        assert "saved:Sky" not in screen.query_one(Sidebar)._views
        assert any("its articles stay" in note for note in notes)
        assert isinstance(app.screen, MainScreen)
        app.action_saved_views()
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("m")
        assert isinstance(app.screen, MenuScreen)
