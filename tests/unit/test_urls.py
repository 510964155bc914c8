"""Importing from http(s) URLs against a real server on 127.0.0.1."""

from __future__ import annotations

import socket

import pytest

from conftest import FIXTURES
from httpserver import Reply, serve, static
from tuinews.importer.errors import ImportFailure
from tuinews.importer.fetch import fetch_url
from tuinews.importer.pipeline import import_sources
from tuinews.store import Store

RSS = (FIXTURES / "feeds" / "small.rss").read_bytes()
ATOM = (FIXTURES / "feeds" / "small.atom").read_bytes()


def test_feeds_from_urls_import_and_reimport_adds_nothing(store: Store) -> None:
    routes = {
        "/feed.xml": static(RSS),
        # A wrong content type does not matter: the content is sniffed.
        "/atom.txt": static(ATOM, "text/plain"),
        "/moved": lambda r: Reply(301, headers={"Location": "/feed.xml"}),
    }
    with serve(routes) as (base, hits):
        report = import_sources([f"{base}/feed.xml", f"{base}/atom.txt"], store)
        assert (report.new, report.failures) == (3, [])
        again = import_sources([f"{base}/moved"], store)
        assert (again.new, again.duplicate, again.failures) == (0, 2, [])
        assert "/feed.xml" in hits and "/moved" in hits


def test_http_errors_are_plain_reasons(store: Store) -> None:
    routes = {
        "/gone": lambda r: Reply(404, b"no"),
        "/broken": lambda r: Reply(500, b"oops"),
        "/loop": lambda r: Reply(302, headers={"Location": "/loop"}),
        "/ok": static(ATOM),
    }
    with serve(routes) as (base, _):
        report = import_sources(
            [f"{base}/gone", f"{base}/broken", f"{base}/loop", f"{base}/ok"], store
        )
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert reasons == {
        "gone": "the server answered 404 Not Found",
        "broken": "the server answered 500 Internal Server Error",
        "loop": "too many redirects (more than 5)",
    }
    assert report.new == 1


def test_slow_server_times_out() -> None:
    with (
        serve({"/slow": lambda r: Reply(200, ATOM, delay=1.5)}) as (base, _),
        pytest.raises(ImportFailure, match=r"timed out after 0.3 s"),
    ):
        fetch_url(f"{base}/slow", max_bytes=10_000, timeout=0.3)


def test_oversized_bodies_are_cut_off_with_or_without_a_length() -> None:
    big = b"x" * 50_000
    routes = {
        "/declared": static(big),
        "/streamed": lambda r: Reply(200, big, chunked=True),
    }
    with serve(routes) as (base, _):
        for path in ("/declared", "/streamed"):
            with pytest.raises(ImportFailure, match="larger than"):
                fetch_url(f"{base}{path}", max_bytes=20_000)
        assert fetch_url(f"{base}/streamed", max_bytes=60_000) == big


def test_nothing_listening_and_bad_urls() -> None:
    # A port bound but not listening refuses connections, and stays ours meanwhile (a
    # port freed after use could be taken by a test running beside this one).
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        with pytest.raises(ImportFailure, match="could not be fetched"):
            fetch_url(f"http://127.0.0.1:{port}/feed.xml", max_bytes=1000, timeout=2)
    with pytest.raises(ImportFailure):
        fetch_url("http://[::1", max_bytes=1000)
