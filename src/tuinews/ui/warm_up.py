"""What the first article would wait for, done on a thread once the first screen is drawn.

The reader draws an article's body with Rich's Markdown, which pulls in markdown-it (and
its rules, compiled on the first parse) and pygments: about a hundred milliseconds of CPU
that the first `enter` paid, the first screen must not wait for, and an idle reader can
spend unnoticed. Only pure Python modules are warmed here: no widget is built off the
app's thread.
"""

from __future__ import annotations

import importlib

# What Markdown(...) imports and compiles on its first use.
MODULES = ("rich.markdown", "rich.syntax", "markdown_it")
SAMPLE = "# Title\n\nA *word*, `code` and a [link](https://example.org).\n\n- one\n- two\n"


def warm_up() -> None:
    """Import the Markdown renderer and parse a small document once."""
    for name in MODULES:
        importlib.import_module(name)
    from rich.markdown import Markdown

    Markdown(SAMPLE, hyperlinks=True)
