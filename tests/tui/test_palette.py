"""The command palette's "Jump to category": typed on the keyboard, it shows that view."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import app_for, settle
from tuinews.importer.pipeline import import_sources
from tuinews.models import View, ViewKind
from tuinews.store import Store


async def test_jump_to_a_category_from_the_palette(store: Store, tmp_path: Path) -> None:
    for name in ("Harbour", "Weather"):
        news = tmp_path / f"{name}.json"
        news.write_text(json.dumps([{"title": f"{name} news", "body": "Words."}]))
        import_sources([str(news)], store, category=name)
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Jump to category: Weather")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main is not None
        assert app.main.view == View(ViewKind.CATEGORY, "Weather")
