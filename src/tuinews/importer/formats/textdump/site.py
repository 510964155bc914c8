"""The site's own name in a pasted page: from its copyright line, else from its masthead;
and the person a personal site is named after."""

from __future__ import annotations

import re

from tuinews.importer.formats.textdump import vocab
from tuinews.importer.formats.textdump.head import Keys
from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.names import person

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?: ?[-–] ?(?:19|20)?\d\d\b)?")
_CUT = re.compile(
    r" ?(?:[.|,;:]\s|all rights|alle rechte|tous droits|todos los derechos| - | – ).*$", re.I
)
_LEGAL = re.compile(r"\b(?:inc|ltd|llc|gmbh|plc|s\.?a|ag|corp|co)\.?$", re.I)
_MASTHEAD_LINES = 6
_OWNER_LINES = 3  # the site's name stands among the page's first lines


def _name(raw: str) -> str | None:
    """A publication's name: one to six words, starting with a capital or a figure."""
    name = raw.strip(" .,-–|:©")
    name = _LEGAL.sub("", name).strip(" ,.")
    if not name or not name[0].isalnum() or name[0].islower():
        return None
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60:
        return None
    if name.lower() in vocab.JUNK or name.lower() in vocab.END:
        return None
    return name


def from_copyright(lines: list[Line]) -> str | None:
    """The owner named in the page's last copyright line ("© 2026 The Harbour Post")."""
    for line in reversed(lines):
        text = line.text
        if len(text) > 200 or not ("©" in text or "opyright" in text or "(c)" in text.lower()):
            continue
        found = _COPYRIGHT.search(text)
        if found is None:
            continue
        rest = _YEARS.sub(" ", line.text[found.end() :])
        rest = _COPYRIGHT.sub(" ", rest)
        rest = " ".join(rest.split())
        name = _name(_CUT.sub("", rest))
        if name is not None:
            return name
    return None


def from_masthead(lines: list[Line], keys: Keys) -> str | None:
    """A short name at the top of the page that the page prints again further down."""
    seen = 0
    for line in lines:
        if line.kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _MASTHEAD_LINES:
            break
        if line.kind not in (Kind.TITLE, Kind.SHORT) or not 2 <= line.words <= 5:
            continue
        if not all(w[:1].isupper() or not w[:1].isalpha() for w in line.text.split()):
            continue
        name = _name(line.text)
        if (
            name is not None
            and keys.printed(line.key) >= 2
            and line.text.lower() not in vocab.SECTIONS
        ):
            return name
    return None


def site_and_owner(lines: list[Line], keys: Keys) -> tuple[str | None, str | None]:
    """The site's name, from the copyright line first, then the masthead (None if unsure);
    and the person a personal site is named after, when its copyright line and one of its
    first lines name the same person ("Jane Doe"): the author of posts without a byline."""
    owner = from_copyright(lines)
    if owner is None:
        return from_masthead(lines, keys), None
    if not person(owner):
        return owner, None
    seen = 0
    for line in lines:
        if line.kind is Kind.BLANK:
            continue
        if line.text == owner:
            return owner, owner
        seen += 1
        if seen >= _OWNER_LINES:
            break
    return owner, None
