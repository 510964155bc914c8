"""The site's own name in a pasted page, and the person a personal site is named after.

The name is looked for where a reader sees it: in the footer's copyright line, a name before
the sign ("Citylab.com © 2026 The Owner Group") being the site and the one after it the
owner; in the logo's text at the top ("Harbour Post logo", "The Harbour Post homepage",
printed twice); after the headline on a line that repeats it ("... | Harbour Post"); as a
short masthead name that the page prints again; or in the site's calls to follow or read it
(`selfnamed`). A company named after the sign ("... Media Group", "... Inc.") owns the site
rather than naming it, so a masthead's name or the calls' go first.
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
from tuinews.importer.formats.textdump.selfnamed import from_calls, from_suffix
from tuinews.importer.formats.textdump.shape import button_first
from tuinews.importer.formats.textdump.sitename import LEGAL_FORMS, publication, within

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?: ?[-–] ?(?:19|20)?\d\d\b)?")
_CUT = re.compile(
    r" ?(?:[.|,;:]\s|all rights|alle rechte|tous droits|todos los derechos| - | – ).*$", re.I
)
# A company rather than a publication: a legal form, or a word companies are named with.
_COMPANY_WORDS = (
    r"group|media|medien|network|interactive|holdings|publishing|corporation|company|limited"
)
_COMPANY = re.compile(
    rf"\b(?:{LEGAL_FORMS}|a\.?s|co|{_COMPANY_WORDS}|productions|software)\.?$", re.I
)
_COMPANY_WORD = re.compile(rf"\b(?:{_COMPANY_WORDS})\b", re.I)
_LEGAL_AFTER = re.compile(rf",? (?:{LEGAL_FORMS}|a\.?s)\b", re.I)
_NOTICE_CHARS = 200
_MARKS = re.compile(r"[®™]")
_SEPARATORS = re.compile(r"[|:;,•·/]|\s[-–—]\s")
# The logo's text at the top of a page: "Harbour Post logo", "The Harbour Post homepage",
# "The Harbour Post - Back to home".
_LOGO = re.compile(
    r"^(\S.{0,40}?) (?:logo\b|(?:homepage|home page|(?:[-–|] )?back to home(?:page)?)$)", re.I
)
_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\d?\.|m\.)?((?:[a-z0-9-]{2,40}\.){1,2}[a-z]{2,6})/?(?: home)?$", re.I
)
# A link back to the front page that names the site: "Back to Harbour Post home".
_BACK_HOME = re.compile(
    r"\bback to (?:the )?(?!(?:the|our|my|your|main|this|site's) )(\S+(?: \S+){0,3}?)"
    r" home(?:page)?\b",
    re.I,
)
_MASTHEAD_LINES = 6
_OWNER_LINES = 3  # the site's name stands among the page's first lines


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
        if not ("©" in text or "opyright" in text or "(c)" in text.lower()):
            continue
        if len(text) > _NOTICE_CHARS:
            # A long notice is read when it opens with the sign ("© 2026 Harbour Post. All
            # rights reserved. Use of this site ..."): its name comes first.
            if _COPYRIGHT.match(text) is None:
                continue
            text = text[:_NOTICE_CHARS]
        found = _COPYRIGHT.search(text)
        if found is None:
            continue
        rest = " ".join(_COPYRIGHT.sub(" ", _YEARS.sub(" ", text[found.end() :])).split())
        raw = _CUT.sub("", rest).strip(" .,-–|:©")
        owner = publication(raw)
        brand = _brand(text[: found.start()]) if "©" in text[found.start() :] else None
        if owner is not None or brand is not None:
            # "Harbour Media, LLC", "Harbour Network Tech": a company, even when its legal
            # form is cut off or its telling word is not the last.
            after = rest[rest.find(raw) + len(raw) :] if raw else ""
            company = (
                _COMPANY.search(raw) is not None
                or _COMPANY_WORD.search(raw) is not None
                or _LEGAL_AFTER.match(after) is not None
            )
            return Copyright(owner, company, brand)
    return Copyright()


def _brand(before: str) -> str | None:
    """A site's name that is all the copyright line holds before the sign ("Harbour Post ©
    2026 ...", "Harbour Post® ©"): a few words, none of them long, no separator."""
    text = " ".join(_YEARS.sub(" ", _COPYRIGHT.sub(" ", _MARKS.sub("", before))).split())
    text = text.rstrip(" ,")
    words = text.split()
    if not 1 <= len(words) <= 4 or _SEPARATORS.search(text) or max(map(len, words)) > 15:
        return None
    return publication(text)


