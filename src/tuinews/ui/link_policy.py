"""Which links `o` and `y` hand on: http(s), and the schemes the user allows in the config.

A link comes from a stranger's feed. `javascript:`, `data:` or `file:` links would run
or read something in the browser, and a "link" like `--proxy-server=…` would be read by
a browser as an option: only a URL that starts with an allowed scheme is passed on (it
then starts with a letter, never a dash), whole and with no spaces or control characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tuinews.untrusted import shown

OPENED_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")


def link_refusal(url: str, allowed: Iterable[str] = ()) -> str | None:
    """None when `url` may be opened or copied, else why not, in plain words."""
    schemes = {*OPENED_SCHEMES, *(scheme.lower() for scheme in allowed)}
    found = _SCHEME.match(url)
    if found is None:
        return "not a web address"
    scheme = found.group(1).lower()
    if scheme not in schemes:
        allowed_ones = ", ".join(sorted(schemes))
        return f"a {scheme}: link, which tuinews does not open (allowed: {allowed_ones})"
    if scheme in OPENED_SCHEMES and not url[found.end() :].startswith("//"):
        return "not a web address"
    if _UNSAFE.search(url):
        return "the link holds spaces or control characters"
    return None


def refused_message(url: str, reason: str) -> str:
    """The notification for a refused link: the link (cut, made safe) and why."""
    text = shown(url)
    return f"Not opened: {text[:80] + '…' if len(text) > 80 else text}: {reason}"
