"""Issue 16 item 12: the command palette opened in one frame, its work counted, not timed.

Textual's palette drew the dimmed screen alone, then itself, then itself again with a
scrollbar, then its list again for a Resize at the very same size, and the main screen
beneath was laid out again meanwhile. These tests count the frames, the layouts and the
entries drawn, which a busy machine does not change.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest
from rich.console import RenderableType
from textual._compositor import Compositor
from textual.app import App
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hits, Provider
from textual.geometry import Size
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from conftest import app_for, settle
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp


class Frames:
    """The palette's frames: for each, whether it was a whole-screen draw, and the list's
    entries and scrollbar as it was drawn."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.frames: list[tuple[int, bool, int]] = []  # entries, scrollbar, list lines
        self.whole = 0
        display = App._display
        full_update = Compositor.render_full_update

        def recorded(app: App[Any], screen: Screen[Any], update: RenderableType | None) -> None:
            if update is not None and isinstance(screen, CommandPalette):
                entries = screen.query_one(CommandList)
                shown = entries.option_count if screen.has_class("-ready") else 0
                self.frames.append(
                    (shown, entries.show_vertical_scrollbar, entries.virtual_size.height)
                )
            display(app, screen, update)

        def counted(compositor: Compositor, simplify: bool = False) -> Any:
            self.whole += 1
            return full_update(compositor, simplify)

        monkeypatch.setattr(App, "_display", recorded)
        monkeypatch.setattr(Compositor, "render_full_update", counted)


async def test_the_palette_is_drawn_whole_in_its_first_frame(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        frames = Frames(monkeypatch)
        await pilot.press("ctrl+p")
        await settle(pilot)
        entries = app.screen.query_one(CommandList)
        assert entries.option_count > 24  # more two-line entries than 33 rows hold
        assert entries.show_vertical_scrollbar
        # The first frame holds every entry, measured, and the scrollbar: it was the
        # dimmed screen alone, then the palette without its scrollbar.
        assert frames.frames[0] == (entries.option_count, True, 2 * entries.option_count)
        # One whole-screen draw: it was two (the palette, then Textual's redraw of it).
        assert frames.whole == 1, frames.frames
        assert len(frames.frames) <= 3, frames.frames  # was 6


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_opening_the_palette_lays_out_nothing_twice(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        layouts: Counter[str] = Counter()
        refresh_layout = Screen._refresh_layout

        def counted(screen: Screen[Any], size: Size | None = None, scroll: bool = False) -> None:
            layouts[type(screen).__name__] += 1
            refresh_layout(screen, size, scroll)

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        # The main screen beneath was laid out again (for the palette's Resize at the
        # size it had), the palette four times: shown empty, filled, given its
        # scrollbar, and after its widgets' first sizes (the one layout left over).
        assert layouts["MainScreen"] == 0, layouts
        assert layouts[type(app.screen).__name__] <= 2, layouts
        await pilot.press("escape")
        await settle(pilot)
        layouts.clear()
        await pilot.press("m")  # the menu, a dialog too, leaves it alone as well
        await settle(pilot)
        assert layouts["MainScreen"] == 0, layouts


async def test_the_palette_draws_each_entry_once(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws: Counter[tuple[int, Style]] = Counter()  # (entry, style) drawn, and how often
    render = OptionList._get_option_render

    def counted(entries: OptionList, option: Option, style: Style) -> list[Strip]:
        padding = entries.get_component_styles("option-list--option").padding
        if (option, style, padding) not in entries._option_render_cache:
            draws[id(option), style] += 1
        return render(entries, option, style)

    monkeypatch.setattr(OptionList, "_get_option_render", counted)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        draws.clear()
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert draws
        # Each entry on screen drawn once: the list's Resize (to the size it was laid
        # out at) threw every drawn and measured entry away and drew them all again.
        assert max(draws.values()) == 1, draws.most_common(3)


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
@pytest.mark.parametrize("query", ["", "jump to", "jump to view", "zzzq"])
async def test_the_palette_has_a_scrollbar_when_its_entries_overflow(
    sample_store: Store, size: tuple[int, int], query: str
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *query)
        await settle(pilot)
        entries = app.screen.query_one(CommandList)
        overflows = entries.virtual_size.height > entries.scrollable_content_region.height
        assert entries.show_vertical_scrollbar == overflows
        if query == "jump to view" and size == (160, 48):
            assert entries.option_count == 4 and not overflows  # All, Unread, Starred, Today


RELEASED: list[asyncio.Event] = []


class SlowCommands(Provider):
    """A provider whose one command comes when the test lets it."""

    async def discover(self) -> Hits:
        await RELEASED[0].wait()
        yield DiscoveryHit("Slow command", lambda: None, help="Came late")

    async def search(self, query: str) -> Hits:
        await RELEASED[0].wait()
        return
        yield


async def test_a_slow_provider_does_not_keep_the_palette_from_showing(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tuinews.ui.palette

    monkeypatch.setattr(tuinews.ui.palette, "FIRST_ENTRIES_WAIT", 0)
    monkeypatch.setattr(TuinewsApp, "COMMANDS", TuinewsApp.COMMANDS | {SlowCommands})
    RELEASED[:] = [asyncio.Event()]
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        frames = Frames(monkeypatch)
        await pilot.press("ctrl+p")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert frames.frames, "the palette waited for its slowest provider"
        RELEASED[0].set()
        await settle(pilot)
        entries = app.screen.query_one(CommandList)
        listed = [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]
        assert any(line.startswith("Slow command") for line in listed)


async def test_escape_at_once_closes_a_palette_still_gathering(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TuinewsApp, "COMMANDS", TuinewsApp.COMMANDS | {SlowCommands})
    RELEASED[:] = [asyncio.Event()]
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        main = app.screen
        await pilot.press("ctrl+p", "escape")
        RELEASED[0].set()
        await settle(pilot)
        assert app.screen is main
        await pilot.press("ctrl+p")  # and it opens again, whole
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandList).option_count > 24
