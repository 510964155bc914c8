"""RSS 0.9x/1.0/2.0, Atom and RDF feeds: one entry, whichever path read it.

Both paths reduce an entry to the same `RawEntry` (the values feedparser would report,
with sanitizing and URI resolution off: the Markdown converter keeps only text and
links), and `draft_from_entry` turns it into a draft. `stream` reads the feeds it
fully understands; anything else goes to feedparser (`fallback`), with the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any

from tuinews.importer.dates import from_struct
from tuinews.importer.enclosures import RawEnclosure, enclosures_of
from tuinews.importer.links import absolute
from tuinews.importer.markdown import html_to_markdown
from tuinews.models import ArticleDraft
from tuinews.untrusted import strip_controls

# A tag, with quoted attribute values that may hold ">".
_TAG = re.compile(r"""<[/!?]?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_EMAIL = re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
# A comment, or one left unclosed up to the next ">" (as SGML readers end it).
_COMMENT = re.compile(r"<!--.*?-->|<!--[^>]*>", re.S)
UNTITLED = "Untitled"
_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3}, )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d\d):(\d\d)(?::(\d\d))? ([+-]\d{4}|GMT)"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


@dataclass(slots=True)
class RawEntry:
    """One entry as feedparser reports it: raw text and HTML, nothing converted yet.

    `content` is the entry's chosen content (HTML first); `summary` its description
    or summary (which feedparser fills from the content when there is none).
    """

    title: str | None = None
    title_type: str | None = None  # "text/html", "text/plain", None: guess as feedparser
    link: str | None = None
    guid: str | None = None
    author: str | None = None
    published: str | None = None
    updated: str | None = None
    category: str | None = None
    summary: str | None = None
    content: str | None = None
    # (URL, type, length): RSS <enclosure> and Atom rel="enclosure" links, then
    # media:content, as feedparser lists them (enclosures, media_content).
    enclosures: list[RawEnclosure] = field(default_factory=list)
    media: list[RawEnclosure] = field(default_factory=list)


def raw_entry(entry: Any) -> RawEntry:
    """What the shared draft builder needs from one feedparser entry."""
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    html_first = sorted(contents, key=lambda c: "html" not in str(c.get("type", "")))
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    return RawEntry(
        title=entry.get("title"),
        title_type=(entry.get("title_detail") or {}).get("type"),
        link=entry.get("link"),
        guid=entry.get("id"),
        author=entry.get("author"),
        published=entry.get("published"),
        updated=dict.get(entry, "updated"),  # entry.get() would answer with "published"
        category=tags[0] if tags else None,
        summary=entry.get("summary"),
        content=html_first[0]["value"] if html_first else None,
        enclosures=[
            (e.get("href"), e.get("type"), e.get("length")) for e in entry.get("enclosures") or []
        ],
        media=[
            (m.get("url"), m.get("type"), m.get("filesize"))
            for m in entry.get("media_content") or []
        ],
    )


def draft_from_entry(entry: RawEntry, base: str | None = None) -> ArticleDraft | None:
    """The draft for one entry: HTML to Markdown, a title even when the feed gave none.

    `base` is the feed's own URL: relative links (the entry's and those in its HTML)
    are resolved against it.
    """
    summary_html = entry.summary or ""
    body_html = entry.content or summary_html
    body = html_to_markdown(body_html, base) if body_html else ""
    summary = html_to_markdown(summary_html, base) if summary_html and entry.content else None
    if summary and summary.strip() == body.strip():
        summary = None
    link = entry.link or None
    if link and base:
        link = absolute(base, link)
    # An untitled entry is named by its first words, else by its link (as readers do),
    # else "Untitled" if it shows anything at all (an author, a date, a category).
    title = text_only(entry.title, entry.title_type) or _first_words(plain_text(body_html))
    title = title or link
    if not title:
        if not (entry.author or entry.published or entry.updated or entry.category):
            return None
        title = UNTITLED
    return ArticleDraft(
        title=title,
        body=body,
        author=author_name(text_only(entry.author)),
        published=entry_date(entry.published) or entry_date(entry.updated),
        category=entry.category or None,
        url=link,
        summary=summary,
        key_hint=entry.guid or None,
        enclosures=enclosures_of([*entry.enclosures, *entry.media], base),
    )


