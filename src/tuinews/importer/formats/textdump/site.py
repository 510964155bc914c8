"""The site's own name in a pasted page, and the person a personal site is named after.

The name is looked for where a reader sees it: in the footer's copyright line, a name before
the sign ("Citylab.com © 2026 The Owner Group") being the site and the one after it the
owner; in the logo's text at the top ("Harbour Post logo", "The Harbour Post homepage"); or as
a short masthead name that the page prints again. A company named after the sign ("... Media
Group", "... Inc.") owns the site rather than naming it, so a masthead's name goes first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from tuinews.importer.formats.textdump import vocab
from tuinews.importer.formats.textdump.head import Keys
from tuinews.importer.formats.textdump.lines import Kind, Line, key_of
from tuinews.importer.formats.textdump.names import person

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?: ?[-–] ?(?:19|20)?\d\d\b)?")
_CUT = re.compile(
    r" ?(?:[.|,;:]\s|all rights|alle rechte|tous droits|todos los derechos| - | – ).*$", re.I
)
_LEGAL = re.compile(r",? \b(?:inc|ltd|llc|gmbh|plc|s\.?a|ag|corp|co|company|corporation)\.?$", re.I)
# A company rather than a publication: a legal form, or a word companies are named with.
_COMPANY = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|plc|s\.?a|a\.?s|ag|corp|co|limited|corporation|company|group"
    r"|media|medien|network|productions|interactive|holdings|publishing|software)\.?$",
    re.I,
)
_MARKS = re.compile(r"[®™]")
_SEPARATORS = re.compile(r"[|:;,•·/]|\s[-–—]\s")
# The logo's text at the top of a page: "Harbour Post logo", "The Harbour Post homepage",
# "The Harbour Post - Back to home".
_LOGO = re.compile(
    r"^(\S.{0,40}?) (?:logo\b|(?:homepage|home page|(?:[-–|] )?back to home(?:page)?)$)", re.I
)
_LIST_ITEM = re.compile(r"\d{1,2}[.)] ")  # "1. News": a numbered menu's first item
_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\d?\.|m\.)?((?:[a-z0-9-]{2,40}\.){1,2}[a-z]{2,6})/?$", re.I
)
_MASTHEAD_LINES = 6
_OWNER_LINES = 3  # the site's name stands among the page's first lines


def _name(raw: str) -> str | None:
    """A publication's name: one to six words, starting with a capital or a figure."""
    name = raw.strip(" .,-–|:©")
    name = _LEGAL.sub("", name).strip(" ,.")
    if not name or not name[0].isalnum() or _LIST_ITEM.match(name):
        return None
    if name[0].islower() and name.split()[0].islower():
        return None  # a brand may start small ("eHow"), a phrase may not
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60:
        return None
    if name.lower() in vocab.JUNK or name.lower() in vocab.END:
        return None
    return name


@dataclass(frozen=True, slots=True)
class Copyright:
    """What the page's last copyright line names: the owner after the sign (and whether it is
    a company) and a site's name standing before the sign."""

    owner: str | None = None
    company: bool = False
    brand: str | None = None


def from_copyright(lines: list[Line]) -> Copyright:
    """The names in the page's last copyright line that names any ("© 2026 The Harbour Post",
    "Harbour Post © 2026 Harbour Media Group")."""
    for line in reversed(lines):
        text = line.text
        if len(text) > 200 or not ("©" in text or "opyright" in text or "(c)" in text.lower()):
            continue
        found = _COPYRIGHT.search(text)
        if found is None:
            continue
        rest = _YEARS.sub(" ", text[found.end() :])
        rest = _COPYRIGHT.sub(" ", rest)
        raw = _CUT.sub("", " ".join(rest.split())).strip(" .,-–|:©")
        owner = _name(raw)
        brand = _brand(text[: found.start()]) if "©" in text[found.start() :] else None
        if owner is not None or brand is not None:
            return Copyright(owner, _COMPANY.search(raw) is not None, brand)
    return Copyright()


