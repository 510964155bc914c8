"""The sources the user names: folders expanded, each one's raw bytes read within the caps."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tuinews.importer import limits
from tuinews.importer.errors import ImportFailure, size_limit
from tuinews.models import SourceFailure
from tuinews.untrusted import shown

if TYPE_CHECKING:
    from tuinews.importer.fetch import FetchResponse

NEWS_SUFFIXES = frozenset(
    {".rss", ".atom", ".rdf", ".xml", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".txt"}
    | {".opml"}
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One source to import: `label` is how the user named it, `location` identifies it."""

    label: str
    location: str
    kind: str  # "file", "url" or "stdin"


def expand_sources(
    names: Sequence[str], *, stdin_name: str | None = None
) -> tuple[list[SourceRef], list[SourceFailure]]:
    """Turn what the user named into sources: folders are read recursively.

    Hidden files and folders and files that cannot hold news are skipped. `-` is standard
    input; `stdin_name` names it instead of `-` (the app's "pasted text").
    """
    refs: list[SourceRef] = []
    failures: list[SourceFailure] = []
    for name in names:
        # A label is printed and shown: a file name may carry escape sequences.
        if name == "-":
            label = stdin_name or "-"
            refs.append(SourceRef(label, "stdin" if label == "-" else label, "stdin"))
        elif name.startswith(("http://", "https://")):
            refs.append(SourceRef(shown(name), name, "url"))
        else:
            path = Path(name).expanduser()
            if path.is_dir():
                found = sorted(_news_files(path))
                if not found:
                    failures.append(SourceFailure(name, "no news files in the folder"))
                refs.extend(SourceRef(shown(f), str(f.resolve()), "file") for f in found)
            elif path.exists():
                refs.append(SourceRef(shown(name), str(path.resolve()), "file"))
            else:
                failures.append(SourceFailure(name, "no such file or folder"))
    return refs, failures


def _news_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.is_file() and path.suffix.lower() in NEWS_SUFFIXES:
            found.append(path)
    return found


def fetch_source(
    ref: SourceRef,
    *,
    timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FetchResponse:
    """A URL source's response, at most limits.MAX_SOURCE_BYTES, within `timeout` in all."""
    from tuinews.importer.fetch import fetch

    return fetch(
        ref.location,
        max_bytes=limits.MAX_SOURCE_BYTES,
        timeout=timeout or limits.FETCH_TIMEOUT_SECONDS,
        should_stop=should_stop,
    )


def read_source(
    ref: SourceRef,
    stdin: BinaryIO | None = None,
    *,
    timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> bytes:
    """The raw bytes of a source, at most limits.MAX_SOURCE_BYTES.

    A URL is fetched within `timeout` seconds in all (fetch's default when None), and
    given up at once when `should_stop()` turns true.
    """
    if ref.kind == "stdin":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limits.MAX_SOURCE_BYTES + 1)
    elif ref.kind == "url":
        data = fetch_source(ref, timeout=timeout, should_stop=should_stop).body
    else:
        try:
            with open(ref.location, "rb") as handle:
                _check_size(os.fstat(handle.fileno()))
                data = handle.read(limits.MAX_SOURCE_BYTES + 1)
        except IsADirectoryError:
            raise ImportFailure("is a folder") from None
        except PermissionError:
            raise ImportFailure("permission denied") from None
        except OSError as exc:
            raise ImportFailure(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limits.MAX_SOURCE_BYTES:
        raise ImportFailure(size_limit(limits.MAX_SOURCE_BYTES))
    return data


def _check_size(status: os.stat_result) -> None:
    """Refuse a regular file over the cap before reading any of it (memory stays flat)."""
    if stat.S_ISREG(status.st_mode) and status.st_size > limits.MAX_SOURCE_BYTES:
        size = status.st_size / (1024 * 1024)
        raise ImportFailure(f"too large: {size:,.0f} MiB, {size_limit(limits.MAX_SOURCE_BYTES)}")


def display_name(ref: SourceRef) -> str:
    """The name a source gets when its content names none: the file's name, the URL."""
    if ref.kind == "file":
        return shown(Path(ref.location).name)
    if ref.kind == "stdin" and ref.label == "-":
        return "standard input"
    return ref.label
