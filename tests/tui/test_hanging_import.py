"""While a server trickles one byte at a time, the import dialog still cancels at once and
the reader still quits: the fetch is cut, the connection closed (the server sees it).

The deadline is set far beyond the test (60 s): only the cancel or the quit can end the
fetch early, and the server, after about 10 s, would end it with a whole feed.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from test_import_dialog import Host, finish
from textual.widgets import Static

from conftest import fixed_clock
from httpserver import Reply, serve
from tuinews.config import FeedSettings, Settings
from tuinews.models import View
from tuinews.store import Store
from tuinews.ui.app import make_app
from tuinews.ui.screens.import_dialog import ImportDialog

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
    b"<item><title>Ferry returns</title><link>https://example.org/1</link>"
    b"<description>Back in service.</description></item></channel></rss>"
)


class Trickler:
    """A route that sends a byte every 50 ms and says when it was asked and hung up on."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.hung_up = threading.Event()

    def __call__(self, request: object) -> Reply:
        self.asked.set()
        headers = {"Content-Type": "application/rss+xml"}
        return Reply(200, FEED, headers, trickle=0.05, hung_up=self.hung_up)


async def test_cancel_cuts_an_import_from_a_server_that_trickles(store: Store) -> None:
    slow = Trickler()
    with serve({"/slow": slow}) as (base, _):
        dialog = ImportDialog()
        app = Host(store, dialog, Settings(feeds=FeedSettings(timeout_seconds=60)))
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press(*f"{base}/slow", "enter")
            assert await asyncio.to_thread(slow.asked.wait, 30)
            assert dialog.importing
            await pilot.press("escape")
            await asyncio.wait_for(finish(pilot, dialog), 30)
            result = dialog.query_one("#import-result", Static).content
            assert str(result).startswith("cancelled after 0 of 1 sources"), str(result)
            assert not dialog.importing
        assert await asyncio.to_thread(slow.hung_up.wait, 30)
    assert store.count(View(), fixed_clock()).total == 0


async def test_quit_while_an_import_hangs(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[feeds]\ntimeout_seconds = 60\n")
    slow = Trickler()
    with serve({"/slow": slow}) as (base, _):
        app = make_app(tmp_path / "store.db", config, import_samples=False, clock=fixed_clock)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await pilot.press(*f"{base}/slow", "enter")
            assert await asyncio.to_thread(slow.asked.wait, 30)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0
        # The worker's fetch was cut: the server saw the client hang up, long before the
        # 10 s of trickling (or the 60 s deadline) were over.
        assert await asyncio.to_thread(slow.hung_up.wait, 30)
