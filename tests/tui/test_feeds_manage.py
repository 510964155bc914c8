"""Managing feeds in the reader ("Feeds…"): keys in, the store and the screen out."""

from __future__ import annotations

from bench.synthetic import rss_feed

from conftest import FIXED_NOW, app_for, main_screen, settle
from httpserver import serve, static
from tuinews.models import ArticleDraft
from tuinews.store import Store
from tuinews.store.subscriptions import (
    add_subscription,
    feed_problems,
    get_subscription,
    list_subscriptions,
    record_fetch,
)
from tuinews.ui.screens.feed_dialogs import ConfirmRemove, FeedField
from tuinews.ui.screens.feeds import FeedsScreen
from tuinews.ui.screens.help import HelpScreen

WIRE = "https://wire.example/rss"
DOWN = "https://down.example/feed"
ERROR = (
    "could not be fetched ([Errno -2] Name or service not known) while asking "
    "down.example for the feed; the rest of this reason must not be cut"
)


def _subscribe(store: Store) -> None:
    add_subscription(store, WIRE, "Meridian Wire", "World")
    saved, _ = store.save_source(
        WIRE, "Meridian Wire", "feed", [ArticleDraft(f"S{n}", key_hint=f"k{n}") for n in range(3)]
    )
    store.set_starred(saved[2].article_id, True)
    # No category of its own: its articles sit where the rules put them ("Misc").
    add_subscription(store, DOWN, "Down Daily", None)
    store.save_source(
        DOWN, "Down Daily", "feed", [ArticleDraft("D", key_hint="d", category="Misc")]
    )
    record_fetch(store, DOWN, fetched_at=FIXED_NOW, status=None, error=ERROR)


def _detail(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#feeds-detail").render())


def test_a_failing_feed_without_a_category_is_marked_where_its_articles_are(store: Store) -> None:
    _subscribe(store)
    assert feed_problems(store) == {"Down Daily\x1fMisc": ERROR}


async def test_feeds_are_managed_from_the_keyboard(store: Store) -> None:
    _subscribe(store)
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        sidebar = app.screen.query_one("#sidebar")
        # The failing feed without a category still gets its `!`, and ! explains it.
        assert " !" in str(sidebar.get_option("category:Misc").prompt)
        sidebar.focus()
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, FeedsScreen)
        # Sorted by category: "Down Daily" (none) first; its whole error shows.
        assert ERROR in _detail(app).replace("\n", " ") or ERROR in _detail(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = {row[2] for row in app.screen.rows}
        assert {"feeds.remove", "feeds.rename", "feeds.category", "feeds.refresh_one"} <= ids
        assert "feeds.open_site" in ids
        await pilot.press("escape")
        await pilot.press("j")
        assert WIRE in _detail(app)
        await pilot.press("k")
        assert DOWN in _detail(app)
        await pilot.press("down")
        assert WIRE in _detail(app)
        await pilot.press("e")
        assert isinstance(app.screen, FeedField)
        await pilot.press("ctrl+u", *"Wire", "enter")
        assert get_subscription(store, WIRE).title == "Wire"  # type: ignore[union-attr]
        await pilot.press("c")
        await pilot.press("ctrl+u", *"Local", "enter")
        assert get_subscription(store, WIRE).category == "Local"  # type: ignore[union-attr]
        assert store.counts(FIXED_NOW).categories["Local"].total == 3
        assert "World" not in store.counts(FIXED_NOW).categories
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmRemove)
        await pilot.press("n")  # kept
        assert get_subscription(store, WIRE) is not None
        await pilot.press("d", "y")
        assert get_subscription(store, WIRE) is None
        assert store.counts(FIXED_NOW).categories["Local"].total == 1  # the starred one
        assert [s.url for s in list_subscriptions(store)] == [DOWN]
        await pilot.press("escape")
        await pilot.pause()
        # The main screen reloaded: the sidebar shows the change.
        assert "Local" in str(app.screen.query_one("#sidebar").get_option("category:Local").prompt)


