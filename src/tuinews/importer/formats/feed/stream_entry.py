"""One entry (an RSS item or Atom entry) read from its lxml element as feedparser would.

Each child element is applied in document order with feedparser's rules: the first
non-empty title wins (a media:title only while none has), the last link, guid, author and
dates win, a permalink guid stands in for a missing link, a content fills a missing
summary, categories accumulate like feedparser's tags. Values are stripped and repaired
like feedparser does (mojibake, Windows-1252 code points, its link and URI clean-ups).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from tuinews.importer.formats.feed.entry import RawEntry
from tuinews.importer.formats.feed.stream_names import (
    AUTHOR,
    AUTHOR_PART,
    CATEGORY,
    CONTENT,
    CONTRIBUTOR,
    ENCLOSURE,
    GUID,
    INSIDE_SOURCE_REFUSED,
    ITUNES_CATEGORY,
    LINK,
    MEDIA_CATEGORY,
    MEDIA_CONTENT,
    MEDIA_TITLE,
    PUBLISHED,
    RELEVANT,
    SOURCE,
    SUMMARY,
    TITLE,
    UPDATED,
)

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
XML_BASE = XML_NS + "base"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
_URI_FIXER = re.compile("^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")  # feedparser's _urifixer
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_C1 = re.compile("[\x80-\x9f]")
_EMAIL = re.compile(  # feedparser's, to split "jo@example.com (Jo)"
    r"(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"
    r"([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/html")
_TYPE_NAMES = {"text": "text/plain", "plain": "text/plain", "html": "text/html"}
_MRSS_SCHEME = "http://search.yahoo.com/mrss/category_schema"
_ITUNES_SCHEME = "http://www.itunes.com/"
# feedparser maps these C1 code points to what Windows-1252 means by them.
_CP1252 = {
    128: "\u20ac", 130: "\u201a", 131: "\u0192", 132: "\u201e", 133: "\u2026", 134: "\u2020",
    135: "\u2021", 136: "\u02c6", 137: "\u2030", 138: "\u0160", 139: "\u2039", 140: "\u0152",
    142: "\u017d", 145: "\u2018", 146: "\u2019", 147: "\u201c", 148: "\u201d", 149: "\u2022",
    150: "\u2013", 151: "\u2014", 152: "\u02dc", 153: "\u2122", 154: "\u0161", 155: "\u203a",
    156: "\u0153", 158: "\u017e", 159: "\u0178",
}  # fmt: skip

Kind = Callable[[Any], int]


class Unsupported(Exception):
    """The fast path cannot promise feedparser's result for this feed: use feedparser."""


class NotWellFormed(Unsupported):
    """Not well-formed XML: feedparser's forgiving parser may still read it."""


def fp_text(text: str | None) -> str:
    """An element's text as feedparser reports it: stripped, mojibake and C1 repaired."""
    return repair(text.strip()) if text else ""


def repair(text: str) -> str:
    """feedparser's last touches on every value: UTF-8 read as Latin-1, C1 code points."""
    if text.isascii():
        return text
    with suppress(UnicodeEncodeError, UnicodeDecodeError):  # "CafÃ©" was UTF-8 read as Latin-1
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(_CP1252) if _C1.search(text) else text


def fix_uri(uri: str) -> str:
    """feedparser's repair of "http:///host" (its _urljoin with no base)."""
    return _URI_FIXER.sub(r"\1\3", uri) if ":///" in uri else uri


def check_base(element: Any) -> None:
    """feedparser resolves links against xml:base (even a bare "base") and lets it leak."""
    if element.get(XML_BASE) is not None or element.get("base") is not None:
        raise Unsupported("xml:base")


def attributes(element: Any) -> dict[str, str]:
    """Attributes as feedparser sees them: names lower-cased, rel and type values too."""
    found: dict[str, str] = {}
    for key, value in element.attrib.items():
        if key[0] == "{":
            if not key.startswith(XML_NS):
                raise Unsupported("a namespaced attribute")
            continue
        name = key.lower()
        found[name] = value.lower() if name in ("rel", "type") else value
    return found


def content_type(found: dict[str, str]) -> None:
    """Refuse what feedparser would decode as base64 or escape as XHTML."""
    kind = found.get("type", "text/plain")
    if _TYPE_NAMES.get(kind, kind) not in _TEXT_TYPES or "mode" in found or "src" in found:
        raise Unsupported(f"content of type {kind!r}")


def leaf_text(element: Any) -> str | None:
    """The text of an element that must hold no markup (feedparser would take it apart)."""
    if len(element):
        raise Unsupported(f"markup inside {element.tag!r}")
    text: str | None = element.text
    return text


