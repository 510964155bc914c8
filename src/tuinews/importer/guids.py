"""A guid names an article within its feed, not across the store.

Feeds reuse small guids (`1`, `post-1`, a bare number), and some repeat one guid for
several posts. The store keys an article by its draft's `key_hint` (see
store.keys.dedupe_key), so the importer scopes each guid to the source it came from (a
file's path, a URL, a subscription): `<length of location>:<location>:<guid>`, which no
two (location, guid) pairs share. Schema migration 6 rewrote the keys of older stores
the same way.

Within one source, a guid seen again with another link or title is another post: it
gets a key of its own (`<guid> <link or title>`), so neither is lost. The first one
keeps the plain guid, so the keys stay the same from one import to the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from tuinews.models import ArticleDraft

_SCOPED = re.compile(r"([0-9]+):")


def scope_guids(drafts: Iterable[ArticleDraft], location: str) -> Iterator[ArticleDraft]:
    """The drafts with their guids scoped to `location`, a repeated guid told apart."""
    prefix = f"{len(location)}:{location}:"
    first: dict[str, tuple[str | None, str]] = {}
    for draft in drafts:
        guid = draft.key_hint
        if guid:
            seen = first.setdefault(guid, (draft.url, draft.title))
            if seen != (draft.url, draft.title):
                other_link = draft.url is not None and draft.url != seen[0]
                guid = f"{guid} {draft.url if other_link else draft.title}"
            draft = replace(draft, key_hint=prefix + guid)
        yield draft


def unscoped(key_hint: str) -> str:
    """The guid as the feed gave it (what keys held before migration 6)."""
    found = _SCOPED.match(key_hint)
    if found is None:
        return key_hint
    start = found.end() + int(found.group(1)) + 1
    return key_hint[start:] if len(key_hint) >= start else key_hint
