"""At 80 columns the list and the reader take the width in turn: n, J and K show the article
they open (they marked it read behind the list, unseen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_dialog import finish, until

from conftest import app_for, main_screen
from tuinews.store import Store
from tuinews.ui.screens.import_dialog import ImportDialog
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
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Show new articles" ends in JumpTo with the first new article: at 80 columns it was
    # opened (marked read) while the list kept the focus, so it was never on screen.
    (tmp_path / "new.json").write_text(
        '[{"title": "Night ferries return", "body": "From December.",'
        ' "published": "2026-11-23T11:00:00+00:00"}]'
    )
    monkeypatch.chdir(tmp_path)
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.press(*"new", "full_stop", *"json", "enter")
        await finish(pilot, dialog)  # the import worker, then the dialog's result
        await pilot.press("enter")  # "Show new articles" has the focus
        # The jump is a message; the focus and the layout follow it, each a message or a
        # call later: wait for them to be handled (one pause was not always enough, under
        # load), not for a time.
        reader = screen.query_one(Reader)
        await until(pilot, lambda: app.focused is reader and reader.region.width == 80)
        assert reader.article is not None and reader.article.title == "Night ferries return"
