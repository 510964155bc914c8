"""Any feed feedparser reads: the fallback for what the streaming reader does not handle."""

from __future__ import annotations

import io
import re

from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.feed.entities import check_no_entities
from tuinews.importer.formats.feed.entry import draft_from_entry, raw_entry, text_only
from tuinews.models import ArticleDraft

_TRUNCATED = ("no element found", "unclosed token")
_XML_BASE = re.compile(rb"xml:base\s*=")
# The root's end tag is there (its ">" may be missing): the document was not cut off.
_ENDED = re.compile(rb"</(?:[\w.-]+:)?(?:rss|feed|RDF)\s*>?\s*(?:<!--.*?-->\s*)*\Z", re.S)


def parse_feed_slow(data: bytes, base: str | None = None) -> tuple[str | None, list[ArticleDraft]]:
    """The feed's title and its entries as drafts, through feedparser (any feed it reads)."""
    check_no_entities(data)
    import feedparser

    # The Markdown converter keeps only text and links, so feedparser's sanitizer has
    # nothing to add; its URI resolver rewrites the HTML on the way, which would make
    # the Markdown differ from the fast path's, and only matters with an xml:base (which
    # is resolved against the feed's own URL). Other links are resolved as the fast
    # path resolves them, in draft_from_entry.
    resolve = _XML_BASE.search(data) is not None
    # (With any header, feedparser takes the bytes for an HTTP response and wants its
    # type; the bytes' own declaration says the encoding.)
    headers = {"content-location": base, "content-type": "application/xml"} if base else None
    try:
        # A stream, so that feedparser never takes the bytes for a file name or a URL.
        parsed = feedparser.parse(
            io.BytesIO(data),
            sanitize_html=False,
            resolve_relative_uris=resolve,
            response_headers=headers,
        )
    except (UnicodeError, LookupError):  # feedparser trips over some encoding declarations
        raise ImportFailure("malformed feed (its encoding cannot be read)") from None
    entries = parsed.get("entries") or []
    drafts = [draft for entry in entries if (draft := draft_from_entry(raw_entry(entry), base))]
    feed = parsed.get("feed", {})
    title = text_only(feed.get("title"), (feed.get("title_detail") or {}).get("type"))
    if parsed.get("bozo"):
        # Small faults (an undefined &nbsp;) are common and feedparser recovers them;
        # a cut-off document, or one that yields neither a title nor an entry, is
        # reported instead.
        problem = _describe(parsed.get("bozo_exception"))
        cut_off = any(sign in problem for sign in _TRUNCATED) and not _ENDED.search(data[-4096:])
        if (not drafts and not title) or cut_off:
            raise ImportFailure(f"malformed feed ({problem})")
    if not parsed.get("version") and not drafts:
        raise ImportFailure("not a feed")
    return title, drafts


def _describe(problem: object) -> str:
    text = str(problem).strip() or type(problem).__name__
    return text.splitlines()[0][:120]
