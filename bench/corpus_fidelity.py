"""Import every file of the shared feed corpus and count what a reader would see wrong.

    python -m bench.corpus_fidelity [--corpus PATH] [--show N] [--only TEXT]

The corpus (`../shared/corpus` beside the repository, see its README) is not part of the
repository: without it this prints a line and exits 0. Each file goes into a store of its
own, the way `tuinews import` takes it (feedparser's HTTP cases as `import URL` from a
server on 127.0.0.1, with their headers). Printed:

- tracebacks, failed sources (by reason) and integrity failures of the stores;
- feedparser's `Expect:` lines that bear on what a reader sees, and how many agree
  (bench/corpus_expect.py says how values compare);
- raw HTML (tags, script or style) and undecoded entities in stored titles and bodies;
- OPML files: outlines with a feed URL, and how many were subscribed;
- the date strings of feedparser's test_date_parsers.py: same UTC instant as feedparser,
  or unknown where feedparser reads none;
- the two feed paths (lxml's stream and feedparser) on every feed the stream reads.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import html
import io
import json
import os
import re
import tempfile
import threading
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.corpus_expect import (
    Entries,
    Entry,
    Feed,
    NotObservable,
    evaluate,
    expectation,
    raw_markup,
    shown_html,
    shown_markdown,
)
from tuinews.models import Article

REPO = Path(__file__).resolve().parents[1]
# Differences a reader would accept, by file: the disagreement is on purpose.
ACCEPTED = [
    (
        r"_content_location\.xml$",
        "links resolve against the URL the feed came from, as browsers resolve them; "
        "feedparser also honours the Content-Location header",
    ),
    (
        r"entities/(lrm|rlm|zwj|zwnj)\.xml$",
        "bidi and zero-width characters are removed before storing (terminal safety)",
    ),
    (r"wellformed/cdf/", "CDF (Microsoft's 1997 channel format) is not a feed tuinews reads"),
    (r"encoding/bozo_linenoise\.xml$", "line noise in an unknown encoding"),
    (
        r"node_precedence/atom10_title\.xml$",
        "two entries alike in every field shown (no link, no id) are one article",
    ),
    (
        r"sanitize/\w+_crazy\.xml$",
        "no script text is shown; feedparser's sanitizer shows this broken script's code",
    ),
]
_HEADER = re.compile(r"^Header:\s+([^:]+):(.*)$", re.M)
_FEED_URL = re.compile(r"""\bxmlurl\s*=\s*(["'])\s*(https?://[^"']*)\1""", re.I)
_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,9});")
_TAG_IN_TEXT = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SKIPPED_SUFFIXES = {".py", ".md", ".pyc", ".cfg", ".ini", ".toml"}


def find_corpus(given: str | None) -> Path | None:
    """The corpus folder: as given, $TUINEWS_CORPUS, or ../shared/corpus (up to two levels)."""
    candidates = [given, os.environ.get("TUINEWS_CORPUS")]
    candidates += [str(REPO.parent / "shared" / "corpus"), str(REPO.parents[1] / "shared/corpus")]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def corpus_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in _SKIPPED_SUFFIXES
    )


