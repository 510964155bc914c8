"""The dialogs opened from "Feeds…" sit cleanly over its box, at 80x24 and 160x48.

Seen in tmux: "Add feed" (70 columns) was narrower than the Feeds box it covered, whose
sides (cut table rows, a second thick border) showed beside it.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region

from conftest import app_for
from tuinews.store import Store
from tuinews.store.subscriptions import add_subscription
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.feed_dialogs import ConfirmRemove, FeedField
from tuinews.ui.screens.feeds import AddFeedDialog, FeedsScreen


def box_of(app: TuinewsApp, selector: str) -> Region:
    return app.screen.query_one(selector).region


def covers_sideways(top: Region, under: Region) -> bool:
    """Whether `top` hides `under` from its left edge to its right edge."""
    return top.x <= under.x and top.right >= under.right


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_add_rename_and_remove_cover_the_feeds_box_from_side_to_side(
    store: Store, size: tuple[int, int]
) -> None:
    for n in range(3):
        add_subscription(store, f"https://feed{n}.example/a/rather/long/path/to/its/rss.xml")
    app = app_for(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)
        feeds = box_of(app, "#feeds-box")
        for key, dialog, box in [
            ("a", AddFeedDialog, "#add-feed-box"),
            ("e", FeedField, "#feed-field-box"),
            ("d", ConfirmRemove, "#confirm-remove-box"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, dialog)
            assert covers_sideways(box_of(app, box), feeds), (key, box_of(app, box), feeds)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, FeedsScreen)


async def test_add_feed_from_the_menu_keeps_its_own_width(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("m", *["j"] * 3, "enter")
        await pilot.pause()
        assert isinstance(app.screen, AddFeedDialog)
        assert box_of(app, "#add-feed-box").width == 70
