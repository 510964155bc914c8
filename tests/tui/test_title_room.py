"""The title's room in the list, in cells, at the sizes people use (issue 16, item 4).

At 160x48 titles were cut at about 33 cells: a fixed 50/50 split, wide source and date
columns, and a reader pane taking half the screen even with no article open.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.cells import cell_len

from conftest import app_for, main_screen
from tuinews.importer.pipeline import import_sources
from tuinews.store import Store
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader

# Longer than any list is wide, so that it is always cut; words of one letter count exactly.
LONG_TITLE = " ".join(["Harbour"] + ["ferry"] * 40)


def title_room(articles: ArticleList) -> int:
    """How many cells the first row gives its (cut) title: from its first letter to the …"""
    line = articles.render_line(0).text
    start = line.index("Harbour ferry")
    end = line.index("…", start)
    return cell_len(line[start : end + 1])


def long_title_store(store: Store, tmp_path: Path) -> Store:
    news = tmp_path / "long.json"
    item = {
        "title": LONG_TITLE,
        "body": "The ferry runs again.",
        "source": "The Harbour Ledger of Record",
        "published": "2026-11-23T11:00:00Z",
    }
    older = {"title": "Old news", "body": "Old.", "published": "2026-10-01"}
    news.write_text(json.dumps([item, older]))
    assert not import_sources([str(news)], store).failures
    return store


async def test_titles_get_the_room_at_160x48(store: Store, tmp_path: Path) -> None:
    app = app_for(long_title_store(store, tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        # No article open: the list takes the whole width beside the sidebar.
        assert title_room(articles) >= 90, articles.render_line(0).text
        await pilot.press("enter")
        await pilot.pause()
        # An article open: the reader keeps a readable measure, the title the rest.
        reader = screen.query_one(Reader)
        assert reader.scrollable_content_region.width >= 58
        assert title_room(articles) >= 38, articles.render_line(0).text
        # The sidebar hidden: its room goes to the list, not half of it to the reader.
        width = reader.size.width
        await pilot.press("escape", "b")
        await pilot.pause()
        assert screen.article is not None and reader.display
        assert reader.size.width == width
        assert title_room(articles) >= 60, articles.render_line(0).text


async def test_titles_get_the_room_at_80x24(store: Store, tmp_path: Path) -> None:
    app = app_for(long_title_store(store, tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert title_room(main_screen(app).query_one(ArticleList)) >= 48


async def test_escape_in_the_list_closes_the_reader_and_the_list_takes_its_room(
    store: Store, tmp_path: Path
) -> None:
    app = app_for(long_title_store(store, tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        closed = title_room(articles)
        await pilot.press("enter", "escape")  # to the reader, back to the list
        await pilot.pause()
        assert screen.query_one(Reader).display and title_room(articles) < closed
        await pilot.press("escape")
        await pilot.pause()
        assert screen.article is None and not screen.query_one(Reader).display
        assert title_room(articles) == closed
