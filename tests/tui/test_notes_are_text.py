"""What the reader says quotes the user's words and category names as text, never as markup.

A search for `[/b]zzq` raised MarkupError when its "Nothing matches" note was drawn, and the
app died with a traceback; "[commands]" vanished from the bookmark hint.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets._toast import Toast

from conftest import app_for, main_screen
from tuinews.importer.pipeline import import_sources
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.screens.main import VIEW_SETTING


def shown(app: object) -> list[str]:
    """Each notification as its toast draws it."""
    return [Toast(note).render().plain for note in app._notifications]  # type: ignore[attr-defined]


async def test_a_search_with_brackets_that_finds_nothing_says_so(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"[/b]zzq", "enter")
        await pilot.pause()
        assert app.is_running
        assert "Nothing matches '[/b]zzq'." in shown(app)


async def test_marking_a_category_with_brackets_read_names_it(store: Store, tmp_path: Path) -> None:
    news = tmp_path / "odd.json"
    news.write_text(json.dumps([{"title": "Odd", "body": "Text.", "category": "[/i]Odd"}]))
    assert not import_sources([str(news)], store).failures
    store.set_setting(VIEW_SETTING, View(ViewKind.CATEGORY, "[/i]Odd").to_setting())
    app = app_for(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert app.is_running and main_screen(app).view.category == "[/i]Odd"
        assert "Marked 1 article read in [/i]Odd (u to undo)." in shown(app)