def author_name(author: str | None) -> str | None:
    """The name a reader shows: "Jo Doe" for "jo@example.com (Jo Doe)" or "Jo Doe (jo@...)".

    An author given only as an e-mail address is shown as that address.
    """
    if not author or "@" not in author:
        return author
    found = _EMAIL.search(author)
    if found is None:
        return author
    rest = author.replace(found.group(0), " ")
    rest = _SPACES.sub(" ", rest.replace("()", " ").replace("<>", " ")).strip(" ()<>,;")
    return rest or found.group(0).removeprefix("mailto:")


def plain_text(html: str) -> str:
    """The words of an HTML fragment (or plain text), without markup or hidden text."""
    if "<" not in html:
        return unescape(html)
    text = unescape(_TAG.sub(" ", _COMMENT.sub(" ", _INVISIBLE.sub(" ", html))))
    return _SPACE_BEFORE_STOP.sub(r"\1", text)


def text_only(value: object, kind: str | None = None) -> str | None:
    """A title or name as text: markup out (feeds put HTML in them), entities decoded.

    `kind` is the title's declared type: HTML loses every tag, text keeps what it says
    ("History of the <blink> tag") unless it plainly is HTML (feedparser's guess).
    """
    if not isinstance(value, str):
        return None
    # Text that is plainly HTML (known tags, closed) is read as HTML whatever the type
    # says: a reader shows words, not markup.
    html = kind in ("text/html", "application/xhtml+xml") or (
        "<" in value and _looks_like_html(value)
    )
    if not html:
        return (value if kind else unescape(value)).strip() or None
    if "<" in value:
        return _html_text(_COMMENT.sub("", value)).strip() or None
    return unescape(value).strip() or None


def _html_text(html: str) -> str:
    """The words of an HTML title as a browser shows them (entities decoded)."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html

    # lxml refuses control characters in text it moves (drop_tree() joins a tail onto its
    # neighbour): they go now, as they would from the title afterwards anyway.
    html = strip_controls(html)
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.LxmlError, ValueError):
        return unescape(_TAG.sub("", _INVISIBLE.sub("", html)))
    for hidden in root.xpath("//script|//style|//noscript|//template"):
        hidden.drop_tree()
    return _SPACES.sub(" ", str(root.text_content()))


def _looks_like_html(value: str) -> bool:
    from feedparser.mixin import _FeedParserMixin

    return bool(_FeedParserMixin.looks_like_html(value))


def entry_date(value: str | None) -> datetime | None:
    """A feed date as aware UTC, to the second, as feedparser reads it; else None.

    feedparser's date handlers (RFC 822 with its zone names, W3C-DTF and ISO 8601 with
    their reduced forms, asctime, and several national formats) decide. A string they
    cannot read is an unknown date: never a guess, never filled in from today.
    """
    if not value:
        return None
    parsed = _rfc822(value)
    if parsed is None:
        from feedparser.datetimes import _parse_date

        try:
            parsed = from_struct(_parse_date(value))
        except (ValueError, OverflowError, IndexError):
            return None
    return parsed.replace(microsecond=0) if parsed else None


def _rfc822(value: str) -> datetime | None:
    """The common RSS date ("Tue, 17 Nov 2026 07:30:00 +0100") without feedparser's cost.

    Gives what feedparser gives, or None to let feedparser decide.
    """
    found = _RFC822.fullmatch(value.strip())
    if found is None:
        return None
    day, month, year, hour, minute, second, zone = found.groups()
    try:
        moment = datetime(
            int(year), _MONTHS[month.lower()], int(day), int(hour), int(minute), int(second or 0)
        )
        offset = 0 if zone == "GMT" else int(zone[1:3]) * 60 + int(zone[3:])
        if offset >= 24 * 60:
            return None
        return (moment - timedelta(minutes=-offset if zone[0] == "-" else offset)).replace(
            tzinfo=UTC
        )
    except (ValueError, KeyError, OverflowError):
        return None


def _first_words(text: str, count: int = 12) -> str | None:
    words = text.split()
    if not words:
        return None
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
