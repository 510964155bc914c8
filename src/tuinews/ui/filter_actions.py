"""The app's side of the filters (killfile): applied when the reader starts (the config may
have changed), listed by "Filters…", undone from there. Imports and refreshes apply them
themselves (importer.pipeline.after_new_articles)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual import work
from textual.app import App
from textual.message import Message

from tuinews.config import Settings
from tuinews.store import Store
from tuinews.store.filters import apply_filters, filter_counts, sync_filters, undo_filter
from tuinews.wording import counted


@dataclass
class FiltersApplied(Message):
    """The filters ran over the articles they had not seen: how many each caught."""

    caught: dict[str, int]


class FilterActions(App[None]):
    """Filters for the app: a base class of TuinewsApp."""

    store: Store
    settings: Settings
    clock: Callable[[], datetime]

    def refresh_main(self) -> None:
        """Reload the main screen's counts and list (TuinewsApp)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="filters")
    def apply_filters_in_background(self) -> None:
        """Copy the config's filters into the store and apply them, on a connection of this
        thread; a busy store is left for the next import or refresh to catch up."""
        try:
            store = self.store.reopen()
        except Exception:  # the file vanished or became unusable meanwhile
            return
        try:
            sync_filters(store.conn, self.settings.filters)
            caught = apply_filters(store.conn, self.clock())
        except sqlite3.Error:
            return
        finally:
            store.close()
        self.post_message(FiltersApplied(caught))

    def on_filters_applied(self, message: FiltersApplied) -> None:
        if not message.caught:
            return
        self.refresh_main()
        caught = ", ".join(f"{name}: {count}" for name, count in message.caught.items())
        self.notify(f"Filters caught {caught} (Filters… in the menu).", timeout=5, markup=False)

    def action_filters(self) -> None:
        from tuinews.ui.screens.filters import FiltersScreen

        counts = filter_counts(self.store.conn, self.settings.filters)
        self.push_screen(FiltersScreen(counts), self._filter_to_undo)

    def _filter_to_undo(self, name: str | None) -> None:
        if name is None:
            return
        try:
            given = undo_filter(self.store.conn, name)
        except sqlite3.Error:
            self.notify("The store is busy; try again.", severity="error")
            return
        self.refresh_main()
        self.notify(f"Gave back {counted(given, 'article')} caught by {name!r}.", markup=False)
