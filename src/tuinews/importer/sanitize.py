"""Make strangers' text safe to store and show: no control sequences, tidy whitespace."""

from __future__ import annotations

import re

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
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and invisible control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