def check_inside(element: Any, kind_of: Kind, refused: frozenset[int]) -> None:
    """Refuse elements deeper down that feedparser would apply to the entry."""
    for inner in element.iterdescendants():
        check_base(inner)
        if kind_of(inner) in refused:
            raise Unsupported(f"{inner.tag!r} inside {element.tag!r}")


@dataclass(slots=True)
class EntryReader:
    """The state of one entry while its child elements are applied in document order."""

    kind_of: Kind
    raw: RawEntry = field(default_factory=RawEntry)
    title_locked: bool = False
    summary_set: bool = False
    summaries: int = 0
    contents: int = 0
    tags: list[list[str | None]] = field(default_factory=list)

    def read(self, item: Any) -> RawEntry:
        """Apply every child of `item`; the raw entry feedparser would report."""
        kind_of = self.kind_of
        for child in item:
            if child.keys():
                check_base(child)
            kind = kind_of(child)
            if kind:
                _READERS.get(kind, _refuse)(self, child)
            elif len(child):
                check_inside(child, kind_of, RELEVANT)
        self.raw.category = next((tag[0] for tag in self.tags if tag[0]), None)
        return self.raw

    def add_tag(self, term: str | None, scheme: str | None, label: str | None) -> None:
        if not term and not scheme and not label:
            return
        tag = [term, scheme, label]
        if tag not in self.tags:
            self.tags.append(tag)


def _refuse(entry: EntryReader, element: Any) -> None:
    raise Unsupported(f"{element.tag!r} inside an entry")


def _read_title(entry: EntryReader, element: Any) -> None:
    kind = title_type(element)
    value = fp_text(leaf_text(element))
    if not entry.title_locked:
        entry.raw.title = value
        entry.raw.title_type = kind
        entry.title_locked = bool(value)


def title_type(element: Any) -> str | None:
    """The declared type of a title, as feedparser names it; None when feedparser guesses.

    An Atom 1.0 title without a type is text; an RSS title is HTML when it looks so.
    """
    if element.keys():
        found = attributes(element)
        content_type(found)
        if "type" in found:
            kind = found["type"]
            return _TYPE_NAMES.get(kind, kind)
    return "text/plain" if element.tag.startswith(ATOM_NS) else None


def _read_media_title(entry: EntryReader, element: Any) -> None:
    if element.keys():
        content_type(attributes(element))
    value = fp_text(leaf_text(element))
    if not entry.title_locked:
        entry.raw.title = value  # feedparser keeps the title open after a media:title


def _read_link(entry: EntryReader, element: Any) -> None:
    found = attributes(element) if element.keys() else {}
    if "url" in found or "uri" in found or len(element):
        raise Unsupported("an unusual link")
    if "href" not in found and found.get("rel") == "enclosure":
        raise Unsupported("an enclosure link without href")  # feedparser takes its text
    if "href" in found:
        rel = found.get("rel", "alternate")
        kind = found.get("type", "application/atom+xml" if rel == "self" else "text/html")
        kind = {"html": "text/html", "xhtml": "application/xhtml+xml"}.get(kind, kind)
        if rel == "alternate" and kind in _HTML_TYPES:
            entry.raw.link = fix_uri(found["href"])
        elif rel == "enclosure":
            entry.raw.enclosures.append((found["href"], found.get("type"), found.get("length")))
        return
    value = fix_uri(element.text.strip()) if element.text else ""
    value = repair(value).replace("&amp;", "&")
    entry.raw.link = _LINK_ENTITY.sub(r"&\g<1>", value) if "&" in value else value


def _read_enclosure(entry: EntryReader, element: Any) -> None:
    """RSS <enclosure url type length/> (feedparser files it as a rel="enclosure" link)."""
    found = attributes(element) if element.keys() else {}
    if len(element) or "url" not in found:
        raise Unsupported("an unusual enclosure")
    entry.raw.enclosures.append((found["url"], found.get("type"), found.get("length")))


def _read_media_content(entry: EntryReader, element: Any) -> None:
    found = attributes(element) if element.keys() else {}
    if len(element) or "url" not in found:
        raise Unsupported("an unusual media:content")  # a title or player inside it
    entry.raw.media.append((found["url"], found.get("type"), found.get("filesize")))


def _read_guid(entry: EntryReader, element: Any) -> None:
    found = attributes(element) if element.keys() else {}
    is_link = found.get("ispermalink", "true") == "true"
    text = leaf_text(element)
    value = text.strip() if text else ""
    if is_link:
        value = fix_uri(value)
    value = repair(value)
    entry.raw.guid = value
    if is_link and entry.raw.link is None:
        entry.raw.link = value


