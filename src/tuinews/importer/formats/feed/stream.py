"""Feeds read as a stream with lxml: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0.

The document is never built whole: lxml reports each entry when its end tag arrives, the
entry is read and dropped with everything before it, so memory stays flat however long
the feed. The values are the ones feedparser reports (see stream_entry), so
`entry.draft_from_entry` gives the same drafts on both paths.

Whatever this reader does not handle raises `Unsupported`, possibly mid-way, and the
caller falls back to feedparser: another encoding than UTF-8, a DOCTYPE, xml:base, Atom
0.3, XHTML or base64 content, elements where feedparser's special cases would apply (two
descriptions, a title inside a media group, an image inside an item ...), and any
document that is not well-formed (feedparser has a forgiving parser for those).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped]

from tuinews.importer import limits
from tuinews.importer.formats.feed.entities import check_no_entities
from tuinews.importer.formats.feed.entry import RawEntry, draft_from_entry, text_only
from tuinews.importer.formats.feed.stream_entry import (
    XML_NS,
    EntryReader,
    NotWellFormed,
    Unsupported,
    check_base,
    fp_text,
    leaf_text,
    title_type,
)
from tuinews.importer.formats.feed.stream_names import (
    CHANNEL,
    HARMLESS,
    IMAGE,
    ITEM,
    KNOWN_NAMESPACES,
    MEDIA_TITLE,
    SOURCE,
    TEXTINPUT,
    TITLE,
    classify,
    feedparser_key,
)
from tuinews.models import ArticleDraft

__all__ = ["NotWellFormed", "Unsupported", "read_entries", "read_feed"]

# lxml reports only entries (in any namespace: feedparser ignores namespaces for them,
# and lower-cases names); the elements around them are checked when the entries are.
_ENTRY_TAGS = [f"{{*}}{name}" for name in ("item", "Item", "ITEM", "entry", "Entry", "ENTRY")]
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"
_VERSION_MARKERS = ("http://purl.org/rss/1.0/", "http://www.w3.org/2005/atom")
_NETSCAPE = "http://my.netscape.com/rdf/simple/0.9/"
_DECLARATION = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_BY_PREFIX = -2  # an unknown namespace: the kind depends on the prefix the element uses


def read_feed(
    source: str | IO[bytes], base: str | None = None
) -> tuple[str | None, Iterator[ArticleDraft]]:
    """The feed's title and its drafts, read lazily from a file name or a binary stream.

    Relative links are resolved against `base`, the feed's URL, when given. Raises
    Unsupported before or while the drafts are read, ImportFailure for entities.
    """
    title, entries = read_entries(source)
    return title, (draft for entry in entries if (draft := draft_from_entry(entry, base)))


def read_entries(source: str | IO[bytes]) -> tuple[str | None, Iterator[RawEntry]]:
    """The feed's title and its raw entries (see read_feed)."""
    head = _head(source)
    check_no_entities(head)
    _check_prolog(head)
    scan = _Scan()
    entries = scan.entries(source)
    first = next(entries, None)  # the title is settled once the first entry is out
    return text_only(scan.title, scan.title_kind), _chain(first, entries)


def _chain(first: RawEntry | None, rest: Iterator[RawEntry]) -> Iterator[RawEntry]:
    if first is not None:
        yield first
        yield from rest


def _head(source: str | IO[bytes]) -> bytes:
    if isinstance(source, str):
        with open(source, "rb") as handle:
            return handle.read(limits.HEAD_BYTES)
    position = source.tell()
    head = source.read(limits.HEAD_BYTES)
    source.seek(position)
    return head


