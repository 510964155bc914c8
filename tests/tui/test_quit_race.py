"""Quitting while the store-watch timer fires: the timer may tick while the screens are
already being taken down, and must leave them alone (it raised NoMatches before)."""

from __future__ import annotations

import sqlite3
from typing import Any

from conftest import app_for
from tuinews.store import Store


async def test_a_store_change_noticed_while_quitting_is_left_alone(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # Another process writes: the reader's next look at the store sees a new version.
        other = sqlite3.connect(sample_store.path)
        other.execute("UPDATE articles SET starred = 1 WHERE id = (SELECT min(id) FROM articles)")
        other.commit()
        other.close()
        prune = app._prune

        async def prune_then_tick(*nodes: Any, **options: Any) -> Any:
            # Textual closes the screens before the app's timers: the timer's tick can
            # come in between, when the main screen has lost its widgets.
            done = await prune(*nodes, **options)
            app._notice_outside_writes()
            return done

        app._prune = prune_then_tick  # type: ignore[method-assign]
    assert app.return_code in (0, None)