def serve(root: Path) -> ThreadingHTTPServer:
    """feedparser's HTTP cases: the file's bytes with the headers its comments ask for."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = root / self.path.lstrip("/")
            data = path.read_bytes()
            text = data.decode("utf-8", "ignore")
            headers = {k: v.strip() for k, v in _HEADER.findall(text)}
            self.send_response(200)
            self.send_header("Content-Type", headers.pop("Content-type", "text/xml"))
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Stored:
    """What one file left in its store."""

    articles: list[Article]
    source_name: str | None
    subscriptions: int
    failures: list[str]
    integrity: str


def import_one(source: str, db: Path) -> Stored:
    from tuinews.importer.pipeline import import_sources
    from tuinews.store import open_store
    from tuinews.store.subscriptions import list_subscriptions

    store = open_store(db)
    try:
        report = import_sources([source], store)
        ids = list(dict.fromkeys(report.article_ids))
        articles = [a for i in ids if (a := store.get(i)) is not None]
        conn = store.conn
        row = conn.execute("SELECT name FROM sources ORDER BY id LIMIT 1").fetchone()
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return Stored(
            articles,
            row[0] if row else None,
            len(list_subscriptions(store)),
            [f.reason for f in report.failures],
            integrity,
        )
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)


@dataclass
class Tally:
    files: int = 0
    tracebacks: list[str] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    failed_files: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)
    observable: int = 0
    agree: int = 0
    not_observable: int = 0
    nothing_shown: int = 0
    disagree: list[str] = field(default_factory=list)
    accepted: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    markup: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    fields_checked: int = 0
    opml_files: int = 0
    opml_missing: list[str] = field(default_factory=list)
    articles: int = 0


def check_file(path: Path, root: Path, base_url: str, tmp: Path, tally: Tally) -> None:
    relative = path.relative_to(root).as_posix()
    data = path.read_bytes()
    text = data.decode("utf-8", "ignore")
    via_http = "feedparser-tests" in relative and "http" in relative
    source = f"{base_url}/{relative}" if via_http else str(path)
    try:
        stored = import_one(source, tmp / "store.db")
    except Exception:
        tally.tracebacks.append(f"{relative}: {traceback.format_exc().splitlines()[-1]}")
        return
    tally.files += 1
    tally.articles += len(stored.articles)
    if stored.integrity != "ok":
        tally.integrity.append(f"{relative}: {stored.integrity}")
    for reason in stored.failures:
        tally.failures[re.sub(r"\(.*\)", "(...)", reason)[:70]] += 1
        tally.failed_files.append(f"{relative}: {reason}")
    _scan_text(relative, data, stored, tally)
    if "<opml" in text[:2000].lower():
        tally.opml_files += 1
        wanted = {html.unescape(m.group(2)).strip() for m in _FEED_URL.finditer(text)}
        if stored.subscriptions < len(wanted):
            tally.opml_missing.append(f"{relative}: {stored.subscriptions} of {len(wanted)}")
    expression = expectation(text) if "feedparser-tests" in relative else None
    if expression:
        if via_http:
            expression = expression.replace("http://127.0.0.1:8097", base_url)
        _expect(relative, expression, stored, tally, data, via_http)


def _scan_text(relative: str, data: bytes, stored: Stored, tally: Tally) -> None:
    """Raw HTML or entities left in what was stored.

    A title is plain text: angle brackets in it are markup only when feedparser does not
    show them as text either ("History of the <blink> tag" is a title about a tag); an
    entity left in any text counts only when feedparser decodes it.
    """
    feedparser_text: list[str] | None = None
    for article in stored.articles:
        for name in ("title", "author", "summary", "body"):
            value = getattr(article, name)
            if not value:
                continue
            tally.fields_checked += 1
            if name in ("title", "author"):
                raw = _TAG_IN_TEXT.findall(value)
                if raw:
                    if feedparser_text is None:
                        feedparser_text = _shown_by_feedparser(data)
                    raw = [t for t in raw if not any(t in seen for seen in feedparser_text)]
                shown = value
            else:
                raw = raw_markup(value)
                shown = shown_markdown(value)[0]
            if raw:
                tally.markup.append(f"{relative} {name}: {raw[:2]!r}")
            entity = _ENTITY.search(shown)
            if entity:
                # Text the publisher escaped twice shows the entity in feedparser too.
                if feedparser_text is None:
                    feedparser_text = _shown_by_feedparser(data)
                if not any(entity[0] in seen for seen in feedparser_text):
                    tally.entities.append(f"{relative} {name}: {entity[0]!r}")


def _shown_by_feedparser(data: bytes) -> list[str]:
    """The text feedparser's reading of a feed shows: titles, names, summaries."""
    import feedparser

    shown = []
    with contextlib.suppress(ValueError, AttributeError, TypeError):
        # A JSON Feed's titles are plain text (its spec says so); feedparser 6.0 reads
        # no JSON.
        items = json.loads(data).get("items", [])
        shown += [item.get("title") or "" for item in items if isinstance(item, dict)]
    parsed = feedparser.parse(io.BytesIO(data))
    for entry in parsed.get("entries", []):
        detail = entry.get("title_detail") or {}
        title = entry.get("title") or ""
        # As feedparser types it, and as a browser would show it read as HTML.
        shown.append(shown_html(title)[0] if "html" in detail.get("type", "") else title)
        shown.append(shown_html(title)[0])
        shown.append(entry.get("author") or "")
        for part in [entry.get("summary") or ""] + [c.value for c in entry.get("content", [])]:
            shown.append(shown_html(part)[0])
    return shown


def _feedparser_meets(expression: str, data: bytes) -> bool:
    import datetime

    import feedparser

    try:
        result = feedparser.parse(io.BytesIO(data))
        return bool(eval(expression, {"datetime": datetime}, result))
    except Exception:
        return False


def _expect(
    relative: str, expression: str, stored: Stored, tally: Tally, data: bytes, via_http: bool
) -> None:
    entries = Entries([Entry(a) for a in stored.articles])
    # A source named after its file or URL: the feed gave no title.
    name = stored.source_name
    made_up = name is None or relative.endswith(name) or name.endswith(relative)
    feed = Feed(None if made_up else name)
    try:
        holds = evaluate(expression, entries, feed)
    except NotObservable:
        tally.not_observable += 1
        return
    missing = entries.touched() or feed.touched
    if holds and missing:
        tally.nothing_shown += 1  # feedparser's entry shows nothing, and none was stored
        return
    tally.observable += 1
    if holds:
        tally.agree += 1
    else:
        got = stored.articles[0] if stored.articles else None
        mine = (got.title, got.url, (got.summary or got.body)[:80]) if got else stored.failures
        reason = next((why for pattern, why in ACCEPTED if re.search(pattern, relative)), None)
        if reason is None and not via_http and not _feedparser_meets(expression, data):
            reason = "feedparser itself (the installed 6.0) does not meet this expectation"
        line = f"{relative}: {expression[:110]} | stored {mine!r}"
        if reason:
            tally.accepted[reason].append(relative)
        else:
            tally.disagree.append(line)


