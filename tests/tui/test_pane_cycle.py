"""`tab` and `shift+tab` go round the panes, under 100 columns as at wide sizes.

At 80 columns only one pane shows at a time, and Textual's focus chain held the list alone:
`tab` did nothing (issue 16). Now the pane it reaches is the one shown: the sidebar's
overlay, the list, or the reader with the open article.
"""

from __future__ import annotations

from textual.widget import Widget

from conftest import app_for, main_screen
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar


def shown(app: TuinewsApp) -> list[str]:
    """The panes on screen, left to right."""
    screen = main_screen(app)
    panes: list[Widget] = [
        screen.query_one(Sidebar),
        screen.query_one(ArticleList),
        screen.query_one(Reader),
    ]
    return [type(pane).__name__ for pane in panes if pane.display and pane.region.width]


def focused(app: TuinewsApp) -> str:
    return type(app.focused).__name__


async def test_tab_at_80_columns_goes_round_the_panes(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert shown(app) == ["ArticleList"]
        await pilot.press("tab")  # no article open: the sidebar, in its overlay
        assert focused(app) == "Sidebar"
        assert "Sidebar" in shown(app)
        await pilot.press("tab")  # round to the list; the overlay closes
        assert (focused(app), shown(app)) == ("ArticleList", ["ArticleList"])
        await pilot.press("enter")
        assert (focused(app), shown(app)) == ("Reader", ["Reader"])
        await pilot.press("shift+tab")  # back to the list, the article still open
        assert (focused(app), shown(app)) == ("ArticleList", ["ArticleList"])
        assert main_screen(app).article is not None
        await pilot.press("tab")  # on to the open article
        assert (focused(app), shown(app)) == ("Reader", ["Reader"])
        await pilot.press("tab")  # round to the sidebar
        assert focused(app) == "Sidebar"
        await pilot.press("shift+tab")
        assert (focused(app), shown(app)) == ("Reader", ["Reader"])


async def test_tab_at_160_columns_is_unchanged(sample_store: Store) -> None:
    """Sidebar, list, reader (once an article is open), round again; shift+tab backwards."""
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        seen = []
        for key in ["tab", "tab", "enter", "tab", "tab", "shift+tab", "shift+tab", "shift+tab"]:
            await pilot.press(key)
            seen.append(focused(app))
        assert seen == [
            "Sidebar",
            "ArticleList",
            "Reader",
            "Sidebar",
            "ArticleList",
            "Sidebar",
            "Reader",
            "ArticleList",
        ]
        assert shown(app) == ["Sidebar", "ArticleList", "Reader"]
        await pilot.press("b")  # the sidebar hidden: the list and the reader only
        await pilot.press("tab", "tab")
        assert focused(app) == "ArticleList"
