"""Hostile servers on 127.0.0.1: stacked encodings that inflate to gigabytes, servers that
trickle one byte at a time, redirects into internal addresses.

No test races the clock: a slow server is bounded by a deadline set small here, and
memory by tracemalloc's peak.
"""

from __future__ import annotations

import gzip
import threading
import tracemalloc
import zlib
from pathlib import Path

import pytest

from cli import tuinews
from httpserver import Reply, serve, static
from tuinews.importer.errors import ImportFailure
from tuinews.importer.fetch import fetch, fetch_url

MIB = 1024 * 1024
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
    b"<item><title>Ferry returns</title><link>https://example.org/1</link>"
    b"<description>Back in service.</description></item></channel></rss>"
)


def gzip_of_zeros(size: int) -> bytes:
    """gzip of `size` zero bytes, made a MiB at a time (the zeros never sit in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(MIB)
    out = [packer.compress(block) for _ in range(size // MIB)]
    return b"".join([*out, packer.flush()])


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """256 MiB of zeros, gzipped: 255 KB (gzipped once more: 262 bytes)."""
    return gzip_of_zeros(256 * MIB)


@pytest.mark.parametrize("layers", [1, 2, 3])
def test_stacked_gzip_is_capped_in_decoded_bytes_before_memory_grows(
    bomb: bytes, layers: int
) -> None:
    body = bomb
    for _ in range(layers - 1):
        body = gzip.compress(body)
    encoding = ", ".join(["gzip"] * layers)
    routes = {"/bomb": static(body, "application/rss+xml", **{"Content-Encoding": encoding})}
    with serve(routes) as (base, _):
        tracemalloc.start()
        try:
            with pytest.raises(ImportFailure, match="larger than the 1 MiB limit"):
                fetch(f"{base}/bomb", max_bytes=MIB, timeout=30)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 8 * MIB, f"peak {peak / MIB:.0f} MiB"


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip, gzip", gzip.compress(gzip.compress(FEED))),
        ("deflate", zlib.compress(FEED)),
        ("deflate", zlib.compress(FEED)[2:-4]),  # raw deflate, as some servers send it
        ("gzip", gzip.compress(FEED[:100]) + gzip.compress(FEED[100:])),  # two members
        ("identity", FEED),
    ],
    ids=["gzip twice", "deflate", "raw deflate", "gzip members", "identity"],
)
def test_every_encoding_is_undone(encoding: str, body: bytes) -> None:
    routes = {"/feed": static(body, **{"Content-Encoding": encoding})}
    with serve(routes) as (base, _):
        assert fetch_url(f"{base}/feed", max_bytes=MIB) == FEED


@pytest.mark.parametrize(
    ("encoding", "reason"),
    [
        ("br", r"an encoding tuinews cannot read \(br\)"),
        ("gzip, gzip, gzip, gzip, gzip", "stacked 5 encodings"),
    ],
)
def test_unknown_or_too_many_encodings_are_refused(encoding: str, reason: str) -> None:
    routes = {"/feed": static(b"xxxx", **{"Content-Encoding": encoding})}
    with serve(routes) as (base, _), pytest.raises(ImportFailure, match=reason):
        fetch_url(f"{base}/feed", max_bytes=MIB)


def test_a_corrupt_gzip_body_is_a_plain_failure() -> None:
    routes = {"/feed": static(b"\x1f\x8b\x08\x00garbage", **{"Content-Encoding": "gzip"})}
    with serve(routes) as (base, _), pytest.raises(ImportFailure, match="does not decompress"):
        fetch_url(f"{base}/feed", max_bytes=MIB)


# -- servers that trickle ------------------------------------------------------------------


def trickler(body: bytes = FEED, *, body_only: bool = False) -> tuple[Reply, threading.Event]:
    """A route's reply sending a byte every 50 ms (about 10 s for the whole feed)."""
    hung_up = threading.Event()
    reply = Reply(
        200,
        body,
        {"Content-Type": "application/rss+xml"},
        trickle=0.05,
        trickle_body=body_only,
        hung_up=hung_up,
    )
    return reply, hung_up


@pytest.mark.parametrize("body_only", [False, True], ids=["headers", "body"])
def test_a_trickling_server_is_cut_off_at_the_deadline(body_only: bool) -> None:
    reply, hung_up = trickler(body_only=body_only)
    with serve({"/slow": lambda request: reply}) as (base, _):
        with pytest.raises(ImportFailure, match="timed out after 1 s"):
            fetch_url(f"{base}/slow", max_bytes=MIB, timeout=1)
        assert hung_up.wait(30), "the connection was left open"


def test_stopping_cuts_a_fetch_in_progress() -> None:
    reply, hung_up = trickler()
    asked = threading.Event()

    def route(request: object) -> Reply:
        asked.set()
        return reply

    stop = threading.Event()
    with serve({"/slow": route}) as (base, _):
        waiter = threading.Thread(target=lambda: asked.wait(30) and stop.set())
        waiter.start()
        with pytest.raises(ImportFailure, match="stopped"):
            fetch_url(f"{base}/slow", max_bytes=MIB, timeout=60, should_stop=stop.is_set)
        waiter.join()
        assert hung_up.wait(30)


def test_import_and_refresh_give_up_on_a_trickling_server(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[feeds]\ntimeout_seconds = 1\n")
    db = tmp_path / "store.db"
    reply, _ = trickler()
    with serve({"/slow": lambda request: reply}) as (base, _):
        imported = tuinews("--config", str(config), "import", "--db", str(db), f"{base}/slow")
        assert tuinews("feeds", "add", "--db", str(db), f"{base}/slow").returncode == 0
        refreshed = tuinews("--config", str(config), "refresh", "--db", str(db))
    assert imported.returncode == 1
    assert "timed out after 1 s" in imported.stderr
    assert refreshed.returncode == 1
    assert "timed out after 1 s" in refreshed.stderr


# -- redirects into internal addresses -----------------------------------------------------


def test_a_public_server_cannot_redirect_to_an_internal_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """127.0.0.1 plays a public server here; `localhost` is the internal target."""
    from tuinews.importer import fetch_guard

    real = fetch_guard.resolve
    monkeypatch.setattr(
        fetch_guard,
        "resolve",
        lambda host: ["93.184.215.14"] if host == "127.0.0.1" else real(host),
    )
    with serve({"/feed": static(FEED)}) as (base, hits):
        port = base.rsplit(":", 1)[1]
        target = f"http://localhost:{port}/feed"
        routes = {"/jump": lambda request: Reply(302, b"", {"Location": target})}
        with serve(routes) as (public, _), pytest.raises(ImportFailure, match="internal"):
            fetch_url(f"{public}/jump", max_bytes=MIB)
        assert hits == []


def test_loopback_urls_the_user_names_are_fetched_and_may_redirect_inside() -> None:
    with serve({"/feed": static(FEED)}) as (base, _):
        routes = {"/jump": lambda request: Reply(302, b"", {"Location": f"{base}/feed"})}
        with serve(routes) as (other, _):
            assert fetch_url(f"{other}/jump", max_bytes=MIB) == FEED


@pytest.mark.parametrize(
    ("host", "internal"),
    [
        ("169.254.169.254", True),
        ("10.0.0.1", True),
        ("192.168.1.1", True),
        ("127.0.0.1", True),
        ("[::1]", True),
        ("[fe80::1]", True),
        ("93.184.215.14", False),
        ("no-such-host.invalid", True),
    ],
)
def test_what_counts_as_internal(host: str, internal: bool) -> None:
    from tuinews.importer import fetch_guard

    assert fetch_guard._internal(host) is internal
