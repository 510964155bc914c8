"""Refresh every subscribed feed: fetch concurrently, land each feed in its own transaction.

Threading: a pool of `concurrency` threads fetches and parses (sharing one httpx
client, which is thread-safe); they never touch the store. The caller's thread is
the one writer: it opens its own Store on the path and saves each feed as it
arrives, so quitting mid-refresh loses nothing that had landed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tuinews.config import Settings
from tuinews.feeds.fulltext import fetch_new_full_texts, last_article_id, wants_full_text
from tuinews.importer.categorize import choose_category
from tuinews.importer.encoding import decode
from tuinews.importer.errors import ImportFailure
from tuinews.importer.fetch import FetchResponse, StatusFailure, fetch, make_client
from tuinews.importer.guids import scope_guids, unscoped
from tuinews.importer.links import document_base
from tuinews.importer.pipeline import after_new_articles, parse_clean
from tuinews.importer.sniff import Parsed, sniff
from tuinews.models import (
    ArticleDraft,
    ArticleFilter,
    CategoryRule,
    FeedProgress,
    Outcome,
    RefreshReport,
    RefreshResult,
    Subscription,
)
from tuinews.store import Store, open_store
from tuinews.store.busy import is_busy, patiently
from tuinews.store.filters import sync_filters
from tuinews.store.guid_scope import recorded_scope, rescoped
from tuinews.store.keys import dedupe_key
from tuinews.store.subscriptions import (
    apply_retention,
    list_subscriptions,
    record_fetch,
    retired_keys,
)

if TYPE_CHECKING:
    import httpx

MAX_FEED_BYTES = 64 * 1024 * 1024
FEED_KINDS = frozenset({"feed", "json", "jsonl"})
_NOT_FEEDS = {"html": "an HTML page", "opml": "an OPML list", "text": "plain text"}
_POLL_SECONDS = 0.1  # how often a wait for the network looks at should_stop
BUSY_TRIES = 6  # a feed waits this many busy timeouts (a minute) for a store held by another
T = TypeVar("T")

ProgressCallback = Callable[[FeedProgress], None]


@dataclass(frozen=True, slots=True)
class _Fetched:
    """What a fetching thread hands the writer: a 304, a parsed feed, or a failure."""

    subscription: Subscription
    response: FetchResponse | None = None
    parsed: Parsed | None = None
    error: str | None = None
    status: int | None = None


def refresh_feeds(
    store_path: Path,
    *,
    concurrency: int = 8,
    timeout: float = 20,
    max_bytes: int = MAX_FEED_BYTES,
    on_progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
    rules: Sequence[CategoryRule] = (),
    keep_days: int | None = None,
    max_per_feed: int | None = None,
    clock: Callable[[], datetime] | None = None,
    connect: Callable[[Path], Store] = open_store,
    full_text: Sequence[str] = (),
    filters: Sequence[ArticleFilter] | None = None,
    only: Sequence[str] = (),
) -> RefreshReport:
    """Fetch every subscription and store what changed; return one result per feed.

    Conditional GET: a feed answering 304 is "not modified" and is not parsed. A feed
    that fails keeps its articles and records the reason. When `keep_days` or
    `max_per_feed` is set, retention runs at the end (never on starred or unread).
    The new articles of the feeds `full_text` names (URL or title) get the article of
    their page fetched and stored (`report.full_texts`). `connect` opens the writer's
    connection (a process that already has the store open passes one that does not
    read the file outside SQLite). `only` (URLs), when given, limits the refresh to those
    feeds. Raises StoreError when the store cannot be opened.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    store = connect(store_path)
    try:
        if filters is not None:
            sync_filters(store.conn, filters)
        return _refresh(
            store,
            concurrency=concurrency,
            timeout=timeout,
            max_bytes=max_bytes,
            on_progress=on_progress,
            should_stop=should_stop or (lambda: False),
            rules=rules,
            keep_days=keep_days,
            max_per_feed=max_per_feed,
            clock=clock or (lambda: datetime.now(UTC)),
            full_text=full_text,
            only=only,
        )
    finally:
        store.close()


