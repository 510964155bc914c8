"""The one exception the importer raises for a source it cannot read."""

from __future__ import annotations


class ImportFailure(Exception):
    """A source could not be imported. The message is plain words for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def size_limit(max_bytes: int) -> str:
    """The reason for a source over the size cap: 'larger than the 64 MiB limit'."""
    if max_bytes >= 1024 * 1024:
        return f"larger than the {max_bytes / (1024 * 1024):g} MiB limit"
    return f"larger than the {max_bytes / 1024:g} KiB limit"