def _top(lines: list[Line]) -> Iterator[Line]:
    """The page's first lines that are not blank: where a masthead stands."""
    return islice((line for line in lines if line.kind is not Kind.BLANK), _MASTHEAD_LINES)


def from_logo(lines: list[Line]) -> str | None:
    """The site's name in its logo's text among the page's first lines ("Harbour Post logo",
    "Back to Harbour Post home"), or its address alone there ("m.harbourpost.com": the logo's
    alt text on a mobile page, also before its link's "Home")."""
    for line in _top(lines):
        twice = _twice(line.text)
        if twice is not None:
            return twice
        found = _LOGO.match(line.text)
        if found is not None and _capitalised(found.group(1)):
            return publication(found.group(1))
        back = _BACK_HOME.search(line.text)
        if back is not None and (name := _brand_word(back.group(1)) or publication(back.group(1))):
            return name
        address = _DOMAIN.match(line.text)
        if address is not None:
            return address.group(1)
    return None


def _twice(text: str) -> str | None:
    """The name a line prints twice, the logo's text and its link's ("Harbour Post Harbour
    Post", "HPOSTHPOST", "harbourpost harbourpost logo"); a brand's one word may be small."""
    text = text.removesuffix(" logo").removesuffix(" Logo")
    half = len(text) // 2
    if not 3 <= half <= 40:
        return None
    name = text[:half]
    glued = len(text) == 2 * half and text[half:] == name  # "HPOSTHPOST"
    if not glued and text[half : half + 1] + text[half + 1 :] != " " + name:
        return None
    if name.lower() in vocab.SECTIONS or not any(ch.isalpha() for ch in name):
        return None
    return _brand_word(name) or publication(name)


def _brand_word(name: str) -> str | None:
    """A brand's one word in small letters ("harbourpost"), where the logo's text stands."""
    if " " not in name and name.isalpha() and name.islower() and name not in vocab.JUNK:
        return name
    return None


def from_masthead(
    lines: list[Line], keys: Keys, titles: frozenset[str] = frozenset()
) -> str | None:
    """A short name at the top of the page that the page prints again further down (not one
    of the page's headlines, which a wiki page prints twice at its top)."""
    for line in _top(lines):
        if line.kind not in (Kind.TITLE, Kind.SHORT) or not 2 <= line.words <= 5:
            continue
        if line.key in titles or button_first(line.text):
            continue
        if not all(w[:1].isupper() or not w[:1].isalpha() for w in line.text.split()):
            continue
        name = publication(line.text)
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
    if not _capitalised(first.text) or _SEPARATORS.search(first.text) or button_first(first.text):
        return None
    if len(words) == 1 and not any(ch.isupper() for ch in words[0][1:]):
        return None  # one word is a brand by its capitals ("HPOST"), else a menu's word
    name = publication(first.text)
    if name is None or first.text.lower() in vocab.SECTIONS or first.key in titles | {""}:
        return None
    return name if keys.named(first.key) >= 2 else None


def _capitalised(text: str) -> bool:
    """Every word starts with a capital or holds one ("Harbour Post", "eHarbour")."""
    return all(any(ch.isupper() for ch in word) for word in text.split())


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
    site = found.brand or from_logo(lines) or from_suffix(lines, titles)
    if site is not None and key_of(site) in titles:
        site = None
    owned = owner is not None and not found.company and person(owner)
    if site is None and (owner is None or found.company or owned):
        site = from_masthead(lines, keys, titles) or _first_line(lines, keys, titles)
        if site is None or person(site):  # a writer's name over a post on a platform
            site = from_calls(lines) or site
        if site is not None and owner is not None and within(site, owner):
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
