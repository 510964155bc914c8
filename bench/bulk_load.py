"""Loading a large synthetic store fast: the upkeep of `articles` done once, at the end.

A store from open_store keeps, on every insert, the secondary indexes of `articles` (ten
at schema 11), its full-text index and its counters (`category_counts`, `feed_counts`;
triggers). Row by row that is what makes a million articles take over an hour here.
`deferred_upkeep` takes the indexes and the insert triggers off while the rows go in,
then puts back the very statements the schema made (read from sqlite_master): each
index built in one sorted pass, the counters counted once with the queries of their
migrations. The full-text index is filled batch by batch as its trigger would, in one
transaction with the large buffer the importer uses for a large source, while other
processes make the next batch. The file is then the same in kind as the importer's:
`check_store` compares what the triggers would have kept with what the rows say.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tuinews.store.saving import BULK_FTS_HASH_BYTES

# The insert triggers of `articles` (nothing updates or deletes while the rows go in):
# the full-text index, rebuilt at the end, and counters, each counted afresh at the end
# with the query its migration counts an existing store with (migrations 4 and 11).
_FTS_TRIGGER = "articles_fts_insert"
_RECOUNTS = {
    "category_counts_insert": (
        "category_counts",
        "SELECT category, count(*), sum(read = 0), sum(starred = 1), "
        "sum(starred = 1 AND read = 0) FROM articles GROUP BY category",
    ),
    "feed_counts_insert": (
        "feed_counts",
        "SELECT source_id, category, count(*), sum(read = 0) FROM articles "
        "GROUP BY source_id, category",
    ),
}
_ON_INSERT = re.compile(r"\bINSERT\s+ON\s+articles\b", re.IGNORECASE)
_FTS = "INSERT INTO articles_fts(articles_fts, rank) VALUES (?, ?)"
# What the trigger articles_fts_insert does, for a range of new rows at once (as many
# CPU seconds as FTS5's 'rebuild', measured at 20,000 rows).
_FTS_ROWS = (
    "INSERT INTO articles_fts(rowid, title, author, summary, body) "
    "SELECT id, title, author, summary, body FROM articles WHERE id > ? AND id <= ?"
)


def _deferred(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str, str]]:
    """The CREATE statements of `articles`' own indexes and of its insert triggers.

    Raises ValueError for an insert trigger this module cannot redo in bulk (a new
    migration's): the store would be inconsistent without it.
    """
    found = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'articles' "
        "AND sql IS NOT NULL AND type IN ('index', 'trigger')"
    ).fetchall()
    indexes = {name: sql for kind, name, sql in found if kind == "index"}
    triggers = {name: sql for kind, name, sql in found if kind == "trigger"}
    triggers = {name: sql for name, sql in triggers.items() if _ON_INSERT.search(sql)}
    unknown = set(triggers) - {_FTS_TRIGGER, *_RECOUNTS}
    if unknown:
        raise ValueError(f"bench/bulk_load.py cannot redo the trigger(s) {sorted(unknown)}")
    return indexes, triggers


@contextmanager
def deferred_upkeep(
    conn: sqlite3.Connection, progress: Callable[[str], None] = lambda _: None
) -> Iterator[Callable[[], None]]:
    """Insert into an empty `articles` inside this block, all in one transaction; the
    indexes and counters follow in one pass each.

    The block gets `catch_up`: it adds the rows inserted since its last call to the
    full-text index, as the trigger would have (call it after each batch, so that the
    index grows while other processes make the next rows; the rest is added at the end).
    `conn` must be in autocommit mode and the only connection to the file.
    """
    (rows,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    if rows:
        raise ValueError("deferred_upkeep loads an empty store only")
    indexes, triggers = _deferred(conn)
    conn.execute("BEGIN")
    for name in indexes:
        conn.execute(f"DROP INDEX {name}")
    for name in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(_FTS, ("hashsize", BULK_FTS_HASH_BYTES))
    indexed = 0

    def catch_up() -> None:
        nonlocal indexed
        (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
        conn.execute(_FTS_ROWS, (indexed, last))
        indexed = last

    yield catch_up
    catch_up()
    # Back to FTS5's default, as the importer leaves it after a large source.
    conn.execute("DELETE FROM articles_fts_config WHERE k = 'hashsize'")
    progress("full-text index")
    for name, sql in indexes.items():
        conn.execute(sql)
        progress(f"index {name}")
    for name in triggers.keys() & _RECOUNTS.keys():
        table, query = _RECOUNTS[name]
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} {query}")
    for sql in triggers.values():
        conn.execute(sql)
    conn.execute("COMMIT")


@dataclass(frozen=True)
class StoreCheck:
    """What check_store found: an empty `problems` means a consistent store."""

    articles: int
    problems: tuple[str, ...]


def check_store(conn: sqlite3.Connection, schema_of: sqlite3.Connection) -> StoreCheck:
    """Compare the store on `conn` with a fresh store's schema (`schema_of`) and itself.

    Same tables, indexes and triggers; the counters (`category_counts`, `feed_counts`)
    equal to the counts of the rows; the full-text index equal to the rows (FTS5's
    integrity-check with rank 1).
    """
    problems: list[str] = []
    shape = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    if conn.execute(shape).fetchall() != schema_of.execute(shape).fetchall():
        problems.append("schema differs from a fresh store's")
    for table, query in _RECOUNTS.values():
        kept = sorted(conn.execute(f"SELECT * FROM {table}"))
        counted = sorted(conn.execute(query))
        if kept != counted:
            problems.append(f"{table} {kept} != counted {counted}")
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        problems.append(f"full-text index: {exc}")
    (hashsize,) = conn.execute(
        "SELECT count(*) FROM articles_fts_config WHERE k = 'hashsize'"
    ).fetchone()
    if hashsize:
        problems.append("the full-text index kept the build's buffer size")
    (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    return StoreCheck(articles, tuple(problems))
