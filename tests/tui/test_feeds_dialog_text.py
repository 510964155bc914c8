"""What "Feeds…" says, seen in tmux: a whole-width table, a question that asks, a key that
answers."""

from __future__ import annotations

import pytest
from bench.synthetic import rss_feed
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from conftest import FIXED_NOW, app_for, settle
from httpserver import serve, static
from tuinews.store import Store
from tuinews.store.subscriptions import add_subscription, record_fetch
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.feed_dialogs import ConfirmRemove
from tuinews.ui.screens.feeds import AddFeedDialog, FeedsScreen

NAMED = "https://wire.example/rss"
UNNAMED = "https://down.example/feed.xml"
ERROR = "could not be fetched ([Errno 111] Connection refused) while asking down.example"


def _subscribe(store: Store) -> None:
    add_subscription(store, NAMED, "Meridian Wire", "World")
    add_subscription(store, UNNAMED, None, "Science")  # never fetched: its title is its URL
    record_fetch(store, UNNAMED, fetched_at=FIXED_NOW, status=None, error=ERROR)


def _notes(app: TuinewsApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def _open_feeds(app: TuinewsApp, pilot: Pilot[None]) -> FeedsScreen:
    await pilot.press("exclamation_mark")
    screen = app.screen
    assert isinstance(screen, FeedsScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_table_fits_the_dialog_and_the_error_shows_whole_below(
    store: Store, size: tuple[int, int]
) -> None:
    # The Problem column took the whole error: the table scrolled sideways under a bar
    # (at 80 columns the column was off screen) and the error was cut mid-word.
    _subscribe(store)
    app = app_for(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        row = next(i for i in range(table.row_count) if table.get_row_at(i)[5].plain)
        problem = table.get_row_at(row)[5].plain
        assert problem.endswith("…") and ERROR.startswith(problem[:-1])
        table.move_cursor(row=row)
        await pilot.pause()
        detail = app.screen.query_one("#feeds-detail", Static).render()
        assert ERROR in str(detail).replace("\n", " ")


async def test_remove_asks_a_question_and_names_the_feed_once(store: Store) -> None:
    _subscribe(store)
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_feeds(app, pilot)
        for url, first_line in (
            (NAMED, "Unsubscribe from Meridian Wire?"),
            (UNNAMED, f"Unsubscribe from {UNNAMED}?"),
        ):
            screen.query_one(DataTable).move_cursor(
                row=screen.subscriptions.index(
                    next(sub for sub in screen.subscriptions if sub.url == url)
                )
            )
            await pilot.press("d")
            assert isinstance(app.screen, ConfirmRemove)
            text = str(app.screen.query_one("#confirm-remove-text", Static).render())
            assert text.splitlines()[0] == first_line
            assert text.count(url) == 1  # the URL was said twice for a feed without a title
            await pilot.press("n")


async def test_open_site_says_what_it_opens(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # `o` in "Feeds…" said nothing while a graphical browser opened (or did not).
    monkeypatch.setenv("BROWSER", "true")
    _subscribe(store)
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_feeds(app, pilot)
        url = screen.subscriptions[screen.query_one(DataTable).cursor_row].url
        await pilot.press("o")
        await pilot.pause()
        site = url.split("/", 3)
        assert f"Opening {site[0]}//{site[2]}/" in _notes(app)


async def test_exclamation_mark_on_a_marked_category_opens_the_feeds_on_its_failing_feed(
    store: Store,
) -> None:
    # Seen in tmux: ! on "World !" opened "Feeds…" on its first row, another feed's
    # details, and the reason for the mark was a row to find.
    add_subscription(store, "https://arts.example/rss", "Arts Weekly", "Arts")
    add_subscription(store, NAMED, "Meridian Wire", "World")
    record_fetch(store, NAMED, fetched_at=FIXED_NOW, status=404, error="the server answered 404")
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        sidebar = app.screen.query_one("#sidebar", OptionList)
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("category:World")
        await pilot.pause()
        screen = await _open_feeds(app, pilot)
        assert screen.selected is not None and screen.selected.url == NAMED
        await pilot.press("escape")
        # On one of its feeds (space opens the category), that feed.
        sidebar.highlighted = sidebar.get_option_index("category:Arts")
        await pilot.press("space", "j")
        screen = await _open_feeds(app, pilot)
        assert screen.selected is not None and screen.selected.url == "https://arts.example/rss"


async def test_add_feed_from_the_menu_fetches_that_feed_only(store: Store) -> None:
    # Seen in tmux: "Subscribed to …; fetching it now." then "refreshed 6 feeds: …,
    # 2 failed": every feed was fetched, and the others' failures reported.
    feeds = {f"/{name}.xml": static(rss_feed(2, html_bytes=100)) for name in ("a", "b", "new")}
    with serve(feeds) as (base, hits):
        add_subscription(store, f"{base}/a.xml", "A", "Alpha")
        add_subscription(store, f"{base}/b.xml", "B", "Beta")
        app = app_for(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.run_action("add_feed")
            await pilot.pause()
            assert isinstance(app.screen, AddFeedDialog)
            app.screen.query_one("#feed-url", Input).value = f"{base}/new.xml"
            await pilot.press("tab", *"Gamma", "enter")
            await settle(pilot)
            assert [hit.split("?")[0] for hit in hits] == ["/new.xml"]
            assert store.counts(FIXED_NOW).categories["Gamma"].total == 2
            notes = _notes(app)
            assert any(note.startswith("refreshed 1 feed: 2 new") for note in notes), notes
