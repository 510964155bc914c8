"""Feeds that declare XML entities are refused before any parser sees them."""

from __future__ import annotations

import re

from tuinews.importer.errors import ImportFailure

# Entity declarations can expand a few bytes into gigabytes ("billion laughs") or
# pull in local files (external entities). Real feeds never declare entities, so a
# feed that does is refused before any parser sees it.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_ROOT_START = re.compile(rb"<(?![?!])")


def check_no_entities(data: bytes) -> None:
    """Refuse XML whose prolog declares entities (entity-expansion bombs, XXE)."""
    head_end = _ROOT_START.search(data)
    prolog = data[: head_end.start()] if head_end else data
    if _ENTITY_DECLARATION.search(prolog.replace(b"\x00", b"")):
        raise ImportFailure("the XML declares entities, which tuinews refuses (entity expansion)")
