"""`o` with the `browser` setting: a graphical browser runs on its own; none found is said."""

from __future__ import annotations

import asyncio
import webbrowser
from pathlib import Path

import pytest

from conftest import app_for, main_screen
from tuinews.store import Store
from tuinews.ui.widgets.article_list import ArticleList


async def test_o_starts_the_configured_browser_with_the_url(
    sample_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "opened.txt"
    config = tmp_path / "config.toml"
    config.write_text(f"[commands]\nbrowser = \"printf '%s' %u > '{out}'\"\n")
    app = app_for(sample_store, config)
    async with app.run_test(size=(160, 48)) as pilot:
        first = main_screen(app).query_one(ArticleList).rows_shown[0]
        await pilot.press("o")
        process = app.browser_process
        assert process is not None
        assert await asyncio.to_thread(process.wait) == 0
    article = sample_store.get(first.id)
    assert article is not None and out.read_text() == article.url


async def test_o_says_when_there_is_no_browser(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BROWSER", raising=False)

    def nothing(using: str | None = None) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", nothing)
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: False)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        assert any(message.startswith("No browser found") for message in messages), messages
        # And not "Opening …" beside it: nothing opened.
        assert not any(message.startswith("Opening") for message in messages), messages
