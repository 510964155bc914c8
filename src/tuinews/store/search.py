"""Full-text search: which articles match, in what order, and how many (up to a limit).

Functions of a connection, used by the Store's queries (queries.py).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tuinews.models import Count
from tuinews.store.views import RANK, fts_query, has_phrase

# A search ranks this many of its newest matches; older ones follow by date stored.
RANKED_MATCHES = 500
# A search counts its matches up to this many (the reader shows "1,000+"): counting
# every match of a phrase of common words would walk most of the store.
SEARCH_COUNT_LIMIT = 1_000
_IDS_PER_QUERY = 500


def search_count(conn: sqlite3.Connection, text: str) -> Count:
    """A search's matches, counted in the full-text index up to SEARCH_COUNT_LIMIT + 1.

    Counting every match of a common word costs a walk over its whole list; past
    the limit the reader says "1,000+" instead.
    """
    query = fts_query(text)
    if not query:
        return Count(0, 0)
    try:
        (total,) = conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM articles_fts "
            "WHERE articles_fts MATCH ? LIMIT ?)",
            (query, SEARCH_COUNT_LIMIT + 1),
        ).fetchone()
    except sqlite3.OperationalError:
        return Count(0, 0)
    return Count(int(total), int(total))


def search_ids(conn: sqlite3.Connection, text: str, limit: int, offset: int) -> list[int]:
    """The ids of one page of a search's results, in result order.

    The newest RANKED_MATCHES matches (by id, the order they were stored) are
    ranked by bm25, title weighted highest; older matches follow, newest first. A
    search with a quoted phrase lists every match newest first.
    Scoring every match would cost a pass over each word's whole list: for a
    common word in a million articles, over a second. The newest matches are read
    from the end of the index, so the cost is the window's, whatever the store.
    """
    query = fts_query(text)
    if not query or limit <= 0:
        return []
    if has_phrase(text):
        # A phrase is precise already, and scoring one made of common words walks
        # every article that holds them (a second at a million): newest first.
        return [
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT ? OFFSET ?",
                (query, limit, offset),
            )
        ]
    try:
        window = conn.execute(
            f"SELECT rowid, {RANK} FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT ?",
            (query, RANKED_MATCHES),
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    # Best score first; among equal scores the newest.
    ranked = [rowid for rowid, _ in sorted(window, key=lambda hit: (hit[1], -hit[0]))]
    ids = ranked[offset : offset + limit]
    if len(window) == RANKED_MATCHES and len(ids) < limit:
        oldest_ranked = window[-1][0]
        ids += [
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid < ? "
                "ORDER BY rowid DESC LIMIT ? OFFSET ?",
                (query, oldest_ranked, limit - len(ids), max(0, offset - RANKED_MATCHES)),
            )
        ]
    return ids


def rows_by_ids(conn: sqlite3.Connection, columns: str, ids: list[int]) -> list[tuple[Any, ...]]:
    """Rows of `columns` (the id first) for `ids`, in the order of `ids`."""
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        for row in conn.execute(
            f"SELECT {columns} FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            found[int(row[0])] = row
    return [found[i] for i in ids if i in found]
