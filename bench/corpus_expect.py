"""feedparser's `Expect:` lines evaluated on what tuinews stored, as a reader shows it.

An expectation such as `not bozo and entries[0]['description'] == '<b>safe</b> text'` is
evaluated with `entries` and `feed` standing for the stored articles and source: each
value compares by the text a reader sees (HTML on feedparser's side, Markdown on ours,
both reduced to their words and link targets), dates by their UTC instant. Whatever the
store does not keep (generator, language, enclosures, ids, parser internals) raises
NotObservable, and the expectation is left out of the count.
"""

from __future__ import annotations

import re
import time
import unicodedata
from datetime import UTC, datetime
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]
from markdown_it import MarkdownIt

from tuinews.models import Article

_EXPECT = re.compile(r"Expect:\s*(.*?)\s*-->", re.S)
_BOZO = re.compile(r"^\s*(not\s+)?bozo\s+and\s+")
_SPACE = re.compile(r"\s+")
_EMAIL = re.compile(r"\s*\(?<?[\w.+-]+@[\w.-]+>?\)?\s*")
# Link texts tuinews writes for media, which feedparser's HTML keeps as tags.
_MEDIA_LABEL = re.compile(r"^(image|video|audio|embedded [a-z]+)\b")
_markdown = MarkdownIt("commonmark", {"html": False})


_NOTHING = Article(0, "", None, None, "", "", None, None, "", 0, False, False, datetime.now(UTC))


class NotObservable(Exception):
    """The expectation is about something the store does not keep or show."""


def expectation(text: str) -> str | None:
    """The `Expect:` expression of a feedparser test file, without its bozo clause."""
    found = _EXPECT.search(text[:4000])
    if found is None:
        return None
    expression = _BOZO.sub("", " ".join(found.group(1).split()))
    if re.search(r"\b(bozo|encoding|version|headers|status|href|namespaces)\b", expression):
        return None if "entries" not in expression and "feed[" not in expression else expression
    return expression


def words(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def shown_html(value: str) -> tuple[str, frozenset[str]]:
    """The words and link targets a browser shows for an HTML fragment (or plain text)."""
    if "<" not in value and "&" not in value:
        return words(value), frozenset()
    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
    except Exception:
        return words(value), frozenset()
    for hidden in root.xpath("//script|//style|//noscript|//template"):
        hidden.drop_tree()
    for br in root.iter("br"):
        br.tail = " " + (br.tail or "")
    links = frozenset(_href(a.get("href")) for a in root.iter("a") if a.get("href"))
    return words(root.text_content()), links


def _href(url: str) -> str:
    """A link target as a browser compares it (Markdown renderers percent-encode)."""
    from urllib.parse import unquote

    return unquote(url.strip())


def shown_markdown(value: str) -> tuple[str, frozenset[str]]:
    """The words and link targets the reader shows for stored Markdown (media labels out)."""
    rendered = _markdown.render(value)
    root = lxml_html.fragment_fromstring(rendered or "<p></p>", create_parent="div")
    for br in root.iter("br"):
        br.tail = " " + (br.tail or "")
    links = set()
    for link in root.iter("a"):
        if _MEDIA_LABEL.match(link.text_content()):
            link.drop_tree()
        elif link.get("href"):
            links.add(_href(link.get("href")))
    return words(root.text_content()), frozenset(links)


def raw_markup(value: str) -> list[str]:
    """HTML that stored Markdown still holds (the reader would drop or show it as markup)."""
    found = []
    for token in MarkdownIt("commonmark").parse(value):
        pieces = [token, *(token.children or [])]
        found += [p.content.strip()[:60] for p in pieces if p.type in ("html_inline", "html_block")]
    return found


class Shown:
    """A stored text that compares with feedparser's value by what a reader sees."""

    def __init__(self, markdown: str | None, plain: bool = False) -> None:
        self.markdown = markdown or ""
        self.plain = plain

    def _mine(self) -> tuple[str, frozenset[str]]:
        if self.plain:
            return words(self.markdown), frozenset()
        return shown_markdown(self.markdown)

    def __eq__(self, other: object) -> bool:
        if other is None:
            return not self.markdown
        if not isinstance(other, str):
            return NotImplemented
        text, links = self._mine()
        if self.plain and text == words(other):
            return True  # a title in plain text that holds "<" as a character
        expected_text, expected_links = shown_html(other)
        # A title or a name is shown as plain text: its words count, links cannot show.
        return text == expected_text and (self.plain or expected_links <= links)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __contains__(self, other: str) -> bool:
        return words(other) in self._mine()[0]

    def __hash__(self) -> int:
        return hash(self.markdown)


class Author(Shown):
    """An author compares by name: feedparser's "Name (email)" is shown as the name."""

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str) and _EMAIL.search(other):
            name = _EMAIL.sub(" ", other).strip()
            return words(self.markdown) in (words(other), words(name))
        return super().__eq__(other)


