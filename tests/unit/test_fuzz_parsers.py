"""Property tests: any bytes give articles or a clean ImportFailure, never an exception.

A small profile runs in `make test`; `python -m bench.robustness` runs the same properties
at length (10,000 inputs each).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SAMPLE_DATA
from tuinews.importer.drafts import clean_draft
from tuinews.importer.errors import ImportFailure
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


# What must never survive cleaning: ESC, BEL, C1 controls, bidi overrides, zero-width.
FORBIDDEN = frozenset(
    "\x1b\x07\x9b\x9d\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200d"
)


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
            fields = [cleaned.title, cleaned.body, cleaned.author or "", cleaned.summary or ""]
            fields.append(cleaned.category or "")
            assert not FORBIDDEN.intersection("".join(fields))


# Pieces a hostile feed is made of: control sequences, markup of every kind, odd
# references, and ordinary words.
HOSTILE = [
    "\x1b[2J",
    "\x1b]52;c;aGk=\x07",
    "\x1b]0;title\x07",
    "\x1b]8;;http://x\x1b\\",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "\u200b",
    "[bold red]",
    "[/]",
    "[link=http://x]y[/link]",
    "**b**",
    "<script>alert(1)</script>",
    "<b>",
    "</p>",
    "<![CDATA[ ]]>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#x1b;",
    "&nbsp;",
    "&lt;b&gt;",
    "\r\n",
    "\t",
    "\x00",
    "\ufeff",
    "news",
    "Harbour",
]


@st.composite
def hostile_feed(draw: st.DrawFn) -> bytes:
    """A well-formed RSS or Atom feed whose every field is made of hostile pieces."""

    def field() -> str:
        return "".join(draw(st.lists(st.sampled_from(HOSTILE), max_size=8)))

    def escaped() -> str:
        text = field()
        if draw(st.booleans()):
            return "<![CDATA[" + text.replace("]]>", "") + "]]>"
        return text.replace("&", "&amp;").replace("<", "&lt;") if draw(st.booleans()) else text

    items = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(1, 4))):
        date = draw(st.sampled_from(["", "Mon, 23 Nov 2026 10:00:00 +0000", "yesterday", "9999"]))
        if atom:
            items.append(
                f"<entry><title>{escaped()}</title><author><name>{escaped()}</name></author>"
                f"<updated>{date}</updated><category term='{field().replace(chr(39), '')}'/>"
                f"<summary>{escaped()}</summary><content type='html'>{escaped()}</content></entry>"
            )
        else:
            items.append(
                f"<item><title>{escaped()}</title><author>{escaped()}</author>"
                f"<pubDate>{date}</pubDate><category>{escaped()}</category>"
                f"<description>{escaped()}</description></item>"
            )
    if atom:
        text = "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>" + "".join(items)
        text += "</feed>"
    else:
        text = "<rss version='2.0'><channel><title>t</title>" + "".join(items) + "</channel></rss>"
    return text.encode("utf-8", "surrogatepass")


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


@FAST
@given(hostile_feed())
def test_structured_hostile_feeds(data: bytes) -> None:
    check(data)
