"""App-wide messages posted by workers and widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tuinews.models import FeedProgress, ImportReport, RefreshReport


@dataclass
class ImportFinished(Message):
    """An import worker is done; the report says what it did."""

    report: ImportReport
    quiet: bool = False


@dataclass
class ImportFailed(Message):
    """An import worker could not run at all (the store could not be opened)."""

    reason: str


@dataclass
class RefreshProgress(Message):
    """One feed of a refresh has landed (its articles are in the store)."""

    progress: FeedProgress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgress)


@dataclass
class RefreshFinished(Message):
    """A refresh is done (or was stopped); the report says what it did."""

    report: RefreshReport | None
    error: str | None = None


@dataclass
class MarksSaved(Message):
    """Marks that waited for a busy store have all landed."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MarksSaved)


@dataclass
class MarkFailed(Message):
    """A mark or setting could not be written; the reason is for the user."""

    reason: str
