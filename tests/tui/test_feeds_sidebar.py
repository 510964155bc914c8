"""Feeds under their categories in the sidebar, and the list's sort order and unread-only
switch, by key presses (issue 13 item 3)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from conftest import NOW, app_for, main_screen, settle
from conftest import dated_draft as draft
from tuinews.models import ListOrder, Sort, View, ViewKind
from tuinews.store import Store
from tuinews.store.subscriptions import add_subscription, record_fetch
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.sidebar import Sidebar

HARBOUR = "http://news.example/harbour.rss"
VALLEY = "http://news.example/valley.rss"
TITLES = ("Ferry timetable", "apple harvest", "Council budget", "bridge repairs")


@pytest.fixture
def feeds(store: Store) -> Store:
    """Local: two feeds (the valley one failing) and a file; World: the valley's others."""
    add_subscription(store, HARBOUR, "Harbour Gazette", "Local", now=NOW)
    add_subscription(store, VALLEY, "Valley Post", None, now=NOW)
    store.save_source(
        HARBOUR, "Harbour Gazette", "feed", [draft(n, t, "Local") for n, t in enumerate(TITLES)]
    )
    store.save_source(
        VALLEY,
        "Valley Post",
        "feed",
        [draft(10 + n, f"Valley {n}", "Local" if n < 2 else "World") for n in range(5)],
    )
    store.save_source("notes.json", "Notes", "json", [draft(30, "A note", "Local")])
    record_fetch(store, VALLEY, fetched_at=NOW, status=503, error="HTTP 503 Service Unavailable")
    return store


def lines(sidebar: Sidebar) -> list[str]:
    return [sidebar.get_option_at_index(i).prompt.plain for i in range(sidebar.option_count)]  # type: ignore[union-attr]


def status(app: object) -> str:
    return str(main_screen(app).query_one("#view-status", Static).render())  # type: ignore[arg-type]


async def to_entry(pilot: object, sidebar: Sidebar, option: str) -> None:
    """Move the highlight to an entry with j, as a user does."""
    target = sidebar.get_option_index(option)
    while (sidebar.highlighted or 0) < target:
        await pilot.press("j")  # type: ignore[attr-defined]
    assert sidebar.highlighted == target


async def test_a_category_opens_on_its_feeds_and_a_feed_lists_its_articles(feeds: Store) -> None:
    app = app_for(feeds)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        sidebar = screen.query_one(Sidebar)
        articles = screen.query_one(ArticleList)
        await pilot.press("shift+tab")
        assert app.focused is sidebar
        assert not any("Harbour Gazette" in line for line in lines(sidebar))
        await to_entry(pilot, sidebar, "category:Local")
        assert "▸ Local" in lines(sidebar)[sidebar.highlighted or 0]
        await pilot.press("space")
        shown = lines(sidebar)
        local = sidebar.get_option_index("category:Local")
        assert "▾ Local" in shown[local]
        # Its feeds, by title, indented under it, each with its unread count there.
        assert shown[local + 1].startswith("  · Harbour Gazette") and shown[local + 1].endswith(
            " 4"
        )
        assert shown[local + 2].startswith("  · Valley Post") and shown[local + 2].endswith("! 2")
        assert "category:World" in sidebar._views
        await pilot.press("j")
        assert screen.view == View(ViewKind.FEED, "Local", feed=HARBOUR)
        assert [row.title for row in articles.rows_shown] == list(TITLES)
        assert articles.border_title == "Harbour Gazette (4)"
        assert "Harbour Gazette · " in status(app)
        # Marking in the list: the feed's count follows, as the category's does.
        await pilot.press("tab", "r")
        await settle(pilot)
        assert lines(sidebar)[local + 1].endswith(" 3")
        assert lines(sidebar)[local].endswith(" 6")  # 3 + the valley's 2 + the note
        # The failing feed: its reason is on screen when it is chosen, not only its `!`.
        await pilot.press("shift+tab", "j")
        assert screen.view == View(ViewKind.FEED, "Local", feed=VALLEY)
        assert "! HTTP 503 Service Unavailable" in status(app)
        assert [row.title for row in articles.rows_shown] == ["Valley 0", "Valley 1"]
        # Space on a feed closes its category and goes to the category's articles.
        await pilot.press("space")
        await pilot.pause()
        assert screen.view == View(ViewKind.CATEGORY, "Local")
        assert not any("Valley Post" in line for line in lines(sidebar))
        # right opens, left closes, and the sidebar remembers which are open.
        await pilot.press("right")
        assert any("Valley Post" in line for line in lines(sidebar))
        await pilot.press("q")
    app = app_for(feeds)
    async with app.run_test(size=(160, 48)) as pilot:
        sidebar = main_screen(app).query_one(Sidebar)
        assert any("Harbour Gazette" in line for line in lines(sidebar))
        await pilot.press("shift+tab", "left")
        assert not any("Harbour Gazette" in line for line in lines(sidebar))


async def test_a_feed_view_is_restored_at_the_next_start(feeds: Store) -> None:
    feeds.set_setting("ui.view", View(ViewKind.FEED, "World", feed=VALLEY).to_setting())
    app = app_for(feeds)
    async with app.run_test(size=(160, 48)):
        screen = main_screen(app)
        assert screen.view == View(ViewKind.FEED, "World", feed=VALLEY)
        assert screen.view.label == "Valley Post"
        sidebar = screen.query_one(Sidebar)
        # Its category is opened so that the feed on screen is in the sidebar, highlighted.
        assert sidebar.highlighted == sidebar.get_option_index(f"feed:World\x1f{VALLEY}")
        rows = screen.query_one(ArticleList).rows_shown
        assert [row.title for row in rows] == ["Valley 2", "Valley 3", "Valley 4"]


