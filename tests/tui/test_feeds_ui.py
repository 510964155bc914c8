"""Feeds in the reader: R refreshes in the background while the user keeps reading."""

from __future__ import annotations

import threading
from pathlib import Path

from bench.synthetic import rss_feed

from conftest import NOW, app_for, settle
from httpserver import Reply, Route, serve, static
from tuinews.models import ViewKind
from tuinews.store import Store
from tuinews.store.subscriptions import add_subscription, list_subscriptions
from tuinews.ui.screens.feeds import AddFeedDialog, FeedsScreen
from tuinews.ui.widgets.article_list import ArticleList


def held(body: bytes, gate: threading.Event) -> Route:
    """A feed whose answer waits until the test opens `gate`."""
    return lambda request: Reply(200, body, {"Content-Type": "application/rss+xml"}, gate=gate)


async def test_refresh_while_moving_keeps_the_cursor_and_counts_end_right(
    sample_store: Store,
) -> None:
    # The answers are held back, so the refresh runs while the user moves through the list.
    gate = threading.Event()
    routes = {f"/feed{n}.xml": held(rss_feed(40, html_bytes=400, seed=n), gate) for n in range(6)}
    routes["/broken.xml"] = lambda request: Reply(500, b"down")
    with serve(routes) as (base, _):
        for n in range(6):
            add_subscription(sample_store, f"{base}/feed{n}.xml", category="Wire")
        add_subscription(sample_store, f"{base}/broken.xml", category="Wire")
        before = sample_store.counts(NOW).views[ViewKind.ALL].total
        app = app_for(sample_store)
        async with app.run_test(size=(160, 48)) as pilot:
            articles = app.screen.query_one(ArticleList)
            await pilot.press("R")
            for _ in range(5):
                await pilot.press("j")
            chosen = articles.current
            assert app.refreshing
            gate.set()
            await settle(pilot)
            assert not app.refreshing
            # The highlighted article is still the one the user moved to.
            assert articles.current is not None and chosen is not None
            assert articles.current.id == chosen.id
            counts = sample_store.counts(NOW)
            assert counts.views[ViewKind.ALL].total == before + 240
            assert counts.categories["Wire"].unread == 240
            assert articles.row_count >= before + 200 or articles.row_count >= 200
            # The failing feed is marked and explained.
            problems = [s for s in list_subscriptions(sample_store) if s.last_error]
            assert [p.url.rsplit("/", 1)[-1] for p in problems] == ["broken.xml"]
            sidebar_wire = app.screen.query_one("#sidebar").get_option("category:Wire")
            assert " !" in str(sidebar_wire.prompt)
            await pilot.press("m")
            app.screen.dismiss("feeds")
            await pilot.pause()
            assert isinstance(app.screen, FeedsScreen)
            assert "500" in str(app.screen.query_one("#feeds-table").get_row_at(0)[5]) or any(
                "500" in str(app.screen.query_one("#feeds-table").get_row_at(i)[5])
                for i in range(7)
            )


async def test_add_feed_from_the_menu(store: Store) -> None:
    with serve({"/f.xml": static(rss_feed(3, html_bytes=200))}) as (base, _):
        app = app_for(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("m")
            app.screen.dismiss("add_feed")
            await pilot.pause()
            assert isinstance(app.screen, AddFeedDialog)
            app.screen.query_one("#feed-url").value = f"{base}/f.xml"
            await pilot.press("tab", *"Wire", "enter")
            await settle(pilot)
            assert not app.refreshing
            assert store.counts(NOW).categories["Wire"].total == 3


async def test_export_from_the_menu_round_trips(store: Store, tmp_path: Path) -> None:
    from tuinews.importer.formats.opml import parse_opml
    from tuinews.ui.screens.feeds import ExportDialog

    add_subscription(store, "https://a.example/feed.xml", title="A feed", category="Misc")
    target = tmp_path / "subs.opml"
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("m")
        app.screen.dismiss("export")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    _, subs = parse_opml(target.read_bytes())
    assert [(s.url, s.title, s.category) for s in subs] == [
        ("https://a.example/feed.xml", "A feed", "Misc")
    ]
