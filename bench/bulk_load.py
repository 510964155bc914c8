"""Loading a large synthetic store fast: the upkeep of `articles` done once, at the end.

A store from open_store keeps, on every insert, six secondary indexes of `articles`, its
full-text index (a trigger) and `category_counts` (a trigger). Row by row that is what
makes a million articles take over an hour here. `deferred_upkeep` takes the indexes and
the insert triggers off while the rows go in, then puts back the very statements the
schema made (read from sqlite_master): each index built in one sorted pass, the counts
counted once with the query of migration 4, the full-text index built by FTS5's
'rebuild' with the large buffer the importer uses for a large source. The file is then
the same in kind as the importer's: `check_store` compares what the triggers would have
kept with what the rows say.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tuinews.store.saving import BULK_FTS_HASH_BYTES

# Only the insert triggers: nothing updates or deletes while the rows go in.
_DEFERRED_TRIGGERS = ("articles_fts_insert", "category_counts_insert")
_FTS = "INSERT INTO articles_fts(articles_fts, rank) VALUES (?, ?)"
# The counts as migration 4 computes them for an existing store.
_COUNTED = (
    "SELECT category, count(*), sum(read = 0), sum(starred = 1), "
    "sum(starred = 1 AND read = 0) FROM articles GROUP BY category ORDER BY category"
)
_RECOUNT = (
    "INSERT INTO category_counts(category, total, unread, starred, starred_unread) " + _COUNTED
)


def _schema_sql(conn: sqlite3.Connection) -> dict[str, str]:
    """name -> CREATE statement of the deferred triggers and `articles`' own indexes."""
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'articles' AND sql IS NOT NULL "
        "AND (type = 'index' OR (type = 'trigger' AND name IN (?, ?)))",
        _DEFERRED_TRIGGERS,
    ).fetchall()
    return {name: sql for name, sql in found}


@contextmanager
def deferred_upkeep(
    conn: sqlite3.Connection, progress: Callable[[str], None] = lambda _: None
) -> Iterator[None]:
    """Insert into an empty `articles` inside this block; the upkeep follows in one pass.

    `conn` must be in autocommit mode and the only connection to the file.
    """
    (rows,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    if rows:
        raise ValueError("deferred_upkeep loads an empty store only")
    saved = _schema_sql(conn)
    conn.execute("BEGIN")
    for name in saved:
        kind = "TRIGGER" if name in _DEFERRED_TRIGGERS else "INDEX"
        conn.execute(f"DROP {kind} {name}")
    conn.execute("COMMIT")
    yield
    conn.execute("BEGIN")
    for name, sql in saved.items():
        if name not in _DEFERRED_TRIGGERS:
            conn.execute(sql)
            progress(f"index {name}")
    conn.execute("DELETE FROM category_counts")
    conn.execute(_RECOUNT)
    conn.execute(_FTS, ("hashsize", BULK_FTS_HASH_BYTES))
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    # Back to FTS5's default, as the importer leaves it after a large source.
    conn.execute("DELETE FROM articles_fts_config WHERE k = 'hashsize'")
    progress("full-text index")
    for name in _DEFERRED_TRIGGERS:
        conn.execute(saved[name])
    conn.execute("COMMIT")


@dataclass(frozen=True)
class StoreCheck:
    """What check_store found: an empty `problems` means a consistent store."""

    articles: int
    problems: tuple[str, ...]


def check_store(conn: sqlite3.Connection, schema_of: sqlite3.Connection) -> StoreCheck:
    """Compare the store on `conn` with a fresh store's schema (`schema_of`) and itself.

    Same tables, indexes and triggers; `category_counts` equal to the counts of the
    rows; the full-text index equal to the rows (FTS5's integrity-check with rank 1).
    """
    problems: list[str] = []
    shape = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    if conn.execute(shape).fetchall() != schema_of.execute(shape).fetchall():
        problems.append("schema differs from a fresh store's")
    kept = conn.execute("SELECT * FROM category_counts ORDER BY category").fetchall()
    counted = conn.execute(_COUNTED).fetchall()
    if kept != counted:
        problems.append(f"category_counts {kept} != counted {counted}")
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
