"""Issue-4 flows by key presses: search, mark all + undo, links, paging, menu, state, themes."""

from __future__ import annotations

from pathlib import Path

from test_import_dialog import finish
from textual.widgets import Static

from conftest import NOW, app_for
from tuinews.models import ArticleDraft, View, ViewKind
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.screens.menu import MENU_ENTRIES, MenuScreen
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar


def main_screen(app: TuinewsApp) -> MainScreen:
    assert app.main is not None
    return app.main


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    names = {" ": "space", '"': "quotation_mark", "-": "minus"}
    await pilot.press(*[names.get(ch, ch) for ch in text])


async def test_search_becomes_the_view_and_escape_returns(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("slash")
        assert app.focused is not None and app.focused.id == "search"
        # A plural finds the singular: words match by their stem.
        await type_text(pilot, "satellites")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view == View(ViewKind.SEARCH, query="satellites")
        rows = screen.query_one(ArticleList).rows_shown
        assert rows and "Satellite" in rows[0].title
        # The match is highlighted in the list (reverse style on the matched word).
        line = screen.query_one(ArticleList).render_line(0)
        assert any(seg.style and seg.style.reverse and "atellite" in seg.text for seg in line)
        # The sidebar shows the active search.
        assert "search" in screen.query_one(Sidebar)._views
        await pilot.press("enter")
        await pilot.pause()
        body = str(screen.query_one(Reader).query_one("#reader-body").source)
        assert "a **satellite** internet provider" in body
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert screen.view == View()


async def test_mark_all_read_then_undo_touches_only_the_view(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        before = sample_store.counts(NOW)
        screen.jump_to(View(ViewKind.CATEGORY, "Science"))
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        after = sample_store.counts(NOW)
        assert after.categories["Science"].unread == 0
        marked = before.categories["Science"].unread
        assert after.views[ViewKind.UNREAD].unread == before.views[ViewKind.UNREAD].unread - marked
        assert after.categories["World"] == before.categories["World"]
        assert any(f"Marked {marked} articles read" in n.message for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert sample_store.counts(NOW) == before
        assert "Science" in str(screen.query_one(ArticleList).border_title)


async def test_undo_restores_read_and_star_marks_in_order(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        first = screen.query_one(ArticleList).rows_shown[0]
        await pilot.press("s", "r")
        article = sample_store.get(first.id)
        assert article is not None and article.starred and article.read
        await pilot.press("u")
        article = sample_store.get(first.id)
        assert article is not None and article.starred and not article.read
        await pilot.press("u")
        article = sample_store.get(first.id)
        assert article is not None and not article.starred


async def test_open_and_copy_link(sample_store: Store) -> None:
    app = app_for(sample_store)
    opened: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(160, 48)) as pilot:
        first = main_screen(app).query_one(ArticleList).rows_shown[0]
        await pilot.press("o", "y")
        url = (sample_store.get(first.id) or first).url  # type: ignore[union-attr]
        assert opened == [url] and copied == [url]


async def test_space_pages_then_moves_to_the_next_unread(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(100, 20)) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        first = screen.article
        assert first is not None
        reader = screen.query_one(Reader)
        pages = 0
        while screen.article is not None and screen.article.id == first.id and pages < 50:
            await pilot.press("space")
            await pilot.pause()
            pages += 1
        assert pages > 1, "a long article takes more than one page"
        assert screen.article is not None and screen.article.id != first.id
        assert reader.scroll_y == 0


async def test_state_survives_a_restart(sample_store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = app_for(sample_store, config)
    async with app.run_test(size=(160, 48)) as pilot:
        main_screen(app).jump_to(View(ViewKind.CATEGORY, "World"))
        await pilot.pause()
        await pilot.press("j", "j")
        chosen = main_screen(app).query_one(ArticleList).current
        app.theme = "nord"
        await pilot.press("q")
    assert 'theme = "nord"' in config.read_text()
    again = app_for(sample_store, config)
    async with again.run_test(size=(160, 48)) as pilot:
        screen = main_screen(again)
        assert screen.view == View(ViewKind.CATEGORY, "World")
        assert screen.query_one(ArticleList).current == chosen
        assert again.theme == "nord"


async def test_menu_opens_by_mouse_and_runs_an_entry(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.click("#menu-button")
        assert isinstance(app.screen, MenuScreen)
        await (
            pilot.pause()
        )  # the menu's list laid out before it is clicked (failed once under load)
        row = [entry.action for entry in MENU_ENTRIES].index("search")
        await pilot.click("#menu-list", offset=(3, row))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is not None and app.focused.id == "search"


async def test_menu_by_keys(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MenuScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        row = [entry.action for entry in MENU_ENTRIES].index("help")
        await pilot.press("m", *["j"] * row, "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_hostile_text_renders_literally(store: Store) -> None:
    store.save_source(
        "/hostile.json",
        "Hostile [bold]source[/bold]",
        "json",
        [
            ArticleDraft(
                title="[bold red]Not bold[/] [link=https://evil.example]click[/link]",
                body="[blink]x[/blink] " + "W" * 3000 + "\n\n[@click=app.quit]quit[/]",
                category="[i]Cat[/i]",
                published=NOW,
            )
        ],
    )
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        await pilot.pause()
        line = screen.query_one(ArticleList).render_line(0)
        assert "[bold red]Not bold[/]" in line.text
        assert all(seg.style is None or seg.style.link is None for seg in line)
        category = screen.query_one(Sidebar).get_option("category:[i]Cat[/i]")
        assert "[i]Cat[/i]" in str(category.prompt)
        heading = screen.query_one(Reader).query_one("#reader-heading", Static).content
        assert "[bold red]Not bold[/]" in str(heading)
        assert app.is_running
        assert screen.query_one(Reader).size.width <= 120


async def test_import_from_the_app_updates_counts_and_jumps(
    sample_store: Store, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tuinews.ui.screens.import_dialog import ImportDialog

    news = tmp_path / "in"
    news.mkdir()
    (news / "a.json").write_text(
        '[{"title": "Glasshouse growers try night lighting", "body": "Tomatoes, mostly.",'
        ' "category": "Farming", "published": "2026-11-23T11:00:00+00:00"}]'
    )
    (news / "bad.json").write_text("[{")
    monkeypatch.chdir(tmp_path)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await type_text(pilot, "in")
        await pilot.press("enter")
        await finish(pilot, dialog)
        assert "imported 1 new, 0 updated, 0 duplicate, 1 failed from 2 sources" in str(
            dialog.query_one("#import-result").render()
        )
        await pilot.press("enter")  # "Show new articles" has the focus
        await pilot.pause()
        screen = main_screen(app)
        assert screen.article is not None
        assert screen.article.title == "Glasshouse growers try night lighting"
        assert "category:Farming" in screen.query_one(Sidebar)._views


async def test_mark_all_read_with_nothing_unread_says_so_and_leaves_undo_alone(
    sample_store: Store,
) -> None:
    # Seen in tmux: "Marked 0 articles read in Search: zzzqq (u to undo)."; that empty
    # marking was what `u` undid next, not the one before it.
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        before = sample_store.counts(NOW)
        screen.jump_to(View(ViewKind.CATEGORY, "Science"))
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("A")
        await pilot.pause()
        notes = [str(note.message) for note in app._notifications]
        assert notes == ["No unread articles in Science."], notes
        await pilot.press("u")
        await pilot.pause()
        assert sample_store.counts(NOW) == before  # the first A is the one undone
