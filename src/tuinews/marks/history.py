"""The undo history of read and starred marks: what each user action changed, newest last."""

from __future__ import annotations

from dataclasses import dataclass

from tuinews.wording import counted

UNDO_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Marking:
    """One user action's changes: a column and each article's previous value."""

    column: str
    previous: dict[int, bool]
    label: str

    def undone(self) -> str:
        """What undoing this marking did, in words: 'Undone: 4 articles are unread again.'"""
        count = len(self.previous)
        subject = f"{count} article is" if count == 1 else f"{count} articles are"
        restored = set(self.previous.values())
        if len(restored) != 1:
            return f"Undone: {self.label} ({counted(count, 'article')})."
        value = restored.pop()
        if self.column == "read":
            state = "read again" if value else "unread again"
        else:
            state = "starred again" if value else "no longer starred"
        return f"Undone: {subject} {state}."


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
