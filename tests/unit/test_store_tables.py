"""The store as other tools see it: its tables as the README documents them, sqlite-utils
reading it, and migrations written as sqlite-utils calls."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from conftest import ROOT
from tuinews.store import Store, schema


def documented_columns() -> dict[str, set[str]]:
    """Each table of the README's "The store's tables" and the columns it names."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The store's tables", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, set[str]] = {}
    table = ""
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].startswith("`"):
            continue
        table = cells[0].strip("`") or table
        tables.setdefault(table, set()).update(re.findall(r"`(\w+)`", cells[1]))
    return tables


def stored_columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("articles_fts_")  # FTS5's own shadow tables
    ]
    return {name: {row[1] for row in conn.execute(f"PRAGMA table_info({name})")} for name in names}


def test_the_readme_documents_every_table_and_column(store: Store) -> None:
    assert documented_columns() == stored_columns(store.conn)


def test_sqlite_utils_reads_the_store_and_the_readme_search_runs(
    sample_store: Store, db_path: Path
) -> None:
    sample_store.close()
    db = sqlite_utils.Database(db_path)
    assert db.table("articles").count == sum(row["total"] for row in db["category_counts"].rows)
    found = list(
        db.query(
            "select a.id, a.title from articles_fts f join articles a on a.id = f.rowid "
            "where articles_fts match 'satellite' order by f.rank limit 10"
        )
    )
    assert found and "Satellite" in found[0]["title"]
    db.close()


def _index_step(db: sqlite_utils.Database) -> None:
    db.table("articles").create_index(["source_id", "sort_at"], index_name="test_by_source")


def _failing_step(db: sqlite_utils.Database) -> None:
    _index_step(db)
    raise RuntimeError("the migration fails half way")


def _index_names(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}


def test_a_migration_through_sqlite_utils_runs_in_its_own_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(conn, 0)
    latest = schema.LATEST_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _failing_step])
    with pytest.raises(RuntimeError):
        schema.migrate(conn, latest, target=latest + 1)
    assert not conn.in_transaction
    assert "test_by_source" not in _index_names(conn)
    assert conn.execute("PRAGMA user_version").fetchone() == (latest,)

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:-1], _index_step])
    schema.migrate(conn, latest, target=latest + 1)
    assert "test_by_source" in _index_names(conn)
    assert conn.execute("PRAGMA user_version").fetchone() == (latest + 1,)
    assert conn.execute("PRAGMA application_id").fetchone() == (schema.APPLICATION_ID,)
