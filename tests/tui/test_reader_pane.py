"""The reader pane: the heading and the body on screen always belong to the same article."""

from __future__ import annotations

import asyncio

from textual import events

from conftest import app_for
from tuinews.models import ArticleDraft
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.widgets.reader import Reader


def reader_text(app: TuinewsApp) -> str:
    """What the screen would draw in the reader pane right now, as plain text."""
    screen = app.screen
    reader = screen.query_one(Reader)
    region = reader.region
    strips = screen._compositor.render_strips()
    lines = [strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]]
    return " ".join(" ".join(lines).split())


def first_words(markdown: str, count: int = 6) -> str:
    """The first words of a body's first paragraph, as the reader shows them."""
    for paragraph in markdown.split("\n\n"):
        words = paragraph.replace("*", "").replace("_", "").split()
        if len(words) >= count and not paragraph.lstrip().startswith(("#", "!", "[", "<", "|")):
            return " ".join(words[:count])
    raise AssertionError("no plain paragraph")


async def test_the_next_article_never_shows_under_the_previous_body(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("J")
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(4):
            previous = screen.article
            assert previous is not None
            event = events.Key("J", "J")
            event.set_sender(app)
            assert app._driver is not None
            app._driver.send_message(event)
            # Bounded by steps of the event loop, not by time: stop as soon as J is handled.
            for _ in range(1000):
                if screen.article is not None and screen.article.id != previous.id:
                    break
                await asyncio.sleep(0)
            current = screen.article
            assert current is not None and current.id != previous.id
            shown = reader_text(app)
            assert current.title.split()[0] in shown
            assert first_words(current.body) in shown
            assert first_words(previous.body) not in shown
            await pilot.pause()


async def test_a_blank_line_parts_the_body_from_its_links(store: Store) -> None:
    # Seen in tmux: "Links" sat on the line under the article's last paragraph, as if
    # it were one more line of the article.
    body = "The council met.\n\nSee [the minutes](https://council.example/minutes)."
    store.save_source("x.json", "Gazette", "json", [ArticleDraft("Council", body=body)])
    app = app_for(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        reader = app.screen.query_one(Reader)
        assert reader.numbered.links
        shown = reader.query_one("#reader-body")
        links = reader.query_one("#reader-links")
        assert links.content_region.y - shown.region.bottom == 1
