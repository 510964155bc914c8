"""Our hand-written code against the libraries that do the same: speed and fidelity.

HTML to Markdown: our converter (the importer's html_to_markdown) against the
`html-to-markdown` package. Feeds: our streaming reader (read_entries, the raw entries
before any conversion) against `fastfeedparser`, with feedparser as the reference.

Speed, in CPU time (see best_of): `bodies` synthetic HTML bodies of about 3 KB
(paragraphs with links, emphasis, lists, headings, quotes), the corpus feeds' HTML
bodies, and a synthetic RSS feed of `items` items (bench/synthetic.py), best of `runs`.
Fidelity: every feed of ../shared/corpus/ (when it is there).

python -m bench.libraries [--bodies 1000] [--items 2000] [--runs 3] [--corpus PATH]
                          [--skip-speed] [--skip-fidelity]

The two libraries are not dependencies of tuinews: `pip install html-to-markdown
fastfeedparser` into the venv first.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from collections.abc import Callable
from pathlib import Path

from bench.library_fidelity import feed_agreement, html_bodies, markdown_fidelity
from bench.synthetic import paragraph, rss_feed, sentence

# ../shared/corpus beside the checkout (or beside the folder of worktrees it sits in).
_ROOT = Path(__file__).resolve().parents[1]
CORPUS = next(
    (
        p / "shared" / "corpus"
        for p in (_ROOT.parent, _ROOT.parent.parent)
        if (p / "shared").is_dir()
    ),
    _ROOT.parent / "shared" / "corpus",
)
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}


def ours_markdown(html: str) -> str:
    from tuinews.importer.markdown import html_to_markdown

    return html_to_markdown(html)


def library_markdown(hidden: str = "drop") -> Callable[[str], str]:
    """html-to-markdown with the options closest to ours (no metadata, * and _ escaped).

    By default it drops what a page hides (`hidden`, `display: none`); ours keeps it,
    and hidden="all" does too.
    """
    import html_to_markdown

    options = html_to_markdown.ConversionOptions(
        extract_metadata=False,
        escape_asterisks=True,
        escape_underscores=True,
        hidden_content=hidden,
    )

    def convert(html: str) -> str:
        return str(html_to_markdown.convert(html, options).content).strip()

    return convert


def rich_body(rng: random.Random, size: int = 3000) -> str:
    """About `size` bytes of the HTML a news feed carries."""
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        pick = rng.random()
        if pick < 0.1:
            parts.append(f"<h2>{sentence(rng, 5)}</h2>")
        elif pick < 0.2:
            items = "".join(f"<li>{sentence(rng, 6)}</li>" for _ in range(3))
            parts.append(f"<ul>{items}</ul>")
        elif pick < 0.25:
            parts.append(f"<blockquote><p>{sentence(rng)}</p></blockquote>")
        else:
            words = paragraph(rng).split(" ")
            at = rng.randrange(len(words) - 3)
            words[at] = f'<a href="https://example.com/{at}?ref=feed">{words[at]}</a>'
            words[at + 2] = f"<em>{words[at + 2]}</em> &amp;"
            parts.append(f"<p>{' '.join(words)}</p>")
    return "".join(parts)


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The least CPU time of `runs` runs, in seconds.

    CPU time of this process rather than wall time: on a shared machine the wall time
    of the same run varied by half from one run to the next. Every candidate here
    works in the calling thread, so its CPU time is all of its work.
    """
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def speed(args: argparse.Namespace) -> None:
    rng = random.Random(7)
    bodies = [rich_body(rng) for _ in range(args.bodies)]
    library = library_markdown()
    kib = sum(map(len, bodies)) / len(bodies) / 1024
    print(f"HTML to Markdown, {len(bodies):,} bodies of {kib:.1f} KiB, CPU best of {args.runs}:")
    for name, convert in (("ours", ours_markdown), ("html-to-markdown", library)):
        seconds = best_of(args.runs, lambda c=convert: [c(body) for body in bodies])
        print(f"  {name:<18} {seconds * 1000:8.0f} ms")
    if args.corpus.is_dir():
        real = html_bodies(corpus_feeds(args.corpus))
        kib = sum(map(len, real)) / 1024
        print(f"HTML to Markdown, the corpus feeds' {len(real):,} bodies ({kib:,.0f} KiB), CPU:")
        for name, convert in (("ours", ours_markdown), ("html-to-markdown", library)):
            seconds = best_of(args.runs, lambda c=convert: [c(body) for body in real])
            print(f"  {name:<18} {seconds * 1000:8.0f} ms")

    import fastfeedparser
    import feedparser

    from tuinews.importer.formats.feed.stream import read_entries

    data = rss_feed(args.items)
    size = len(data) / 1e6
    print(f"Feed reading, {args.items:,} items ({size:.1f} MB), CPU best of {args.runs}:")
    readers: list[tuple[str, Callable[[], object], int]] = [
        ("ours (read_entries)", lambda: list(read_entries(io.BytesIO(data))[1]), args.runs),
        ("fastfeedparser", lambda: fastfeedparser.parse(data)["entries"], args.runs),
        ("feedparser", lambda: feedparser.parse(io.BytesIO(data), sanitize_html=False), 1),
    ]
    for name, read, runs in readers:
        seconds = best_of(runs, read)
        print(f"  {name:<20} {seconds * 1000:8.0f} ms  ({args.items / seconds:,.0f} items/s)")


def corpus_feeds(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in FEED_SUFFIXES and p.is_file())


def fidelity(root: Path) -> None:
    files = corpus_feeds(root)
    print(f"Fidelity on {root} ({len(files):,} feed files):")
    converters = {
        "ours": ours_markdown,
        "html-to-markdown": library_markdown(),
        "  hidden kept": library_markdown("all"),
    }
    markdown_fidelity(files, converters)
    feed_agreement(files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-fidelity", action="store_true")
    args = parser.parse_args()
    if not args.skip_speed:
        speed(args)
    if args.skip_fidelity:
        return
    if args.corpus.is_dir():
        fidelity(args.corpus)
    else:
        print(f"no corpus at {args.corpus}: fidelity skipped")


if __name__ == "__main__":
    main()