class When:
    """A stored date that compares with feedparser's struct_time or date string."""

    def __init__(self, moment: datetime | None) -> None:
        self.moment = moment

    def __eq__(self, other: object) -> bool:
        if other is None:
            return self.moment is None
        if isinstance(other, str):
            from feedparser.datetimes import _parse_date

            other = _parse_date(other)
            if other is None:
                return self.moment is None
        if isinstance(other, (tuple, time.struct_time)):
            if self.moment is None:
                return False
            return tuple(self.moment.astimezone(UTC).timetuple())[:6] == tuple(other)[:6]
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.moment)


class Detail(dict[str, Any]):
    """feedparser's *_detail dicts: only the value is shown."""

    def __init__(self, value: Any) -> None:
        super().__init__(value=value)

    def __missing__(self, key: str) -> Any:
        raise NotObservable(key)


class Entry:
    """One stored article in feedparser's entry vocabulary (None: the entry was not stored)."""

    def __init__(self, article: Article | None) -> None:
        self.article = article
        self.touched = False  # an expectation looked at an entry that was not stored

    def fields(self) -> dict[str, Any]:
        a = self.article
        if a is None:
            self.touched = True
            a = _NOTHING
        summary = Shown(a.summary or a.body)
        fields: dict[str, Any] = {
            "title": Shown(a.title, plain=True),
            "link": a.url,
            "author": Author(a.author, plain=True),
            "description": summary,
            "summary": summary,
            "content": [Detail(Shown(a.body))],
            "published_parsed": When(a.published),
            "updated_parsed": When(a.published),
            "published": When(a.published),
            "updated": When(a.published),
            "category": Shown(a.category, plain=True),
        }
        fields["title_detail"] = Detail(fields["title"])
        fields["summary_detail"] = Detail(summary)
        fields["author_detail"] = {"name": fields["author"]}
        return fields

    def __getitem__(self, key: str) -> Any:
        fields = self.fields()
        if key not in fields:
            raise NotObservable(key)
        return fields[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key]

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_") or key == "article":
            raise AttributeError(key)
        return self[key]

    def __contains__(self, key: str) -> bool:
        return key in self.fields()


class Feed(Entry):
    """The source: only its name (the feed's title) is shown."""

    def __init__(self, name: str | None) -> None:
        super().__init__(None)
        self.name = name  # None: the feed gave no title (the source has a made-up name)

    def fields(self) -> dict[str, Any]:
        self.touched = self.name is None
        title = Shown(self.name, plain=True)
        return {"title": title, "title_detail": Detail(title)}


class Entries(list[Entry]):
    """The stored entries; past the end, entries that were not stored (see Entry)."""

    def __init__(self, stored: list[Entry]) -> None:
        super().__init__(stored)
        self.missing: list[Entry] = []

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and index >= len(self):
            while len(self.missing) <= index - len(self):
                self.missing.append(Entry(None))
            return self.missing[index - len(self)]
        return super().__getitem__(index)

    def touched(self) -> bool:
        return any(entry.touched for entry in self.missing)


def evaluate(expression: str, entries: Entries, feed: Feed) -> bool:
    """Whether the expectation holds for what was stored. Raises NotObservable."""
    import datetime as datetime_module

    env = {"entries": entries, "feed": feed, "datetime": datetime_module}
    try:
        return bool(eval(expression, {"__builtins__": __builtins__}, env))
    except NotObservable:
        raise
    except IndexError:
        return False
    except (KeyError, AttributeError, TypeError, NameError, ValueError) as exc:
        raise NotObservable(str(exc)) from None
