"""The help scrolls with j/k whichever pane it was opened from."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from conftest import app_for, main_screen
from tuinews.store import Store
from tuinews.ui.screens.help import HelpScreen
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar


@pytest.mark.parametrize("pane", [Sidebar, ArticleList, Reader])
async def test_j_and_k_scroll_the_help_from_every_pane(sample_store: Store, pane: type) -> None:
    # Seen in tmux: opened from the sidebar, the help ignored j (page down worked).
    app = app_for(sample_store)
    async with app.run_test(size=(100, 24)) as pilot:
        if pane is Reader:
            await pilot.press("enter")
        main_screen(app).query_one(pane).focus()
        await pilot.pause()
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        body = help_screen.query_one("#help-body", VerticalScroll)
        assert body.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert body.scroll_y == 2
