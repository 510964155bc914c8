"""Identity of an article across imports: the dedupe key and what counts as a change.

`article_fields` gives every column of a new article that does not depend on the store,
so that a worker process can prepare them while the store writes (see Store.save_source).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tuinews.models import ArticleDraft, Enclosure
from tuinews.store.rows import to_iso
from tuinews.untrusted import door_block, door_line

UNCATEGORIZED = "Uncategorized"

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|cmpid$)")
# A URL that canonical_url leaves as it is, but for a trailing slash and "www.": lower-case
# scheme and host, no user, query, fragment, whitespace or control characters.
_PLAIN_URL = re.compile(r"(https?)://([a-z0-9.-]+(?::[0-9]+)?)(/[^\s\x00-\x1f\x7f?#]*)?")
# Bytes as str.split() sees them: ASCII whitespace to b" ", everything else to b"x".
_WORD_MAP = bytes(32 if chr(byte).isspace() else 120 for byte in range(256))


class Fields(NamedTuple):
    """A draft as the store's columns, and the canonical link (for the content hash)."""

    dedupe_key: str
    source: str
    url: str | None
    title: str
    author: str | None
    published: str | None
    category: str
    summary: str | None
    body: str
    link: str | None
    enclosures: tuple[Enclosure, ...] = ()


def canonical_url(url: str) -> str:
    """The URL with case-folded scheme and host, no fragment, no tracking parameters."""
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None:  # most links: the same result without urllib's cost
        scheme, host, path = plain.group(1, 2, 3)
        host = host.removeprefix("www.")
        if host:  # (urlunsplit treats an empty host differently)
            return f"{scheme}://{host}{(path or '').rstrip('/') or '/'}"
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def normalize_title(title: str) -> str:
    """Lower case, accents folded, punctuation and runs of space dropped."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    letters = "".join(ch for ch in folded if ch.isalnum() or ch.isspace())
    return " ".join(letters.split())


def dedupe_key(draft: ArticleDraft, source: str) -> str:
    """Feed guid, else canonical URL, else a hash of the normalized title and source."""
    if draft.key_hint:
        return "guid:" + draft.key_hint.strip()
    if draft.url and urlsplit(draft.url).netloc:
        return "url:" + canonical_url(draft.url)
    digest = hashlib.sha1(f"{normalize_title(draft.title)}\n{source}".encode()).hexdigest()
    return "title:" + digest


def content_hash(*fields: str | None) -> str:
    """A digest of an article's text fields: a different digest is a newer version."""
    joined = "\x1f".join(field or "" for field in fields)
    return hashlib.sha1(joined.encode()).hexdigest()


def word_count(text: str) -> int:
    """len(text.split()), without a string per word for ASCII text."""
    if not text.isascii():
        return len(text.split())
    mapped = text.encode().translate(_WORD_MAP)
    return mapped.count(b" x") + mapped.startswith(b"x")


def article_fields(draft: ArticleDraft, source_name: str, category: str | None) -> Fields:
    """A draft's columns as Store.save_source(location, source_name, ..., category) stores them.

    `category` overrides the draft's own; `source_name` names a draft that does not.
    The store adds the word count and the content hash (fields_hash) itself.
    """
    source = draft.source_name or source_name
    return Fields(
        dedupe_key(draft, source),
        source,
        draft.url,
        draft.title,
        draft.author,
        to_iso(draft.published) if draft.published else None,
        category or draft.category or UNCATEGORIZED,
        draft.summary,
        draft.body,
        # The canonical URL: a link that only gained tracking parameters is no new version.
        canonical_url(draft.url) if draft.url else None,
        draft.enclosures,
    )


def fields_hash(fields: Fields) -> str:
    """The content hash of an article's fields (see content_hash).

    Enclosures count only when there are some: an article stored before they were
    kept is not a newer version for want of them.
    """
    attached = [f"{e.url} {e.type} {e.length}" for e in fields.enclosures]
    return content_hash(
        fields.title,
        fields.author,
        fields.published,
        fields.category,
        fields.link,
        fields.summary,
        fields.body,
        *attached,
    )


def door_fields(fields: Fields) -> Fields:
    """The fields as the store writes them: nothing a terminal would act on, whoever
    prepared them (the importer cleans first; this is the store's own check)."""
    return Fields(
        door_line(fields.dedupe_key),
        door_line(fields.source),
        door_line(fields.url),
        door_line(fields.title),
        door_line(fields.author),
        fields.published,
        door_line(fields.category),
        door_block(fields.summary),
        door_block(fields.body),
        door_line(fields.link),
        door_enclosures(fields.enclosures),
    )


def door_enclosures(enclosures: tuple[Enclosure, ...]) -> tuple[Enclosure, ...]:
    """Enclosures as the store writes them (see door_fields)."""
    return tuple(Enclosure(door_line(e.url), door_line(e.type), e.length) for e in enclosures)
