"""Issue 16 item 12, slow first opens: the work one key press does, counted, not timed.

A dialog over the main screen, an article opened, a theme changed: each used to rebuild
the footer's keys and draw the whole screen several times over. These tests count the
rebuilds and the full-screen draws, which a busy machine does not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.command import CommandPalette
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.renderables.background_screen import BackgroundScreen
from textual.widgets import OptionList

from conftest import app_for, main_screen, settle
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.menu import MENU_ENTRIES, MenuScreen
from tuinews.ui.widgets.key_footer import FooterKey
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


class TintCount:
    """Counts the segments of the screen beneath a dialog that are dimmed (Textual's tint)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.segments = 0
        tint = BackgroundScreen.process_segments

        def counted(segments: Iterable[Segment], color: Color) -> Iterator[Segment]:
            for segment in tint(segments, color):
                self.segments += 1
                yield segment

        monkeypatch.setattr(BackgroundScreen, "process_segments", staticmethod(counted))


def screen_text(app: TuinewsApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_dialogs_dim_the_screen_beneath_once(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        one_screen = sum(len(line) for line in screen._compositor.render_strips())
        counted = TintCount(monkeypatch)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert "Small Telescope Network" in screen_text(app)  # the list, dimmed under it
        # The main screen dimmed once (it was five times: once per repaint of the menu).
        assert 0 < counted.segments <= one_screen
        counted.segments = 0
        await pilot.press("j", "k", "escape")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        # Nothing changed beneath: the menu again and the palette reuse the dimmed lines.
        assert counted.segments == 0


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


class RestyleCount:
    """Counts the widgets whose styles Textual computes again (after a class or focus change)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.widgets = 0
        update = Stylesheet.update_nodes

        def counted(sheet: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
            nodes = list(nodes)
            self.widgets += len(nodes)
            update(sheet, nodes, animate)

        monkeypatch.setattr(Stylesheet, "update_nodes", counted)


async def test_opening_an_article_restyles_the_reader_not_the_whole_screen(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        everything = len(list(main_screen(app).walk_children(with_self=True)))
        counted = RestyleCount(monkeypatch)
        await pilot.press("enter")  # the first article: the reader opens beside the list
        await settle(pilot)
        assert main_screen(app).query_one(Reader).has_focus
        # The reader, its parts, the splitter and the list's focus: not every widget again
        # (it was 71, the whole screen twice: a class on the screen restyles all of it).
        assert counted.widgets < everything / 2
        counted.widgets = 0
        await pilot.press("escape", "j", "enter")
        await settle(pilot)
        assert counted.widgets < everything / 2  # was 76


async def test_the_menu_is_built_once_and_opens_at_its_first_entry(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        menu = app.screen
        assert isinstance(menu, MenuScreen)
        entries = menu.query_one(OptionList)
        assert entries.highlighted == 0 and entries.has_focus
        await pilot.press("j", "j", "escape")
        assert not isinstance(app.screen, MenuScreen)
        app.theme = "gruvbox"
        await settle(pilot)
        await pilot.press("m")
        # The same screen and widgets: nothing mounted or styled from scratch.
        assert app.screen is menu and menu.query_one(OptionList) is entries
        assert entries.highlighted == 0 and entries.has_focus
        # Kept while the theme changed, it wears the new one.
        border = menu.query_one("#menu-box").styles.border_top[1]
        assert border == Color.parse(app.theme_variables["accent"])
        search = [entry.action for entry in MENU_ENTRIES].index("search")
        await pilot.press(*["j"] * search, "enter")  # Search…: the kept menu still runs it
        await settle(pilot)
        assert app.screen is main_screen(app) and main_screen(app).has_class("searching")


async def test_an_article_is_rendered_once_per_width(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console, ConsoleOptions
    from rich.markdown import Markdown

    widths: list[int] = []  # the width of each render of the article's Markdown
    render = Markdown.__rich_console__

    def counted(markdown: Markdown, console: Console, options: ConsoleOptions) -> Any:
        widths.append(options.max_width)
        return render(markdown, console, options)

    monkeypatch.setattr(Markdown, "__rich_console__", counted)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        body = main_screen(app).query_one("#reader-body")
        assert "Small Telescope Network" in screen_text(app) and body.region.height > 3
        # Measured and drawn at the pane's width, then again when the scrollbar came and
        # took two columns: it was five renders, each width drawn twice or three times.
        assert widths and len(widths) == len(set(widths)), widths


async def test_opening_an_article_draws_its_heading_once(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Static

    updates: list[str] = []  # the reader's heading given new content
    update = Static.update

    def counted(static: Static, *args: Any, **kwargs: Any) -> None:
        if static.id == "reader-heading":
            updates.append(static.id)
        update(static, *args, **kwargs)

    monkeypatch.setattr(Static, "update", counted)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first article: the reader opens beside the list
        await settle(pilot)
        article = main_screen(app).query_one(Reader).article
        assert article is not None and article.url
        assert article.title[:20] in screen_text(app) and article.url[:30] in screen_text(app)
        # Laid out for its width when drawn: it was drawn again when the reader's resize
        # came, and the screen laid out a third time for it.
        assert len(updates) == 1
        updates.clear()
        await pilot.press("J")
        await settle(pilot)
        assert len(updates) == 1


async def test_the_theme_moved_to_is_parsed_before_it_is_chosen(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.command import Command, CommandList

    parses: list[Stylesheet] = []
    parse = Stylesheet.parse

    def counted(sheet: Stylesheet) -> None:
        parses.append(sheet)
        parse(sheet)

    monkeypatch.setattr(Stylesheet, "parse", counted)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"theme")
        await settle(pilot)
        await pilot.press("enter")  # Theme…: the list of themes
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("down")
        await settle(pilot)
        option = app.screen.query_one(CommandList).highlighted_option
        assert isinstance(option, Command)
        chosen = str(option.hit.text)
        assert chosen != app.theme
        parses.clear()
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == chosen
        # Restyled with the rules parsed while the highlight rested on it: it was every
        # stylesheet parsed again after the key.
        assert parses == []
        bar = main_screen(app).query_one("#top-bar").styles.background
        assert bar == Color.parse(app.theme_variables["panel"])
        # A theme the user never moved to is parsed when chosen, as before.
        app.theme = "nord" if chosen != "nord" else "dracula"
        await settle(pilot)
        assert parses
        assert main_screen(app).query_one("#top-bar").styles.background == Color.parse(
            app.theme_variables["panel"]
        )


async def test_reading_an_article_redraws_the_sidebar_counts_in_place(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tuinews.ui.widgets.sidebar import Sidebar

    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        sidebar = main_screen(app).query_one(Sidebar)
        entries = list(sidebar.options)
        unread = str(sidebar.get_option("unread").prompt)
        cleared: list[Sidebar] = []
        clear = Sidebar.clear_options
        monkeypatch.setattr(Sidebar, "clear_options", lambda bar: cleared.append(bar) or clear(bar))
        await pilot.press("enter", "J")  # two articles read: two counts go down
        await settle(pilot)
        assert str(sidebar.get_option("unread").prompt) != unread
        assert str(sidebar.get_option("unread").prompt).split()[-1] == str(
            int(unread.split()[-1]) - 2
        )
        # The same entries, their text replaced: the list was emptied, filled and laid out
        # again for each article read.
        assert cleared == [] and list(sidebar.options) == entries


async def test_a_dialog_is_laid_out_once_for_its_size(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.geometry import Size
    from textual.screen import Screen

    layouts: list[Size] = []  # the sizes the menu was laid out at
    refresh_layout = Screen._refresh_layout

    def counted(screen: Screen[Any], size: Size | None = None, scroll: bool = False) -> None:
        if isinstance(screen, MenuScreen):
            layouts.append(size or screen.outer_size)
        refresh_layout(screen, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        # Shown, then its entries measured: it was laid out a third time, for the
        # Resize event its first layout sent it at the very same size.
        assert len(layouts) <= 2, layouts
        layouts.clear()
        await pilot.resize_terminal(100, 30)  # a real resize is laid out
        await settle(pilot)
        assert Size(100, 30) in layouts
        box = app.screen.query_one("#menu-box").region
        assert box.right <= 100 and box.bottom <= 30 and box.x > 0
