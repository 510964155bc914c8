"""Issue 16 item 12, slow first opens: the work one key press does, counted, not timed.

A dialog over the main screen, an article opened, a theme changed: each used to rebuild
the footer's keys and draw the whole screen several times over. These tests count the
rebuilds and the full-screen draws, which a busy machine does not change.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandPalette
from textual.renderables.background_screen import BackgroundScreen
from textual.widgets._footer import FooterKey

from conftest import app_for, main_screen, settle
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
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


class BackdropCount:
    """Counts the times the dimmed screen under a dialog is drawn (Textual's BackgroundScreen)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.draws = 0
        draw = BackgroundScreen.__rich_console__

        def counted(screen: BackgroundScreen, *args: Any) -> Any:
            self.draws += 1
            return draw(screen, *args)

        monkeypatch.setattr(BackgroundScreen, "__rich_console__", counted)


def screen_text(app: TuinewsApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_menu_and_the_palette_draw_the_screen_beneath_once(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        counted = BackdropCount(monkeypatch)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert counted.draws == 1  # was 5, then 3: once per repaint of the menu
        assert "Small Telescope Network" in screen_text(app)  # the list, dimmed under it
        await pilot.press("j", "k")
        assert counted.draws == 1
        await pilot.press("escape")
        await settle(pilot)
        counted.draws = 0
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert counted.draws == 1  # was 4, then 2


async def test_a_change_under_the_menu_is_drawn(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert "refreshing 3/10" not in screen_text(app)
        assert app.main is not None
        app.main.show_activity("refreshing 3/10")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert "refreshing 3/10" in screen_text(app)
