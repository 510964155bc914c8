"""The README's Keys table names every key the help screen lists (issue 16: they must match)."""

from __future__ import annotations

import re

from conftest import ROOT, app_for
from tuinews.store import Store
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar

# Textual's key names as a person types them (and as the README writes them).
NAMES = {
    "question_mark": "?",
    "vertical_line": "|",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "slash": "/",
    "exclamation_mark": "!",
    "equals_sign": "=",
}


def readme_keys() -> set[str]:
    """Every `key` written in the first column of the README's Keys table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### Keys", 1)[1].split("\n\n", 2)[1]
    keys: set[str] = set()
    for line in table.splitlines()[2:]:
        first = line.split(" | ", 1)[0]
        keys |= {key.replace("\\|", "|") for key in re.findall(r"`([^`]+)`", first)}
        if "`1`…`9`" in first:
            keys |= {str(digit) for digit in range(1, 10)}
    return keys


async def test_every_key_of_the_help_screen_is_in_the_readme(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)):
        main = app.main
        assert main is not None
        nodes = [app, main, main.query_one(ArticleList), main.query_one(Sidebar)]
        nodes.append(main.query_one(Reader))
        written = readme_keys()
        missing = set()
        for node in nodes:
            for _, binding in node._bindings:
                if binding.id and binding.description:
                    key = NAMES.get(binding.key, binding.key)
                    if key not in written:
                        missing.add(f"{key} ({binding.id})")
        assert not missing, sorted(missing)


# Textual's keys that do nothing here, left out of the help on purpose: no pane scrolls
# sideways (list lines are cut to the width, the reader's text wraps), and ctrl+c / super+c
# copy a mouse selection, as in any terminal program.
UNLISTED = {"left", "right", "ctrl+pageup", "ctrl+pagedown", "ctrl+c", "super+c"}


def expand(ident: str) -> list[str]:
    """The ids a help row names: "reader.link_1…9" stands for reader.link_1 to reader.link_9."""
    if "…" not in ident:
        return [ident]
    first, last = ident.split("…")
    prefix = first.rstrip("0123456789")
    return [f"{prefix}{n}" for n in range(int(first[len(prefix) :]), int(last) + 1)]


async def test_every_key_the_panes_bind_is_in_the_help(sample_store: Store) -> None:
    """Each key that does something where the focus is (the list, the sidebar, the reader)
    is in the help under its binding id; keys without an id of ours (Textual's) only where
    the help names them itself."""
    from tuinews.ui.screens.help import TEXTUAL_ROWS, HelpScreen

    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main
        assert main is not None
        await pilot.press("enter")  # an article open: the reader's keys are live
        live = {}
        for pane in (ArticleList, Sidebar, Reader):
            main.query_one(pane).focus()
            await pilot.pause()
            for key, active in main.active_bindings.items():
                if not active.binding.system:
                    live[(pane.__name__, key)] = active.binding
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        ids = {each for _, _, ident in help_screen.rows for each in expand(ident)}
        named = {key for keys, _, _ in TEXTUAL_ROWS for key in keys.split(" / ")}
        missing = sorted(
            f"{pane}: {key} ({binding.action})"
            for (pane, key), binding in live.items()
            if binding.id not in ids and key not in named and key not in UNLISTED
        )
        assert not missing, "\n".join(missing)


async def test_every_key_of_the_readme_is_bound(sample_store: Store) -> None:
    """The other way round: no key in the Keys table that the reader does not answer to
    (the row of "Feeds…" keys is that window's, tested with it)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### Keys", 1)[1].split("\n\n", 2)[1]
    feeds_row = next(line for line in table.splitlines() if line.startswith('| in "Feeds…"'))
    theirs = set(re.findall(r"`([^`]+)`", feeds_row.split(" | ", 1)[0]))
    app = app_for(sample_store)
    async with app.run_test(size=(120, 36)):
        main = app.main
        assert main is not None
        nodes = [app, main, main.query_one(ArticleList), main.query_one(Sidebar)]
        nodes.append(main.query_one(Reader))
        bound = {NAMES.get(key, key) for node in nodes for key, _ in node._bindings}
        bound.add(app.COMMAND_PALETTE_BINDING)
        assert not sorted(readme_keys() - theirs - bound)
