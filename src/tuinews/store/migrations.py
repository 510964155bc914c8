"""The store's schema as numbered migrations: each entry of MIGRATIONS is one version.

To change the schema, append a migration (a SQL script, or a function of a sqlite-utils
Database) to MIGRATIONS; never edit a released one. schema.migrate() applies them, each
in its own transaction; schema.py also holds the checks made before a file is touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from tuinews.store.migrations_base import V1, V2, V3, V4, V5, V6
from tuinews.store.migrations_daily import V7, V8, V9, V10, V11, V12, V13, V14

# One schema version: a SQL script, or a function that changes the schema through
# sqlite-utils (`db[table].transform(...)`, `create_index`, `enable_fts`...).
Migration = str | Callable[["sqlite_utils.Database"], None]

# Each entry is one schema version; never edit a released one, append a new one.
MIGRATIONS: list[Migration] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14]
