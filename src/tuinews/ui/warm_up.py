"""What the first dialog and article would wait for, done on a thread after the first screen.

The reader draws an article's body with Rich's Markdown, which pulls in markdown-it (and
its rules, compiled on the first parse) and pygments: about a hundred milliseconds of CPU
that the first `enter` paid, the first screen must not wait for, and an idle reader can
spend unnoticed. Only pure Python modules are warmed here: no widget is built off the
app's thread.

Then the objects that live as long as the reader (Textual, the widgets, the modules) are
moved out of the garbage collector's sight with gc.freeze(): a full collection walked all
of them, 70 to 100 ms of CPU landing on whichever key came next (the first `m`, `ctrl+p`
or `enter`); after the freeze it takes 15 to 20.
"""

from __future__ import annotations

import gc
import importlib

# What Markdown(...) imports and compiles on its first use.
MODULES = ("rich.markdown", "rich.syntax", "markdown_it")
SAMPLE = "# Title\n\nA *word*, `code` and a [link](https://example.org).\n\n- one\n- two\n"


def warm_up() -> None:
    """Import the Markdown renderer, parse a small document once, freeze what lives on."""
    for name in MODULES:
        importlib.import_module(name)
    from rich.markdown import Markdown

    Markdown(SAMPLE, hyperlinks=True)
    gc.collect()  # the garbage of the start goes first: frozen objects are never collected
    gc.freeze()
