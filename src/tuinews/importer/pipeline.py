"""Import many sources into the store, one transaction per source.

`import_sources()` serves the command line (a progress bar) and the app (a worker
posting messages) alike: progress goes through a plain callback.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import partial
from typing import BinaryIO, TypeVar

from tuinews.importer import limits
from tuinews.importer.ahead import Ahead, ParsedAhead
from tuinews.importer.categorize import choose_category
from tuinews.importer.drafts import clean_draft
from tuinews.importer.errors import ImportFailure
from tuinews.importer.guids import scope_guids
from tuinews.importer.links import document_base
from tuinews.importer.page_names import page_name
from tuinews.importer.sanitize import clean_line
from tuinews.importer.sniff import Parsed, parse_bytes
from tuinews.importer.sources import (
    NEWS_SUFFIXES,
    SourceRef,
    display_name,
    expand_sources,
    fetch_source,
    read_source,
)
from tuinews.models import CategoryRule, ImportReport, SourceFailure
from tuinews.store import Store
from tuinews.store.busy import BUSY_TIMEOUT_MS, is_busy, patiently
from tuinews.store.saving import Saved

__all__ = [
    "NEWS_SUFFIXES",
    "ImportProgress",
    "ProgressCallback",
    "SourceRef",
    "import_sources",
    "parse_clean",
    "parse_source",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Reported after each source: how many of how many are done, and which one."""

    done: int
    total: int
    label: str


ProgressCallback = Callable[[ImportProgress], None]


