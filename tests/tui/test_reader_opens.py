"""Issue 16 item 12: an article opened in one frame, its scrollbar with it (counted, not timed).

Textual placed the reader's scrollbar as it laid the reader out, before it learned from
the article's height that one was needed, then laid the whole screen out again and drew
the scrollbar a frame later: the pane changed twice for every article opened.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import RenderableType
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen

from conftest import app_for, main_screen, settle
from tuinews.importer.pipeline import import_sources
from tuinews.store import Store
from tuinews.ui.widgets.reader import Reader


def scrollbar_drawn(reader: Reader) -> bool:
    """Whether the reader's scrollbar is on the screen as the compositor has laid it out."""
    bar = reader._vertical_scrollbar
    return bar is not None and bar in reader.screen._compositor.visible_widgets


def agrees_with_textual(reader: Reader) -> bool:
    """The scrollbar is shown exactly when the article is taller than the pane."""
    overflows = reader.virtual_size.height > reader.scrollable_content_region.height
    return reader.show_vertical_scrollbar == overflows == scrollbar_drawn(reader)


async def test_the_first_article_opens_with_its_scrollbar_in_one_layout(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        frames: list[bool] = []  # for each frame after the key: the scrollbar in it
        layouts: list[Size] = []
        display = App._display
        refresh_layout = Screen._refresh_layout

        def recorded(app: App[Any], shown: Screen[Any], update: RenderableType | None) -> None:
            if update is not None and shown is screen:
                frames.append(scrollbar_drawn(reader))
            display(app, shown, update)

        def counted(shown: Screen[Any], size: Size | None = None, scroll: bool = False) -> None:
            if shown is screen:
                layouts.append(size or shown.outer_size)
            refresh_layout(shown, size, scroll)

        monkeypatch.setattr(App, "_display", recorded)
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        await pilot.press("enter")
        await settle(pilot)
        assert reader.article is not None and reader.show_vertical_scrollbar
        # The first frame showing the article has its scrollbar: it came a layout later.
        assert frames and frames[0], frames
        assert len(layouts) <= 2, layouts  # was 3
        assert agrees_with_textual(reader)


async def test_a_short_article_after_a_long_one_has_no_scrollbar(
    store: Store, tmp_path: Path
) -> None:
    long_body = "\n\n".join(f"Paragraph {n} of the long report." for n in range(80))
    news = tmp_path / "news.json"
    news.write_text(
        json.dumps(
            [
                {"title": "Long report", "body": long_body, "published": "2026-11-23T10:00:00Z"},
                {"title": "Short note", "body": "One line.", "published": "2026-11-23T09:00:00Z"},
            ]
        )
    )
    import_sources([str(news)], store)
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = main_screen(app).query_one(Reader)
        await pilot.press("enter")
        await settle(pilot)
        assert reader.article is not None and reader.article.title == "Long report"
        assert reader.show_vertical_scrollbar and agrees_with_textual(reader)
        await pilot.press("J")
        await settle(pilot)
        assert reader.article is not None and reader.article.title == "Short note"
        assert not reader.show_vertical_scrollbar and agrees_with_textual(reader)
        await pilot.press("K")
        await settle(pilot)
        assert reader.show_vertical_scrollbar and agrees_with_textual(reader)
        await pilot.resize_terminal(120, 200)  # the long report fits a very tall terminal
        await settle(pilot)
        assert not reader.show_vertical_scrollbar and agrees_with_textual(reader)
