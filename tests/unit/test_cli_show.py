"""`tuinews show`: on a terminal it draws the article as the reader does; piped, Markdown."""

from __future__ import annotations

from pathlib import Path

from cli import on_terminal, tuinews
from tuinews.store import open_store
from weather import save_rain_article

LONG = "A sentence that goes on long enough to pass the eighty columns of a terminal line."
BODY = f"""{LONG}

See [the rainfall report](https://example.org/reports/2026/rainfall-in-the-valley?part=2&lang=en)
and ![a chart](https://example.org/chart.png).

## Details

- one
- two
"""


def make_store(tmp_path: Path) -> str:
    db = tmp_path / "show.db"
    store = open_store(db)
    save_rain_article(store, BODY)
    store.close()
    return str(db)


def test_show_on_a_terminal_renders_markdown_with_numbered_links(tmp_path: Path) -> None:
    db = make_store(tmp_path)
    screen = on_terminal("--db", db, "show", "1", columns=60)
    lines = screen.splitlines()
    assert lines[0].strip() == "Rain in the valley"
    assert "By Ana Ruiz · Valley Weather · Weather" in screen
    assert "https://example.org/rain" in lines[3]  # the article's own URL in the heading
    assert "## Details" not in screen and "Details" in screen  # Markdown is rendered
    assert "the rainfall report[1]" in " ".join(screen.split())
    assert "[image 2: a chart]" in screen
    assert max(len(line) for line in lines) <= 60
    links = lines[lines.index("Links") :]
    assert links[1].strip() == "[1] the rainfall report"
    url = "".join(line.strip() for line in links[2:-2])
    assert url == "https://example.org/reports/2026/rainfall-in-the-valley?part=2&lang=en"
    assert links[-2].strip() == "[2] image: a chart"


def test_show_piped_is_plain_markdown_and_not_rewrapped(tmp_path: Path) -> None:
    db = make_store(tmp_path)
    result = tuinews("--db", db, "show", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Rain in the valley\n")
    assert "<https://example.org/rain>" in out
    assert out.endswith(BODY.rstrip() + "\n")
    assert LONG in out.splitlines()  # one line, as stored
    assert "\x1b" not in out
