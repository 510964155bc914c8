"""Enclosures (podcast audio, video, files): described, and downloaded to a folder with
progress. No Textual. (The player's command line is browser.command_for's, as for o.)

A download streams over HTTP with the importer's client (redirect guard, user agent), a
size cap (limits.MAX_DOWNLOAD_BYTES) and the fetch time-out of importer/limits.py as the
longest wait for the server; it writes to a `.part` file renamed when complete, so a
failed or stopped download leaves nothing behind and never replaces an existing file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tuinews.importer import limits
from tuinews.importer.errors import ImportFailure, size_limit
from tuinews.models import Enclosure
from tuinews.untrusted import shown

Progress = Callable[[int, int | None], None]  # bytes so far, bytes in all (None: unknown)
_PIECE = 64 * 1024
_UNSAFE_NAME = re.compile(r"[^\w.+-]+")


class DownloadFailure(ImportFailure):
    """A download that could not be completed; the message says why, in plain words."""


def size_text(length: int | None) -> str:
    """'12.3 MB', '850 KB', '' when unknown."""
    if not length:
        return ""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if length >= size:
            return f"{length / size:.1f} {unit}"
    return f"{length} B"


def describe(enclosure: Enclosure) -> str:
    """'audio/mpeg · 12.3 MB': the type and size, as known."""
    parts = [enclosure.type or "file", size_text(enclosure.length)]
    return " · ".join(part for part in parts if part)


def file_name(url: str) -> str:
    """A safe file name from the URL's last path part ('episode-12.mp3')."""
    last = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    name = _UNSAFE_NAME.sub("-", shown(last)).strip(".-")[:120]
    return name or "enclosure"


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)`, `name (3)`... when that file exists."""
    target = folder / name
    stem, suffix = os.path.splitext(name)
    number = 2
    while target.exists() or target.with_name(target.name + ".part").exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


def download(
    url: str,
    folder: str | Path,
    *,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> Path:
    """Download `url` into `folder` (`~` expanded, made when missing); return the file.

    Raises DownloadFailure with the reason (an HTTP error, the size cap, a time-out,
    a stop, a folder that cannot be written).
    """
    import httpx

    from tuinews.importer.fetch import make_client

    cap = limits.MAX_DOWNLOAD_BYTES if max_bytes is None else max_bytes
    wait = limits.FETCH_TIMEOUT_SECONDS if timeout is None else timeout
    try:
        where = Path(folder).expanduser()
        where.mkdir(parents=True, exist_ok=True)
        target = free_path(where, file_name(url))
        part = target.with_name(target.name + ".part")
        out = part.open("xb")
    except OSError as exc:
        raise DownloadFailure(f"{folder}: {exc.strerror or exc}") from None
    try:
        with out, make_client(wait, connections=1) as client, client.stream("GET", url) as reply:
            if reply.status_code >= 400:
                raise DownloadFailure(
                    f"the server answered {reply.status_code} {reply.reason_phrase}"
                )
            declared = reply.headers.get("Content-Length", "")
            total = int(declared) if declared.isdigit() else None
            if total is not None and total > cap:
                raise DownloadFailure(size_limit(cap))
            done = 0
            for piece in reply.iter_bytes(_PIECE):
                done += len(piece)
                if done > cap:
                    raise DownloadFailure(size_limit(cap))
                if should_stop is not None and should_stop():
                    raise DownloadFailure("stopped")
                out.write(piece)
                if on_progress is not None:
                    on_progress(done, total)
            if total is not None and done < total:
                raise DownloadFailure(f"the server sent {done:,} of {total:,} bytes")
        part.rename(target)
        return target
    except httpx.TimeoutException:
        raise DownloadFailure(f"the server sent nothing for {wait:g} s") from None
    except httpx.HTTPError as exc:
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise DownloadFailure(f"could not be fetched ({reason})") from None
    except OSError as exc:
        raise DownloadFailure(f"{part}: {exc.strerror or exc}") from None
    finally:
        part.unlink(missing_ok=True)
