"""The import dialog's paste area: a page's text, pasted from the terminal ("select all,
copy" in a browser, then the terminal's paste), imported as `tuinews import -` imports
standard input: the same format sniffing, the same text-dump parser.

A terminal paste reaches the focused widget as a Paste event (bracketed paste). A page pasted
into a one-line field (the path or URL field, focused when the dialog opens) goes to the paste
area instead: a field keeps only the first line, which is not what the user meant.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

PLACEHOLDER = (
    "Paste a page here: in the browser select all and copy, then paste with the terminal's "
    "paste (often ctrl+shift+v). A pasted feed or JSON works too. ctrl+s imports it."
)
PASTE_HINT = (
    "Paste a page above with the terminal's paste, then ctrl+s to import "
    "(ctrl+t: a file, folder or URL instead)."
)
EMPTY_PASTE = "Nothing to import: paste a page's text first"


def page_text(text: str) -> str:
    """The pasted text with its line ends as the importer reads them: terminals paste a
    carriage return for each new line."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_page(text: str) -> bool:
    """Whether a paste holds more than one line of text (a page, not a path or a URL)."""
    return len(text.strip().splitlines()) > 1


class PasteArea(TextArea):
    """Where a page's text is pasted; ctrl+s imports it (the dialog's binding)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id, soft_wrap=True, tab_behavior="focus", placeholder=PLACEHOLDER, compact=True
        )


class PageField(Input):
    """A one-line field that leaves a pasted page (several lines) to the dialog, which puts
    it in the paste area."""

    def _on_paste(self, event: events.Paste) -> None:
        # Input's own handler would keep the first line and stop the event: prevent_default
        # skips it, and the paste bubbles up to the dialog.
        if is_page(event.text):
            event.prevent_default()
