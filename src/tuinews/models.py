"""Plain data shared by every layer: frozen dataclasses, no sqlite, no textual."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from tuinews.untrusted import shown


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file attached to an article (a podcast's audio, a video): its URL, MIME type and
    size in bytes as the feed states them (either may be unknown)."""

    url: str
    type: str | None = None
    length: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as the importer produces it, before the store gives it an id.

    `published` is timezone-aware (UTC) or None. `key_hint` is the feed's guid or
    another stable id from the source; the store derives the dedupe key from it,
    the canonical URL, or the title and source. `source_name` is the publication
    (a feed's title, a JSON article's "source"); without it the source file or URL names it.
    """

    title: str
    body: str = ""
    author: str | None = None
    published: datetime | None = None
    category: str | None = None
    url: str | None = None
    summary: str | None = None
    key_hint: str | None = None
    source_name: str | None = None
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """An article as stored, with its reading state."""

    id: int
    title: str
    author: str | None
    published: datetime | None
    category: str
    source: str
    url: str | None
    summary: str | None
    body: str
    word_count: int
    read: bool
    starred: bool
    imported_at: datetime
    enclosures: tuple[Enclosure, ...] = ()

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at 230 words a minute, at least one."""
        return max(1, round(self.word_count / 230))


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """The few columns the article list shows: cheap to page through."""

    id: int
    title: str
    source: str
    category: str
    published: datetime | None
    imported_at: datetime
    read: bool
    starred: bool

    @property
    def date(self) -> datetime:
        """The date the list sorts and shows by: published, else imported."""
        return self.published or self.imported_at


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
            return f"feed:{self.category}\x1f{self.feed}"
        return str(self.kind.value) if self.kind is not ViewKind.SEARCH else "all"

    @classmethod
    def from_setting(cls, text: str | None) -> View:
        if text and text.startswith("category:"):
            return cls(ViewKind.CATEGORY, text.removeprefix("category:"))
        if text and text.startswith("saved:"):
            return cls(ViewKind.SAVED, name=text.removeprefix("saved:"))
        if text and text.startswith("feed:") and "\x1f" in text:
            category, url = text.removeprefix("feed:").split("\x1f", 1)
            return cls(ViewKind.FEED, category, feed=url)
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
class Count:
    """How many articles a view or category holds, and how many are unread."""

    total: int
    unread: int


@dataclass(frozen=True, slots=True)
class SavedView:
    """A search saved as a view: its name, its query, and its counts."""

    name: str
    query: str
    total: int
    unread: int


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


@dataclass(frozen=True, slots=True)
class SidebarCounts:
    """Counts for every smart view and every category (sorted by name)."""

    views: dict[ViewKind, Count]
    categories: dict[str, Count]


class Outcome(Enum):
    """What storing one draft did."""

    NEW = "new"
    UPDATED = "updated"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """A source that could not be imported, and why, in plain words (both made safe
    to print: a file name or a reason may come from a stranger)."""

    source: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", shown(self.source))
        object.__setattr__(self, "reason", shown(self.reason))


@dataclass(slots=True)
class ImportReport:
    """Totals of one import run over several sources."""

    new: int = 0
    updated: int = 0
    duplicate: int = 0
    sources: int = 0
    subscriptions_added: int = 0
    failures: list[SourceFailure] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    filtered: int = 0  # new articles the filters hid or marked read

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, outcome: Outcome) -> None:
        if outcome is Outcome.NEW:
            self.new += 1
        elif outcome is Outcome.UPDATED:
            self.updated += 1
        else:
            self.duplicate += 1

    def summary(self) -> str:
        """The summary line of DESIGN.md, shared by the CLI and the app."""
        return (
            f"imported {self.new} new, {self.updated} updated, {self.duplicate} duplicate, "
            f"{self.failed} failed from {self.sources} source{'' if self.sources == 1 else 's'}"
        )


@dataclass(frozen=True, slots=True)
class FeedSubscription:
    """A feed to follow, as an OPML list or the user names it."""

    url: str
    title: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """A config filter (killfile rule): articles its query matches are hidden or marked read."""

    name: str
    query: str
    action: str = "hide"  # "hide" or "read"


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """A config rule: articles whose words or source match go to `category`."""

    category: str
    keywords: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Subscription:
    """A subscribed feed as stored: what the last fetch left, and its article counts.

    `permanent_url` is where a permanent redirect (301/308) led; refreshes go there.
    `etag` and `last_modified` are the validators of the last full answer, sent back
    as If-None-Match / If-Modified-Since.
    """

    url: str
    title: str | None
    category: str | None
    etag: str | None
    last_modified: str | None
    last_fetched: datetime | None
    last_error: str | None
    last_status: int | None
    permanent_url: str | None
    added_at: datetime
    articles: int = 0
    unread: int = 0

    @property
    def fetch_url(self) -> str:
        """Where the next refresh asks: the remembered redirect target, else the URL."""
        return self.permanent_url or self.url

    @property
    def label(self) -> str:
        return self.title or self.url


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """What refreshing one feed did: article counts, a 304, or the reason it failed."""

    url: str
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    not_modified: bool = False
    error: str | None = None

    def __post_init__(self) -> None:
        # The URL and the reason may carry what a server or a subscription list sent.
        object.__setattr__(self, "url", shown(self.url))
        if self.error is not None:
            object.__setattr__(self, "error", shown(self.error))

    def line(self) -> str:
        """The command line's line for this feed: 'URL: 3 new, 1 updated' and the like."""
        if self.error is not None:
            return f"error: {self.url}: {self.error}"
        if self.not_modified:
            return f"{self.url}: not modified"
        return f"{self.url}: {self.new} new, {self.updated} updated"


@dataclass(frozen=True, slots=True)
class FeedProgress:
    """Reported after each feed lands: how many of how many are done, and its result."""

    done: int
    total: int
    result: RefreshResult


@dataclass(frozen=True, slots=True)
class FullTextResult:
    """One article's page: fetched and stored, or the reason it could not be read."""

    article_id: int
    url: str
    error: str | None = None

    def line(self) -> str:
        """'full text: URL' or 'error: full text: URL: reason'."""
        if self.error is None:
            return f"full text: {self.url}"
        return f"error: full text: {self.url}: {self.error}"


@dataclass(slots=True)
class RefreshReport:
    """Totals of one refresh over every subscription; `removed` counts retention's deletions."""

    results: list[RefreshResult] = field(default_factory=list)
    removed: int = 0
    stopped: bool = False
    full_texts: list[FullTextResult] = field(default_factory=list)  # [feeds] full_text pages

    @property
    def new(self) -> int:
        return sum(result.new for result in self.results)

    @property
    def updated(self) -> int:
        return sum(result.updated for result in self.results)

    @property
    def not_modified(self) -> int:
        return sum(result.not_modified for result in self.results)

    @property
    def failures(self) -> list[RefreshResult]:
        return [result for result in self.results if result.error is not None]

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        """'refreshed S feeds: N new, U updated, M not modified, F failed'."""
        return (
            f"refreshed {len(self.results)} feed{'' if len(self.results) == 1 else 's'}: "
            f"{self.new} new, {self.updated} updated, "
            f"{self.not_modified} not modified, {self.failed} failed"
        )
