"""Import a local feed file as a stream: parsed ahead (thread or process) while SQLite writes.

pipeline.import_sources() tries this first for local files. Memory stays flat however large the
file, up to limits.MAX_STREAMED_FEED_BYTES; from limits.PROCESS_FEED_BYTES on, a
worker process parses, so that parsing and the store's own Python work do not share a
GIL. The drafts are prepared exactly as the whole-file path prepares them (cleaned,
their categories chosen); a feed the fast reader cannot read goes back to that path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, suppress
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tuinews.importer import limits
from tuinews.importer.categorize import choose_category
from tuinews.importer.drafts import category_name, clean_draft
from tuinews.importer.encoding import decode
from tuinews.importer.errors import ImportFailure, size_limit
from tuinews.importer.guids import scope_guids
from tuinews.importer.sanitize import clean_line
from tuinews.importer.sniff import sniff
from tuinews.importer.sources import SourceRef, display_name
from tuinews.models import ArticleDraft, CategoryRule
from tuinews.store import Store
from tuinews.store.keys import Fields, article_fields
from tuinews.store.saving import Saved

if TYPE_CHECKING:
    from tuinews.importer.formats.feed.readahead import ReadAhead, ReadAheadProcess

_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def import_feed_file(
    ref: SourceRef,
    store: Store,
    *,
    category: str | None = None,
    rules: Sequence[CategoryRule] = (),
) -> tuple[list[Saved], int] | None:
    """Import a local feed file as a stream, parsed while the store writes.

    Returns None when the source is no local feed file, or when the fast reader cannot
    read it and the file is small enough for the whole-file path (feedparser); raises
    ImportFailure or sqlite3.Error like the whole-file path does.
    """
    if ref.kind != "file" or not looks_like_feed(ref.location):
        return None
    from tuinews.importer.formats.feed.stream import NotWellFormed, Unsupported

    size = os.path.getsize(ref.location)
    if size > limits.MAX_STREAMED_FEED_BYTES:
        raise ImportFailure(size_limit(limits.MAX_STREAMED_FEED_BYTES))
    args = (ref.location, category, tuple(rules), display_name(ref))
    try:
        with ExitStack() as stack:
            ahead = _start_reader(stack, size, args)
            return store.save_source(ref.location, ahead.header(), "feed", iter(ahead))
    except Unsupported as why:
        if size <= limits.MAX_SOURCE_BYTES:
            return None  # feedparser reads it whole
        if isinstance(why, NotWellFormed):
            raise ImportFailure(f"malformed feed ({why})") from None
        too_large = size_limit(limits.MAX_SOURCE_BYTES)
        raise ImportFailure(f"only feedparser can read it ({why}), and {too_large}") from None
    except (RecursionError, MemoryError):
        raise ImportFailure("too deeply nested or too large to parse") from None


def _start_reader(
    stack: ExitStack, size: int, args: tuple[Any, ...]
) -> ReadAhead[str, Fields] | ReadAheadProcess[str, Fields]:
    """A worker process for a large file (a thread when no process can start)."""
    from tuinews.importer.formats.feed.readahead import ReadAhead, ReadAheadProcess, WorkerStopped

    if size >= limits.PROCESS_FEED_BYTES:
        # No process can be started here, or it cannot run: use a thread.
        with suppress(OSError, WorkerStopped):
            worker = stack.enter_context(ReadAheadProcess(_feed_rows, *args))
            worker.header()
            return worker
    return stack.enter_context(ReadAhead(_feed_rows, *args))


def _feed_rows(
    path: str, category: str | None, rules: tuple[CategoryRule, ...], fallback_name: str
) -> tuple[str, Iterator[Fields]]:
    """The feed's name and its drafts as the store's columns (see _feed_stream).

    The reader prepares them (keys, hashes, word counts) so that the store's process
    only writes; tuples of strings also travel between processes faster than drafts.
    """
    name, drafts = _feed_stream(path, category, rules, fallback_name)
    return name, (article_fields(draft, name, None) for draft in drafts)


def _feed_stream(
    path: str, category: str | None, rules: tuple[CategoryRule, ...], fallback_name: str
) -> tuple[str, Iterator[ArticleDraft]]:
    """The feed's name and its clean drafts (runs in the reader's thread or process)."""
    from tuinews.importer.formats.feed.stream import read_feed

    try:
        title, drafts = read_feed(path)
    except OSError as exc:
        raise ImportFailure(f"cannot be read ({exc.strerror or exc})") from None
    name = clean_line(title) or fallback_name
    return name, scope_guids(_ready_drafts(drafts, name, clean_line(category), rules), path)


def looks_like_feed(path: str) -> bool:
    """Whether a local file holds a feed (by its first bytes): it is then read as a stream."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(limits.HEAD_BYTES)
        return bool(head.strip()) and sniff(decode(head)) == "feed"
    except (OSError, ImportFailure):
        return False  # the whole-file path says what is wrong


def _ready_drafts(
    drafts: Iterator[ArticleDraft],
    name: str,
    override: str | None,
    rules: Sequence[CategoryRule],
) -> Iterator[ArticleDraft]:
    """Clean drafts with their categories chosen, as import_sources prepares them."""
    from tuinews.importer.formats.feed.stream import Unsupported

    try:
        for draft in drafts:
            clean = _clean_draft_quickly(draft)
            if clean is not None:
                chosen = choose_category(clean, name, override=override, rules=rules)
                yield clean if chosen == clean.category else replace(clean, category=chosen)
    except (ImportFailure, Unsupported, RecursionError, MemoryError):
        raise
    except Exception as exc:  # a parser's bug must not end the other sources' import
        raise ImportFailure(f"could not be parsed ({type(exc).__name__})") from None


def _clean_draft_quickly(draft: ArticleDraft) -> ArticleDraft | None:
    """clean_draft(draft), without its regexes when every field is clean already.

    Most feed text is: printable (no control, bidi or zero-width characters, no odd
    spaces), no spaces doubled or at the ends of lines, no runs of blank lines.
    Anything else, and text over the size caps, goes through clean_draft itself.
    """
    if (
        len(draft.title) <= limits.MAX_TITLE_CHARS
        and len(draft.body) <= limits.MAX_BODY_CHARS
        and (draft.summary is None or len(draft.summary) <= limits.MAX_BODY_CHARS)
        and _line_is_clean(draft.title)
        and (not draft.body or _block_is_clean(draft.body))
        and (draft.summary is None or _block_is_clean(draft.summary))
        and all(
            value is None or _line_is_clean(value)
            for value in (draft.author, draft.category, draft.url, draft.key_hint)
        )
        and (draft.source_name is None or _line_is_clean(draft.source_name))
    ):
        category = category_name(draft.category)
        return draft if category == draft.category else replace(draft, category=category)
    return clean_draft(draft)


def _line_is_clean(text: str) -> bool:
    """Whether clean_line(text) == text (a space is the only printable whitespace)."""
    return (
        bool(text)
        and text[0] != " "
        and text[-1] != " "
        and "  " not in text
        and (
            not text.encode().translate(None, _PRINTABLE_ASCII)
            if text.isascii()
            else text.isprintable()
        )
    )


def _block_is_clean(text: str) -> bool:
    """Whether clean_block(text) == text."""
    if not text or text[0] == "\n" or text[-1] in "\n " or "\n\n\n" in text or " \n" in text:
        return False
    if text.isascii():
        return not text.encode().translate(None, _PRINTABLE_ASCII + b"\n")
    return all(line.isprintable() for line in text.split("\n"))
