"""The undo history of read and starred marks: what each user action changed, newest last."""

from __future__ import annotations

from dataclasses import dataclass

UNDO_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Marking:
    """One user action's changes: a column and each article's previous value."""

    column: str
    previous: dict[int, bool]
    label: str


class UndoHistory:
    """The last `depth` markings that changed something, to be undone newest first."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._markings: list[Marking] = []

    def __len__(self) -> int:
        return len(self._markings)

    def push(self, marking: Marking) -> None:
        """Remember a marking; one that changed nothing is not worth an undo step."""
        if marking.previous:
            self._markings.append(marking)
            del self._markings[: -self.depth]

    def pop(self) -> Marking | None:
        """The newest marking, taken off the history; None when there is none."""
        return self._markings.pop() if self._markings else None
