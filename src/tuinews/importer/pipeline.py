"""Import many sources into the store, one transaction per source.

`import_sources()` serves the command line (a progress bar) and the app (a worker
posting messages) alike: progress goes through a plain callback.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypeVar

from tuinews.importer.categorize import choose_category
from tuinews.importer.errors import ImportFailure, size_limit
from tuinews.importer.guids import scope_guids
from tuinews.importer.sanitize import clean_block, clean_line
from tuinews.importer.sniff import Parsed, parse_bytes
from tuinews.models import ArticleDraft, CategoryRule, ImportReport, SourceFailure
from tuinews.store import Store
from tuinews.store.busy import BUSY_TIMEOUT_MS, is_busy, patiently
from tuinews.store.saving import Saved
from tuinews.untrusted import shown

# Sources are read whole (URLs, standard input, local files but feeds) up to this size;
# local feed files are read as a stream, up to MAX_STREAMED_FEED_BYTES (1 GiB).
MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_STREAMED_FEED_BYTES = 1024 * 1024 * 1024
# One article's text (body or summary) is kept up to this many characters, and cut at a
# paragraph with a note beyond it: a reader cannot show, nor a person read, more.
MAX_BODY_CHARS = 1_000_000
MAX_TITLE_CHARS = 1_000
T = TypeVar("T")
# A source waits this many busy timeouts (10 minutes) while another program writes.
BUSY_TRIES = 60
PROCESS_FEED_BYTES = 16 * 1024 * 1024  # from here a worker process parses (starts in ~0.25 s)
NEWS_SUFFIXES = frozenset(
    {".rss", ".atom", ".rdf", ".xml", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".txt"}
    | {".opml"}
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One source to import: `label` is how the user named it, `location` identifies it."""

    label: str
    location: str
    kind: str  # "file", "url" or "stdin"


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Reported after each source: how many of how many are done, and which one."""

    done: int
    total: int
    label: str


ProgressCallback = Callable[[ImportProgress], None]


def expand_sources(names: Sequence[str]) -> tuple[list[SourceRef], list[SourceFailure]]:
    """Turn what the user named into sources: folders are read recursively.

    Hidden files and folders and files that cannot hold news are skipped.
    """
    refs: list[SourceRef] = []
    failures: list[SourceFailure] = []
    for name in names:
        # A label is printed and shown: a file name may carry escape sequences.
        if name == "-":
            refs.append(SourceRef("-", "stdin", "stdin"))
        elif name.startswith(("http://", "https://")):
            refs.append(SourceRef(shown(name), name, "url"))
        else:
            path = Path(name).expanduser()
            if path.is_dir():
                found = sorted(_news_files(path))
                if not found:
                    failures.append(SourceFailure(name, "no news files in the folder"))
                refs.extend(SourceRef(shown(f), str(f.resolve()), "file") for f in found)
            elif path.exists():
                refs.append(SourceRef(shown(name), str(path.resolve()), "file"))
            else:
                failures.append(SourceFailure(name, "no such file or folder"))
    return refs, failures


def _news_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.is_file() and path.suffix.lower() in NEWS_SUFFIXES:
            found.append(path)
    return found


def read_source(
    ref: SourceRef,
    stdin: BinaryIO | None = None,
    *,
    timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> bytes:
    """The raw bytes of a source, at most MAX_SOURCE_BYTES.

    A URL is fetched within `timeout` seconds in all (fetch's default when None), and
    given up at once when `should_stop()` turns true.
    """
    if ref.kind == "stdin":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_SOURCE_BYTES + 1)
    elif ref.kind == "url":
        from tuinews.importer.fetch import TIMEOUT_SECONDS, fetch_url

        data = fetch_url(
            ref.location,
            max_bytes=MAX_SOURCE_BYTES,
            timeout=timeout or TIMEOUT_SECONDS,
            should_stop=should_stop,
        )
    else:
        try:
            with open(ref.location, "rb") as handle:
                _check_size(os.fstat(handle.fileno()))
                data = handle.read(MAX_SOURCE_BYTES + 1)
        except IsADirectoryError:
            raise ImportFailure("is a folder") from None
        except PermissionError:
            raise ImportFailure("permission denied") from None
        except OSError as exc:
            raise ImportFailure(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise ImportFailure(size_limit(MAX_SOURCE_BYTES))
    return data


def _check_size(status: os.stat_result) -> None:
    """Refuse a regular file over the cap before reading any of it (memory stays flat)."""
    if stat.S_ISREG(status.st_mode) and status.st_size > MAX_SOURCE_BYTES:
        size = status.st_size / (1024 * 1024)
        raise ImportFailure(f"too large: {size:,.0f} MiB, {size_limit(MAX_SOURCE_BYTES)}")


def clean_draft(draft: ArticleDraft) -> ArticleDraft | None:
    """The draft with every field sanitized; None when no title is left."""
    title = clean_line(draft.title)
    if not title:
        return None
    summary = clean_block(draft.summary)
    return replace(
        draft,
        title=title if len(title) <= MAX_TITLE_CHARS else title[: MAX_TITLE_CHARS - 1] + "…",
        body=cap_text(clean_block(draft.body) or ""),
        author=clean_line(draft.author),
        category=_category_name(clean_line(draft.category)),
        url=clean_line(draft.url),
        summary=cap_text(summary) if summary is not None else None,
        key_hint=clean_line(draft.key_hint),
        source_name=clean_line(draft.source_name),
    )


def cap_text(text: str) -> str:
    """`text` cut to MAX_BODY_CHARS at a paragraph (else a word), with a note saying so."""
    if len(text) <= MAX_BODY_CHARS:
        return text
    cut = text.rfind("\n\n", 0, MAX_BODY_CHARS)
    if cut < MAX_BODY_CHARS // 2:
        cut = text.rfind(" ", 0, MAX_BODY_CHARS)
    if cut < MAX_BODY_CHARS // 2:
        cut = MAX_BODY_CHARS
    return (
        text[:cut].rstrip()
        + f"\n\n*[Cut by tuinews: the text was {len(text):,} characters long; "
        + f"the first {MAX_BODY_CHARS:,} are kept.]*"
    )


def _category_name(name: str | None) -> str | None:
    if not name:
        return None
    name = name[:60]
    return name[0].upper() + name[1:] if name.islower() else name


def parse_source(
    ref: SourceRef,
    stdin: BinaryIO | None = None,
    *,
    timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Parsed:
    """Read and parse one source into clean drafts. Raises ImportFailure."""
    location = ref.location if ref.kind == "url" else None
    return parse_clean(
        partial(read_source, ref, stdin, timeout=timeout, should_stop=should_stop), location
    )


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
) -> ImportReport:
    """Import every named source; a failing source is reported and the rest go on.

    A URL is fetched within `timeout` seconds (see read_source); `should_stop` also
    cuts a fetch in progress (the import then ends there). While another program
    writes to the store, each source waits for it (up to BUSY_TRIES busy timeouts)
    and `on_wait` is told so, in plain words.
    """
    refs, failures = expand_sources(names)
    report = ImportReport(sources=len(refs) + len(failures), failures=failures)
    for done, ref in enumerate(refs, start=1):
        if should_stop is not None and should_stop():
            break
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
    if report.new:
        sync_saved_views_quietly(store)
    return report


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
) -> tuple[list[Saved], int]:
    """Read, parse and store one source in one transaction, waiting for a busy store."""

    def waiting() -> None:
        if on_wait is not None:
            on_wait(f"{ref.label}: waiting for the store (another program is writing to it)")

    def when_free(step: Callable[[], T]) -> T:
        return patiently(step, tries=BUSY_TRIES, should_stop=should_stop, on_wait=waiting)

    streamed = when_free(partial(_import_feed_file, ref, store, category=category, rules=rules))
    if streamed is not None:
        return streamed
    parsed = parse_source(ref, stdin, timeout=timeout, should_stop=should_stop)
    name = parsed.title or _display_name(ref)
    override = clean_line(category)
    drafts = [
        replace(d, category=choose_category(d, name, override=override, rules=rules))
        for d in scope_guids(parsed.drafts, ref.location)
    ]
    subscriptions = [replace(s, category=override or s.category) for s in parsed.subscriptions]
    return when_free(
        partial(
            store.save_source, ref.location, name, parsed.kind, drafts, subscriptions=subscriptions
        )
    )


def sync_saved_views_quietly(store: Store) -> None:
    """Match new articles against the saved views; a store busy or full now is caught up
    by the next import or refresh (the views remember how far they have matched)."""
    from tuinews.store.saved import sync_saved_views

    with contextlib.suppress(sqlite3.Error):
        sync_saved_views(store.conn)


def _disk_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL"


def _store_refusal(exc: sqlite3.Error) -> str:
    """Why the store did not take a source; its transaction was rolled back whole."""
    if is_busy(exc):
        minutes = BUSY_TRIES * BUSY_TIMEOUT_MS / 60_000
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
    from tuinews.importer.feed_fast_import import import_feed_file

    return import_feed_file(ref, store, category=category, rules=rules)


def _display_name(ref: SourceRef) -> str:
    if ref.kind == "file":
        return shown(Path(ref.location).name)
    return ref.label if ref.kind == "url" else "standard input"