async def test_a_click_on_the_triangle_opens_a_category(feeds: Store) -> None:
    app = app_for(feeds)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        sidebar = screen.query_one(Sidebar)
        local = sidebar.get_option_index("category:Local")
        # The option's line on screen (separators take lines of their own).
        line = next(y for y, (index, _) in enumerate(sidebar._lines) if index == local)
        top = sidebar.content_region.y - sidebar.region.y + line
        await pilot.click(Sidebar, offset=(sidebar.styles.gutter.left, top))
        assert any("Harbour Gazette" in line for line in lines(sidebar))
        assert screen.view == View()  # a click on the triangle opens; it does not choose
        await pilot.click(Sidebar, offset=(sidebar.styles.gutter.left + 4, top))
        await pilot.pause()
        assert screen.view == View(ViewKind.CATEGORY, "Local")


async def test_sort_orders_and_unread_only_per_view_across_restarts(feeds: Store) -> None:
    app = app_for(feeds)
    local = View(ViewKind.CATEGORY, "Local")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        screen.jump_to(local)
        await pilot.pause()
        newest = [row.title for row in articles.rows_shown]
        assert newest[:4] == list(TITLES)
        await pilot.press("O")
        assert [row.title for row in articles.rows_shown] == list(reversed(newest))
        assert articles.border_title == "Local (7) · oldest first"
        await pilot.press("O")
        assert [row.source for row in articles.rows_shown] == ["Harbour Gazette"] * 4 + [
            "Notes"
        ] + ["Valley Post"] * 2
        await pilot.press("O")
        titles = [row.title for row in articles.rows_shown]
        assert titles == sorted(titles, key=str.casefold)
        assert articles.border_title == "Local (7) · by title"
        # Unread only: the read ones go, and the title says so (and how many are left).
        articles.move_cursor(row=0)
        await pilot.press("r")
        await pilot.press("U")
        assert len(articles.rows_shown) == 6 and not any(r.read for r in articles.rows_shown)
        assert articles.border_title == "Local (6 unread) · by title, unread only"
        # Another view keeps its own order.
        screen.jump_to(View())
        await pilot.pause()
        assert articles.border_title == "All (10)"
        await pilot.press("q")
    assert ListOrder.from_setting(feeds.get_setting("ui.order.category:Local")) == ListOrder(
        Sort.TITLE, unread_only=True
    )
    feeds.set_setting("ui.view", local.to_setting())
    app = app_for(feeds)
    async with app.run_test(size=(160, 48)) as pilot:
        articles = main_screen(app).query_one(ArticleList)
        assert articles.border_title == "Local (6 unread) · by title, unread only"
        # n goes to the next unread in the list's order.
        await pilot.press("g", "n")
        assert articles.current is not None
        assert articles.current.id == articles.rows_shown[0].id
        await pilot.press("n")
        assert articles.current is not None
        assert (
            articles.current.title
            == sorted((r.title for r in articles.rows_shown), key=str.casefold)[1]
        )


async def test_help_and_the_palette_offer_the_new_keys(feeds: Store) -> None:
    from tuinews.ui.screens.help import HelpScreen

    app = app_for(feeds)
    async with app.run_test(size=(160, 48)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Sort the list: by title", "Unread only: on/off"} <= titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = {row[2] for row in app.screen.rows}
        assert {"list.sort", "list.unread_only", "sidebar.toggle_category"} <= ids


async def test_jump_to_a_feed_from_the_palette(feeds: Store) -> None:
    app = app_for(feeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Jump to feed: Valley Post (in World)")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).view == View(ViewKind.FEED, "World", feed=VALLEY)


async def test_n_goes_from_a_read_feed_to_the_rest_of_its_category(feeds: Store) -> None:
    harbour = View(ViewKind.FEED, "Local", feed=HARBOUR)
    feeds.mark_view_read(harbour, NOW)
    feeds.save_source("arts.json", "Arts", "json", [draft(40, "An exhibition", "Arts")])
    feeds.set_setting("ui.view", harbour.to_setting())
    app = app_for(feeds)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        assert screen.view == harbour
        await pilot.press("n")
        # Not the next category: the unread articles of Local's other feed and file.
        assert screen.view == View(ViewKind.CATEGORY, "Local")
        assert screen.article is not None and screen.article.title == "Valley 0"


async def test_a_feed_title_is_shown_as_it_is_never_as_markup(feeds: Store) -> None:
    hostile = "[/]Bad [b]feed[/b] \x1b[31mred"
    add_subscription(feeds, "http://bad.example/", hostile, "Local", now=NOW)
    feeds.save_source("http://bad.example/", hostile, "feed", [draft(50, "Bad one", "Local")])
    feeds.set_setting(
        "ui.view", View(ViewKind.FEED, "Local", feed="http://bad.example/").to_setting()
    )
    app = app_for(feeds)
    async with app.run_test(size=(160, 48)):
        screen = main_screen(app)
        sidebar = screen.query_one(Sidebar)
        shown = lines(sidebar)[sidebar.highlighted or 0]
        assert "· [/]Bad [b]feed[/b" in shown and "\x1b" not in shown
        title = screen.query_one(ArticleList).border_title or ""
        assert "Bad" in title and "\x1b" not in title
        assert "[/]Bad [b]feed[/b] red" in status(app)
