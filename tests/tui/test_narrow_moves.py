"""At 80 columns the list and the reader take the width in turn: n, J and K show the article
they open (they marked it read behind the list, unseen)."""

from __future__ import annotations

import pytest

from conftest import app_for, main_screen
from tuinews.store import Store
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
