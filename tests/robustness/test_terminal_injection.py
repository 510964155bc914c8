"""Escape sequences in articles never reach the terminal: checked in the store and in the
raw bytes the reader writes to a real pseudo-terminal."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time
from pathlib import Path

from tuinews.importer.pipeline import import_sources
from tuinews.models import View
from tuinews.store import Store, open_store

# Each payload carries a marker that must never be seen by the terminal.
PAYLOADS = {
    "clear screen": "\x1b[2J\x1b[HCLEARED",
    "clipboard write": "\x1b]52;c;Q0xJUEJPQVJE\x07",  # base64 of "CLIPBOARD"
    "window title": "\x1b]0;TITLEPWN\x07\x1b]2;TITLEPWN\x1b\\",
    "hyperlink": "\x1b]8;;https://evil.example/HYPERPWN\x1b\\click\x1b]8;;\x1b\\",
    "bell": "ring\x07ring",
    "c1 csi": "\x9b2JC1PWN",
    "bidi": "abc\u202edlrow\u202c",
    "zero width": "in\u200bvis\u2060ible",
    "device query": "\x1b[6n\x1bZ\x1b[>c",
}
MARKERS = ["Q0xJUEJPQVJE", "TITLEPWN", "HYPERPWN", "\u202e", "\u200b", "\u2060", "\x9b"]


def hostile_articles(tmp_path: Path) -> Path:
    items = []
    for number, (name, payload) in enumerate(PAYLOADS.items()):
        items.append(
            {
                "title": f"Title {number} {payload} end",
                "author": f"Author {payload}",
                "category": f"Cat{payload}",
                "summary": f"Summary {payload}",
                "body": f"Body of {name}: {payload}\n\nSecond paragraph {payload}.",
                "url": f"https://example.org/{number}",
                "published": "2026-11-20T10:00:00+00:00",
            }
        )
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"articles": items}), encoding="utf-8")
    return path


def test_stored_text_holds_no_control_sequences(store: Store, tmp_path: Path) -> None:
    report = import_sources([str(hostile_articles(tmp_path))], store)
    assert report.new == len(PAYLOADS) and not report.failures
    articles = store.articles(View(), now=store_now(), limit=100)
    for article in articles:
        for field in (
            article.title,
            article.author,
            article.category,
            article.summary,
            article.body,
        ):
            text = field or ""
            assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text), repr(text)
            assert not any(0x7F <= ord(ch) <= 0x9F for ch in text), repr(text)
            for marker in MARKERS:
                assert marker not in text, (marker, text)


def store_now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2026, 11, 23, tzinfo=UTC)


def run_in_pty(args: list[str], keys: list[bytes], env: dict[str, str]) -> bytes:
    """Run the reader on a 120x40 pseudo-terminal, type `keys`, return every byte it wrote."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the reader
        os.execvpe(sys.executable, [sys.executable, "-m", "tuinews", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    output = bytearray()

    def drain(seconds: float, until: bytes | None = None) -> None:
        """Read what the reader writes for `seconds`, or until `until` shows or it exits.

        The long waits end on an event (the first screen drawn, the reader gone), so a
        busy machine only makes them longer; the short ones just pace the keys.
        """
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output.extend(chunk)
                if until is not None and until in output:
                    return

    try:
        drain(120.0, until=b"Title")
        for key in keys:
            os.write(fd, key)
            drain(0.5)
        os.write(fd, b"q")
        drain(120.0)  # until the reader has quit and closed the terminal
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return bytes(output)


def test_the_reader_writes_none_of_it_to_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    store = open_store(db)
    import_sources([str(hostile_articles(tmp_path))], store)
    store.close()
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "TUINEWS_CONFIG": str(tmp_path / "none.toml"),
        "COLUMNS": "120",
        "LINES": "40",
    }
    keys = [b"\r", b"j", b" ", b"J", b"J", b"\x1b", b"\t"]  # open, scroll, next, next, back
    written = run_in_pty(["--db", str(db)], keys, env)
    assert b"Title" in written, "the reader did not draw the articles"
    text = written.decode("utf-8", "replace")
    for marker in MARKERS:
        assert marker not in text, f"{marker!r} reached the terminal"
    assert b"CLEARED" not in written or b"\x1b[2J\x1b[HCLEARED" not in written
    assert b"C1PWN" not in written or b"\x9b2JC1PWN" not in written
    assert b"\x1b[6n" not in written  # no device-status query from an article