def check_dates(root: Path) -> tuple[int, int, list[str]]:
    """(strings, same as feedparser, differences) over test_date_parsers.py, both feed paths."""
    from feedparser.datetimes import _parse_date

    from tuinews.importer.formats.feed.fallback import parse_feed_slow
    from tuinews.importer.formats.feed.stream import read_feed

    source = root / "feedparser-tests/tests/test_date_parsers.py"
    if not source.exists():
        return 0, 0, []
    strings: list[str] = []
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.Tuple) and len(node.elts) == 3:
            given = node.elts[1]
            if isinstance(given, ast.Constant) and isinstance(given.value, str) and given.value:
                strings.append(given.value)
    same, differ = 0, []
    for value in dict.fromkeys(strings):
        expected = _parse_date(value)
        wanted = tuple(expected)[:6] if expected else None
        escaped = html.escape(value)
        feed = (
            f"<rss><channel><title>D</title><item><title>t</title><pubDate>{escaped}</pubDate>"
            "</item></channel></rss>"
        ).encode()
        got = []
        for drafts in (list(read_feed(io.BytesIO(feed))[1]), parse_feed_slow(feed)[1]):
            moment = drafts[0].published if drafts else None
            got.append(tuple(moment.timetuple())[:6] if moment else None)
        if got[0] == got[1] == wanted:
            same += 1
        else:
            differ.append(f"{value!r}: feedparser {wanted}, fast {got[0]}, slow {got[1]}")
    return len(dict.fromkeys(strings)), same, differ


def check_paths(files: list[Path]) -> tuple[int, int, list[str]]:
    """(feeds the stream reads, same drafts from feedparser, differences)."""
    from tuinews.importer.formats.feed.fallback import parse_feed_slow
    from tuinews.importer.formats.feed.stream import Unsupported, read_feed

    read, differ = 0, []
    for path in files:
        data = path.read_bytes()
        if b"<!ENTITY" in data[:4096]:
            continue
        try:
            fast = list(read_feed(io.BytesIO(data))[1])
        except Unsupported:
            continue
        except Exception:
            continue
        read += 1
        try:
            slow = parse_feed_slow(data)[1]
        except Exception as exc:
            differ.append(f"{path.name}: feedparser refused ({exc})")
            continue
        if fast != slow:
            differ.append(f"{path.name}: {len(fast)} vs {len(slow)} drafts")
    return read, read - len(differ), differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus")
    parser.add_argument("--show", type=int, default=15, help="examples of each problem")
    parser.add_argument("--only", help="only files whose path holds this text")
    args = parser.parse_args()
    root = find_corpus(args.corpus)
    if root is None:
        print("corpus_fidelity: no corpus (../shared/corpus); nothing measured")
        return
    files = [p for p in corpus_files(root) if not args.only or args.only in str(p)]
    server = serve(root)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            check_file(path, root, base_url, Path(tmp), tally)
    server.shutdown()
    report(tally, args.show)
    strings, same, differ = check_dates(root)
    print(f"dates: {same} of {strings} strings read as feedparser reads them (both paths)")
    show(differ, args.show)
    read, agree, differ = check_paths(
        [p for p in files if p.suffix.lower() in (".xml", ".rss", ".atom", ".rdf")]
    )
    print(f"feed paths: {agree} of {read} feeds that the stream reads give the same drafts")
    show(differ, args.show)


def report(t: Tally, count: int) -> None:
    share = 100 * t.agree / t.observable if t.observable else 0.0
    print(f"files: {t.files} imported into their own store, {t.articles} articles")
    print(f"tracebacks: {len(t.tracebacks)}")
    show(t.tracebacks, count)
    print(f"integrity failures: {len(t.integrity)}")
    show(t.integrity, count)
    print(f"failed sources: {sum(t.failures.values())}")
    show([f"{n} x {reason}" for reason, n in t.failures.most_common()], count)
    print(
        f"expectations: {t.agree} of {t.observable} observable agree ({share:.1f} %), "
        f"{len(t.disagree)} differ for no stated reason; "
        f"{t.not_observable} not observable, {t.nothing_shown} show nothing either way"
    )
    show(t.disagree, count)
    accepted = sum(len(files) for files in t.accepted.values())
    print(f"  of which differences on purpose: {accepted}")
    for reason, files in t.accepted.items():
        print(f"    {len(files)} x {reason}")
    print(f"raw markup in stored text: {len(t.markup)} of {t.fields_checked} fields")
    show(t.markup, count)
    print(f"undecoded entities in shown text: {len(t.entities)}")
    show(t.entities, count)
    print(f"OPML: {t.opml_files} files, {len(t.opml_missing)} with outlines not subscribed")
    show(t.opml_missing, count)


def show(lines: list[str], count: int) -> None:
    for line in lines[:count]:
        print(f"    {line}")
    if len(lines) > count:
        print(f"    ... and {len(lines) - count} more")


if __name__ == "__main__":
    main()
