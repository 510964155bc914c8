"""Decide what a source holds by its content, and parse it with the right parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tuinews.importer.encoding import decode as decode  # re-exported
from tuinews.importer.encoding import feed_bytes
from tuinews.importer.errors import ImportFailure
from tuinews.models import ArticleDraft, FeedSubscription

# A root may carry a prefix (<r:rss xmlns:r="...">, <rdf:RDF>).
_FEED_ROOT = re.compile(r"<(?:[A-Za-z][\w.-]*:)?(rss|feed|RDF|channel)\b", re.I)
_OPML_ROOT = re.compile(r"<(?:[A-Za-z][\w.-]*:)?opml\b", re.I)
# What comes before the root: declarations, comments, processing instructions.
_PROLOG = re.compile(r"\A(?:\s*(?:<\?.*?\?>|<!--.*?-->|<![A-Za-z][^>]*>))*", re.S)
_ROOT = re.compile(r"\A\s*<([A-Za-z][\w.:-]*)")
_HTML_ROOTS = frozenset({"html", "head", "body", "article", "div", "section", "p", "main"})
_HTML_ROOT = re.compile(r"<(!doctype\s+html|html|head|body|article)\b", re.I)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a source held: its format, its own name (a feed's title) and its articles."""

    kind: str
    title: str | None
    drafts: list[ArticleDraft]
    subscriptions: list[FeedSubscription] = field(default_factory=list)
    found_at: str | None = None  # a URL source: where it was found, after redirects


def sniff(text: str) -> str:
    """The format of a text: feed, opml, html, json, jsonl, text, or xml (another XML)."""
    head = text.lstrip()[:4096]
    if head.startswith("<"):
        root = _ROOT.search(_PROLOG.sub("", head))
        if root:
            # An XML document says what it is by its root element ("<feed" further in
            # does not make a feed of <subscriptions>).
            name = root.group(1).rsplit(":", 1)[-1].lower()
            if name in ("rss", "feed", "rdf", "channel"):
                return "feed"
            if name == "opml":
                return "opml"
            declared = head.startswith("<?xml")
            misleading = _FEED_ROOT.search(head) or _OPML_ROOT.search(head)
            if name not in _HTML_ROOTS and (declared or misleading):
                return "xml"
        if _OPML_ROOT.search(head):
            return "opml"
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_ROOT.search(head):
            return "html"
        return "feed" if head.startswith("<?xml") else "html"
    if head.startswith(("{", "[")):
        first_line = head.split("\n", 1)[0].strip()
        rest = text.lstrip()[len(first_line) :].lstrip()
        if first_line.startswith("{") and first_line.endswith("}") and rest.startswith("{"):
            return "jsonl"
        return "json"
    return "text"


def parse_bytes(data: bytes, url: str | None = None) -> Parsed:
    """Sniff and parse one source's bytes. Raises ImportFailure with a plain reason."""
    if not data.strip():
        raise ImportFailure("the source is empty")
    text = decode(data)
    kind = sniff(text)
    if kind == "xml":
        raise ImportFailure("not news: an XML document that is no feed, list or page")
    if kind == "feed":
        from tuinews.importer.formats.feed import parse_feed

        # The feed readers (lxml's streaming one, else feedparser) read BOMs and
        # encoding declarations themselves: give them the bytes.
        title, drafts = parse_feed(feed_bytes(data), url)
        return Parsed(kind, title, drafts)
    if kind == "json":
        from tuinews.importer.formats.json import parse_json

        title, drafts = parse_json(text)
        return Parsed(kind, title, drafts)
    if kind == "jsonl":
        from tuinews.importer.formats.json import parse_json_lines

        return Parsed(kind, None, parse_json_lines(text))
    if kind == "opml":
        from tuinews.importer.formats.opml import parse_opml

        title, subscriptions = parse_opml(data)
        return Parsed(kind, title, [], subscriptions)
    if kind == "html":
        from tuinews.importer.formats.page import parse_html_page

        title, drafts = parse_html_page(text, url)
        return Parsed(kind, title, drafts)
    from tuinews.importer.formats.textdump.parse import parse_text_dump

    drafts = parse_text_dump(text)
    site = None
    if url is not None and not any(draft.source_name for draft in drafts):
        from tuinews.importer.page_names import site_named_by_host

        # The page's address confirms a masthead the text alone does not make certain.
        site = site_named_by_host(text, url)
    return Parsed(kind, site, drafts)
