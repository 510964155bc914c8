"""What the article list shows: the views, the list's order, and the sidebar's feeds.

Plain frozen dataclasses, as in models.py (which names them too, for every layer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum


class ViewKind(Enum):
    """The smart views of the sidebar, plus one per category."""

    ALL = "all"
    UNREAD = "unread"
    STARRED = "starred"
    TODAY = "today"
    CATEGORY = "category"
    SEARCH = "search"
    SAVED = "saved"  # a saved search, by its name
    FEED = "feed"  # one subscribed feed's articles within one category


@dataclass(frozen=True, slots=True)
class View:
    """What the article list shows: a smart view, one category, one feed, or a search's
    results. A feed view is the feed at `feed` (its URL) within `category`; its `name` (the
    feed's title) is only for showing and takes no part in comparing views."""

    kind: ViewKind = ViewKind.ALL
    category: str | None = None
    query: str | None = None
    name: str | None = field(default=None, compare=False)
    feed: str | None = None  # a feed view's subscription URL

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, View):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        # A saved view is known by its name; a feed view by its URL and category.
        name = self.name if self.kind is ViewKind.SAVED else None
        return (self.kind, self.category, self.query, name, self.feed)

    @property
    def label(self) -> str:
        if self.kind is ViewKind.CATEGORY:
            return self.category or ""
        if self.kind is ViewKind.FEED:
            return self.name or self.feed or ""
        if self.kind is ViewKind.SAVED:
            return self.name or ""
        if self.kind is ViewKind.SEARCH:
            return f"Search: {self.query}"
        return str(self.kind.value).capitalize()

    def to_setting(self) -> str:
        """The view as text, to restore it at the next start (searches are not kept)."""
        if self.kind is ViewKind.CATEGORY:
            return f"category:{self.category}"
        if self.kind is ViewKind.SAVED:
            return f"saved:{self.name}"
        if self.kind is ViewKind.FEED:
            # As JSON: a setting is one line of text without control characters.
            return "feed:" + json.dumps([self.category, self.feed])
        return str(self.kind.value) if self.kind is not ViewKind.SEARCH else "all"

    @classmethod
    def from_setting(cls, text: str | None) -> View:
        if text and text.startswith("category:"):
            return cls(ViewKind.CATEGORY, text.removeprefix("category:"))
        if text and text.startswith("saved:"):
            return cls(ViewKind.SAVED, name=text.removeprefix("saved:"))
        if text and text.startswith("feed:"):
            try:
                category, url = json.loads(text.removeprefix("feed:"))
            except (ValueError, TypeError):
                return cls()
            if isinstance(category, str) and isinstance(url, str):
                return cls(ViewKind.FEED, category, feed=url)
            return cls()
        try:
            kind = ViewKind(text or "all")
        except ValueError:
            return cls()
        named = (ViewKind.CATEGORY, ViewKind.SEARCH, ViewKind.SAVED, ViewKind.FEED)
        return cls() if kind in named else cls(kind)


class Sort(Enum):
    """The order of the article list. BEST (a search's relevance) only orders a search."""

    NEWEST = "newest"
    OLDEST = "oldest"
    SOURCE = "source"
    TITLE = "title"
    BEST = "best"


@dataclass(frozen=True, slots=True)
class ListOrder:
    """How a view's list is ordered, and whether it shows only the unread articles."""

    sort: Sort = Sort.NEWEST
    unread_only: bool = False

    def to_setting(self) -> str:
        """As text: "title" or "title,unread"."""
        return self.sort.value + (",unread" if self.unread_only else "")

    @classmethod
    def from_setting(cls, text: str | None) -> ListOrder | None:
        """The order a setting holds; None when unset or not understood."""
        if not text:
            return None
        sort, _, rest = text.partition(",")
        try:
            return cls(Sort(sort), unread_only=rest == "unread")
        except ValueError:
            return None

    def describe(self) -> str:
        """For the list's title: "by title, unread only"."""
        words = {Sort.BEST: "best match", Sort.NEWEST: "newest first", Sort.OLDEST: "oldest first"}
        text = words.get(self.sort, f"by {self.sort.value}")
        return text + (", unread only" if self.unread_only else "")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """A subscribed feed as the sidebar lists it under one category: its counts there
    and its last error (None when its last fetch went well)."""

    url: str
    label: str
    category: str
    total: int
    unread: int
    error: str | None = None

    @property
    def view(self) -> View:
        return View(ViewKind.FEED, self.category, name=self.label, feed=self.url)
