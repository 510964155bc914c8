"""A page pasted into the import dialog: a terminal paste (a Paste event, as bracketed paste
gives it) becomes its article through the same importer as `tuinews import -`."""

from __future__ import annotations

from pathlib import Path

from test_import_dialog import Host, finish, result_of
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from conftest import FIXTURES, NOW, app_for
from tuinews.models import Article, View
from tuinews.store import Store
from tuinews.ui.screens.import_dialog import HINT, ImportDialog
from tuinews.ui.screens.import_paste import EMPTY_PASTE, PASTE_HINT, PasteArea
from tuinews.ui.screens.menu import MENU_ENTRIES

DUMPS = FIXTURES / "dumps"


def terminal_paste(name: str) -> str:
    """A dump of ours as a terminal pastes it: a carriage return for each new line."""
    return (DUMPS / name).read_text(encoding="utf-8").replace("\n", "\r")


async def paste(pilot: Pilot[None], text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def only_article(store: Store) -> Article:
    [article] = store.articles(View(), now=NOW, limit=5)
    return article


async def test_a_pasted_page_gives_its_article_and_names_its_site(store: Store) -> None:
    app = Host(store, ImportDialog(paste_mode=True))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = app.dialog
        assert app.focused is dialog.query_one(PasteArea)
        # A hostile page: a colour escape and a bell in a paragraph.
        text = terminal_paste("german_page.txt").replace("Die Schiffe", "Die \x1b[31mSchiffe\x07")
        await paste(pilot, text)
        await pilot.press("ctrl+s")
        await finish(pilot, dialog)
        assert result_of(dialog) == (
            "imported 1 new, 0 updated, 0 duplicate, 0 failed from 1 source"
        )
        assert app.focused is dialog.query_one("#import-jump")
        await pilot.press("enter")
        await pilot.pause()
    article = only_article(store)
    assert article.title == "Werft am Hafen baut drei elektrische Fähren"
    assert article.body.startswith("Die Werft am alten Hafen hat den größten Auftrag")
    assert article.source == "Hafenkurier"  # the copyright line's site
    assert "Die Schiffe werden vierzig Meter lang" in article.body
    [outcome] = app.outcomes
    assert outcome is not None and outcome.jump


async def test_a_page_pasted_into_the_path_field_goes_to_the_paste_area_and_once_only(
    store: Store, tmp_path: Path
) -> None:
    app = Host(store, ImportDialog(start_dir=tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = app.dialog
        assert app.focused is dialog.query_one("#import-path")
        await paste(pilot, terminal_paste("blog_no_byline.txt"))
        area = dialog.query_one(PasteArea)
        assert app.focused is area and dialog.has_class("-paste")
        assert area.text.startswith("Notes from the Lighthouse\nHome\n")
        assert not dialog.query_one("#import-path-row").display
        # Back to the browser (ctrl+t), pasted again there: the page replaces what the area held.
        await pilot.press("ctrl+t")
        browser = dialog.query_one("#import-browser")
        browser.focus()
        await pilot.pause()
        assert app.focused is browser and not dialog.has_class("-paste")
        await paste(pilot, terminal_paste("blog_no_byline.txt"))
        assert app.focused is area and area.text.count("Notes from the Lighthouse") == 1
        await pilot.press("ctrl+s")
        await finish(pilot, dialog)
        assert result_of(dialog).startswith("imported 1 new, 0 updated, 0 duplicate")
        # The same page again: a duplicate, as re-importing a file is.
        dialog.import_worker = None
        await pilot.press("ctrl+s")
        await finish(pilot, dialog)
        assert result_of(dialog) == (
            "imported 0 new, 0 updated, 1 duplicate, 0 failed from 1 source"
        )
    article = only_article(store)
    assert article.title == "Fixing the old tide clock in the hall"
    assert article.body.startswith("The tide clock in our hall stopped the week we moved in")
    assert article.source == "pasted text"  # the page names no site


async def test_an_empty_paste_says_so_and_imports_nothing(store: Store) -> None:
    app = Host(store, ImportDialog(paste_mode=True))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = app.dialog
        await pilot.press("ctrl+s")
        await paste(pilot, " \r\r\t \r")
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = dialog.query_one("#import-status", Static)
        assert str(status.content) == EMPTY_PASTE and status.has_class("-error")
        assert dialog.import_worker is None and not dialog.importing
    assert store.count(View(), NOW).total == 0


async def test_a_pasted_feed_is_read_as_a_feed(store: Store) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Radio</title>'
        "<item><title>Ferry timetable changes</title><link>https://example.org/ferry</link>"
        "<description>The winter timetable starts on Monday.</description></item>"
        "</channel></rss>"
    )
    app = Host(store, ImportDialog(paste_mode=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, feed.replace("><", ">\r<"))
        await pilot.press("ctrl+s")
        await finish(pilot, app.dialog)
    article = only_article(store)
    assert (article.title, article.source) == ("Ferry timetable changes", "Harbour Radio")


async def test_the_menu_opens_the_dialog_on_its_paste_area_and_ctrl_t_goes_back(
    store: Store,
) -> None:
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        row = [entry.action for entry in MENU_ENTRIES].index("import_paste")
        await pilot.press("m", *["j"] * row, "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog) and dialog.paste_mode
        assert app.focused is dialog.query_one(PasteArea)
        assert result_of(dialog) == PASTE_HINT
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not dialog.paste_mode and app.focused is dialog.query_one("#import-path")
        assert result_of(dialog) == HINT
        assert not dialog.query_one(PasteArea).display