def _refresh(
    store: Store,
    *,
    concurrency: int,
    timeout: float,
    max_bytes: int,
    on_progress: ProgressCallback | None,
    should_stop: Callable[[], bool],
    rules: Sequence[CategoryRule],
    keep_days: int | None,
    max_per_feed: int | None,
    clock: Callable[[], datetime],
    full_text: Sequence[str],
    only: Sequence[str] = (),
) -> RefreshReport:
    subscriptions = [s for s in list_subscriptions(store) if not only or s.url in only]
    before = last_article_id(store)
    report = RefreshReport()
    client = make_client(timeout, connections=concurrency)
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="tuinews-refresh")
    waiting: Iterator[Subscription] = iter(subscriptions)
    pending: set[Future[_Fetched]] = set()
    finished = False
    try:
        while True:
            # At most two feeds per thread are in flight: fetched bodies never pile up.
            while len(pending) < 2 * concurrency and not should_stop():
                subscription = next(waiting, None)
                if subscription is None:
                    break
                pending.add(
                    pool.submit(_fetch_feed, subscription, client, max_bytes, timeout, should_stop)
                )
            if not pending or should_stop():
                break
            done, pending = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                result = _land(store, future.result(), rules, clock(), should_stop)
                report.results.append(result)
                if on_progress is not None:
                    on_progress(FeedProgress(len(report.results), len(subscriptions), result))
        report.stopped = len(report.results) < len(subscriptions)
        finished = True
    finally:
        # On a stop (or Ctrl-C) nobody waits for fetches still in flight: their results go unsaved.
        pool.shutdown(wait=finished, cancel_futures=True)
        client.close()
    if report.new:
        after_new_articles(store)
    wanted = [s for s in subscriptions if wants_full_text(s, full_text)]
    if wanted and not report.stopped:
        report.full_texts = fetch_new_full_texts(
            store,
            wanted,
            after_id=before,
            concurrency=concurrency,
            timeout=timeout,
            max_bytes=max_bytes,
            should_stop=should_stop,
        )
    if not report.stopped and (keep_days is not None or max_per_feed is not None):
        report.removed = apply_retention(store, keep_days, max_per_feed, clock())
    return report


def _fetch_feed(
    subscription: Subscription,
    client: httpx.Client,
    max_bytes: int,
    timeout: float,
    should_stop: Callable[[], bool] = lambda: False,
) -> _Fetched:
    """Fetch one feed (conditionally) and parse it; runs in a pool thread, never raises."""
    headers: dict[str, str] = {}
    if subscription.etag:
        headers["If-None-Match"] = subscription.etag
    if subscription.last_modified:
        headers["If-Modified-Since"] = subscription.last_modified
    try:
        response = fetch(
            subscription.fetch_url,
            max_bytes=max_bytes,
            timeout=timeout,
            headers=headers,
            client=client,
            should_stop=should_stop,
        )
        if response.status == 304:
            return _Fetched(subscription, response, status=304)
        parsed = parse_feed_body(response.body, document_base(response.final_url, response.headers))
    except StatusFailure as failure:
        return _Fetched(subscription, error=failure.reason, status=failure.status)
    except ImportFailure as failure:
        return _Fetched(subscription, error=failure.reason)
    except Exception as exc:  # one feed's surprise must not end everyone's refresh
        return _Fetched(subscription, error=f"could not be refreshed ({type(exc).__name__})")
    return _Fetched(subscription, response, parsed, status=response.status)


def parse_feed_body(body: bytes, url: str) -> Parsed:
    """A feed's body as clean drafts. Raises ImportFailure for anything but a feed."""
    if not body.strip():
        raise ImportFailure("the feed is empty")
    kind = sniff(decode(body))
    if kind not in FEED_KINDS:
        raise ImportFailure(f"not a feed (the server sent {_NOT_FEEDS.get(kind, kind)})")
    return parse_clean(lambda: body, url)