def _brand(before: str) -> str | None:
    """A site's name that is all the copyright line holds before the sign ("Harbour Post ©
    2026 ...", "Harbour Post® ©"): a few words, none of them long, no separator."""
    text = " ".join(_YEARS.sub(" ", _COPYRIGHT.sub(" ", _MARKS.sub("", before))).split())
    text = text.rstrip(" ,")
    words = text.split()
    if not 1 <= len(words) <= 4 or _SEPARATORS.search(text) or max(map(len, words)) > 15:
        return None
    return _name(text)


def _top(lines: list[Line]) -> Iterator[Line]:
    """The page's first lines that are not blank: where a masthead stands."""
    return islice((line for line in lines if line.kind is not Kind.BLANK), _MASTHEAD_LINES)


def from_logo(lines: list[Line]) -> str | None:
    """The site's name in its logo's text among the page's first lines ("Harbour Post logo"),
    or its address alone there ("m.harbourpost.com": the logo's alt text on a mobile page)."""
    for line in _top(lines):
        found = _LOGO.match(line.text)
        if found is not None and _capitalised(found.group(1)):
            return _name(found.group(1))
        address = _DOMAIN.match(line.text)
        if address is not None:
            return address.group(1)
    return None


def from_masthead(
    lines: list[Line], keys: Keys, titles: frozenset[str] = frozenset()
) -> str | None:
    """A short name at the top of the page that the page prints again further down (not one
    of the page's headlines, which a wiki page prints twice at its top)."""
    for line in _top(lines):
        if line.kind not in (Kind.TITLE, Kind.SHORT) or not 2 <= line.words <= 5:
            continue
        if line.key in titles:
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


def _first_line(lines: list[Line], keys: Keys, titles: frozenset[str]) -> str | None:
    """The page's first line, when it is a short name that the page names again further
    down ("Harbour Post" over the menu, "... to Harbour Post readers" in the footer)."""
    first = next((line for line in lines if line.kind not in (Kind.BLANK, Kind.JUNK)), None)
    if first is None or first.kind not in (Kind.TITLE, Kind.SHORT) or not 1 <= first.words <= 3:
        return None
    words = first.text.split()
    if not _capitalised(first.text) or _SEPARATORS.search(first.text):
        return None
    if len(words) == 1 and not any(ch.isupper() for ch in words[0][1:]):
        return None  # one word is a brand by its capitals ("HPOST"), else a menu's word
    name = _name(first.text)
    if name is None or first.text.lower() in vocab.SECTIONS or first.key in titles | {""}:
        return None
    return name if keys.named(first.key) >= 2 else None


def _capitalised(text: str) -> bool:
    """Every word starts with a capital or holds one ("Harbour Post", "eHarbour")."""
    return all(any(ch.isupper() for ch in word) for word in text.split())


def _within(short: str, long: str) -> bool:
    return f" {short.lower()} " in f" {long.lower()} "


def site_and_owner(
    lines: list[Line], keys: Keys, titles: frozenset[str] = frozenset()
) -> tuple[str | None, str | None]:
    """The site's name, from the copyright line first, then the masthead (None if unsure),
    never one of the page's headlines (`titles`, as line keys); and the person a personal
    site belongs to: the author of posts without a byline. That person is the one the
    copyright line names, when one of the page's first lines names them too ("Jane Doe"), or
    when the masthead holds another name the page prints again: the blog's own title ("Jane's
    Workbench" over the posts, "© 2026 Jane Doe" under them)."""
    found = from_copyright(lines)
    owner = found.owner
    site = found.brand or from_logo(lines)
    if site is not None and key_of(site) in titles:
        site = None
    owned = owner is not None and not found.company and person(owner)
    if site is None and (owner is None or found.company or owned):
        site = from_masthead(lines, keys, titles) or _first_line(lines, keys, titles)
        if site is not None and owner is not None and _within(site, owner):
            site = None  # "New York" over the menu, "The New York Times" in the footer
        elif site is not None and owned:
            return site, owner  # a personal blog's title over the menu, its owner below
    if owner is None or site is not None:
        return site or owner, None
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
