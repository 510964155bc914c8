"""Keys typed after `q` run nothing: the app is on its way out.

In tmux, typing `qi` (or a word starting with q) pushed the import dialog onto a screen
stack that was being taken down; its mount raised NoMatches, a traceback on the terminal.
The test holds the app at the point where `q` has asked it to exit, the window in which a
real terminal still delivers the keys typed after it.
"""

from __future__ import annotations

from typing import Any

from conftest import app_for, main_screen
from tuinews.store import Store
from tuinews.ui.widgets.article_list import ArticleList


async def test_keys_typed_after_q_open_nothing(sample_store: Store) -> None:
    app = app_for(sample_store)
    exits: list[Any] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        real_exit = app.exit
        app.exit = lambda *args, **kwargs: exits.append(args)  # type: ignore[method-assign]
        screens_before = list(app.screen_stack)
        article = main_screen(app).query_one(ArticleList).current
        await pilot.press("q", "i", "m", "question_mark", "r", "s", "slash")
        await pilot.pause()
        assert exits, "q asked the app to exit"
        assert app.screen_stack == screens_before  # no dialog, help or menu was pushed
        assert main_screen(app).query_one("ArticleList").current == article  # type: ignore[attr-defined]
        real_exit()
