"""Links as sources write them, made absolute against the URL the source came from."""

from __future__ import annotations

import re
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
