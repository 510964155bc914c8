"""Where a page names its own site in passing: its calls to follow it, read more of it or sign
up to it ("Follow Harbour Post", "Get the Harbour Post app"), and its headline's suffix
("Ferry operator orders two hybrid boats | Harbour Post", in a share text or a print header).
"""

from __future__ import annotations

import re
from collections import Counter

from tuinews.importer.formats.textdump import vocab
from tuinews.importer.formats.textdump.lines import AGENCIES, Line, key_of
from tuinews.importer.formats.textdump.names import person
from tuinews.importer.formats.textdump.sitename import publication, within

# A name in a page's calls to read it, follow it or sign up to it ("Follow Harbour Post",
# "More from Harbour Post", "About Harbour Post", "Get the Harbour Post app", "Sign up for
# Harbour Post's newsletter", "Vous êtes abonné à Harbour Post"): the site speaking of itself.
_WORD = r"[A-ZÀ-Þ0-9][\w.!&+'’-]*"
_CALLED = rf"((?:The )?{_WORD}(?: (?:{_WORD}|&|de|of|du|da|do)){{0,3}}?)"
_CALLED_ALL = _CALLED.removesuffix("?)") + ")"  # as many capitalised words as there are
_CALLS = (
    re.compile(
        rf"^(?:• ?)?(?i:follow|about|more from|more stories from|mehr von|plus de|más de) "
        rf"{_CALLED}(?: (?i:followed|following|on \w+))?$"
    ),
    re.compile(
        rf"\b(?i:the|your|free|to|for|get|download) {_CALLED}(?:['’]s)? "
        r"(?i:newsletters?|app(?! store)|account|delivered to)\b"
    ),
    re.compile(rf"\b(?i:welcome to|new to|abonnée? à|abonnez-vous à) {_CALLED_ALL}"),
)
_CALL_HINTS = re.compile(
    r"ollow|bout|ore |ehr |ás |lus |ewsletter|app\b|ccount|eliver|elcome|ew to|onn", re.I
)
_CALL_CHARS = 160  # a call to action is a short line
# "Follow Us", "About Our Ads", "Get Our App": a call, but no name in it.
_NOT_NAMES = frozenset({
    "us", "me", "my", "our", "you", "your", "his", "her", "their", "its", "this", "another",
    "author", "followed", "following",
})  # fmt: skip
# "About Cookies", "More from Events": a footer's or a menu's page, not a name.
_PAGES = frozenset({
    "cookies", "advertising", "advertise", "membership", "subscriptions", "team", "jobs",
    "authors", "help", "press", "partners", "events", "apps", "staff", "editors", "mission",
    "contributors", "ethics", "corrections", "accessibility", "licensing", "feedback", "faq",
    "history", "people", "values", "leadership", "investors", "newsroom", "masthead",
})  # fmt: skip


def from_calls(lines: list[Line]) -> str | None:
    """The name the page's calls to action name most often ("Follow Harbour Post", "Get the
    Harbour Post app"; the longer of two names named as often), when the page prints it on
    another line too; never a person's ("Follow Jane Doe" is an author's button), a pronoun's
    ("Follow Us"), a section's ("About Editorial") or a news agency's ("More from Xinhua")."""
    named: Counter[str] = Counter()
    for line in lines:
        text = line.text
        if len(text) > _CALL_CHARS or _CALL_HINTS.search(text) is None:
            continue
        for pattern in _CALLS:
            for found in pattern.finditer(text):
                name = _called(found.group(1))
                if name is not None:
                    named[name] += 1
    for name in sorted(named, key=lambda name: (named[name], len(name)), reverse=True):
        if named[name] >= 2 or sum(1 for line in lines if within(name, line.text)) >= 2:
            return name
    return None


def _called(raw: str) -> str | None:
    """The name a call to action holds, if it is a site's."""
    name = publication(raw.removesuffix("’s").removesuffix("'s"))
    if name is None or name.lower() in vocab.SECTIONS or name.lower() in AGENCIES:
        return None  # "More from Xinhua": a wire's stories on the site, not the site
    if person(name):
        return None
    low = name.lower()
    if low.removeprefix("the ") in _PAGES or _NOT_NAMES.intersection(low.split()):
        return None
    return name


_SUFFIX = re.compile(r" (?:[|–—-]|::) ")
_LEAD_WORDS = 3  # words before the headline on such a line ("Share this:")
_QUOTED = re.compile(r"[\"“”«»]|\. ")


def from_suffix(lines: list[Line], titles: frozenset[str]) -> str | None:
    """The name after the headline on a line that repeats it, as a page's title names its site
    ("Ferry operator orders two hybrid boats | Harbour Post", "Share: ... - Harbour Post");
    `titles` are the page's headlines, as line keys, of three words or more. Never a person's
    name, a section's ("... - World") or a reference's tail ("... - Harbour Post". Retrieved)."""
    heads = [title for title in titles if title.count(" ") >= 2]
    if not heads:
        return None
    # Only the lines that hold a headline are read (one test per line, in C).
    holding = [line for title in heads for line in lines if title in line.key]
    for line in holding:
        text = line.text
        found = list(_SUFFIX.finditer(text))
        if not found:
            continue
        head = key_of(text[: found[-1].start()])
        tail = text[found[-1].end() :]
        if _QUOTED.search(tail) or not any(
            head.endswith(title) and head.count(" ") <= title.count(" ") + _LEAD_WORDS
            for title in heads
        ):
            continue
        name = publication(tail)
        if name is not None and name.lower() not in vocab.SECTIONS and not person(name):
            return name
    return None
