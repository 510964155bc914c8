"""Every article as JSON Lines (the fields of DESIGN.md), read page by page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from tuinews.models import Article
from tuinews.store import Store
from tuinews.store.rows import article_to_json
from tuinews.store.subscriptions import article_page

PAGE_SIZE = 500


def iter_articles(store: Store, *, page_size: int = PAGE_SIZE) -> Iterator[Article]:
    """Every article by id, one keyset page at a time: the table is never loaded whole."""
    after = 0
    while True:
        page = article_page(store, after_id=after, limit=page_size)
        yield from page
        if len(page) < page_size:
            return
        after = page[-1].id


def export_json_lines(store: Store, out: IO[str], *, page_size: int = PAGE_SIZE) -> int:
    """Write every article to `out` as one JSON object per line; return how many."""
    count = 0
    for article in iter_articles(store, page_size=page_size):
        out.write(json.dumps(article_to_json(article), ensure_ascii=False) + "\n")
        count += 1
    return count
