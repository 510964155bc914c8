"""Finding your way: the footer keeps `?`, `q`, `m` at 80 columns; help scrolls, our keys only."""

from __future__ import annotations

from io import StringIO

import pytest
from rich.console import Console
from textual.containers import VerticalScroll

from conftest import FIXED_NOW, app_for, main_screen, settle
from tuinews.models import ViewKind
from tuinews.store import Store
from tuinews.ui.screens.help import HelpScreen, _table
from tuinews.ui.widgets.key_footer import FooterKey


async def test_the_footer_shows_help_quit_and_menu_first_at_80_columns(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        # The footer composes its keys after the first refresh: wait for them, not for time.
        for _ in range(50):
            await pilot.pause()
            keys = [key for key in app.screen.query(FooterKey) if key.region.width]
            if keys and keys[0].key == "question_mark":
                break
        visible = {key.key for key in keys if key.region.right <= 80}
        assert {"question_mark", "q", "m"} <= visible
        assert keys[0].key == "question_mark"


@pytest.mark.parametrize("width", [80, 100, 160])
async def test_no_footer_key_is_cut_by_the_palette_key(sample_store: Store, width: int) -> None:
    # At 80 columns the footer read "/ Se▏^p palette": a key cut in the middle of its name.
    # A key that does not fit whole is left out (`?` lists every key).
    app = app_for(sample_store)
    async with app.run_test(size=(width, 24)) as pilot:
        for _ in range(50):
            await pilot.pause()
            keys = list(app.screen.query(FooterKey))
            if keys and keys[0].key == "question_mark" and keys[0].region.width:
                break
        await pilot.pause()
        (palette,) = [key for key in keys if key.has_class("-command-palette")]
        shown = [key for key in keys if key.display and key is not palette]
        assert {"question_mark", "q", "m"} <= {key.key for key in shown}
        for key in shown:
            assert key.region.width and key.region.right <= palette.region.x, key.key


async def test_help_scrolls_to_its_last_entry_and_lists_only_our_keys(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        descriptions = {row[1] for row in help_screen.rows}
        assert not {"Scroll Left", "Page Right", "Scroll Home"} & descriptions
        # Every pane's keys are there, whichever has the focus.
        ids = {row[2] for row in help_screen.rows}
        assert {"sidebar.down", "list.down", "reader.down", "article.next", "help"} <= ids
        assert {"list.first", "list.last", "list.half_down", "list.half_up"} <= ids
        assert {"list.page_down", "list.page_up", "pane.left", "pane.right"} <= ids
        body = help_screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0
        for _ in range(body.max_scroll_y):
            await pilot.press("j")
            if body.scroll_y >= body.max_scroll_y:
                break
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_at_80_columns_every_key_and_binding_id_is_shown_whole(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        width = help_screen.query_one(".help-section").content_region.width
        console = Console(width=width, file=StringIO())
        for title, rows in help_screen.sections:
            with console.capture() as drawn:
                console.print(_table(title, rows))
            for keys, _, ident in rows:
                assert ident in drawn.get(), (ident, drawn.get())
                assert keys in drawn.get(), (keys, drawn.get())  # "1 2 3 4 5 6…" was cut


async def test_each_pane_lists_its_keys_in_the_order_we_declare_them(sample_store: Store) -> None:
    """`j` before `down`: Textual keeps a key where a base class (OptionList, a scrolling
    container) bound it first, which put the arrows and `enter` above `j`/`k`."""
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        sections = {title: [ident for _, _, ident in rows] for title, rows in help_screen.sections}
        assert sections["Sidebar"][:4] == [
            "sidebar.down",
            "sidebar.up",
            "sidebar.down_arrow",
            "sidebar.up_arrow",
        ]
        assert sections["Reader"][:4] == [
            "reader.down",
            "reader.up",
            "reader.down_arrow",
            "reader.up_arrow",
        ]
        everywhere = sections["Everywhere"]
        assert everywhere.index("pane.next") == everywhere.index("pane.right") + 1


async def test_a_footer_key_clicked_does_its_action_while_live_and_rings_when_dead(
    sample_store: Store,
) -> None:
    """The footer's keys go live and dead in place (not rebuilt): a click follows that."""
    app = app_for(sample_store)
    bells: list[None] = []
    async with app.run_test(size=(160, 48)) as pilot:
        app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
        await settle(pilot)
        unread = sample_store.counts(FIXED_NOW).views[ViewKind.ALL].unread
        undo = next(key for key in main_screen(app).query(FooterKey) if key.action == "undo")
        await pilot.click(undo)  # nothing to undo yet
        assert bells == [None]
        await pilot.press("enter")  # opens and marks read: undo goes live
        await settle(pilot)
        assert sample_store.counts(FIXED_NOW).views[ViewKind.ALL].unread == unread - 1
        await pilot.click(undo)
        await settle(pilot)
        assert sample_store.counts(FIXED_NOW).views[ViewKind.ALL].unread == unread
        assert bells == [None]
        assert undo.has_class("-disabled")
        await pilot.click(undo)
        assert bells == [None, None]
