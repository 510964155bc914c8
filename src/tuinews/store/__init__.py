"""The local SQLite store of articles: open_store() and the Store it returns."""

from tuinews.store.keys import UNCATEGORIZED
from tuinews.store.opening import open_store
from tuinews.store.saving import Saved
from tuinews.store.schema import StoreError
from tuinews.store.store import Store

__all__ = ["UNCATEGORIZED", "Saved", "Store", "StoreError", "open_store"]
