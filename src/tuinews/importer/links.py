"""Links as sources write them, made absolute against the URL the source came from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def absolute(base: str, link: str) -> str:
    """`link` resolved against `base` (a link with a scheme is left as it is)."""
    if _SCHEME.match(link):
        return link
    try:
        return urljoin(base, link.strip())
    except ValueError:  # a malformed IPv6 host, say: keep what the feed wrote
        return link


def document_base(final_url: str, headers: Mapping[str, str]) -> str:
    """The URL a fetched document's relative links resolve against.

    The URL it was fetched from after redirects, or the Content-Location the server
    names for it (as feedparser and HTTP/1.1 read it), resolved against that URL.
    """
    location = (headers.get("content-location") or "").strip()
    return absolute(final_url, location) if location else final_url
