"""The command palette's "Jump to category": typed on the keyboard, it shows that view."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from textual.command import CommandPalette

from conftest import app_for, settle
from tuinews.importer.pipeline import import_sources
from tuinews.models import SidebarCounts, View, ViewKind
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


async def test_the_palette_calls_a_smart_view_a_view_and_lists_a_new_feeds_category(
    store: Store, tmp_path: Path
) -> None:
    # It offered "Jump to category: Unread", and a category named only by a feed that had
    # not fetched yet (the sidebar lists it, with the feed's `!`) was missing.
    from textual.command import CommandList

    from tuinews.store.subscriptions import add_subscription

    news = tmp_path / "a.json"
    news.write_text(json.dumps([{"title": "Harbour news", "body": "Words."}]))
    import_sources([str(news)], store, category="Harbour")
    add_subscription(store, "https://gone.example/rss", "Gone Gazette", "Science")
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p", *"Jump to")
        await settle(pilot)
        results = app.screen.query_one(CommandList)
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(line.startswith("Jump to view: Unread") for line in shown), shown
        assert not any(line.startswith("Jump to category: Unread") for line in shown), shown
        assert any(line.startswith("Jump to category: Science") for line in shown), shown


async def test_typing_in_the_palette_reads_the_views_once(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 16 item 12: every key typed in the palette asked the store again for all its
    # counts (Today's two index ranges grow with the store) and its feeds, only to list
    # the same categories; the palette now reads them once when it opens.
    reads: list[str] = []
    counts = Store.counts

    def counted(self: Store, now: datetime) -> SidebarCounts:
        reads.append("counts")
        return counts(self, now)

    monkeypatch.setattr(Store, "counts", counted)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        reads.clear()
        await pilot.press("ctrl+p")
        await pilot.press(*"jump to")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await settle(pilot)
        assert reads == ["counts"]
        await pilot.press("ctrl+p")  # opened again: read again (an import may have landed)
        await pilot.press(*"jump")
        await settle(pilot)
        assert reads == ["counts", "counts"]
