"""At 80 columns the list and the reader take the width in turn: n, J and K show the article
they open (they marked it read behind the list, unseen)."""

from __future__ import annotations

import pytest

from conftest import FIXED_NOW, app_for, main_screen
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.messages import JumpTo
from tuinews.ui.widgets.reader import Reader


@pytest.mark.parametrize("key", ["n", "J"])
async def test_a_key_that_opens_an_article_shows_it(sample_store: Store, key: str) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press(key)
        await pilot.pause()
        reader = screen.query_one(Reader)
        assert screen.article is not None and reader.article == screen.article
        assert app.focused is reader and reader.region.width == 80
        await pilot.press("escape", "J")  # back to the list; J opens the next one
        await pilot.pause()
        assert app.focused is reader


async def test_show_new_articles_after_an_import_shows_the_one_it_opens(
    sample_store: Store,
) -> None:
    # "Show new articles" ends in JumpTo with the first new article: at 80 columns it was
    # opened (marked read) while the list kept the focus, so it was never on screen.
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        newest = sample_store.page(View(), now=FIXED_NOW, limit=3, offset=0)[2]
        app.to_main(JumpTo(View(ViewKind.ALL), newest.id))
        await pilot.pause()
        reader = screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == newest.id
        assert app.focused is reader and reader.region.width == 80
