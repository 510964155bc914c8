"""Property tests: any bytes give articles or a clean ImportFailure, never an exception.

A small profile runs in `make test`; bench/fuzz.py runs the same properties at length.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SAMPLE_DATA
from tuinews.importer.errors import ImportFailure
from tuinews.importer.pipeline import clean_draft
from tuinews.importer.sniff import parse_bytes

SEEDS = sorted(
    p
    for folder in (FIXTURES, SAMPLE_DATA)
    for p in folder.rglob("*")
    if p.is_file()
    and p.suffix in {".rss", ".atom", ".rdf", ".json", ".jsonl", ".opml", ".html", ".txt"}
    and p.stat().st_size < 200_000
)
SEED_BYTES = [p.read_bytes() for p in SEEDS]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes) -> None:
    """The property: a parse either fails cleanly or gives well-formed drafts."""
    try:
        parsed = parse_bytes(data)
    except ImportFailure as failure:
        assert failure.reason and "\n" not in failure.reason
        return
    for draft in parsed.drafts:
        assert isinstance(draft.title, str) and isinstance(draft.body, str)
        cleaned = clean_draft(draft)
        if cleaned is not None:
            assert "\x1b" not in cleaned.title + cleaned.body


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real fixture, truncated, with bytes flipped or its encoding swapped."""
    data = draw(st.sampled_from(SEED_BYTES))
    how = draw(st.sampled_from(["truncate", "flip", "utf16", "latin1", "splice"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if how == "flip":
        buffer = bytearray(data)
        for _ in range(draw(st.integers(1, 20))):
            index = draw(st.integers(0, max(0, len(buffer) - 1)))
            if buffer:
                buffer[index] = draw(st.integers(0, 255))
        return bytes(buffer)
    if how == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16")
    if how == "latin1":
        return data.decode("utf-8", "replace").encode("latin-1", "replace")
    other = draw(st.sampled_from(SEED_BYTES))
    cut = draw(st.integers(0, len(data)))
    return data[:cut] + other[cut:]


def test_there_are_seeds_of_every_format() -> None:
    assert {p.suffix for p in SEEDS} >= {".rss", ".atom", ".rdf", ".json", ".jsonl", ".opml"}


@FAST
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    check(data)


@FAST
@given(mutated())
def test_mutated_fixtures(data: bytes) -> None:
    check(data)


@FAST
@given(
    st.sampled_from(["<rss>", "<feed>", "<opml>", "{", "[", "<html>", "<?xml version='1.0'?>"]),
    st.text(max_size=2000),
)
def test_format_headers_followed_by_noise(prefix: str, noise: str) -> None:
    check((prefix + noise).encode("utf-8", "surrogatepass"))
