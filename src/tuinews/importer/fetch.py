"""Fetch a URL with httpx: a total deadline, a size cap, a few redirects, conditional headers.

`fetch()` is shared by the importer (`fetch_url`, one URL now) and the feed refresh
(many URLs through one client, with If-None-Match / If-Modified-Since).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from tuinews import __version__
from tuinews.importer import limits
from tuinews.importer.errors import ImportFailure, size_limit
from tuinews.importer.fetch_guard import Deadline, check_redirect, decoded, encodings

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"tuinews/{__version__} (terminal newsreader)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml, "
    "application/json, text/html, text/plain;q=0.9, */*;q=0.5"
)
ACCEPT_ENCODING = "gzip, deflate"  # what fetch_guard.decoded() undoes
PERMANENT_REDIRECTS = frozenset({301, 308})


class StatusFailure(ImportFailure):
    """The server answered with an error status (400 or more)."""

    def __init__(self, status: int, phrase: str) -> None:
        super().__init__(f"the server answered {status} {phrase}")
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """What the server sent: a 2xx body (decoded, at most the cap) or a 304 without one.

    `headers` has lower-case names. `permanent_redirect` is where a chain of 301/308
    redirects at the start of the request led: the URL to ask directly next time
    (None when there was none).
    """

    status: int
    body: bytes
    headers: Mapping[str, str]
    final_url: str
    permanent_redirect: str | None = None


def make_client(
    timeout: float = limits.FETCH_TIMEOUT_SECONDS, *, connections: int = 10
) -> httpx.Client:
    """An httpx client that follows up to MAX_REDIRECTS redirects; safe to share by threads.

    It keeps no idle connections: each request opens its own, which its Deadline can
    cut (see fetch_guard). Redirects into internal addresses are refused.
    """
    import httpx

    return httpx.Client(
        follow_redirects=True,
        max_redirects=limits.MAX_REDIRECTS,
        timeout=_timeout(timeout),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=0),
        event_hooks={"response": [check_redirect]},
    )


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = limits.FETCH_TIMEOUT_SECONDS,
    headers: Mapping[str, str] | None = None,
    client: httpx.Client | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FetchResponse:
    """GET `url`; return the response. Raises ImportFailure in plain words.

    The whole request (connecting, headers, body, redirects) ends within `timeout`
    seconds, and within a moment of `should_stop()` turning true. An answer of 400 or
    more is a failure; a 304 comes back with an empty body. The size cap applies to
    the decoded body (after gzip), counted as it is inflated.
    """
    import httpx

    deadline = Deadline(timeout, should_stop)  # the clock starts now
    own = client is None
    active = make_client(timeout, connections=1) if client is None else client
    try:
        with (
            deadline,
            active.stream(
                "GET",
                url,
                headers=headers,
                timeout=_timeout(timeout),
                extensions={"trace": deadline.trace},
            ) as response,
        ):
            if response.status_code >= 400:
                raise StatusFailure(response.status_code, response.reason_phrase or "error")
            body = (
                b"" if response.status_code == 304 else _read_capped(response, max_bytes, deadline)
            )
            return FetchResponse(
                status=response.status_code,
                body=body,
                headers=dict(response.headers),
                final_url=str(response.url),
                permanent_redirect=_permanent_target(response),
            )
    except httpx.InvalidURL:  # (not an HTTPError)
        raise ImportFailure("not a valid URL") from None
    except httpx.HTTPError as exc:
        if deadline.cut:  # the watchdog cut the request: say why
            deadline.check()
        raise ImportFailure(_failure(exc, timeout)) from None
    finally:
        if own:
            active.close()


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout: float = limits.FETCH_TIMEOUT_SECONDS,
    should_stop: Callable[[], bool] | None = None,
) -> bytes:
    """The body of `url`, at most `max_bytes`. Raises ImportFailure in plain words."""
    return fetch(url, max_bytes=max_bytes, timeout=timeout, should_stop=should_stop).body


def _timeout(seconds: float) -> httpx.Timeout:
    import httpx

    return httpx.Timeout(seconds, connect=min(seconds, 10.0))


def _read_capped(response: httpx.Response, max_bytes: int, deadline: Deadline) -> bytes:
    # Content-Length counts the bytes on the wire: it predicts the decoded size only
    # when the body is not compressed.
    declared = response.headers.get("Content-Length", "")
    names = encodings(response.headers.get("Content-Encoding", ""))
    if not names and declared.isdigit() and int(declared) > max_bytes:
        raise ImportFailure(size_limit(max_bytes))
    chunks: list[bytes] = []
    size = 0
    # The raw bytes, inflated here a piece at a time: httpx would inflate a whole
    # chunk at once, and one chunk of stacked gzip can become gigabytes.
    for chunk in decoded(response.iter_raw(), names):
        size += len(chunk)
        if size > max_bytes:
            raise ImportFailure(size_limit(max_bytes))
        deadline.check()
        chunks.append(chunk)
    return b"".join(chunks)


def _permanent_target(response: httpx.Response) -> str | None:
    """The URL reached by the leading 301/308 redirects; a temporary one ends the chain."""
    hops = [*response.history, response]
    target: str | None = None
    for hop, following in pairwise(hops):
        if hop.status_code not in PERMANENT_REDIRECTS:
            break
        target = str(following.request.url)
    return target


def _failure(exc: httpx.HTTPError, timeout: float) -> str:
    import httpx

    if isinstance(exc, httpx.TooManyRedirects):
        return f"too many redirects (more than {limits.MAX_REDIRECTS})"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    return f"could not be fetched ({_reason(exc)})"


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]
