"""Fetch a URL for import with httpx: timeouts, a size cap, a few redirects."""

from __future__ import annotations

from tuinews import __version__
from tuinews.importer.errors import ImportFailure, size_limit

USER_AGENT = f"tuinews/{__version__} (terminal newsreader)"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5


def fetch_url(url: str, *, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The body of `url`, at most `max_bytes`. Raises ImportFailure in plain words."""
    import httpx

    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml, "
        "application/json, text/html, text/plain;q=0.9, */*;q=0.5",
    }
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = response.reason_phrase or "error"
                raise ImportFailure(f"the server answered {response.status_code} {phrase}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise ImportFailure(size_limit(max_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise ImportFailure(size_limit(max_bytes))
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TooManyRedirects:
        raise ImportFailure(f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.TimeoutException:
        raise ImportFailure(f"timed out after {timeout:g} s") from None
    except httpx.InvalidURL:
        raise ImportFailure("not a valid URL") from None
    except httpx.HTTPError as exc:
        raise ImportFailure(f"could not be fetched ({_reason(exc)})") from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]
