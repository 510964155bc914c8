"""Titles and dates in the list: another year's date keeps its year; the split moves and stays."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import app_for, main_screen
from tuinews.importer.pipeline import import_sources
from tuinews.store import Store
from tuinews.ui.screens.navigation import SPLIT_MAX, SPLIT_MIN
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.splitter import Splitter


async def test_a_date_from_last_year_shows_its_year(store: Store, tmp_path: Path) -> None:
    news = tmp_path / "old.json"
    news.write_text(
        json.dumps(
            [{"title": "Winter storms close passes", "body": "Snow.", "published": "2025-12-04"}]
        )
    )
    assert not import_sources([str(news)], store).failures
    app = app_for(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        line = main_screen(app).query_one(ArticleList).render_line(0).text
        assert "Dec 2025" in line, line


async def test_the_split_moves_with_keys_and_the_mouse_and_is_remembered(
    sample_store: Store,
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        await pilot.press("enter", "escape")  # the reader opens beside the list
        await pilot.pause()
        before = articles.size.width
        title_room = len(articles.render_line(0).text.rstrip())
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert articles.size.width > before
        # The title takes the room: the line holds more of it.
        assert len(articles.render_line(0).text.rstrip()) > title_room
        await pilot.press("less_than_sign")
        await pilot.pause()
        middle = articles.size.width
        assert before < middle
        # Drag the bar far to the left: the list gets as narrow as it may.
        splitter = screen.query_one(Splitter)
        await pilot.mouse_down(splitter)
        await pilot.hover(articles, offset=(2, 5))
        await pilot.mouse_up(articles, offset=(2, 5))
        await pilot.pause()
        assert screen.split == SPLIT_MIN
        assert articles.size.width < before
        dragged, narrowest = screen.split, articles.size.width
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).split == dragged
        assert main_screen(app).query_one(ArticleList).size.width == narrowest


async def test_the_split_keys_say_why_they_do_nothing_in_a_narrow_terminal(
    sample_store: Store,
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert main_screen(app).split is None  # nothing moved, nothing remembered
        notes = [str(note.message) for note in app._notifications]
        assert any("no split to move" in note for note in notes), notes


async def test_equals_brings_back_the_default_split_for_the_width(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        await pilot.press("enter")
        await pilot.pause()
        default = reader.size.width
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert screen.split is not None and reader.size.width > default
        await pilot.press("equals_sign")
        await pilot.pause()
        assert screen.split is None and reader.size.width == default
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)):
        assert main_screen(app).split is None  # the default is what is remembered


async def test_the_split_keys_say_what_they_did_with_the_reader_closed(
    sample_store: Store,
) -> None:
    # With no article open the list has the whole width: < and > moved a split nobody
    # could see, and said nothing.
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert screen.split is not None
        notes = [str(note.message) for note in app._notifications]
        assert any(f"{screen.split}%" in note and "article is open" in note for note in notes)
        app.clear_notifications()
        await pilot.press("equals_sign")
        await pilot.pause()
        notes = [str(note.message) for note in app._notifications]
        assert any("default" in note and "article is open" in note for note in notes), notes


async def test_the_split_keys_say_when_the_split_is_at_its_end(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        for _ in range(20):
            await pilot.press("greater_than_sign")
        assert screen.split == SPLIT_MAX
        app.clear_notifications()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        notes = [str(note.message) for note in app._notifications]
        assert any("widest" in note for note in notes), notes
