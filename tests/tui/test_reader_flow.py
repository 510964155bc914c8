"""The reader driven by key presses: launch, move, open, mark, star, counts change."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from conftest import NOW, SAMPLE_DATA, app_for, fixed_clock
from tuinews.models import View, ViewKind
from tuinews.store import Store, open_store
from tuinews.ui.app import TuinewsApp, make_app
from tuinews.ui.screens.help import HelpScreen
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar


def main_screen(app: TuinewsApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def test_first_launch_imports_the_sample_data(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db", clock=fixed_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        assert articles.row_count >= 30
        assert app.store.counts(NOW).views[ViewKind.ALL].total == articles.row_count
    # A second launch does not import again, even after every article is gone.
    store = open_store(tmp_path / "new.db")
    store.conn.execute("DELETE FROM articles")
    store.close()
    app = make_app(tmp_path / "new.db", clock=fixed_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(ArticleList).row_count == 0


async def test_open_article_marks_it_read_and_counts_follow(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        assert app.focused is articles
        unread_before = sample_store.counts(NOW).views[ViewKind.UNREAD].unread
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        opened = articles.rows_shown[2]
        assert screen.article is not None and screen.article.id == opened.id
        assert app.focused is screen.query_one(Reader)
        assert screen.article.read
        assert sample_store.counts(NOW).views[ViewKind.UNREAD].unread == unread_before - 1
        assert articles.rows_shown[2].read
        status = str(screen.query_one("#view-status", Static).render())
        assert f"{unread_before - 1} unread" in status
        # r toggles it back to unread; s stars it; escape returns to the list.
        await pilot.press("r", "s", "escape")
        await pilot.pause()
        article = sample_store.get(opened.id)
        assert article is not None and not article.read and article.starred
        assert app.focused is articles
        assert sample_store.counts(NOW).views[ViewKind.STARRED].total == 1


async def test_sidebar_moves_through_views_and_categories(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        sidebar = screen.query_one(Sidebar)
        await pilot.press("shift+tab")
        assert app.focused is sidebar
        await pilot.press("j")  # Unread
        await pilot.pause()
        assert screen.view == View(ViewKind.UNREAD)
        await pilot.press("j", "j", "j")  # Starred, Today, then the first category
        await pilot.pause()
        first_category = sorted(sample_store.counts(NOW).categories, key=str.lower)[0]
        assert screen.view == View(ViewKind.CATEGORY, first_category)
        rows = screen.query_one(ArticleList).rows_shown
        assert rows and all(row.category == first_category for row in rows)
        await pilot.press("enter")
        assert app.focused is screen.query_one(ArticleList)
        await pilot.press("enter", "escape")  # the reader opens (it is closed until then)
        await pilot.press("tab")
        assert app.focused is screen.query_one(Reader)


async def test_next_and_previous_and_next_unread_across_categories(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        await pilot.press("J")
        assert screen.article is not None and screen.article.id == articles.rows_shown[0].id
        await pilot.press("J", "J", "K")
        assert screen.article.id == articles.rows_shown[1].id
        # Read everything in the first category but one article; n goes on to the next.
        names = sorted(sample_store.counts(NOW).categories, key=str.lower)
        first = View(ViewKind.CATEGORY, names[0])
        sample_store.mark_view_read(first, NOW)
        screen.view = first
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert screen.view.kind is ViewKind.CATEGORY and screen.view.category == names[1]
        assert screen.article is not None and screen.article.category == names[1]
        assert screen.article.read


async def test_help_lists_the_live_keys(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {row[2] for row in app.screen.rows}
        assert {"article.next", "article.next_unread", "article.toggle_star", "quit"} <= keys
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_keys_can_be_remapped_from_the_config(sample_store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"article.toggle_star" = "f"\n')
    app = app_for(sample_store, config)
    async with app.run_test(size=(160, 48)) as pilot:
        first = main_screen(app).query_one(ArticleList).rows_shown[0]
        await pilot.press("s")
        assert not (sample_store.get(first.id) or first).starred
        await pilot.press("f")
        assert (sample_store.get(first.id) or first).starred


async def test_narrow_terminal_shows_one_pane_at_a_time(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        assert screen.has_class("narrow")
        assert not screen.query_one(Sidebar).display or screen.query_one(Sidebar).size.width == 0
        await pilot.press("enter")
        await pilot.pause()
        reader = screen.query_one(Reader)
        assert app.focused is reader and reader.size.width >= 70
        await pilot.press("escape", "b")
        await pilot.pause()
        assert app.focused is screen.query_one(Sidebar)


def test_sample_data_path_is_found() -> None:
    from tuinews.paths import sample_data_path

    found = sample_data_path()
    assert found is not None and (found / "feeds").is_dir()
    assert SAMPLE_DATA.exists()


async def test_reload_keeps_the_highlighted_article_unless_asked_to_start_at_the_top(
    sample_store: Store,
) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        await pilot.press("j", "j", "j")
        chosen = articles.current
        screen.refresh_all()
        await pilot.pause()
        assert articles.current == chosen
        # The first launch's sample import lands while the list is already on screen.
        screen.refresh_all(from_top=True)
        await pilot.pause()
        assert articles.cursor_row == 0 and articles.scroll_y == 0


async def test_articles_imported_by_another_process_appear(sample_store: Store) -> None:
    import subprocess
    import sys

    from conftest import FIXTURES

    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        articles = main_screen(app).query_one(ArticleList)
        before = articles.row_count
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "tuinews",
                "--db",
                str(sample_store.path),
                "import",
                str(FIXTURES / "feeds" / "small.atom"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        app._notice_outside_writes()  # what the 2-second timer does
        await pilot.pause()
        assert articles.row_count == before + 1


async def test_list_pages_jumps_and_opens_an_article_on_click(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 24)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        page = articles.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        assert articles.cursor_row == page
        # The cursor's row is on screen: the list scrolled to keep it in view.
        assert articles.scroll_y <= articles.cursor_row < articles.scroll_y + page + 1
        await pilot.press("end")
        assert articles.cursor_row == articles.row_count - 1
        await pilot.press("home")
        assert articles.cursor_row == 0 and articles.scroll_y == 0
        # A click on the fourth row highlights and opens it.
        await pilot.click(ArticleList, offset=(10, 4))
        await pilot.pause()
        chosen = articles.rows_shown[3]
        assert articles.cursor_row == 3
        assert screen.article is not None and screen.article.id == chosen.id
