"""Which feed a source's guids belong to: one feed imported two ways is stored once.

A guid names an article within its feed: the importer scopes each guid to the location it
came from (importer/guids.py), `guid:<length>:<location>:<guid>`, so that feeds reusing
small guids ("1") stay apart. But one feed often comes in two ways: its saved XML file and
its URL (an import, a subscription). Each is a source of its own, and each kept its own
copy of every article.

So a feed is recognised by its articles, as newsboat keys an item by its feed's guid: a
new source takes the guid scope of an earlier source of the same kind and name (the
feed's title) that already holds some of the same articles (the same guid, with the same
link or title), among the first rows it brings. The choice is kept in sources.guid_scope
(schema 13) and holds for every later import of that source, whatever the feed holds
then. A source keeps its own scope (NULL) when no earlier one matches, and every source
of an older store keeps the scope its keys were made with: no key changes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from typing import Protocol

_SCOPED = re.compile(r"guid:([0-9]+):")
SAMPLE = 32  # guids looked up in each candidate source: spread over the first rows
# Earlier feeds of the same kind and name tried, oldest first (the sources that already
# share one feed's scope, its daily snapshots say, count once).
CANDIDATES = 10
_KEYS_PER_QUERY = 500  # under SQLite's oldest limit of 999 variables


class Brought(Protocol):
    """What a new row brings that tells its article: its key, link and title."""

    @property
    def dedupe_key(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def title(self) -> str: ...


def split_guid_key(key: str) -> tuple[str, str] | None:
    """(scope, guid) of a scoped guid key; None for any other key."""
    found = _SCOPED.match(key)
    if found is None:
        return None
    start = found.end()
    end = start + int(found.group(1))
    if key[end : end + 1] != ":":
        return None
    return key[start:end], key[end + 1 :]


def scoped_key(scope: str, guid: str) -> str:
    """The dedupe key of `guid` in the feed whose guids are scoped to `scope`."""
    return f"guid:{len(scope)}:{scope}:{guid}"


def rescoped(key: str, scope: str) -> str:
    """`key` in `scope` when it is a guid key; any other key as it is."""
    parts = split_guid_key(key)
    return key if parts is None else scoped_key(scope, parts[1])


def recorded_scope(conn: sqlite3.Connection, location: str) -> str | None:
    """The scope chosen for the source at `location` (None: its own, or no such source)."""
    row = conn.execute("SELECT guid_scope FROM sources WHERE location = ?", (location,)).fetchone()
    return None if row is None else row[0]


def shared_scope(conn: sqlite3.Connection, source_id: int, rows: Sequence[Brought]) -> str | None:
    """The scope of the earlier source that holds most of these rows' articles, recorded
    for `source_id`; None (nothing recorded) when no earlier source holds any."""
    guided = [
        (parts[1], row.url, row.title)
        for row in rows
        if (parts := split_guid_key(row.dedupe_key)) is not None
    ]
    if not guided:
        return None
    sample = guided[:: max(1, len(guided) // SAMPLE)][:SAMPLE]
    candidates = conn.execute(
        "SELECT coalesce(c.guid_scope, c.location) AS scope FROM sources s JOIN sources c "
        "ON c.kind = s.kind AND c.name = s.name AND c.id != s.id "
        "WHERE s.id = ? GROUP BY scope ORDER BY min(c.id) LIMIT ?",
        (source_id, CANDIDATES),
    ).fetchall()
    scopes = [scope for (scope,) in candidates]
    wanted = {
        scoped_key(scope, guid): (scope, url, title)
        for scope in scopes
        for guid, url, title in sample
    }
    hits = dict.fromkeys(scopes, 0)
    keys = list(wanted)
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        part = keys[start : start + _KEYS_PER_QUERY]
        found = conn.execute(
            "SELECT dedupe_key, url, title FROM articles "
            f"WHERE dedupe_key IN ({', '.join('?' * len(part))})",
            part,
        )
        for key, url, title in found:
            scope, own_url, own_title = wanted[key]
            # The same guid for another article (another link and title) is another feed's.
            if (url is not None and url == own_url) or title == own_title:
                hits[scope] += 1
    best = max(scopes, key=lambda scope: hits[scope], default=None)  # the oldest of a tie
    if best is not None and hits[best] == 0:
        best = None
    if best is not None:
        conn.execute("UPDATE sources SET guid_scope = ? WHERE id = ?", (best, source_id))
    return best
