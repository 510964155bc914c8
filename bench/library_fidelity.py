"""Fidelity on real feeds for bench/libraries.py: what each converter and reader gets right.

Markdown: the HTML bodies of every corpus feed (as feedparser finds them, unsanitized),
converted by each converter. Counted: failures; outputs with a raw tag, an entity or
script text left that the reader would see; the share of the visible words kept (and
words added that the page does not show); the share of links kept.

Feeds: each reader's entries against feedparser's (the corpus expectations are
feedparser's reading): files read, the same number of entries, and per entry the same
title, link, id and date (in UTC).
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import Any

_TAG = re.compile(
    r"</?(?:p|div|span|a|img|br|b|i|em|strong|script|style|table|tr|td|th|ul|ol|li|"
    r"h[1-6]|font|iframe|object|embed|blockquote|pre|code)\b[^>]*>",
    re.I,
)
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);", re.I)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>")
_WORD = re.compile(r"\w+")
# Elements a browser shows on lines of their own.
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table"}
_BLOCKS |= {"pre", "blockquote", "hr", "section", "article", *(f"h{n}" for n in range(1, 7))}
_SPACE = re.compile(r"\s+")


def _reference(data: bytes) -> Any:
    import feedparser

    return feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)


def html_bodies(files: Iterable[Path]) -> list[str]:
    """Every distinct HTML content and summary of the feeds' entries."""
    found: dict[str, None] = {}
    for path in files:
        try:
            parsed = _reference(path.read_bytes())
        except Exception:
            continue
        for entry in parsed.get("entries", []):
            details = [*entry.get("content", []), entry.get("summary_detail") or {}]
            for detail in details:
                value = detail.get("value") or ""
                if "html" in (detail.get("type") or "") and re.search(r"<[a-zA-Z]", value):
                    found[value] = None
    return list(found)


def _visible(html: str) -> tuple[str, list[str], list[str]] | None:
    """The text a browser shows, the script text it hides, and the http(s) links."""
    import lxml.html

    try:
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return None
    hidden = [el.text_content() for el in tree.xpath("//script|//style")]
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    # A browser breaks the line around blocks and cells: their words do not run together.
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    links = [h for h in tree.xpath("//a/@href") if str(h).startswith(("http://", "https://"))]
    return tree.text_content(), [h for h in hidden if len(h.strip()) > 10], links


@dataclass
class _Tally:
    failed: int = 0
    tags: int = 0
    entities: int = 0
    script: int = 0
    words: int = 0
    kept: int = 0
    added: int = 0
    links: int = 0
    links_kept: int = 0
    seconds: float = 0.0


def markdown_fidelity(files: Iterable[Path], converters: dict[str, Callable[[str], str]]) -> None:
    bodies = html_bodies(files)
    tallies = {name: _Tally() for name in converters}
    compared = 0
    for html in bodies:
        seen = _visible(html)
        if seen is None:
            continue
        compared += 1
        text, hidden, links = seen
        words = Counter(_WORD.findall(text))
        for name, convert in converters.items():
            tally = tallies[name]
            start = time.perf_counter()
            try:
                out = convert(html)
            except Exception:
                tally.failed += 1
                continue
            finally:
                tally.seconds += time.perf_counter() - start
            tally.tags += any(m.group() not in text for m in _TAG.finditer(out))
            tally.entities += any(m.group() not in text for m in _ENTITY.finditer(out))
            tally.script += any(h.strip()[:40] in out for h in hidden)
            got = Counter(_WORD.findall(_LINK_TARGET.sub(" ", out)))
            tally.words += sum(words.values())
            tally.kept += sum(min(n, got[w]) for w, n in words.items())
            tally.added += sum(max(0, n - words[w]) for w, n in got.items())
            tally.links += len(links)
            tally.links_kept += sum(1 for link in links if link in out or unescape(link) in out)
    print(f"  HTML to Markdown: {compared:,} distinct HTML bodies from the corpus feeds")
    print(
        "    converter          failed  raw tag  entity  script  words kept  words added"
        "  links kept   time"
    )
    for name, t in tallies.items():
        print(
            f"    {name:<18} {t.failed:6} {t.tags:8} {t.entities:7} {t.script:7}"
            f"  {_share(t.kept, t.words):>10}  {t.added:11,}  {_share(t.links_kept, t.links):>10}"
            f"  {t.seconds * 1000:5.0f} ms"
        )


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "-"


