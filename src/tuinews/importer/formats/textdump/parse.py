"""Parse a plain-text dump of a news page (a browser's "select all, copy") into articles.

The page's lines are classified one by one (`lines`): furniture (menus, share bars, ads,
tickers, newsletter boxes), list headers and footers that end an article, bylines and dates,
captions, bullets, prose and headline-like lines. An article starts at a headline that is
printed twice or followed by a byline/date before any prose; its body is the prose that follows,
up to the next such headline or the first list header, tag line, comment section or footer.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import datetime

from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.textdump.body import Body, build_body, category_above
from tuinews.importer.formats.textdump.eye import main_article
from tuinews.importer.formats.textdump.head import Keys
from tuinews.importer.formats.textdump.header import key_points
from tuinews.importer.formats.textdump.lines import Kind, Line, classify_all, key_of
from tuinews.importer.formats.textdump.shape import not_a_headline
from tuinews.importer.formats.textdump.site import site_and_owner
from tuinews.models import ArticleDraft
from tuinews.store.keys import word_count

_WINDOW = 40  # lines around a headline within which a second copy of it counts
_SCAN = 12  # non-blank lines after a headline searched for its byline or date
_EXTRA_WORDS = 40  # a second article in the dump is at least this long
_HEADER_LINES = 8  # at most this many lines between a second article's headline and its body
_EXTRA_SHARE = 0.3  # and at least this share of the main article: else it is a teaser
_LOOSE_MIN_WORDS = 25  # prose without any headline evidence must be at least this long
_COMMENTS = re.compile(r"comment|conversation|discussion|repl(?:y|ies)", re.I)


def parse_text_dump(text: str) -> list[ArticleDraft]:
    """Return the articles of a pasted news page, in order, with clean Markdown bodies.

    Raises ImportFailure (and nothing else) when the text holds no article.
    """
    if not isinstance(text, str):
        raise ImportFailure("the text dump is not text")
    try:
        drafts = _parse(text)
    except ImportFailure:
        raise
    except Exception as exc:  # a parser bug must still reach the user as a failed source
        raise ImportFailure("the text could not be read as a news page") from exc
    if not drafts:
        raise ImportFailure("no article found in the text")
    return drafts


def _parse(text: str) -> list[ArticleDraft]:
    lines = classify_all(text)
    keys = Keys(lines)
    anchored = _anchored(lines, keys)
    others = [
        a
        for a in anchored
        if a.body.words >= _EXTRA_WORDS
        and a.body.paragraphs >= 2
        and a.bylined
        and keys.printed(lines[a.at].key) <= 2
        and lines[a.at].words >= 4
    ]
    main = main_article(lines, keys, frozenset(i for a in others for i in (a.head, a.at)))
    if main is None:
        drafts = [a.draft for a in anchored] or _loose(lines, keys)
    else:
        # Other articles of a scroll of several: a headline with its own byline or copy,
        # a long body, and no overlap with the main run of prose.
        size = word_count(main.draft.body)
        extras = [
            a
            for a in others
            if a.body.words >= _EXTRA_SHARE * size
            and (a.stop <= main.run.start or a.at >= main.run.stop)
        ]
        placed = [(a.head, a.draft) for a in extras] + [(main.head, main.draft)]
        drafts = [draft for _, draft in sorted(placed, key=lambda pair: pair[0])]
    site, owner = site_and_owner(lines, keys, frozenset(key_of(d.title) for d in drafts))
    if site is not None:
        drafts = [_sourced(d, site, owner) for d in drafts]
    return drafts


def _sourced(draft: ArticleDraft, site: str, owner: str | None) -> ArticleDraft:
    """The draft with the site as its source, and its owner as the author where it has none
    or where the byline found is the site's name and the site has another owner (a personal
    blog's title over its date)."""
    author = draft.author
    if author is None or (owner is not None and key_of(author) == key_of(site)):
        author = owner
    return replace(draft, source_name=draft.source_name or site, author=author)


def _loose(lines: list[Line], keys: Keys) -> list[ArticleDraft]:
    loose = _without_headline(lines, keys)
    return [loose] if loose is not None else []


@dataclass(frozen=True, slots=True)
class _Anchored:
    """An article found from its headline's evidence (a byline under it, a second copy)."""

    draft: ArticleDraft
    body: Body
    head: int  # the header's top (the headline's first copy)
    at: int  # the headline
    stop: int
    bylined: bool  # a byline or date stands between the headline and the body


