"""Plain data shared by every layer: frozen dataclasses, no sqlite, no textual."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from tuinews.untrusted import shown
from tuinews.view_models import FeedEntry as FeedEntry
from tuinews.view_models import ListOrder as ListOrder
from tuinews.view_models import Sort as Sort
from tuinews.view_models import View as View
from tuinews.view_models import ViewKind as ViewKind
from tuinews.wording import counted


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
            f"{self.failed} failed from {counted(self.sources, 'source')}"
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
            f"refreshed {counted(len(self.results), 'feed')}: "
            f"{self.new} new, {self.updated} updated, "
            f"{self.not_modified} not modified, {self.failed} failed"
        )