def _text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return _SPACE.sub(" ", unescape(re.sub(r"<[^>]+>", "", value))).strip()


def _when(value: object) -> datetime | None:
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(microsecond=0)
    return None


@dataclass
class _Agreement:
    read: int = 0
    declined: int = 0
    failed: int = 0
    same_count: int = 0
    checks: Counter[str] = field(default_factory=Counter)
    agree: Counter[str] = field(default_factory=Counter)


def _ours(data: bytes) -> list[dict[str, object]] | None:
    """Our fast path's entries as plain fields; None when it declines (feedparser reads it)."""
    from tuinews.importer.formats.feed.entities import check_no_entities
    from tuinews.importer.formats.feed.entry import entry_date
    from tuinews.importer.formats.feed.stream import Unsupported, read_entries

    check_no_entities(data)
    try:
        _, entries = read_entries(io.BytesIO(data))
        raw = list(entries)
    except Unsupported:
        return None
    return [
        {
            "title": e.title,
            "link": e.link,
            "id": e.guid,
            "date": entry_date(e.published or e.updated),
        }
        for e in raw
    ]


def _fast(data: bytes) -> list[dict[str, object]]:
    import fastfeedparser

    entries = fastfeedparser.parse(data)["entries"]

    def date(entry: Any) -> datetime | None:
        value = entry.get("published") or entry.get("updated")
        try:
            return datetime.fromisoformat(value) if value else None
        except ValueError:
            return None

    return [
        {"title": e.get("title"), "link": e.get("link"), "id": e.get("id"), "date": date(e)}
        for e in entries
    ]


def feed_agreement(files: Iterable[Path]) -> None:
    readers: dict[str, Callable[[bytes], list[dict[str, object]] | None]] = {
        "ours (fast path)": _ours,
        "fastfeedparser": _fast,
    }
    tallies = {name: _Agreement() for name in readers}
    with_entries = 0
    for path in files:
        data = path.read_bytes()
        try:
            reference = _reference(data).get("entries", [])
        except Exception:
            continue
        if not reference:
            continue
        with_entries += 1
        for name, read in readers.items():
            tally = tallies[name]
            try:
                got = read(data)
            except Exception:
                tally.failed += 1
                continue
            if got is None:
                tally.declined += 1
                continue
            tally.read += 1
            tally.same_count += len(got) == len(reference)
            for mine, theirs in zip(got, reference, strict=False):
                _compare(tally, mine, theirs)
    print(f"  Feeds: {with_entries:,} corpus files in which feedparser finds entries")
    print(
        "    reader             read  declined  failed  same count   title    link      id    date"
    )
    for name, t in tallies.items():
        shares = "  ".join(f"{_share(t.agree[k], t.checks[k]):>8}" for k in _FIELDS)
        print(f"    {name:<18} {t.read:5} {t.declined:9} {t.failed:7} {t.same_count:11}  {shares}")


_FIELDS = ("title", "link", "id", "date")


def _compare(tally: _Agreement, mine: dict[str, object], theirs: Any) -> None:
    expected = {
        "title": _text(theirs.get("title")),
        "link": (theirs.get("link") or "").strip(),
        "id": (theirs.get("id") or "").strip(),
        "date": _when(theirs.get("published_parsed") or theirs.get("updated_parsed")),
    }
    got = {
        "title": _text(mine["title"]),
        "link": str(mine["link"] or "").strip(),
        "id": str(mine["id"] or "").strip(),
        "date": _when(mine["date"]),
    }
    for key in _FIELDS:
        if expected[key]:
            tally.checks[key] += 1
            tally.agree[key] += got[key] == expected[key]
