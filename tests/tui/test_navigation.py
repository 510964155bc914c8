"""Moving by key presses: n from the highlighted row, vim keys in list and reader, h/l panes."""

from __future__ import annotations

from conftest import app_for, main_screen
from tuinews.store import Store
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar


async def test_n_opens_the_highlighted_unread_article(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        await pilot.press("enter", "escape", "j", "j", "j")
        highlighted = articles.current
        assert highlighted is not None and not highlighted.read
        await pilot.press("n")
        assert screen.article is not None and screen.article.id == highlighted.id
        # Then on to the next unread one after it.
        following = articles.rows_shown[articles.cursor_row + 1]
        await pilot.press("n")
        assert screen.article.id == following.id
        # With nothing open, n opens the highlighted unread article too.
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        await pilot.press("j", "j")
        row = articles.rows_shown[2]
        await pilot.press("n")
        assert screen.article is not None and screen.article.id == row.id


async def test_vim_keys_move_in_the_list(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 30)) as pilot:
        articles = main_screen(app).query_one(ArticleList)
        height = articles.scrollable_content_region.height
        assert articles.row_count > height
        await pilot.press("G")
        assert articles.cursor_row == articles.row_count - 1
        await pilot.press("g")
        assert articles.cursor_row == 0
        await pilot.press("ctrl+d")
        assert articles.cursor_row == height // 2
        await pilot.press("ctrl+u")
        assert articles.cursor_row == 0
        await pilot.press("ctrl+f")
        assert articles.cursor_row == height - 1
        await pilot.press("ctrl+b")
        assert articles.cursor_row == 0


async def test_vim_keys_scroll_the_reader(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(100, 20)) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        await pilot.pause()
        reader = screen.query_one(Reader)
        assert app.focused is reader and reader.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert reader.scroll_y == min(
            reader.max_scroll_y, reader.scrollable_content_region.height // 2
        )


async def test_h_and_l_move_between_panes(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        await pilot.press("j", "l")
        assert app.focused is screen.query_one(Reader)
        assert screen.article is not None and screen.article.id == articles.rows_shown[1].id
        await pilot.press("h")
        assert app.focused is articles
        await pilot.press("h")
        assert app.focused is screen.query_one(Sidebar)
        await pilot.press("l")
        assert app.focused is articles
