"""What a hostile server and subscription list sent, as the reader shows it: the sidebar's
`!` tooltip, the feeds window and the refresh notification hold no control sequence."""

from __future__ import annotations

from datetime import timedelta

from conftest import NOW, app_for, settle
from httpserver import Reply, serve
from tuinews.feeds.refresh import refresh_feeds
from tuinews.models import ArticleDraft
from tuinews.store import Store
from tuinews.store.subscriptions import add_subscription
from tuinews.ui.screens.feeds import FeedsScreen
from tuinews.ui.widgets.sidebar import Sidebar

HOSTILE = "\x1b]52;c;UFdORUQ=\x07\x1b]2;TITLEPWN\x07"


def assert_clean(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text)
    assert "UFdORUQ=" not in text and "TITLEPWN" not in text, repr(text)


async def test_a_hostile_reason_is_shown_clean(store: Store) -> None:
    routes = {"/feed": lambda request: Reply(403, b"no", reason=f"Forbidden {HOSTILE}")}
    store.save_source(
        "test:wire",
        "Wire",
        "json",
        [ArticleDraft(title="Harbour", body="Ferry.", published=NOW - timedelta(hours=1))],
        category=f"Wire{HOSTILE}",
    )
    with serve(routes) as (base, _):
        add_subscription(store, f"{base}/feed", f"Feed {HOSTILE}", f"Wire{HOSTILE}")
        report = refresh_feeds(store.path)
    [failure] = report.failures
    assert failure.error is not None and "403 Forbidden" in failure.error
    app = app_for(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.tooltip is not None
        tooltip = str(sidebar.tooltip)
        assert "403 Forbidden" in tooltip
        assert_clean(tooltip)
        marked = sidebar.get_option("category:Wire")
        assert " !" in str(marked.prompt)
        assert_clean(str(marked.prompt))
        await pilot.press("m")
        app.screen.dismiss("feeds")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)
        table = app.screen.query_one("#feeds-table")
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert any("403 Forbidden" in cell for cell in cells)
        for cell in cells:
            assert_clean(cell)
