"""The one exception the importer raises for a source it cannot read."""

from __future__ import annotations


class ImportFailure(Exception):
    """A source could not be imported. The message is plain words for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
