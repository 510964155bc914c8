"""Keys held down (or typed faster than frames are drawn) each move: none is lost.

A terminal repeats a held key faster than the screen is redrawn. Textual's scrolls wait
for the next refresh before they land, and each computed its target from where the last
landed one left off: ten j's queued together scrolled the reader one or two lines.
"""

from __future__ import annotations

from test_sidebar_keys import burst
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from conftest import app_for
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.help import HelpScreen
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.widgets.reader import Reader


async def settle_scroll(pilot: Pilot[None]) -> None:
    for _ in range(5):
        await pilot.pause()


async def open_reader(app: TuinewsApp, pilot: Pilot[None]) -> Reader:
    """Open the first article: the reader has the focus."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await pilot.press("enter")
    reader = screen.query_one(Reader)
    assert app.focused is reader
    return reader


async def test_held_j_and_k_scroll_the_reader_a_line_each(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(100, 16)) as pilot:
        reader = await open_reader(app, pilot)
        assert reader.max_scroll_y > 8
        burst(app, "jjjjjjjj")
        await settle_scroll(pilot)
        assert reader.scroll_y == 8
        burst(app, "kkk")
        await settle_scroll(pilot)
        assert reader.scroll_y == 5


async def test_held_ctrl_d_pages_the_reader_each_time(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(100, 16)) as pilot:
        reader = await open_reader(app, pilot)
        half = reader.scrollable_content_region.height // 2
        assert reader.max_scroll_y > 2 * half
        burst(app, ["ctrl+d", "ctrl+d"])
        await settle_scroll(pilot)
        assert reader.scroll_y == 2 * half


async def test_held_j_scrolls_the_help_a_line_each(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        burst(app, "jjjjjj")
        await settle_scroll(pilot)
        assert help_screen.query_one("#help-body", VerticalScroll).scroll_y == 6


async def test_g_and_G_jump_at_once_so_the_next_key_starts_there(sample_store: Store) -> None:
    # Seen in tmux: g and G scrolled in an animation, and a ctrl+f pressed while it ran
    # paged from wherever the animation had got to.
    app = app_for(sample_store)
    async with app.run_test(size=(100, 16)) as pilot:
        reader = await open_reader(app, pilot)
        page = reader.scrollable_content_region.height
        assert reader.max_scroll_y > page
        burst(app, ["G", "ctrl+b"])
        await settle_scroll(pilot)
        assert reader.scroll_y == reader.max_scroll_y - page
        burst(app, ["g", "ctrl+f"])
        await settle_scroll(pilot)
        assert reader.scroll_y == page
