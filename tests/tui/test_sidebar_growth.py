"""The sidebar after another process adds many categories (issue 16 item 11).

Seen: after `tuinews import` in another terminal added 40 categories, every count was gone
and the Today count stood where the separator belongs, until the next view change. The
cause: the new entries brought the scrollbar, which narrowed the sidebar's content without
a Resize event; entries laid out for the old width wrapped their count onto a second line,
while Textual's OptionList kept its line map of one line per entry. Each test here makes
the store change from outside while the reader runs, lets the store-watch notice it, then
reads every line the sidebar draws against the store's own counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot

from conftest import FIXED_NOW, app_for, main_screen
from tuinews.importer.pipeline import import_sources
from tuinews.models import ViewKind
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.widgets.sidebar import Sidebar

SEPARATOR = ["───"]


def news_file(path: Path, categories: list[str], per_category: int = 1) -> Path:
    """A JSON file of `per_category` articles in each of `categories`."""
    path.write_text(
        json.dumps(
            [
                {"title": f"{path.stem}: {name} {n}", "body": "Text.", "category": name}
                for name in categories
                for n in range(per_category)
            ]
        )
    )
    return path


def regions(first: int, count: int) -> list[str]:
    return [f"Region {n:02}" for n in range(first, first + count)]


def import_outside(store: Store, news: Path) -> None:
    """Import `news` on a connection of its own (not the reader's), as another program."""
    other = store.reopen()  # not open_store(): its checks would drop this process's locks
    try:
        assert not import_sources([str(news)], other).failures
    finally:
        other.close()


async def notice(app: TuinewsApp, pilot: Pilot[None]) -> None:
    """What the store-watch timer does every two seconds, then its redraw handled."""
    app._notice_outside_writes()
    await pilot.pause()
    await pilot.pause()


def expected_lines(store: Store) -> list[list[str]]:
    """The sidebar's entries as words, from the store's counts (no search, no saved view)."""
    counts = store.counts(FIXED_NOW)
    views = counts.views
    smart = [
        ("≡", "All", views[ViewKind.ALL].unread),
        ("●", "Unread", views[ViewKind.UNREAD].unread),
        ("★", "Starred", views[ViewKind.STARRED].total),
        ("◷", "Today", views[ViewKind.TODAY].unread),
    ]
    lines = [[icon, label, *([str(n)] if n else [])] for icon, label, n in smart]
    lines.append(SEPARATOR)
    for name, count in counts.categories.items():
        lines.append(["#", *name.split(), *([str(count.unread)] if count.unread else [])])
    return lines


def drawn_lines(sidebar: Sidebar) -> list[list[str]]:
    """The words on each line the sidebar draws inside its border, as the screen gets them."""
    strips = sidebar.render_lines(Region(0, 0, sidebar.size.width, sidebar.size.height))
    lines = []
    for strip in strips[1:-1]:  # inside the top and bottom border
        words = strip.text[1:-1].split()  # inside the side borders; the scrollbar is no word
        lines.append(SEPARATOR if words and set("".join(words)) == {"─"} else words)
    return lines


def assert_sidebar_matches(sidebar: Sidebar, store: Store) -> None:
    drawn = drawn_lines(sidebar)
    top = round(sidebar.scroll_y)
    wanted = expected_lines(store)[top : top + len(drawn)]
    wanted += [[]] * (len(drawn) - len(wanted))
    assert drawn == wanted


async def test_import_from_another_terminal_keeps_counts_and_separator(
    sample_store: Store, tmp_path: Path
) -> None:
    """The report itself: a real `tuinews import` of 40 new categories at 160x48."""
    news = news_file(tmp_path / "many.json", regions(0, 40))
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        sidebar = main_screen(app).query_one(Sidebar)
        assert not sidebar.show_vertical_scrollbar
        done = subprocess.run(
            [sys.executable, "-m", "tuinews", "import", "--db", str(sample_store.path), str(news)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        await notice(app, pilot)
        assert sidebar.show_vertical_scrollbar  # the case that wrapped the entries
        assert_sidebar_matches(sidebar, sample_store)
        assert drawn_lines(sidebar)[8] == ["#", "Region", "00", "1"]


@pytest.mark.parametrize("size", [(160, 48), (80, 24)], ids=["160x48", "80x24"])
async def test_a_highlighted_category_in_a_focused_sidebar(
    sample_store: Store, tmp_path: Path, size: tuple[int, int]
) -> None:
    """The sidebar in use (at 80 columns its overlay, narrower) when the categories come."""
    app = app_for(sample_store)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        sidebar = screen.query_one(Sidebar)
        if screen.has_class("narrow"):
            await pilot.press("b")  # the sidebar's overlay, with the focus
        else:
            sidebar.focus()
        await pilot.press("G", "k")  # a category highlighted (its articles listed)
        assert screen.view.kind is ViewKind.CATEGORY
        import_outside(sample_store, news_file(tmp_path / "many.json", regions(0, 40)))
        await notice(app, pilot)
        assert_sidebar_matches(sidebar, sample_store)
        await pilot.press("G")  # scrolled to the end of the longer list
        assert sidebar.scroll_y > 0
        assert_sidebar_matches(sidebar, sample_store)


async def test_more_categories_under_a_scrolled_sidebar(
    sample_store: Store, tmp_path: Path
) -> None:
    """Categories beyond the sidebar's height already, scrolled, and 40 more arrive."""
    import_outside(sample_store, news_file(tmp_path / "first.json", regions(0, 50)))
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        sidebar = main_screen(app).query_one(Sidebar)
        sidebar.focus()
        await pilot.press("G")
        assert sidebar.scroll_y > 0
        import_outside(sample_store, news_file(tmp_path / "more.json", regions(50, 40)))
        await notice(app, pilot)
        assert_sidebar_matches(sidebar, sample_store)


async def test_counts_that_grow_a_digit(sample_store: Store, tmp_path: Path) -> None:
    """Counts going from 9 to 10 and from 99 to 100 take a cell more on every line."""
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        sidebar = main_screen(app).query_one(Sidebar)
        for batch, (categories, per) in enumerate(
            [(["Business"], 3), (regions(0, 40), 2), (["Business"], 92)]
        ):
            import_outside(sample_store, news_file(tmp_path / f"{batch}.json", categories, per))
            await notice(app, pilot)
            assert_sidebar_matches(sidebar, sample_store)
        assert drawn_lines(sidebar)[5] == ["#", "Business", "101"]
