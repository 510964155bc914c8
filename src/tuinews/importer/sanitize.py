"""The importer's name for tuinews.untrusted (the cleaning is shared with the store's door)."""

from __future__ import annotations

from tuinews.untrusted import clean_block, clean_line, drop_escape_sequences, strip_controls

__all__ = ["clean_block", "clean_line", "drop_escape_sequences", "strip_controls"]
