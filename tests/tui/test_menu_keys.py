"""The menu shows each entry's key at its right, as the user's keymap has it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from conftest import app_for
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.menu import MenuScreen


def menu_lines(app: TuinewsApp) -> dict[str, str]:
    """Each line of the menu as drawn: its label -> what is at its right."""
    screen = app.screen
    assert isinstance(screen, MenuScreen)
    entries = screen.query_one(OptionList)
    lines: dict[str, str] = {}
    for y in range(entries.content_region.height):
        text = entries.render_line(y).text.strip()
        label, _, key = text.partition("  ")
        if label:
            lines[label.strip()] = key.strip()
    return lines


async def test_the_menu_shows_each_entrys_key_at_its_right(
    sample_store: Store, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"search.start" = "F"\n"feeds.refresh" = "ctrl+r"\n')
    app = app_for(sample_store, config)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        lines = menu_lines(app)
        box = app.screen.query_one("#menu-box").content_region
    assert lines["Import file or folder…"] == "i"
    assert lines["Refresh feeds"] == "^r"  # as remapped
    assert lines["Search…"] == "F"
    assert lines["Feeds…"] == "!"
    assert lines["Filters…"] == "^k"
    assert lines["Help"] == "?"
    assert lines["Quit"] == "q"
    assert lines["Export…"] == ""  # no key: nothing beside it
    assert box.width >= max(len(label) + len(key) + 2 for label, key in lines.items())
