"""The local SQLite store of articles: open_store() and the Store it returns."""

from tuinews.store.schema import StoreError
from tuinews.store.store import UNCATEGORIZED, Saved, Store, open_store

__all__ = ["UNCATEGORIZED", "Saved", "Store", "StoreError", "open_store"]
