"""Loose ends seen driving the reader in tmux (issue 16): one `!` in the help, the refresh
naming its key, a category without feeds that says why it does not open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList
from textual.widgets._toast import Toast

from conftest import FIXED_NOW, app_for, settle
from httpserver import Reply, serve
from tuinews.store import Store
from tuinews.store.subscriptions import add_subscription
from tuinews.ui.screens.help import HelpScreen
from tuinews.ui.screens.prompts import SavePrompt
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader


async def test_the_help_lists_one_exclamation_mark(sample_store: Store) -> None:
    # Seen in the help: `!` under Everywhere ("Feeds…") and again under Sidebar ("Feeds and
    # their errors"), two rows and two ids for one key that opens the same window.
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [(keys, ident) for keys, _, ident in app.screen.rows if "!" in keys.split()]
        assert len(rows) == 1, rows


async def test_at_160_columns_every_action_of_the_help_is_on_one_line(sample_store: Store) -> None:
    # Seen in tmux at 160x48: `!`'s "Feeds… (from the sidebar: on its feed)" wrapped ("feed)"
    # alone on the next line; three lines at 80 columns): the keys' column took 2/5 of the
    # room for keys of one to nine characters.
    from rich.console import Console
    from textual.widgets import Static

    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        sections = list(app.screen.query(".help-section").results(Static))
        tables = [(section.content_region.width, section.content) for section in sections]
        rows = [len(rows) for _, rows in app.screen.sections]
    assert len(tables) == len(rows) > 3
    for (width, table), count in zip(tables, rows, strict=True):
        console = Console(width=width, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(table)
        lines = console.export_text().rstrip("\n").split("\n")
        assert len(lines) == count + 2, lines  # the title, the header, a line per row


@pytest.mark.parametrize(("keys", "named"), [("", "!"), ('[keys]\n"feeds.open" = "f4"\n', "f4")])
async def test_a_refresh_with_failures_names_the_key_of_feeds(
    store: Store, tmp_path: Path, keys: str, named: str
) -> None:
    # Seen after R: "… 1 failed (details: Feeds… in the menu)", and `!` left unsaid.
    config = tmp_path / "config.toml"
    config.write_text(keys)
    with serve({"/down.xml": lambda request: Reply(500, b"down")}) as (base, _):
        add_subscription(store, f"{base}/down.xml", category="Wire")
        app = app_for(store, config)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("R")
            await settle(pilot)
            notes = [str(note.message) for note in app._notifications]
    assert any(f"details: press {named} for Feeds…" in note for note in notes), notes


@pytest.mark.parametrize("key", ["space", "right", "left"])
async def test_a_category_without_feeds_says_why_it_does_not_open(
    sample_store: Store, key: str
) -> None:
    # Seen in tmux: space, right and left on a category of imported articles did nothing
    # and said nothing, where a category with feeds opens on them.
    category = next(iter(sample_store.counts(FIXED_NOW).categories))
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        sidebar = app.screen.query_one("#sidebar", OptionList)
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index(f"category:{category}")
        await pilot.press(key)
        await pilot.pause()
        notes = [str(note.message) for note in app._notifications]
    assert notes == [f"{category} has no subscribed feeds to show beneath it."]


async def test_a_second_save_offers_the_folder_saved_to_last(
    sample_store: Store, tmp_path: Path
) -> None:
    # Seen in tmux: after saving into another folder, the next S offered the configured
    # folder again, and the user typed the other one a second time.
    config = tmp_path / "config.toml"
    config.write_text(f'[commands]\nsave_dir = "{tmp_path / "configured"}"\n')
    chosen = tmp_path / "chosen"
    app = app_for(sample_store, config)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("S")
        assert isinstance(app.screen, SavePrompt)
        app.screen.query_one("#save-path", Input).value = str(chosen / "first.md")
        await pilot.press("enter")
        await pilot.pause()
        assert (chosen / "first.md").is_file()
        await pilot.press("j", "S")
        assert isinstance(app.screen, SavePrompt)
        offered = Path(app.screen.query_one("#save-path", Input).value)
    assert offered.parent == chosen


async def test_at_80_columns_a_toast_leaves_the_list_and_the_reader_readable(
    sample_store: Store,
) -> None:
    # Seen at 80x24: the import-finished toast covered the titles of the article list.
    app = app_for(sample_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        main = app.screen
        for pane in (ArticleList, Reader):
            app.notify("imported 53 new, 0 updated, 0 duplicate, 0 failed from 10 sources")
            await pilot.pause()
            toast = main.query(Toast).last()
            shown = main.query_one(pane)
            assert shown.display and toast.region.area
            assert not toast.region.overlaps(shown.content_region), (pane, toast.region)
            await pilot.press("enter")  # the reader: at 80 columns it takes the list's place
            await pilot.pause()
            app.clear_notifications()
