"""Identity of an article across imports: the dedupe key and what counts as a change."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tuinews.models import ArticleDraft

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|cmpid$)")


def canonical_url(url: str) -> str:
    """The URL with case-folded scheme and host, no fragment, no tracking parameters."""
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
