"""The source name of a web page (an HTML page or a text dump) that names no site itself.

A feed names itself; a page often does not (no masthead or copyright line the parser can
read). Its source is then what a reader would call it: the host it came from, without
"www." ("example.org"), or its file's name made readable. A page saved by a browser is
named by its title, "Headline - Site" or "Site | Headline": the part that is not the
article's headline is the site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import urlsplit

from tuinews.importer.sources import NEWS_SUFFIXES, SourceRef, display_name
from tuinews.untrusted import shown

# How a page's title parts the headline from the site's name.
_TITLE_PARTS = re.compile(r"\s+[-|–—·:]{1,2}\s+")
_SITE_WORDS = 5  # a site's name in a title is short
_WORD = re.compile(r"\w+")
_NOT_LETTERS = re.compile(r"[\W_]+")
_ENDS = 100  # a masthead and a footer are among the first or last lines of a page
_NAME_CHARS = 60
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})
# Underscores and hyphens part words in a file name that has no spaces ("world-two-articles",
# "utf8-meta-after-1024"); a hyphen between figures (a date's, "2026-03-04") stays.
_JOINED = re.compile(r"_+|-+(?!\d)|(?<!\d)-+")


def page_name(ref: SourceRef, found_at: str | None, titles: Sequence[str]) -> str:
    """The name of a page source whose text names no site: the host of the URL it was
    found at, the site in a saved page's file name (beside one of `titles`, its
    articles' headlines), else the file's name made readable; the pasted text as named."""
    if ref.kind == "url":
        return host_name(found_at or ref.location) or display_name(ref)
    if ref.kind != "file":
        return display_name(ref)
    path = PurePath(ref.location)
    stem = path.stem if path.suffix.lower() in NEWS_SUFFIXES else path.name
    return shown(_site_in_title(stem, titles) or _readable(stem)) or display_name(ref)


def site_named_by_host(text: str, url: str) -> str | None:
    """The masthead or footer line of a dump fetched from `url` that spells its host's
    name ("Harbour Post" or "The Harbour Post" for harbourpost.co.uk), or None."""
    host = host_name(url)
    if host is None:
        return None
    labels = host.split(".")
    # The name under the public suffix: "harbourpost" in harbourpost.co.uk, not "co".
    short_suffix = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL
    label = labels[-3] if short_suffix else labels[-2] if len(labels) >= 2 else ""
    name = _compact(label)
    if not name or name.isdigit():
        return None
    lines = text.splitlines()
    ends = lines[:_ENDS] + lines[-_ENDS:] if len(lines) > 2 * _ENDS else lines
    for line in ends:
        line = line.strip()
        if len(line) <= _NAME_CHARS and _compact(line) in (name, "the" + name):
            return line
    return None


def _compact(text: str) -> str:
    return _NOT_LETTERS.sub("", text.casefold())


def host_name(url: str) -> str | None:
    """The URL's host, lower-cased, without "www." and in its own script ("bücher.example"
    for "xn--bcher-kva.example"); None for a URL without one."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.removeprefix("www.")
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:  # not IDNA (an invalid xn-- label): as it is
        return host


def _site_in_title(stem: str, titles: Sequence[str]) -> str | None:
    """The site beside the headline in a title-named file: "Headline - Site" gives Site."""
    cuts = list(_TITLE_PARTS.finditer(stem))
    headlines = {_key(title) for title in titles}
    for cut in cuts:
        head, tail = stem[: cut.start()], stem[cut.end() :]
        if _key(head) in headlines and len(tail.split()) <= _SITE_WORDS:
            return tail
        if _key(tail) in headlines and len(head.split()) <= _SITE_WORDS:
            return head
    return None


def _readable(stem: str) -> str:
    """A file's stem as words: "world-two-articles" gives "World two articles"."""
    words = " ".join(stem.split()) if " " in stem.strip() else _JOINED.sub(" ", stem).strip()
    if words == words.lower():
        words = words[:1].upper() + words[1:]
    return words


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))
