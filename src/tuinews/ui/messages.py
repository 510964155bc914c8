"""App-wide messages posted by workers and widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tuinews.models import ImportReport


@dataclass
class ImportFinished(Message):
    """An import worker is done; the report says what it did."""

    report: ImportReport
    quiet: bool = False


@dataclass
class ImportFailed(Message):
    """An import worker could not run at all (the store could not be opened)."""

    reason: str
