"""Large inputs: a 200 MB file, a 10 MB article, a 1 MB line, 100,000 categories.

Each finishes (generous "no hang" timeouts only), keeps memory bounded (the peak of the
importing process, measured with getrusage in a subprocess), and says where a cap applies.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import app_for
from tuinews.importer.drafts import cap_text
from tuinews.importer.limits import MAX_BODY_CHARS, MAX_SOURCE_BYTES
from tuinews.models import View, ViewKind
from tuinews.store import open_store
from tuinews.ui.widgets.sidebar import MAX_CATEGORIES, Sidebar

MIB = 1024 * 1024
NO_HANG = 120  # seconds: a hang, not a slow run, fails the test
PARAGRAPH = "The harbour council met on Tuesday to discuss the new ferry timetable. " * 6

# Runs the command line and reports its peak resident memory, and that of the parsing
# worker process it may start, on standard error.
_MEASURED = """
import atexit, resource, sys
def own_peak():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so it would include the
    # test runner's memory that this process started as a fork of.
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def report():
    own = own_peak()
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write(f"\\npeak-kib {max(own, worker)}\\n")
atexit.register(report)
from tuinews.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _import(db: Path, *sources: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """`tuinews import` in a new process: its result and its peak memory in MiB."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, "import", "--db", str(db), *map(str, sources)],
        capture_output=True,
        text=True,
        timeout=NO_HANG,
    )
    assert "Traceback" not in result.stderr, result.stderr
    peak = int(result.stderr.rsplit("peak-kib ", 1)[1].split()[0])
    return result, peak / 1024


def _bodies(db: Path) -> dict[str, str]:
    store = open_store(db)
    try:
        return dict(store.conn.execute("SELECT title, body FROM articles").fetchall())
    finally:
        store.close()


# -- 200 MB files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "head"),
    [
        (".txt", b"Harbour council approves the ferry timetable\n\nBy Jane Doe\n\n"),
        (".html", b"<!doctype html><html><body><article><h1>Ferry</h1><p>Text</p>"),
        (".json", b'[{"title": "Ferry", "body": "'),
    ],
)
def test_a_200_mb_file_is_refused_as_too_large_without_being_read(
    tmp_path: Path, suffix: str, head: bytes
) -> None:
    source = tmp_path / f"huge{suffix}"
    with source.open("wb") as handle:  # sparse: 200 MB that take no disk
        handle.write(head)
        handle.truncate(200 * MIB)
    result, peak = _import(tmp_path / "store.db", source)
    assert result.returncode == 1
    assert f"error: {source}: too large: 200 MiB, larger than the 64 MiB limit" in result.stderr
    # Reading up to the cap before refusing would cost MAX_SOURCE_BYTES (64 MiB) at least.
    assert peak < 30 + MAX_SOURCE_BYTES / MIB / 2, f"peak {peak:.0f} MiB"


def test_a_200_mb_feed_streams_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "padded.rss"
    pad = b" " * (MIB - 200) + b"\n"  # whitespace between items: cheap to parse, real bytes
    with source.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>')
        handle.write(b"<title>Padded</title>\n")
        for i in range(200):
            handle.write(
                b"<item><title>Padded item %d</title><link>https://example.org/%d</link>"
                b"<description>Short text.</description></item>" % (i, i)
            )
            handle.write(pad)
        handle.write(b"</channel></rss>\n")
    assert source.stat().st_size > 200 * 1000 * 1000
    result, peak = _import(tmp_path / "store.db", source)
    assert result.returncode == 0, result.stderr
    assert "imported 200 new" in result.stdout
    assert peak < 150, f"peak {peak:.0f} MiB for a 200 MiB feed: not streamed"


def test_a_200_mb_feed_with_garbage_is_refused_clearly_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "broken.rss"
    with source.open("wb") as handle:
        handle.write(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>B</title>')
        for i in range(1000):  # beyond the 64 KiB that decide the format: a feed
            handle.write(b"<item><title>Item %d</title><description>x</description></item>" % i)
        handle.truncate(200 * MIB)  # then NUL bytes: not XML
    result, peak = _import(tmp_path / "store.db", source)
    assert result.returncode == 1
    assert f"error: {source}: malformed feed" in result.stderr
    assert peak < 150, f"peak {peak:.0f} MiB"


# -- a 10 MB article -------------------------------------------------------------------


def _ten_mb_paragraphs() -> list[str]:
    return [PARAGRAPH] * (10 * 1000 * 1000 // len(PARAGRAPH))


def _rss(path: Path, paragraphs: list[str]) -> Path:
    from html import escape

    description = escape("".join(f"<p>{p}</p>\n" for p in paragraphs))
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Big</title>'
        f"<item><title>Huge article</title><link>https://example.org/huge</link>"
        f"<description>{description}</description></item>"
        "<item><title>Small one</title><description>Small text.</description></item>"
        "</channel></rss>\n"
    )
    return path


def _json(path: Path, paragraphs: list[str]) -> Path:
    path.write_text(json.dumps([{"title": "Huge article", "body": "\n\n".join(paragraphs)}]))
    return path


def _dump(path: Path, paragraphs: list[str]) -> Path:
    header = "Huge article about the ferry timetable\n\nBy Jane Doe | 12 March 2026\n\n"
    path.write_text(header + "\n\n".join(paragraphs) + "\n")
    return path


@pytest.mark.parametrize("make", [_rss, _json, _dump], ids=["rss", "json", "text-dump"])
def test_a_10_mb_article_is_capped_with_a_note(tmp_path: Path, make: object) -> None:
    assert callable(make)
    source = make(tmp_path / "big", _ten_mb_paragraphs())
    result, peak = _import(tmp_path / "store.db", source)
    assert result.returncode == 0, result.stderr
    body = max(_bodies(tmp_path / "store.db").values(), key=len)
    assert len(body) <= MAX_BODY_CHARS + 200
    assert body.endswith(f"the first {MAX_BODY_CHARS:,} are kept.]*")
    assert "Cut by tuinews: the text was" in body
    assert peak < 300, f"peak {peak:.0f} MiB for a 10 MB article"


def test_a_5_mb_feed_article_on_the_streamed_path_is_capped(tmp_path: Path) -> None:
    source = _rss(tmp_path / "mid.rss", _ten_mb_paragraphs()[: len(_ten_mb_paragraphs()) // 2])
    result, _ = _import(tmp_path / "store.db", source)
    assert result.returncode == 0, result.stderr
    assert len(_bodies(tmp_path / "store.db")["Huge article"]) <= MAX_BODY_CHARS + 200


def test_cap_text_cuts_at_a_paragraph_and_says_so() -> None:
    short = "A short text.\n\nTwo paragraphs."
    assert cap_text(short) == short
    long = "\n\n".join([PARAGRAPH.strip()] * (2 * MAX_BODY_CHARS // len(PARAGRAPH)))
    capped = cap_text(long)
    kept, note = capped.rsplit("\n\n", 1)
    assert kept.endswith(PARAGRAPH.strip()) and len(kept) <= MAX_BODY_CHARS
    assert note.startswith(f"*[Cut by tuinews: the text was {len(long):,} characters long")
    one_word = "x" * (MAX_BODY_CHARS + 10)
    assert len(cap_text(one_word).split("\n\n")[0]) == MAX_BODY_CHARS


# -- a 1 MB line -----------------------------------------------------------------------


def test_text_dumps_with_a_1_mb_line_do_not_hang(tmp_path: Path) -> None:
    header = "Harbour council approves the ferry timetable\n\nBy Jane Doe | 12 March 2026\n\n"
    lines = {
        "prose": PARAGRAPH * (MIB // len(PARAGRAPH)),
        "one-word": "a" * MIB,
        "short-words": "word " * (MIB // 5),
        # Unterminated escape sequences and a sea of separators: regex backtracking bait.
        "csi": "\x1b[" + "0;" * (MIB // 2),
        "osc": "\x1b]" + "title" * (MIB // 5),
        "punctuation": "-: " * (MIB // 3),
        "date-like": "12 March 2026 " * (MIB // 14),
    }
    sources = []
    for name, line in lines.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(header + line + "\n\n" + PARAGRAPH + "\n")
        sources.append(path)
    result, peak = _import(tmp_path / "store.db", *sources)
    assert result.returncode in (0, 1), result.stderr
    assert f"from {len(sources)} sources" in result.stdout
    assert peak < 300, f"peak {peak:.0f} MiB"


# -- 100,000 categories ----------------------------------------------------------------


async def test_100k_categories_start_quickly_and_the_sidebar_lists_a_bounded_number(
    tmp_path: Path,
) -> None:
    path = tmp_path / "many.db"
    store = open_store(path)
    names = [f"Category {i:06d}" for i in range(100_000)]
    with store.write() as conn:
        conn.execute(
            "INSERT INTO sources(id, name, location, kind, imported_at)"
            " VALUES (1, 'Many', 'test:many', 'json', '2026-11-23T00:00:00+00:00')"
        )
        # A few real articles; the counters of the other categories written directly
        # (what triggers would keep there), so that the store builds in a second.
        conn.executemany(
            "INSERT INTO articles(dedupe_key, source_id, source, title, category, body,"
            " word_count, imported_at, sort_at, content_hash) VALUES (?, 1, 'Many', ?, ?, '',"
            " 0, '2026-11-23T00:00:00+00:00', '2026-11-23T00:00:00+00:00', 'h')",
            [(f"k{i}", f"Article {i}", names[i]) for i in (0, 99_999)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO category_counts VALUES (?, 1, 1, 0, 0)",
            [(name,) for name in names],
        )
    store.close()
    app = app_for(path, tmp_path / "config.toml")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(Sidebar)
        assert 4 + MAX_CATEGORIES <= sidebar.option_count <= 4 + MAX_CATEGORIES + 2
        assert sidebar.get_option("category:Category 000000")
        more = sidebar.get_option("more")
        assert more.disabled
        assert f"… {100_000 - MAX_CATEGORIES:,} more" in str(more.prompt)
        # A category beyond the shown ones, reached through "Jump to category", is listed.
        app.jump_to(View(ViewKind.CATEGORY, "Category 099999"))
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert sidebar.highlighted is not None
        highlighted = sidebar.get_option_at_index(sidebar.highlighted)
        assert highlighted.id == "category:Category 099999"