def _land(
    store: Store,
    fetched: _Fetched,
    rules: Sequence[CategoryRule],
    moment: datetime,
    should_stop: Callable[[], bool] = lambda: False,
) -> RefreshResult:
    """Save one feed's outcome: its articles first, then what the fetch left.

    Two transactions in that order: if the second is lost (a crash, a store that
    stays busy), the next refresh fetches the whole feed again and finds
    duplicates, never a gap. A store busy with another process is waited for.
    """
    subscription = fetched.subscription
    url = subscription.url

    def record(**fields: Any) -> None:
        _patiently(lambda: record_fetch(store, url, fetched_at=moment, **fields), should_stop)

    try:
        if fetched.error is not None or fetched.response is None:
            error = fetched.error or "could not be fetched"
            record(status=fetched.status, error=error)
            return RefreshResult(url, error=error)
        response = fetched.response
        headers = response.headers
        if fetched.parsed is None:  # 304: the validators may be renewed
            record(
                status=response.status,
                etag=headers.get("etag") or subscription.etag,
                last_modified=headers.get("last-modified") or subscription.last_modified,
                permanent_url=response.permanent_redirect,
            )
            return RefreshResult(url, not_modified=True)
        parsed = fetched.parsed
        result = _patiently(lambda: _save(store, subscription, parsed, rules, moment), should_stop)
        record(
            status=response.status,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            permanent_url=response.permanent_redirect,
            title=parsed.title,
        )
        return result
    except sqlite3.Error as exc:
        # The user sees our words, never SQLite's.
        if is_busy(exc):
            return RefreshResult(url, error="the store stayed busy; it is fetched again next time")
        return RefreshResult(url, error="the store could not be written")


def _patiently(step: Callable[[], T], should_stop: Callable[[], bool]) -> T:
    """One transaction, waiting for a store held by another process (an import holds the
    lock for one source at a time, so it lets go within a few tries)."""
    return patiently(step, tries=BUSY_TRIES, should_stop=should_stop)


def _save(
    store: Store,
    subscription: Subscription,
    parsed: Parsed,
    rules: Sequence[CategoryRule],
    moment: datetime,
) -> RefreshResult:
    name = parsed.title or subscription.title or subscription.url
    override = subscription.category
    drafts = _unretired(
        store,
        [
            replace(d, category=choose_category(d, name, override=override, rules=rules))
            for d in scope_guids(parsed.drafts, subscription.url)
        ],
        name,
        recorded_scope(store.conn, subscription.url),
    )
    saved, _ = store.save_source(
        subscription.url, name, "feed", drafts, category=override, now=moment
    )
    outcomes = [s.outcome for s in saved]
    return RefreshResult(
        subscription.url,
        new=outcomes.count(Outcome.NEW),
        updated=outcomes.count(Outcome.UPDATED),
        duplicate=outcomes.count(Outcome.DUPLICATE),
    )


def _unretired(
    store: Store, drafts: list[ArticleDraft], name: str, scope: str | None
) -> list[ArticleDraft]:
    """The drafts whose articles retention has not deleted (the store keys them the same way,
    in the guid `scope` the feed shares with another source, if it does)."""
    keys = [dedupe_key(d, d.source_name or name) for d in drafts]
    if scope is not None:
        keys = [rescoped(key, scope) for key in keys]
    # Keys retired before guids were scoped to their feed (schema 6) hold the bare guid.
    former = [
        f"guid:{unscoped(d.key_hint)}" if d.key_hint else key
        for d, key in zip(drafts, keys, strict=True)
    ]
    retired = retired_keys(store, keys + former)
    if not retired:
        return drafts
    return [
        d
        for d, key, old in zip(drafts, keys, former, strict=True)
        if key not in retired and old not in retired
    ]


def refresh_configured(
    store_path: Path,
    settings: Settings,
    *,
    on_progress: Callable[[FeedProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    connect: Callable[[Path], Store] = open_store,
    only: Sequence[str] = (),
) -> RefreshReport:
    """refresh_feeds() with the [feeds] settings and category rules of the config file."""
    feeds = settings.feeds
    return refresh_feeds(
        store_path,
        concurrency=feeds.concurrency,
        timeout=feeds.timeout_seconds,
        on_progress=on_progress,
        should_stop=should_stop,
        rules=settings.rules,
        keep_days=feeds.keep_days,
        max_per_feed=feeds.max_per_feed,
        connect=connect,
        full_text=feeds.full_text,
        filters=settings.filters,
        only=only,
    )