async def test_r_refreshes_only_the_highlighted_feed(store: Store) -> None:
    with serve({"/a.xml": static(rss_feed(4, html_bytes=200)), "/b.xml": static(rss_feed(5))}) as (
        base,
        hits,
    ):
        add_subscription(store, f"{base}/a.xml", "A", "Alpha")
        add_subscription(store, f"{base}/b.xml", "B", "Beta")
        app = app_for(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.run_action("feeds")
            await pilot.pause()
            assert isinstance(app.screen, FeedsScreen)
            await pilot.press("r")
            await settle(pilot)
            assert [hit.split("?")[0] for hit in hits] == ["/a.xml"]
            assert store.counts(FIXED_NOW).categories["Alpha"].total == 4
            assert "Beta" not in store.counts(FIXED_NOW).categories
            table = app.screen.query_one("#feeds-table")
            assert str(table.get_row_at(0)[2]) == "4"  # the table shows what landed
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.query_one("#sidebar").get_option("category:Alpha")


async def test_a_failing_feed_in_a_category_without_articles_is_marked_there(
    store: Store,
) -> None:
    # Seen in tmux: a feed added to "Science" that never fetched had no `!` anywhere, for
    # its category (no articles yet) was not in the sidebar.
    _subscribe(store)
    add_subscription(store, "https://gone.example/rss", "Gone Gazette", "Science")
    record_fetch(store, "https://gone.example/rss", fetched_at=FIXED_NOW, status=404, error="404")
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        sidebar = app.screen.query_one("#sidebar")
        assert " !" in str(sidebar.get_option("category:Science").prompt)
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("category:Science")
        await settle(pilot)
        # The category stays chosen though it is empty; space shows the failing feed.
        assert main_screen(app).view.category == "Science"
        await pilot.press("space", "j")
        await settle(pilot)
        feed = sidebar.get_option("feed:Science\x1fhttps://gone.example/rss")
        assert " !" in str(feed.prompt)
        assert "! 404" in str(app.screen.query_one("#view-status").render())


async def test_exclamation_mark_opens_the_feeds_from_the_list_too(store: Store) -> None:
    # An empty feed view says "! shows its errors"; after enter the list has the focus,
    # where ! did nothing.
    _subscribe(store)
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.focused is app.screen.query_one("#articles")
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, FeedsScreen)
        await pilot.press("escape", "l", "exclamation_mark")  # from the reader as well
        assert isinstance(app.screen, FeedsScreen)


async def test_add_feed_from_the_feeds_comes_back_to_the_feeds(store: Store) -> None:
    # `escape` in "Add feed" opened from "Feeds…" went to the main screen (issue 16).
    from tuinews.ui.screens.feeds import AddFeedDialog

    _subscribe(store)
    with serve({"/f.xml": static(rss_feed(3, html_bytes=200))}) as (base, hits):
        app = app_for(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("exclamation_mark", "j", "a")
            await pilot.pause()
            assert isinstance(app.screen, AddFeedDialog)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, FeedsScreen)
            assert WIRE in _detail(app)  # on the feed it was on
            await pilot.press("a")
            await pilot.pause()
            app.screen.query_one("#feed-url").value = f"{base}/f.xml"
            await pilot.press("tab", *"Wire", "enter")
            await settle(pilot)
            # Back in "Feeds…", on the new feed, fetched (that one only) and shown.
            assert isinstance(app.screen, FeedsScreen)
            assert f"{base}/f.xml" in _detail(app)
            assert [hit.split("?")[0] for hit in hits] == ["/f.xml"]
            table = app.screen.query_one("#feeds-table")
            assert str(table.get_row_at(table.cursor_row)[2]) == "3"
            assert store.counts(FIXED_NOW).categories["Wire"].total == 3
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is main_screen(app)
            assert app.screen.query_one("#sidebar").get_option("category:Wire")
