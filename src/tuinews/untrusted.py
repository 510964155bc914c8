"""Make strangers' text safe to store and show: no control sequences, tidy whitespace.

Everything that comes from outside passes here before it is printed, stored or shown:
article text, file names, server reason phrases and headers, exception messages, OPML
titles, config categories. The store checks every text column once more at its door
(`door_line`, `door_block`), so a caller that forgot cannot store a control sequence.
"""

from __future__ import annotations

import re
from typing import overload

# ESC-introduced sequences first (CSI, OSC, DCS/SOS/PM/APC strings, two-byte escapes),
# so their printable tails do not survive once ESC itself is removed.
_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                     # CSI ... final byte
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?        # OSC ... BEL or ST
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?             # DCS, SOS, PM, APC ... ST
    | \x9b[0-?]*[ -/]*[@-~]                     # 8-bit CSI
    | \x9d[^\x07\x9c]*[\x07\x9c]?               # 8-bit OSC
    | \x1b[ -/]*[0-~]?                          # any other escape
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls, bidi overrides and
# isolates, zero-width characters and the BOM.
_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
_CONTROLS = re.compile(f"[{_INVISIBLE}]")
# Half of a UTF-16 pair (JSON may escape one alone): it cannot be encoded, so it
# becomes the replacement character.
_SURROGATES = re.compile("[\ud800-\udfff]")
# One scan says whether a text needs any of the work above (most texts do not).
_UNSAFE_BLOCK = re.compile(f"[{_INVISIBLE}\r\ud800-\udfff]")
_UNSAFE_LINE = re.compile(f"[{_INVISIBLE}\r\n\t\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def drop_escape_sequences(text: str) -> str:
    """`text` without its terminal escape sequences, their printable tails too (`[31m`);
    other control characters stay, for a caller that drops a set of its own."""
    if "\x1b" not in text and "\x9b" not in text and "\x9d" not in text:
        return text
    return _ESCAPE_SEQUENCES.sub("", text)


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and invisible control characters; replace
    lone surrogates with U+FFFD."""
    if _UNSAFE_BLOCK.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATES.sub("\ufffd", text)
    return _CONTROLS.sub("", _ESCAPE_SEQUENCES.sub("", text))


def clean_line(text: str | None) -> str | None:
    """A one-line field (title, author, category): controls out, spaces folded."""
    if text is None:
        return None
    cleaned = _SPACES.sub(" ", strip_controls(text).replace("\n", " ")).strip()
    return cleaned or None


def clean_block(text: str | None) -> str | None:
    """A multi-line field (body, summary): controls out, lines trimmed, blank runs folded."""
    if text is None:
        return None
    lines = [line.rstrip() for line in strip_controls(text).split("\n")]
    cleaned = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")
    return cleaned if cleaned.strip() else None


def shown(text: object) -> str:
    """Any outside text (a reason, a file name, an exception) as one safe line to print."""
    return clean_line(str(text)) or ""


@overload
def door_line(text: str) -> str: ...
@overload
def door_line(text: None) -> None: ...
def door_line(text: str | None) -> str | None:
    """A one-line column as the store writes it: unchanged when already safe (the usual
    case, one scan), else cleaned as clean_line() does."""
    if text is None or _UNSAFE_LINE.search(text) is None:
        return text
    return clean_line(text) or ""


@overload
def door_block(text: str) -> str: ...
@overload
def door_block(text: None) -> None: ...
def door_block(text: str | None) -> str | None:
    """A multi-line column as the store writes it: control sequences out, lines kept."""
    return None if text is None else strip_controls(text)