def _anchored(lines: list[Line], keys: Keys) -> list[_Anchored]:
    """The articles whose headline is printed twice or has a byline or date under it."""
    copies: dict[str, list[int]] = {}
    readbars: set[str] = set()
    for i, line in enumerate(lines):
        if line.kind is Kind.TITLE and line.key:
            copies.setdefault(line.key, []).append(i)
        elif line.kind is Kind.READBAR:
            readbars.add(key_of(line.text.split(":", 1)[1]))
    strength = {i: s for i in range(len(lines)) if (s := _headline(lines, i, copies, readbars))}
    anchors = list(strength)
    found: list[_Anchored] = []
    done = 0  # where the previous article's body stopped
    in_comments = False
    bare: int | None = None  # the last headline with its byline but no body of its own: a teaser
    for n, at in enumerate(anchors):
        # Under a comment section, a name, a date and a remark look like an article's header:
        # only a headline printed twice starts an article there.
        before = lines[anchors[n - 1] if n else 0 : at]
        in_comments = in_comments or any(_opens_comments(line) for line in before)
        if in_comments:
            continue
        limit = anchors[n + 1] if n + 1 < len(anchors) else len(lines)
        start = _body_start(lines, at, limit)
        if start is None:
            bare = at
            continue
        stop = next((j for j in range(start, limit) if lines[j].kind is Kind.END), limit)
        body = build_body(lines, start, stop, lines[at].key)
        if body is None:
            continue
        head = _first_copy(copies.get(lines[at].key, [at]), max(done, at - _WINDOW), at)
        draft = _draft(lines, keys, lines[at].text, head, start, body)
        # A headline with its byline (or a labelled date) and the body close under it: not a
        # chart's title over its axis labels, nor a related story's teaser with a bare date.
        header = [line for line in lines[head:start] if line.kind not in (Kind.BLANK, Kind.BULLET)]
        bylined = len(header) <= _HEADER_LINES and any(_signed(line) for line in header)
        # The last of a list of teasers has the prose under the list below it: not its own.
        teaser = bare is not None and _listed(lines, bare, at)
        bylined = bylined and not teaser
        found.append(_Anchored(draft, body, head, at, stop, bylined))
        done = stop
    return found


def _listed(lines: list[Line], above: int, at: int) -> bool:
    """Whether the headline at `at` follows the one at `above` as the next item of a list:
    another headline, with only its byline and date between them."""
    between = lines[above + 1 : at]
    return lines[above].key != lines[at].key and all(
        line.kind in (Kind.BLANK, Kind.META) for line in between
    )


def _signed(line: Line) -> bool:
    """A byline, or a date that says it is the publication or update date."""
    meta = line.meta
    return meta is not None and (meta.author is not None or meta.date_label != "")


def _opens_comments(line: Line) -> bool:
    return line.kind is Kind.END and _COMMENTS.search(line.text) is not None


def _headline(lines: list[Line], i: int, copies: dict[str, list[int]], readbars: set[str]) -> int:
    """How surely lines[i] starts an article: 2 if the headline is printed twice (or in a
    "Reading:" bar), 1 if a byline or date follows it, else 0."""
    line = lines[i]
    if line.kind is not Kind.TITLE or not_a_headline(line.text):
        return 0
    followed = _meta_follows(lines, i)  # run first: it marks the standfirst (dek) it passes
    places = copies.get(line.key, [])
    k = bisect_left(places, i - _WINDOW)
    if line.key in readbars or any(j != i and abs(j - i) <= _WINDOW for j in places[k : k + 3]):
        return 2
    return 1 if followed else 0


def _meta_follows(lines: list[Line], i: int) -> bool:
    """Whether a byline/date follows the headline at i before any prose or other headline.

    One standfirst may stand between them: a long headline-like line, or a short prose line
    with the metadata right under it. It is marked DEK so it never counts as a headline itself.
    """
    title = lines[i]
    seen = 0
    dek: int | None = None
    for j in range(i + 1, min(len(lines), i + 5 * _SCAN)):
        line = lines[j]
        if line.kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _SCAN or line.kind is Kind.END:
            return False
        if line.kind is Kind.META:
            if dek is not None:
                lines[dek].kind = Kind.DEK
            return True
        if line.kind is Kind.PROSE and not line.weak:
            if dek is None and line.words <= 45 and _meta_soon(lines, j):
                dek = j
                continue
            return False
        if line.kind is Kind.TITLE and line.key != title.key:
            if dek is None and title.words >= 4 and line.words >= max(12, title.words + 3):
                dek = j
                continue
            return False
    return False


