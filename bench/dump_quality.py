"""How well the page-dump importer finds the article on real pages: the devset's quality score.

python -m bench.dump_quality [--data ../shared/devset/readability] [--half a|b] [--pages] [--first]
                             [--variant NAME|all]

Reads NAME.txt (a "select all, copy" dump of a real page) and NAME.json (the expected title,
body, byline and date) from the devset, which lives outside the repository; without it the
benchmark says so and stops. The body score is the article-extraction benchmark's metric, the
same as ../shared/tools/score_textdumps.py: 4-gram shingle precision and recall per page over
multisets, averaged over pages, F1 the harmonic mean of the two means. `--half a` / `--half b`
score every other page (sorted by name), to check a rule tuned on one half against the other.

A dump may hold several articles (an infinite scroll, a weekly edition): the body scored is
what the importer stores from the page, every article's body in order, since the expected
body is the page's content whichever way it is cut. `--first` scores the first article only,
as a single-article extractor's output is scored (the title, byline and date are always the
first article's).

`--variant NAME` reshapes every dump before parsing it (bench.dump_variants: hard-wrapped at 72
or 80 columns, lynx's rendering, no blank lines, CRLF and no-break spaces, "*" bullets, pasted
twice ...), the expected article unchanged; whether the dump shows the title, byline and date is
judged on the plain dump, so the figures compare with the plain ones page for page.
`--variant all` prints one line of figures per shape, the plain dumps first.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.dump_variants import VARIANTS, reshape
from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.textdump.parse import parse_text_dump

_REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout; a worktree under wt/ finds it one level further up.
_CANDIDATES = [up / "shared" / "devset" / "readability" for up in (_REPO.parent, _REPO.parents[1])]
DEFAULT_DATA = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(?:19[7-9]\d|20\d\d)\b")


def tokens(text: str | None) -> list[str]:
    """Every maximal run of word characters, case kept: the metric's tokens."""
    return _WORD.findall(text or "")


def key(text: str | None) -> str:
    """Lower-cased tokens joined by single spaces: how titles and bylines are compared."""
    return " ".join(t.lower() for t in tokens(text))


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of n-token runs; a text shorter than n tokens is one shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) <= n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def precision_recall(truth: str, predicted: str) -> tuple[float | None, float | None]:
    """Per-page precision (None when nothing was predicted) and recall (None for empty truth)."""
    t, p = shingles(truth), shingles(predicted)
    tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
    if fp == 0 and fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


@dataclass
class Page:
    """One page's scores."""

    name: str
    seconds: float  # parsing the dump, nothing else
    precision: float | None
    recall: float | None
    error: str
    title_exact: bool
    title_on_line: bool
    byline_shown: bool
    byline_right: bool
    date_shown: bool
    date_right: bool
    site_given: bool
    site_named: bool
    site_right: bool

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _expected_day(published: str | None) -> str | None:
    return published[:10] if published and re.match(r"\d{4}-\d\d-\d\d", published) else None


@functools.lru_cache(maxsize=256)
def _dump_shows_day(text: str, day: str) -> bool:
    """Whether a short line of the dump reads as that calendar day (dateparser, any language)."""
    import dateparser

    year = day[:4]
    for line in text.splitlines():
        line = line.strip()
        if year not in line or len(line.split()) > 16:
            continue
        for piece in re.split(r"\s[|·•]\s|\s[-–—]\s", line):
            if year not in piece:
                continue
            when = dateparser.parse(piece, settings={"STRICT_PARSING": True})
            if when is None:
                found = _YEAR.search(piece)
                start = max(0, found.start() - 30) if found else 0
                when = dateparser.parse(piece[start : start + 60])
            if when is not None and when.strftime("%Y-%m-%d") == day:
                return True
    return False


def _same_day(ours: datetime | None, day: str) -> bool:
    """Our UTC date matches the expected calendar day (a page's local day may be one off)."""
    if ours is None:
        return False
    expected = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)
    return abs((ours.date() - expected.date()).days) <= 1


def _byline_right(ours: str | None, expected: str) -> bool:
    mine, theirs = key(ours), key(expected)
    return bool(mine) and (mine in theirs or theirs.removeprefix("by ") in mine)


_NOT_SITE = frozenset({"the", "http", "https", "www", "com", "org", "net", "fr", "de", "cz"})


def _site_key(text: str | None) -> str:
    """A site's name for comparing: lower-cased words without "the", "www" and a domain's
    ending ("Le Monde.fr" and "Le Monde" are one site)."""
    return " ".join(t for t in key(text).split() if t not in _NOT_SITE)


def _site_right(ours: str | None, expected: str) -> bool:
    """Our source names the expected site: one name holds the other word for word ("BBC"
    and "BBC News"; not "CBS Interactive" for "CNET")."""
    mine, theirs = _site_key(ours), _site_key(expected)
    return bool(mine and theirs) and (f" {mine} " in f" {theirs} " or f" {theirs} " in f" {mine} ")


