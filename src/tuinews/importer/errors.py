"""The one exception the importer raises for a source it cannot read."""

from __future__ import annotations

from tuinews.untrusted import shown


class ImportFailure(Exception):
    """A source could not be imported. The message is plain words for the user.

    A reason often quotes a stranger (a server's reason phrase, a parser's message
    about a file): it is made safe to print here, once for every caller.
    """

    def __init__(self, reason: str) -> None:
        reason = shown(reason)
        super().__init__(reason)
        self.reason = reason


def size_limit(max_bytes: int) -> str:
    """The reason for a source over the size cap: 'larger than the 64 MiB limit'."""
    if max_bytes >= 1024 * 1024:
        return f"larger than the {max_bytes / (1024 * 1024):g} MiB limit"
    return f"larger than the {max_bytes / 1024:g} KiB limit"
