"""The sidebar after another process adds many categories: counts stay on their lines."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import app_for, main_screen
from tuinews.importer.pipeline import import_sources
from tuinews.store import Store, open_store
from tuinews.ui.widgets.sidebar import Sidebar


async def test_forty_new_categories_keep_one_line_per_entry(
    sample_store: Store, tmp_path: Path
) -> None:
    news = tmp_path / "many.json"
    news.write_text(
        json.dumps(
            [
                {"title": f"Story {n}", "body": "Text.", "category": f"Region {n:02}"}
                for n in range(40)
            ]
        )
    )
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        sidebar = screen.query_one(Sidebar)
        assert not sidebar.show_vertical_scrollbar
        # `tuinews import` in another terminal: another connection writes the store.
        other = open_store(sample_store.path)
        assert not import_sources([str(news)], other).failures
        other.close()
        screen.refresh_all()
        await pilot.pause()
        await pilot.pause()
        assert sidebar.show_vertical_scrollbar
        # Every entry is one line with its count: none wrapped under the scrollbar, and the
        # separator is a line of its own.
        region = sidebar.content_region
        strips = screen._compositor.render_strips()
        lines = [strip.crop(region.x, region.right - 1).text for strip in strips[region.y :]]
        assert lines[0].split() == ["≡", "All", str(sidebar_counts(sample_store).unread)]
        assert set(lines[4].strip()) == {"─"}
        assert lines[5].split() == ["#", "Business", "6"]


def sidebar_counts(store: Store):  # type: ignore[no-untyped-def]
    from conftest import FIXED_NOW
    from tuinews.models import ViewKind

    return store.counts(FIXED_NOW).views[ViewKind.ALL]
