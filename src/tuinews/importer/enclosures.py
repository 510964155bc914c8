"""Enclosures as feeds state them, made safe: absolute http(s) URLs, clean types, sizes.

Both feed paths (the streaming reader and feedparser) hand over the same raw triples
(URL, type, length as written); `enclosures_of` makes the drafts' tuple from them, and
`clean_enclosures` is the importer's last cleaning of a draft's enclosures.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from tuinews.importer import limits
from tuinews.importer.links import absolute
from tuinews.importer.sanitize import clean_line
from tuinews.models import Enclosure

RawEnclosure = tuple[str | None, str | None, str | None]
_MAX_LENGTH = 2**63 - 1  # what SQLite's INTEGER holds


def enclosures_of(raw: Iterable[RawEnclosure], base: str | None) -> tuple[Enclosure, ...]:
    """The enclosures of an entry: relative URLs resolved against `base`, only http(s)
    ones kept (a player must not be handed a local file or a script), each URL once."""
    found: list[Enclosure] = []
    for url, kind, length in raw:
        link = clean_line(url)
        if link and base:
            link = absolute(base, link)
        if link:
            found.append(Enclosure(link, kind, _size(length)))
    return clean_enclosures(found)


def clean_enclosures(found: Iterable[Enclosure]) -> tuple[Enclosure, ...]:
    """Enclosures with control characters out, a known scheme, a short type, no repeats."""
    kept: dict[str, Enclosure] = {}
    for enclosure in found:
        url = clean_line(enclosure.url)
        if not url or url in kept or " " in url or not _web(url):
            continue
        kind = clean_line(enclosure.type)
        kind = kind.lower()[: limits.MAX_ENCLOSURE_TYPE_CHARS] if kind else None
        length = enclosure.length
        if length is not None and not 0 <= length <= _MAX_LENGTH:
            length = None
        kept[url] = Enclosure(url, kind, length)
        if len(kept) == limits.MAX_ENCLOSURES:
            break
    return tuple(kept.values())


def _web(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _size(length: str | None) -> int | None:
    text = (length or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) < 20):
        return None
    return int(text) or None  # many feeds write length="0" for "unknown"