def _read_author(entry: EntryReader, element: Any) -> None:
    """An author, with feedparser's bookkeeping (which can carry a name across authors)."""
    own = element.text or ""
    detail: dict[str, str] = {}
    for part in element:
        check_base(part)
        if entry.kind_of(part) != AUTHOR_PART:
            raise Unsupported(f"{part.tag!r} inside an author")
        name = etree.QName(part).localname.lower()
        key = "href" if name in ("uri", "url", "homepage") else name
        text = leaf_text(part)
        _sync_author(entry, detail)
        detail[key] = text.strip() if text else ""
        own += part.tail or ""
    entry.raw.author = fp_text(own)
    _sync_author(entry, detail)


def _sync_author(entry: EntryReader, detail: dict[str, str]) -> None:
    """feedparser's _sync_author_detail: the author from the details, or the other way round."""
    if detail:
        name, email = detail.get("name"), detail.get("email")
        if name and email:
            entry.raw.author = f"{name} ({email})"
        elif name or email:
            entry.raw.author = name or email
        return
    author = entry.raw.author
    if not author:
        return
    found = _EMAIL.search(author)
    if found:
        email = found.group(0)
        for junk in (email, "()", "<>", "&lt;&gt;"):
            author = author.replace(junk, "")
        author = author.strip()
        if author and author[0] == "(":
            author = author[1:]
        if author and author[-1] == ")":
            author = author[:-1]
        author = author.strip()
        detail["email"] = email
    if author:
        detail["name"] = author


def _read_published(entry: EntryReader, element: Any) -> None:
    entry.raw.published = fp_text(leaf_text(element))


def _read_updated(entry: EntryReader, element: Any) -> None:
    entry.raw.updated = fp_text(leaf_text(element))


def _read_category(entry: EntryReader, element: Any) -> None:
    found = attributes(element) if element.keys() else {}
    kind = entry.kind_of(element)
    if kind == ITUNES_CATEGORY:
        entry.add_tag(found.get("text"), _ITUNES_SCHEME, None)
    else:
        if kind == MEDIA_CATEGORY:
            found.setdefault("scheme", _MRSS_SCHEME)
        scheme = found.get("scheme", found.get("domain"))
        entry.add_tag(found.get("term"), scheme, found.get("label"))
    value = fp_text(leaf_text(element))
    if not value:
        return
    if entry.tags and not entry.tags[-1][0]:
        entry.tags[-1][0] = value
    else:
        entry.add_tag(value, None, None)


def _read_summary(entry: EntryReader, element: Any) -> None:
    entry.summaries += 1
    if entry.summaries > 1:
        raise Unsupported("two descriptions in one entry")  # feedparser makes one content
    if element.keys():
        content_type(attributes(element))
    entry.raw.summary = fp_text(leaf_text(element))
    entry.summary_set = True


def _read_content(entry: EntryReader, element: Any) -> None:
    entry.contents += 1
    if entry.contents > 1:
        raise Unsupported("two contents in one entry")
    if element.keys():
        content_type(attributes(element))
    value = fp_text(leaf_text(element))
    entry.raw.content = value or None
    if not entry.summary_set:
        entry.raw.summary = value
        entry.summary_set = True


def _read_source(entry: EntryReader, element: Any) -> None:
    check_inside(element, entry.kind_of, INSIDE_SOURCE_REFUSED)
    entry.title_locked = False  # feedparser forgets the entry's title depth in a source


def _read_contributor(entry: EntryReader, element: Any) -> None:
    check_inside(element, entry.kind_of, RELEVANT)


def _read_harmless(entry: EntryReader, element: Any) -> None:
    if len(element):
        check_inside(element, entry.kind_of, RELEVANT)


_READERS: dict[int, Callable[[EntryReader, Any], None]] = {
    TITLE: _read_title,
    MEDIA_TITLE: _read_media_title,
    LINK: _read_link,
    ENCLOSURE: _read_enclosure,
    MEDIA_CONTENT: _read_media_content,
    GUID: _read_guid,
    AUTHOR: _read_author,
    PUBLISHED: _read_published,
    UPDATED: _read_updated,
    CATEGORY: _read_category,
    MEDIA_CATEGORY: _read_category,
    ITUNES_CATEGORY: _read_category,
    SUMMARY: _read_summary,
    CONTENT: _read_content,
    SOURCE: _read_source,
    CONTRIBUTOR: _read_contributor,
    AUTHOR_PART: _read_harmless,
}
