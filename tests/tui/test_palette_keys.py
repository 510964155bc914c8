"""The article keys are in the command palette too (P, D, |, S had only their key)."""

from __future__ import annotations

from pathlib import Path

from conftest import app_for
from tuinews.store import Store
from tuinews.ui.screens.prompts import PipePrompt, SavePrompt


async def test_the_palette_lists_the_article_keys_with_their_keys(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)):
        assert app.main is not None
        titles = {command.title for command in app.get_system_commands(app.main)}
        for title in [
            "Play enclosure (P)",
            "Download enclosure (D)",
            "Pipe to… (|)",
            "Save to file… (S)",
            "Bookmark (B)",
            "Full text (F)",
        ]:
            assert title in titles, sorted(titles)


async def test_save_and_pipe_run_from_the_palette(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p", *"save to file", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavePrompt)
        await pilot.press("escape", "ctrl+p", *"pipe to", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PipePrompt)


async def test_a_remapped_key_is_shown_as_remapped(sample_store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"article.save" = "W"\n')
    app = app_for(sample_store, config)
    async with app.run_test(size=(120, 36)):
        assert app.main is not None
        titles = {command.title for command in app.get_system_commands(app.main)}
        assert "Save to file… (W)" in titles
