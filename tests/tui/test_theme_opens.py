"""Issue 16 item 12: the theme list and a theme change, their work counted, not timed.

Textual removes a closed dialog as a child of the app and then asks the app for a layout
(twice), which went to the screen on top: the main screen was laid out whole again after
every dialog, twice when the theme list came up from the palette (and the theme list was
drawn whole once more), and once more after a theme change, which lays it out anyway.
These tests count layouts and frames, which a busy machine does not change.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from rich.console import RenderableType
from textual._compositor import Compositor
from textual.app import App
from textual.color import Color
from textual.command import CommandList, CommandPalette
from textual.geometry import Size
from textual.message import Message
from textual.pilot import Pilot
from textual.screen import Screen

from conftest import app_for, main_screen, settle
from tuinews.store import Store


class Work:
    """Layouts per screen class, frames written and whole-screen draws."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.layouts: Counter[str] = Counter()
        self.frames = 0
        self.whole = 0
        refresh_layout = Screen._refresh_layout
        display = App._display
        full_update = Compositor.render_full_update

        def laid_out(screen: Screen[Any], size: Size | None = None, scroll: bool = False) -> None:
            self.layouts[type(screen).__name__] += 1
            refresh_layout(screen, size, scroll)

        def shown(app: App[Any], screen: Screen[Any], update: RenderableType | None) -> None:
            self.frames += update is not None
            display(app, screen, update)

        def drawn_whole(compositor: Compositor, simplify: bool = False) -> Any:
            self.whole += 1
            return full_update(compositor, simplify)

        monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
        monkeypatch.setattr(App, "_display", shown)
        monkeypatch.setattr(Compositor, "render_full_update", drawn_whole)

    def clear(self) -> None:
        self.layouts.clear()
        self.frames = self.whole = 0


async def to_a_theme(pilot: Pilot[None]) -> None:
    """The theme list (ctrl+p, "theme", enter), moved to the theme after the current one."""
    await pilot.press("ctrl+p", *"theme")
    await settle(pilot)
    await pilot.press("enter", "down")
    await settle(pilot)


async def test_the_theme_list_opens_without_laying_out_the_main_screen(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"theme")
        await settle(pilot)
        work = Work(monkeypatch)
        await pilot.press("enter")  # Theme…: the palette closes, the theme list opens
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        entries = app.screen.query_one(CommandList)
        listed = {str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)}
        assert "gruvbox" in listed
        # The main screen beneath was laid out again (for the closed palette's removal),
        # and the theme list drawn whole three times: it is drawn whole once, and once
        # more at most when its widgets' first sizes change its layout (as the palette).
        assert work.layouts["MainScreen"] == 0, work.layouts
        assert work.whole <= 2, work.whole


async def test_closing_a_dialog_does_not_lay_out_the_main_screen(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        work = Work(monkeypatch)
        await pilot.press("escape")
        await settle(pilot)
        main = main_screen(app)
        assert work.layouts["MainScreen"] == 0, work.layouts  # was 1
        await pilot.press("j")  # and the main screen still moves and draws
        await settle(pilot)
        assert main.focused is not None


async def test_a_theme_change_lays_out_and_draws_the_main_screen_once(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await to_a_theme(pilot)
        before = app.theme
        work = Work(monkeypatch)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme != before
        main_screen(app)
        # Textual lays the screen out for the new styles: it was laid out a second time
        # (for the theme list's removal) and written in three frames, not one.
        assert work.layouts == {"MainScreen": 1}, work.layouts
        assert work.frames == 1 and work.whole == 1, (work.frames, work.whole)


async def test_choosing_a_command_does_not_restyle_the_closing_palette(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.css.stylesheet import Stylesheet
    from textual.dom import DOMNode
    from textual.widgets import Input

    closed: list[CommandPalette.Closed] = []

    def heard(message: Message) -> None:
        if isinstance(message, CommandPalette.Closed):
            closed.append(message)

    app = app_for(sample_store)
    async with app.run_test(size=(160, 48), message_hook=heard) as pilot:
        await settle(pilot)
        await to_a_theme(pilot)
        palette, before = app.screen, app.theme
        assert isinstance(palette, CommandPalette)
        restyled: list[str] = []  # the palette's widgets styled again, but for its input
        apply = Stylesheet.apply

        def counted(sheet: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
            if (
                node is not palette
                and node in palette.walk_children()
                and not isinstance(node, Input)
            ):
                restyled.append(repr(node))
            apply(sheet, node, *args, **kwargs)

        monkeypatch.setattr(Stylesheet, "apply", counted)
        closed.clear()
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme != before and main_screen(app)  # the command ran
        assert [message.option_selected for message in closed] == [True]
        # The chosen command was written into the input and the list emptied and hidden,
        # restyling the list and the input's row, on a palette about to close.
        assert restyled == []


async def test_a_theme_change_marks_each_widget_for_redrawing_once(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widget import Widget

    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        marks: Counter[Widget] = Counter()  # Widget.refresh calls, per widget
        refresh = Widget.refresh

        def counted(widget: Widget, *args: Any, **kwargs: Any) -> Widget:
            marks[widget] += 1
            return refresh(widget, *args, **kwargs)

        monkeypatch.setattr(Widget, "refresh", counted)
        app.theme = "gruvbox"
        await settle(pilot)
        assert main.query_one("#top-bar").styles.background == Color.parse(
            app.theme_variables["panel"]
        )
        widgets = list(main.walk_children(Widget, with_self=True))
        assert all(marks[widget] for widget in widgets if widget.display)  # all redrawn
        # Each style that changed marked its widget, each inherited one (the colour, the
        # background) all the widgets beneath as well: 1,392 marks for 35 widgets.
        assert sum(marks.values()) < 3 * len(widgets), (len(widgets), marks.most_common(3))