def _meta_soon(lines: list[Line], j: int) -> bool:
    """Whether a byline/date line follows lines[j] within three lines of furniture."""
    seen = 0
    for k in range(j + 1, min(len(lines), j + 12)):
        kind = lines[k].kind
        if kind is Kind.META:
            return True
        if kind not in (Kind.BLANK, Kind.JUNK, Kind.CAPTION):
            return False
        seen += kind is not Kind.BLANK
        if seen >= 3:
            return False
    return False


def _body_start(lines: list[Line], at: int, limit: int) -> int | None:
    """The first prose line after the headline at `at`, unless a list header comes first."""
    for j in range(at + 1, limit):
        line = lines[j]
        if line.kind is Kind.END:
            return None
        if line.kind is Kind.PROSE and not line.weak:
            return j
    return None


def _first_copy(places: list[int], low: int, at: int) -> int:
    """The first line from `low` on that repeats the headline at `at` (the header's top)."""
    k = bisect_left(places, low)
    return places[k] if k < len(places) and places[k] < at else at


def _draft(
    lines: list[Line], keys: Keys, title: str, head: int, start: int, body: Body
) -> ArticleDraft:
    """The article whose header is lines[head:start] and whose body is `body`."""
    author: str | None = None
    published: datetime | None = None
    label = ""
    for line in lines[head:start]:
        meta = line.meta
        if line.kind is Kind.META and meta is not None:
            author = author or meta.author
            # The first date, unless a later one says it is the publication date.
            if meta.date is not None and (
                published is None or (meta.date_label == "published" and label != "published")
            ):
                published, label = meta.date, meta.date_label
    if published is None:
        published = _date_above(lines, head)
    return ArticleDraft(
        title=title[:300],
        body=body.text,
        author=author,
        published=published,
        category=category_above(lines, head),
        summary=key_points(
            [line for line in lines[head:start] if line.kind is Kind.BULLET], keys.named
        )
        or _dek(lines, head, start),
    )


def _dek(lines: list[Line], head: int, start: int) -> str | None:
    """The standfirst between the headline and its byline (marked DEK), as the summary: the
    same for every article of a dump as for its main one."""
    return next((line.text for line in lines[head + 1 : start] if line.kind is Kind.DEK), None)


def _date_above(lines: list[Line], head: int) -> datetime | None:
    """A date line right above the headline, unless it ends a list item above."""
    j = head - 1
    while j >= 0 and head - j <= 2 and lines[j].kind is Kind.BLANK:
        j -= 1
    meta = lines[j].meta if j >= 0 else None
    if meta is None or meta.author is not None:
        return None
    above = lines[j - 1].kind if j > 0 else Kind.BLANK
    return None if above in (Kind.TITLE, Kind.META, Kind.DEK, Kind.PROSE) else meta.date


def _without_headline(lines: list[Line], keys: Keys) -> ArticleDraft | None:
    """The page's first run of prose as one article when no headline has a byline or date.

    Its title is the nearest headline-like line above the prose, else its first words.
    """
    after_end = False
    title_at: int | None = None
    for start, line in enumerate(lines):
        if line.kind is Kind.END:
            after_end, title_at = True, None
        elif line.kind in (Kind.TITLE, Kind.DEK):
            title_at = start
        elif line.kind is Kind.PROSE and not line.weak and (title_at is not None or not after_end):
            break
    else:
        return None
    stop = next((j for j in range(start, len(lines)) if lines[j].kind is Kind.END), len(lines))
    title_key = lines[title_at].key if title_at is not None else ""
    body = build_body(lines, start, stop, title_key)
    if body is None or body.words < _LOOSE_MIN_WORDS:
        return None
    if title_at is not None:
        return _draft(lines, keys, lines[title_at].text, title_at, start, body)
    words = lines[start].text.split()
    title = " ".join(words[:12]).rstrip(".,;:") + ("…" if len(words) > 12 else "")
    return _draft(lines, keys, title, start, start, body)
