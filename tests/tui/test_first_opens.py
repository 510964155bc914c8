"""Issue 16 item 12, slow first opens: the work one key press does, counted, not timed.

A dialog over the main screen, an article opened, a theme changed: each used to rebuild
the footer's keys and draw the whole screen several times over. These tests count the
rebuilds and the full-screen draws, which a busy machine does not change.
"""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from conftest import app_for, main_screen, settle
from tuinews.store import Store
from tuinews.ui.screens.menu import MenuScreen
from tuinews.ui.widgets.reader import Reader


async def test_a_dialog_over_the_main_screen_leaves_its_footer_alone(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        keys = list(screen.query(FooterKey))
        assert keys
        await pilot.press("m")
        assert isinstance(app.screen, MenuScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        # The same key widgets: none was unmounted and built again.
        assert list(screen.query(FooterKey)) == keys


async def test_opening_an_article_redraws_the_undo_key_without_rebuilding(
    sample_store: Store,
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        keys = list(screen.query(FooterKey))
        undo = next(key for key in keys if key.action == "undo")
        assert undo.has_class("-disabled")  # nothing to undo yet
        await pilot.press("enter")  # opens the article and marks it read: undo goes live
        await settle(pilot)
        assert screen.query_one(Reader).has_focus
        assert list(screen.query(FooterKey)) == keys
        assert not undo.has_class("-disabled")
        await pilot.press("u")
        await settle(pilot)
        assert undo.has_class("-disabled")
        assert list(screen.query(FooterKey)) == keys
