"""How a line reads on its own: whether it looks like a headline, wherever it stands.

A headline has a few words (a spaceless script's characters counted two to a word), starts
with a letter or a figure, ends without a full stop unless it is in title case, and is not a
byline, a date, a breadcrumb trail, a button's label or a menu's items run together.
"""

from __future__ import annotations

import re

from tuinews.importer.formats.textdump.body import section_label
from tuinews.importer.formats.textdump.dates import find_date
from tuinews.importer.formats.textdump.lang import dense_chars
from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.names import bare_name, names_line, person

QUOTES = "\"'“‘«„"
_DENSE_HEADLINE = 10  # characters of a headline in a spaceless script at least (a link, fewer)
# A line ending on one of these is a label ("Supported by", "Sponsored by"), not a headline.
_DANGLING = frozenset(
    {"by", "of", "on", "for", "to", "with", "and", "the", "a", "an", "in", "from"}
)
# A line that starts like a button ("Share ...", "View photos", "Gallery: ...") is chrome.
_BUTTONS = frozenset({
    "share", "view", "pin", "gallery", "print", "login", "log", "sign", "subscribe", "follow",
    "close", "open", "email", "tweet", "save", "bookmark", "comment", "comments", "reply",
    "download", "click", "skip", "jump", "load", "show", "photo", "photos", "image", "images",
    "video", "videos", "enlarge", "expand", "zoom", "copy", "advertisement", "sponsored",
})  # fmt: skip
_ARROWS = "→»›"
_EDITOR = frozenset({"publish", "featured", "edit", "cancel", "done", "settings", "logout"})
_WORD = re.compile(r"[^\W\d_]{3,}")
_CRUMB = re.compile(r"\s(?:>>?|»|›|/|→)\s")  # "Home > News > World": a breadcrumb trail
_GLUE = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]")  # "NoticiasSociedad": menu items run together


def title_case(text: str) -> bool:
    """Most longer words capitalised, as English headlines are ("How Winter Wreaks Havoc")."""
    long = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.7 * len(long)


def not_a_headline(text: str, named: bool = False) -> bool:
    """A byline, a date line, a handle, a breadcrumb trail, a name (unless the article
    `named` it first: an entry on a person or a place), or a logo's words printed twice
    ("Tech Insider Tech Insider": its alt text, then its link): not a headline."""
    low = text.lower()
    words = low.split()
    half = len(words) // 2
    return (
        (half > 0 and words[:half] == words[half:])
        or low.rsplit(" ", 1)[-1] in _DANGLING
        or low.startswith("by ")
        or _credit(text)
        or len(_CRUMB.findall(text)) >= 2
        or "@" in text
        or (not named and (bare_name(text) is not None or names_line(text) is not None))
        or find_date(text) is not None
    )


def _credit(text: str) -> bool:
    """A photo's or an illustration's credit: a word or two, "by" and a person's name
    ("Portrait by Jane Doe", "Photo by J. Doe")."""
    head, by, name = text.partition(" by ")
    return bool(by) and head.count(" ") < 2 and person(name)


def size(line: Line) -> int:
    """A line's length in words, a spaceless script's characters counted two to a word."""
    dense = dense_chars(line.text)
    return line.words + dense // 2 if dense >= _DENSE_HEADLINE else line.words


def shape_score(line: Line, named: bool = False) -> float:
    """How much a line reads as a headline on its own, wherever it stands: -99 for one that
    cannot be (a byline, a date, a breadcrumb, a line too long or too short)."""
    text = line.text
    words = size(line)
    if (
        not (1 if named else 2) <= words <= 30
        or len(text) > 250
        or not text.lstrip(QUOTES)[:1].isalnum()
    ):
        return -99.0
    if not_a_headline(text, named):
        return -99.0
    score = 0.0
    if 4 <= words <= 20:
        score += 1.5
    if title_case(text):
        score += 1.0
    if text.rstrip("\"'”’»)")[-1:] == "." and words > 3 and not title_case(text):
        score -= 3.0
    if text.isupper() or section_label(text) is not None:
        score -= 3.0
    if line.kind is Kind.PROSE:
        score -= 1.0
    if text.lstrip(QUOTES)[:1].islower():
        score -= 2.0
    if len(_WORD.findall(text)) < 2 and words > 1:
        score -= 3.0  # "From $610.00", "ISO 3166 code": a figure with a word or two
    last = text.rsplit(None, 1)[-1]
    if words == 2 and len(last) <= 3 and last.islower():
        score -= 2.0  # "Remember me", "Pin it": a form's or a button's label
    tokens = [w.strip(":|›»").lower() for w in text.split()]
    if tokens[0] in _BUTTONS or sum(w in _BUTTONS or w in _EDITOR for w in tokens) >= 2:
        score -= 2.5  # "View this image", "Featured Close Publish changes"
    if len(_GLUE.findall(text)) >= 2:
        score -= 3.0
    if text[-1:] in _ARROWS:
        score -= 2.5  # "Next Work →", "More stories »": a link to another page

    return score


def button_first(text: str) -> bool:
    """Whether the line opens with a button's word ("Download ...", "Share ..."): a link's
    label, not a name."""
    first = text.split(maxsplit=1)[:1]
    return bool(first) and first[0].strip(":|›»").lower() in _BUTTONS