def _check_prolog(head: bytes) -> None:
    """UTF-8 only, no DOCTYPE: documents that feedparser decodes as libxml2 does."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4]:
        raise Unsupported("UTF-16 or UTF-32")
    declared = _DECLARATION.match(head)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise Unsupported("not UTF-8")
    root = re.search(rb"<(?![?!])", head)
    if root is None or _DOCTYPE.search(head[: root.start()]):
        raise Unsupported("a DOCTYPE or a very long prolog")


class _Scan:
    """One pass over a feed document; `title` is known once the first entry is out."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.title_kind: str | None = None
        self.titles = 0
        self.title_given = False
        self.version_marked = False
        self.prefixes: dict[str, str] = {}  # the document's prefix -> feedparser's
        self.kinds: dict[tuple[str, str | None], int] = {}
        self.tag_kinds: dict[str, int] = {}
        self.root: Any = None
        self.containers: list[Any] = []  # RSS's channel or Atom's feed: the feed's fields
        self.parents: list[Any] = []  # elements that hold entries, checked up to the root
        self.done: set[Any] = set()  # entries read but still in the tree

    def entries(self, source: str | IO[bytes]) -> Iterator[RawEntry]:
        events = etree.iterparse(
            source,
            events=("end", "start-ns"),
            tag=_ENTRY_TAGS,
            resolve_entities=False,
            no_network=True,
            # Text nodes over 10 MB (one huge item; it is cut to MAX_BODY_CHARS later) and
            # deep trees. Entities stay safe: _check_prolog refused any DOCTYPE, so none
            # can be declared, and none is resolved.
            huge_tree=True,
            remove_comments=True,
            remove_pis=True,
            load_dtd=False,
        )
        try:
            for event, element in events:
                if event == "start-ns":
                    self._namespace(*element)
                elif self._kind(element) == ITEM:
                    yield self._entry(element)
            if self.root is None:
                raise Unsupported("no entries")  # the root is unknown without one
        except etree.LxmlError as exc:
            raise NotWellFormed(str(exc).splitlines()[0][:120]) from None
        self._absorb(self.root)
        self.title_given = True

    def _namespace(self, prefix: str | None, uri: str) -> None:
        lower = uri.lower()
        if lower in _VERSION_MARKERS or (lower == _NETSCAPE and not prefix):
            self.version_marked = True
        if "backend.userland.com/rss" in lower:
            lower = "http://backend.userland.com/rss"
        known = KNOWN_NAMESPACES.get(lower)
        if prefix and known is not None:
            if self.prefixes.get(prefix, known) != known or (
                prefix.lower() != known.lower()
                and prefix.lower() in (p.lower() for p in KNOWN_NAMESPACES.values())
            ):
                raise Unsupported("a prefix that feedparser would map to another namespace")
            self.prefixes[prefix] = known
            self.kinds.clear()
            self.tag_kinds.clear()

    def _kind(self, element: Any) -> int:
        tag = element.tag
        kind = self.tag_kinds.get(tag)
        if kind is not None and kind != _BY_PREFIX:
            return kind
        if not isinstance(tag, str):
            return HARMLESS
        key = (tag, element.prefix)
        kind = self.kinds.get(key)
        if kind is None:
            kind = classify(tag, element.prefix, self.prefixes)
            if kind < 0:
                raise Unsupported(f"the element {tag!r}")
            self.kinds[key] = kind
            known = tag[0] != "{" or tag[1:].split("}", 1)[0].lower() in KNOWN_NAMESPACES
            self.tag_kinds[tag] = kind if known else _BY_PREFIX
        return kind

    def _entry(self, item: Any) -> RawEntry:
        parent = item.getparent()
        if parent is None or parent not in self.parents:
            self._open(parent)
        # Everything before this entry is complete: check it (the feed's title is there
        # before the first entry), then drop it.
        for sibling in list(item.itersiblings(preceding=True)):
            if sibling in self.done:
                self.done.discard(sibling)
            else:
                self._absorb(sibling)
            parent.remove(sibling)
        self.title_given = True
        for key in item.attrib:
            if key not in (_RDF_ABOUT, XML_NS + "lang"):
                raise Unsupported(f"the entry attribute {key!r}")
        reader = EntryReader(self._kind)
        about = item.get(_RDF_ABOUT)
        if about:
            reader.raw.guid = about
        raw = reader.read(item)
        item.clear(keep_tail=False)
        self.done.add(item)
        return raw

    def _open(self, parent: Any) -> None:
        """A new element that holds entries: check it and what comes before it."""
        if self.root is None:
            self._start(parent.getroottree().getroot())
        if parent is not self.root and not self._container(parent):
            raise Unsupported("an entry out of place")
        self.parents.append(parent)
        node = parent
        while node is not None:
            check_base(node)
            for sibling in list(node.itersiblings(preceding=True)):
                self._absorb(sibling)
                node.getparent().remove(sibling)
            node = node.getparent()

    def _start(self, root: Any) -> None:
        """Check the root: RSS, RDF with an RSS 1.0 or 0.9 namespace, or Atom 1.0."""
        self.root = root
        key = feedparser_key(root.tag, root.prefix, self.prefixes)
        if key == "rdf_rdf":
            if not self.version_marked:
                raise Unsupported("RDF without the RSS 1.0 namespace")
        elif key == "feed" and root.tag == _ATOM_FEED:
            self.containers.append(root)
        elif key != "rss":
            raise Unsupported(f"the root element {root.tag!r}")
        check_base(root)

    def _container(self, element: Any) -> bool:
        """Whether an element holds the feed's own fields: RSS's channel, Atom's feed."""
        if element in self.containers:
            return True
        if element is None or self._kind(element) != CHANNEL:
            return False
        if self.containers or element.getparent() is not self.root:
            raise Unsupported("a second or misplaced channel")
        self.containers.append(element)
        return True

    def _absorb(self, element: Any) -> None:
        """Check an element outside the entries, and all inside it, before it is dropped."""
        for node in element.iter():
            if node in self.done or not isinstance(node.tag, str):
                continue
            if node.keys():
                check_base(node)
            kind = self._kind(node)
            if kind == ITEM:
                raise Unsupported("an entry this reader did not see")
            if kind in (TITLE, MEDIA_TITLE):
                self._feed_title(node)
            elif kind == CHANNEL:
                self._container(node)
            elif node is not self.root and feedparser_key(node.tag, node.prefix, {}) in (
                "rss",
                "feed",
                "rdf_rdf",
            ):
                raise Unsupported("a feed inside a feed")

    def _feed_title(self, element: Any) -> None:
        parent = element.getparent()
        if parent is not None and self._kind(parent) in (IMAGE, TEXTINPUT, SOURCE):
            return
        if not self._container(parent) or self.title_given:
            raise Unsupported("a feed title out of place")
        self.titles += 1
        if self.titles > 1:
            raise Unsupported("two feed titles")
        self.title_kind = title_type(element)
        self.title = fp_text(leaf_text(element))
