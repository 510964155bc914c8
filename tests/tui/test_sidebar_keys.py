"""The sidebar under fast keys: a burst of j/k ends on the view the highlight is on, and stays."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.pilot import Pilot

from conftest import app_for
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar


def burst(app: TuinewsApp, keys: Iterable[str]) -> None:
    """Keys as a held key sends them: queued at once, none waits for the previous one."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, key)
        event.set_sender(app)
        driver.send_message(event)


async def focus_sidebar(app: TuinewsApp, pilot: Pilot[None]) -> tuple[MainScreen, Sidebar]:
    """The main screen, and its sidebar with the focus."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    sidebar = screen.query_one(Sidebar)
    await pilot.press("shift+tab")
    assert app.focused is sidebar
    return screen, sidebar


async def test_a_burst_of_keys_settles_on_the_highlighted_view(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen, sidebar = await focus_sidebar(app, pilot)
        changes: list[View] = []
        screen.watch(screen, "view", lambda view: changes.append(view), init=False)
        for keys in ("jjj", "jjjjj", "kk", "jkjkjjj"):
            burst(app, keys)
            await pilot.pause()
        for _ in range(5):
            await pilot.pause()
        settled = len(changes)
        # Quiet: no view changes once the keys are handled (a loop would go on for ever).
        for _ in range(20):
            await pilot.pause()
        assert len(changes) == settled
        # Every key was a move: the highlight is where 3+5-2+3 moves put it, and so is the view.
        highlighted = sidebar.get_option_at_index(sidebar.highlighted or 0)
        assert highlighted.id is not None
        assert sidebar.highlighted == 9
        assert screen.view == sidebar.view_at(highlighted.id)
        # No view is loaded that the user has not passed over: changes are at most one per key.
        assert settled <= 3 + 5 + 2 + 7


async def test_a_held_key_stops_at_the_ends_of_the_sidebar(sample_store: Store) -> None:
    # Textual's option list wraps round: a held k ran past All to the last category and
    # on round every view, so holding a key never settled where the user aimed.
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen, sidebar = await focus_sidebar(app, pilot)
        burst(app, "k" * 30)
        for _ in range(5):
            await pilot.pause()
        assert sidebar.highlighted == 0
        assert screen.view == View()
        await pilot.press("G")
        last = sidebar.highlighted
        last_view = screen.view
        burst(app, "j" * 30)
        for _ in range(5):
            await pilot.pause()
        assert sidebar.highlighted == last
        assert screen.view == last_view


async def test_another_view_chosen_in_the_sidebar_closes_the_reader(sample_store: Store) -> None:
    # Seen in tmux: "Today (0)", an empty list, beside the article opened in All.
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "h", "h")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert app.focused is screen.query_one(Sidebar)
        assert screen.article is not None
        await pilot.press("j")
        await pilot.pause()
        assert screen.view.kind is ViewKind.UNREAD
        assert screen.article is None
        assert screen.query_one(Reader).has_class("-closed")
