"""Read and starred marks with undo: every marking remembers what it changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tuinews.store import Store

UNDO_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Marking:
    """One user action's changes: a column and each article's previous value."""

    column: str
    previous: dict[int, bool]
    label: str


class Marks:
    """Marks articles through the store and keeps an undo stack of what changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.history: list[Marking] = []

    def set_read(self, ids: Sequence[int], read: bool, label: str) -> list[int]:
        """Mark articles read or unread; return the ids that changed."""
        changed = self.store.set_read(ids, read)
        self._remember(Marking("read", dict.fromkeys(changed, not read), label))
        return changed

    def mark_view_read(self, ids: list[int], label: str) -> None:
        """Remember a mark-all the store already made (the ids were unread)."""
        self._remember(Marking("read", dict.fromkeys(ids, False), label))

    def set_starred(self, article_id: int, starred: bool) -> None:
        self.store.set_starred(article_id, starred)
        label = "starred" if starred else "unstarred"
        self._remember(Marking("starred", {article_id: not starred}, label))

    def undo(self) -> Marking | None:
        """Put back the last marking; return it, or None when there is nothing to undo."""
        if not self.history:
            return None
        marking = self.history.pop()
        self.store.restore(marking.column, marking.previous)
        return marking

    def _remember(self, marking: Marking) -> None:
        if marking.previous:
            self.history.append(marking)
            del self.history[:-UNDO_DEPTH]