def score_page(
    name: str,
    text: str,
    truth: dict[str, str | None],
    first: bool = False,
    shown: str | None = None,
) -> Page:
    """Parse one dump and compare its articles (or the first only) with the expected one.

    `shown` is the dump that says whether the page shows its title, byline and date (the
    plain dump, when `text` is one reshaped); by default `text` itself."""
    shown = text if shown is None else shown
    title = body = ""
    author: str | None = None
    published: datetime | None = None
    site: str | None = None
    error = ""
    start = time.perf_counter()
    try:
        drafts = parse_text_dump(text)
        title = drafts[0].title
        body = "\n\n".join(d.body for d in (drafts[:1] if first else drafts))
        author, published = drafts[0].author, drafts[0].published
        site = drafts[0].source_name
    except ImportFailure as exc:
        error = str(exc)
    seconds = time.perf_counter() - start
    precision, recall = precision_recall(truth.get("body") or "", body)
    lines = {key(line) for line in shown.splitlines()}
    expected_title = key(truth.get("title"))
    byline = truth.get("byline") or ""
    day = _expected_day(truth.get("published"))
    shows_day = day is not None and _dump_shows_day(shown, day)
    return Page(
        name=name,
        seconds=seconds,
        precision=precision,
        recall=recall,
        error=error,
        title_exact=bool(expected_title) and key(title) == expected_title,
        title_on_line=expected_title in lines,
        byline_shown=bool(key(byline)) and key(byline) in key(shown),
        byline_right=_byline_right(author, byline),
        date_shown=shows_day,
        date_right=day is not None and _same_day(published, day),
        site_given=site is not None,
        site_named=bool(truth.get("site")),
        site_right=_site_right(site, truth.get("site") or ""),
    )


def _share(pages: list[Page], hit: str, among: str | None = None) -> str:
    pool = [p for p in pages if among is None or getattr(p, among)]
    if not pool:
        return "n/a"
    right = sum(bool(getattr(p, hit)) for p in pool)
    return f"{right / len(pool):.0%} ({right}/{len(pool)})"


def report(pages: list[Page]) -> None:
    """Print the summary: body scores, titles, bylines, dates, and the weak pages by name."""
    precisions = [p.precision for p in pages if p.precision is not None]
    recalls = [p.recall for p in pages if p.recall is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    parsing = sum(p.seconds for p in pages)
    print(f"pages {len(pages)}, parsed in {parsing:.2f} s")
    print(f"body F1 {f1:.3f}   precision {precision:.3f}   recall {recall:.3f}")
    print(f"title exact: all pages {_share(pages, 'title_exact')}, ", end="")
    print(f"title on a line of the dump {_share(pages, 'title_exact', 'title_on_line')}")
    print(f"byline right where the dump shows it {_share(pages, 'byline_right', 'byline_shown')}")
    print(f"date right where the dump shows it {_share(pages, 'date_right', 'date_shown')}")
    print(
        f"site name as the source: given {_share(pages, 'site_given')}, "
        f"right where the devset names the site {_share(pages, 'site_right', 'site_named')}"
    )
    failed = [p for p in pages if p.error]
    print(f"no article found: {len(failed)}" + "".join(f"\n  {p.name}: {p.error}" for p in failed))
    weak = sorted((p for p in pages if p.f1 < 0.5), key=lambda p: p.f1)
    print(f"pages below 0.5 F1: {len(weak)}")
    for p in weak:
        print(
            f"  {p.name}: F1 {p.f1:.2f} "
            f"(precision {p.precision or 0:.2f}, recall {p.recall or 0:.2f})"
        )


def _row(pages: list[Page]) -> str:
    """One line of the figures, for the table of shapes."""
    precision = statistics.mean(p.precision or 0.0 for p in pages)
    recall = statistics.mean(p.recall or 0.0 for p in pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def count(hit: str, among: str) -> str:
        pool = [p for p in pages if getattr(p, among)]
        return f"{sum(bool(getattr(p, hit)) for p in pool)}/{len(pool)}"

    return (
        f"F1 {f1:.3f}  P {precision:.3f}  R {recall:.3f}  "
        f"titles {count('title_exact', 'title_on_line'):>5}  "
        f"bylines {count('byline_right', 'byline_shown'):>5}  "
        f"dates {count('date_right', 'date_shown'):>3}  "
        f"no article {sum(bool(p.error) for p in pages)}  "
        f"below 0.5 {sum(p.f1 < 0.5 for p in pages)}"
    )


def _print_pages(pages: list[Page]) -> None:
    for p in pages:
        flags = "".join(
            mark
            for mark, on in (
                ("T", p.title_exact),
                ("t", p.title_on_line and not p.title_exact),
                ("B", p.byline_right),
                ("b", p.byline_shown and not p.byline_right),
                ("D", p.date_right),
                ("d", p.date_shown and not p.date_right),
                ("S", p.site_right),
                ("s", p.site_named and not p.site_right),
            )
            if on
        )
        print(f"{p.name:<34} F1 {p.f1:.2f} P {p.precision or 0:.2f} R {p.recall or 0:.2f} {flags}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", choices=("a", "b"), help="score every other page only")
    parser.add_argument("--pages", action="store_true", help="print every page's scores")
    parser.add_argument("--first", action="store_true", help="score the first article only")
    parser.add_argument(
        "--variant", choices=(*VARIANTS, "all"), help="reshape every dump first (see above)"
    )
    args = parser.parse_args()
    truths = sorted(args.data.glob("*.json"))
    if not truths:
        print(f"no devset at {args.data}: nothing to score", file=sys.stderr)
        sys.exit(0)
    if args.half:
        truths = truths[0 if args.half == "a" else 1 :: 2]
    inputs = [
        (
            path.stem,
            path.with_suffix(".txt").read_text(encoding="utf-8"),
            json.loads(path.read_text()),
        )
        for path in truths
    ]
    if args.variant == "all":
        for shape in ("plain", *VARIANTS):
            pages = [
                score_page(
                    name,
                    text if shape == "plain" else reshape(shape, text, name),
                    truth,
                    args.first,
                    shown=text,
                )
                for name, text, truth in inputs
            ]
            print(f"{shape:<15} {_row(pages)}", flush=True)
        return
    pages = [
        score_page(
            name,
            reshape(args.variant, text, name) if args.variant else text,
            truth,
            args.first,
            shown=text,
        )
        for name, text, truth in inputs
    ]
    if args.pages:
        _print_pages(pages)
    report(pages)


if __name__ == "__main__":
    main()
