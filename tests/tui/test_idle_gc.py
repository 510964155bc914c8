"""Issue 16 item 12: Python's full garbage collections run between keys, not during one.

A full collection walked every object of the session (20 to 30 ms of CPU at 160x48) and
landed on whichever key allocated the last straw. The tests count collections through
gc.callbacks: counts, never times.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import app_for, main_screen, settle
from tuinews.store import Store
from tuinews.ui.idle_gc import LIMIT, NEVER, QUIET, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def full_collections() -> Iterator[list[int]]:
    """The generations of the full collections that start while the test runs."""
    full: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(2)

    gc.callbacks.append(seen)
    yield full
    gc.callbacks.remove(seen)


def young_collections(count: int) -> None:
    """Allocate container objects until `count` generation-1 collections have run."""
    start = gc.get_count()[2]
    kept: list[list[int]] = []
    while gc.get_count()[2] < start + count:
        kept.append([0])
        if len(kept) > 1000:
            kept.clear()


def test_the_collector_waits_for_a_quiet_second(full_collections: list[int]) -> None:
    thresholds = gc.get_threshold()
    clock = Clock()
    collector = IdleCollector(clock)
    collector.start()
    try:
        assert gc.get_threshold()[2] == NEVER
        young_collections(2)
        collector.touch()
        clock.now += QUIET / 2
        collector.check()  # a key came half a second ago
        assert collector.collections == 0 and full_collections == []
        clock.now += QUIET
        collector.check()
        assert collector.collections == 1 and full_collections
        full_collections.clear()
        clock.now += QUIET
        collector.check()  # nothing young collected since: nothing to do
        assert collector.collections == 1 and full_collections == []
        young_collections(LIMIT)
        collector.touch()
        collector.check()  # keys without a pause: memory stays bounded all the same
        assert collector.collections == 2
    finally:
        collector.stop()
    assert gc.get_threshold() == thresholds


async def test_keys_run_no_full_collection(
    sample_store: Store, full_collections: list[int]
) -> None:
    thresholds = gc.get_threshold()
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.collect_when_idle()  # as after the first screen in a terminal
        before = gc.get_count()[2]
        for _ in range(3):
            await pilot.press("enter", "J", "J", "escape", "m", "escape", "ctrl+p", "escape")
            await settle(pilot)
        assert main_screen(app).query_one("#reader").display
        # Young collections ran (there was garbage), the full one waits for a pause.
        assert gc.get_count()[2] > before
        assert full_collections == [] and app.idle_gc.collections == 0
        app.idle_gc.last_key -= QUIET
        app.idle_gc.check()
        assert full_collections and app.idle_gc.collections == 1
    assert gc.get_threshold() == thresholds  # given back when the reader ends
