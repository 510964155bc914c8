"""RSS 0.9x/1.0/2.0, Atom and RDF feeds: a streaming fast path, feedparser as the fallback.

`stream` (lxml, memory flat) reads the feeds it fully understands; anything else goes to
`fallback` (feedparser), with the same result: both build drafts through `entry`.
`stream_import` imports a local feed file while the store writes, read ahead by
`readahead` in a thread or a worker process.
"""

from __future__ import annotations

import io

from tuinews.importer.formats.feed.entities import check_no_entities
from tuinews.models import ArticleDraft

__all__ = ["parse_feed"]


def parse_feed(data: bytes, base: str | None = None) -> tuple[str | None, list[ArticleDraft]]:
    """The feed's title and its entries as drafts: the fast path, else feedparser.

    `base` is the URL the feed came from: relative links are resolved against it.
    """
    check_no_entities(data)
    from tuinews.importer.formats.feed.fallback import parse_feed_slow
    from tuinews.importer.formats.feed.stream import Unsupported, read_feed

    try:
        title, drafts = read_feed(io.BytesIO(data), base)
        return title, list(drafts)
    except Unsupported:
        return parse_feed_slow(data, base)