def parse_source(
    ref: SourceRef,
    stdin: BinaryIO | None = None,
    *,
    timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Parsed:
    """Read and parse one source into clean drafts. Raises ImportFailure."""
    if ref.kind == "url":
        # Fetched first: relative links resolve against where the document was found,
        # and its guids belong to the feed found there (a redirect leads to the same feed).
        response = fetch_source(ref, timeout=timeout, should_stop=should_stop)
        base = document_base(response.final_url, response.headers)
        parsed = parse_clean(lambda: response.body, base)
        drafts = parsed.drafts
        if parsed.kind == "text" and len(drafts) == 1 and drafts[0].url is None:
            # A page fetched as text is its article's page: the article links to it, and
            # two pages of one host with one headline stay two articles.
            drafts = [replace(drafts[0], url=clean_line(response.final_url))]
        return replace(parsed, drafts=drafts, found_at=response.final_url)
    return parse_clean(partial(read_source, ref, stdin, timeout=timeout, should_stop=should_stop))


def parse_clean(read: Callable[[], bytes], url: str | None = None) -> Parsed:
    """Parse what `read` gives into clean drafts; any parser error becomes ImportFailure.

    Shared by imports and feed refreshes: one source's bad bytes, or a parser's bug,
    fail that source only, in plain words.
    """
    try:
        parsed = parse_bytes(read(), url)
    except ImportFailure:
        raise
    except (RecursionError, MemoryError):
        raise ImportFailure("too deeply nested or too large to parse") from None
    except Exception as exc:  # a parser's bug must not end the other sources' work
        raise ImportFailure(f"could not be parsed ({type(exc).__name__})") from None
    drafts = [clean for draft in parsed.drafts if (clean := clean_draft(draft)) is not None]
    return Parsed(parsed.kind, clean_line(parsed.title), drafts, parsed.subscriptions)


def import_sources(
    names: Sequence[str],
    store: Store,
    *,
    category: str | None = None,
    on_progress: ProgressCallback | None = None,
    stdin: BinaryIO | None = None,
    should_stop: Callable[[], bool] | None = None,
    rules: Sequence[CategoryRule] = (),
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    stdin_name: str | None = None,
) -> ImportReport:
    """Import every named source; a failing source is reported and the rest go on.

    A URL is fetched within `timeout` seconds (see read_source); `should_stop` also
    cuts a fetch in progress (the import then ends there). While another program
    writes to the store, each source waits for it (up to limits.IMPORT_BUSY_TRIES busy timeouts)
    and `on_wait` is told so, in plain words. `stdin_name` names the source `-` (read from
    `stdin`) where the parser finds no name of its own: the app's pasted text.
    """
    refs, failures = expand_sources(names, stdin_name=stdin_name)
    report = ImportReport(sources=len(refs) + len(failures), failures=failures)
    files = tuple(ref for ref in refs if ref.kind == "file")
    with ExitStack() as stack:
        ahead = None
        if len(files) >= limits.PARSE_AHEAD_FILES:
            ahead = ParsedAhead(stack, parse_ahead, files)
        _import_all(
            refs,
            store,
            report,
            ahead,
            category,
            on_progress,
            stdin,
            should_stop,
            rules,
            timeout,
            on_wait,
        )
    if report.new:
        report.filtered = sum(after_new_articles(store).values())
    return report


def _import_all(
    refs: list[SourceRef],
    store: Store,
    report: ImportReport,
    ahead: ParsedAhead | None,
    category: str | None,
    on_progress: ProgressCallback | None,
    stdin: BinaryIO | None,
    should_stop: Callable[[], bool] | None,
    rules: Sequence[CategoryRule],
    timeout: float | None,
    on_wait: Callable[[str], None] | None,
) -> None:
    """import_sources' loop: each source in its own transaction, in order."""
    for done, ref in enumerate(refs, start=1):
        if should_stop is not None and should_stop():
            break
        early = ahead.take(ref) if ahead is not None and ref.kind == "file" else None
        try:
            saved, added = _import_one(
                ref,
                store,
                category=category,
                rules=rules,
                stdin=stdin,
                timeout=timeout,
                should_stop=should_stop,
                on_wait=on_wait,
                early=early,
            )
        except ImportFailure as failure:
            if should_stop is not None and should_stop():
                break  # the fetch was cut by the stop: this source was not tried to its end
            report.failures.append(SourceFailure(ref.label, failure.reason))
        except sqlite3.Error as exc:
            report.failures.append(SourceFailure(ref.label, _store_refusal(exc)))
            if _disk_full(exc):
                # Every later source would fail the same way: say so once for each and stop.
                report.failures.extend(
                    SourceFailure(later.label, "not imported: the store's disk is full")
                    for later in refs[done:]
                )
                break
        else:
            report.subscriptions_added += added
            for result in saved:
                report.add(result.outcome)
                report.article_ids.append(result.article_id)
        if on_progress is not None:
            on_progress(ImportProgress(done, len(refs), ref.label))


def parse_ahead(refs: tuple[SourceRef, ...]) -> tuple[None, Iterator[Ahead]]:
    """The worker's job (see ahead.py): each file's parse, or why not, in order."""
    return None, (_parsed_ahead(ref) for ref in refs)


def _parsed_ahead(ref: SourceRef) -> Ahead:
    from tuinews.importer.formats.feed.stream_import import looks_like_feed

    if looks_like_feed(ref.location):
        return ref.location, "feed", None  # streamed by the store's process
    try:
        return ref.location, "parsed", parse_source(ref)
    except ImportFailure as failure:
        return ref.location, "failed", failure.reason


def after_new_articles(store: Store) -> dict[str, int]:
    """Apply the filters, then match the saved views, to the articles just stored; return
    how many each filter caught. A store busy now is caught up by the next import or
    refresh (both remember how far they got)."""
    from datetime import UTC, datetime

    from tuinews.store.filters import apply_filters
    from tuinews.store.saved import sync_saved_views

    caught: dict[str, int] = {}
    with contextlib.suppress(sqlite3.Error):
        caught = apply_filters(store.conn, datetime.now(UTC))
    with contextlib.suppress(sqlite3.Error):
        sync_saved_views(store.conn)
    return caught


def _disk_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL"


def _store_refusal(exc: sqlite3.Error) -> str:
    """Why the store did not take a source; its transaction was rolled back whole."""
    if is_busy(exc):
        minutes = limits.IMPORT_BUSY_TRIES * BUSY_TIMEOUT_MS / 60_000
        return (
            f"the store stayed busy for {minutes:g} minutes (another program kept writing "
            "to it); nothing of this source was stored: import it again"
        )
    if _disk_full(exc):
        return f"the store's disk is full ({exc}); nothing of this source was stored"
    return f"the store refused it ({exc})"


def _import_feed_file(
    ref: SourceRef, store: Store, *, category: str | None, rules: Sequence[CategoryRule]
) -> tuple[list[Saved], int] | None:
    from tuinews.importer.formats.feed.stream_import import import_feed_file

    return import_feed_file(ref, store, category=category, rules=rules)


def _fallback_name(ref: SourceRef, parsed: Parsed) -> str:
    """The source's name when its content gives none: a page's host or readable file name
    (see page_names.py), any other source's file name or URL."""
    if parsed.kind in ("text", "html"):
        return page_name(ref, parsed.found_at, [draft.title for draft in parsed.drafts])
    return display_name(ref)


def _import_one(
    ref: SourceRef,
    store: Store,
    *,
    category: str | None,
    rules: Sequence[CategoryRule],
    stdin: BinaryIO | None,
    timeout: float | None,
    should_stop: Callable[[], bool] | None,
    on_wait: Callable[[str], None] | None,
    early: tuple[str, object] | None = None,
) -> tuple[list[Saved], int]:
    """Read, parse and store one source in one transaction, waiting for a busy store.

    `early`: the worker's outcome for a file parsed ahead (see ahead.py), if there is one.
    """

    def waiting() -> None:
        if on_wait is not None:
            on_wait(f"{ref.label}: waiting for the store (another program is writing to it)")

    def when_free(step: Callable[[], T]) -> T:
        tries = limits.IMPORT_BUSY_TRIES
        return patiently(step, tries=tries, should_stop=should_stop, on_wait=waiting)

    if early is not None and early[0] == "failed":
        raise ImportFailure(str(early[1]))
    if early is not None and early[0] == "parsed" and isinstance(early[1], Parsed):
        parsed = early[1]
    else:
        streamed = when_free(partial(_import_feed_file, ref, store, category=category, rules=rules))
        if streamed is not None:
            return streamed
        parsed = parse_source(ref, stdin, timeout=timeout, should_stop=should_stop)
    name = parsed.title or _fallback_name(ref, parsed)
    override = clean_line(category)
    drafts = [
        replace(d, category=choose_category(d, name, override=override, rules=rules))
        for d in scope_guids(parsed.drafts, parsed.found_at or ref.location)
    ]
    subscriptions = [replace(s, category=override or s.category) for s in parsed.subscriptions]
    return when_free(
        partial(
            store.save_source, ref.location, name, parsed.kind, drafts, subscriptions=subscriptions
        )
    )
