"""Issue-13 filters in the app: applied at start, listed with counts, undone by a key."""

from __future__ import annotations

from pathlib import Path

from conftest import NOW, app_for
from notes import record_notes
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.screens.filters import FiltersScreen
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.screens.menu import MENU_ENTRIES


async def test_filters_hide_at_start_are_listed_and_given_back(
    sample_store: Store, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[filters]]\nname = "No sport"\nquery = "category:Sports"\n')
    before = sample_store.count(View(), NOW).total
    app = app_for(sample_store, config)
    notes = record_notes(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sample_store.count(View(ViewKind.CATEGORY, "Sports"), NOW).total == 0
        assert any("No sport: 6" in note for note in notes)
        row = [entry.action for entry in MENU_ENTRIES].index("filters")
        await pilot.press("m", *["j"] * row, "enter")
        await pilot.pause()
        assert isinstance(app.screen, FiltersScreen)
        line = str(app.screen.query_one("#filters-list").get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert line == "No sport  6 hidden"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert sample_store.count(View(), NOW).total == before
        assert any("Gave back 6 articles" in note for note in notes)
        assert "category:Sports" in app.screen.query_one("Sidebar")._views  # type: ignore[attr-defined]


async def test_ctrl_k_opens_the_filters_and_the_help_lists_it(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        rows = {row[2]: row[:2] for row in app.screen.rows}  # type: ignore[attr-defined]
        assert rows["filters.open"] == ("^k", "Filters (killfile)…")
        await pilot.press("escape", "ctrl+k")
        assert isinstance(app.screen, FiltersScreen)
        hint = str(app.screen.query("Static").last().render())
        assert "No filters yet" in hint
        # Without filters the list is not drawn: it was an empty box above the hint.
        assert not app.screen.query_one("#filters-list").display
        await pilot.press("escape")
        assert not isinstance(app.screen, FiltersScreen)


async def test_one_article_given_back_is_one_article(sample_store: Store, tmp_path: Path) -> None:
    # Seen in tmux: "Gave back 1 articles caught by 'storms'."
    config = tmp_path / "config.toml"
    config.write_text('[[filters]]\nname = "one"\nquery = "Lumenarc"\n')
    app = app_for(sample_store, config)
    notes = record_notes(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, FiltersScreen)
        await pilot.press("u")
        await pilot.pause()
        assert "Gave back 1 article caught by 'one'." in notes, notes
