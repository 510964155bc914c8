"""SVG snapshots of the main screens (pytest-textual-snapshot).

Update them after a deliberate change of the look with `pytest --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

from conftest import app_for
from tuinews.store import Store


def test_three_panes_160x48(snap_compare: Any, sample_store: Store) -> None:
    app = app_for(sample_store)
    assert snap_compare(app, terminal_size=(160, 48), press=["j", "j", "enter"])


def test_narrow_80x24_list(snap_compare: Any, sample_store: Store) -> None:
    app = app_for(sample_store)
    assert snap_compare(app, terminal_size=(80, 24))


def test_narrow_80x24_reader(snap_compare: Any, sample_store: Store) -> None:
    app = app_for(sample_store)
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])


def test_help_screen(snap_compare: Any, sample_store: Store) -> None:
    app = app_for(sample_store)
    assert snap_compare(app, terminal_size=(120, 36), press=["question_mark"])


def test_menu_open(snap_compare: Any, sample_store: Store) -> None:
    app = app_for(sample_store)
    assert snap_compare(app, terminal_size=(120, 36), press=["m"])


def test_search_results(snap_compare: Any, sample_store: Store) -> None:
    app = app_for(sample_store)
    keys = ["slash", *"harbour", "enter", "enter"]
    assert snap_compare(app, terminal_size=(160, 48), press=keys)
