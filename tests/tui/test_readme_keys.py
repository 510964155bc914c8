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
