"""Deterministic synthetic news: feeds and page dumps of any size, from our own word lists."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

WORDS = [
    "harbour",
    "council",
    "ferry",
    "budget",
    "research",
    "station",
    "river",
    "valley",
    "market",
    "school",
    "bridge",
    "museum",
    "league",
    "coach",
    "season",
    "minister",
    "vote",
    "report",
    "survey",
    "climate",
    "energy",
    "grid",
    "port",
    "workers",
    "prices",
    "harvest",
    "study",
    "scientists",
    "telescope",
    "library",
    "choir",
    "festival",
    "clinic",
    "patients",
    "doctors",
    "traffic",
    "rail",
    "tunnel",
    "airport",
    "export",
    "shares",
    "profit",
    "startup",
    "software",
    "network",
    "satellite",
    "orbit",
    "summit",
    "treaty",
    "border",
    "election",
    "parliament",
    "committee",
    "hearing",
]
NAMES = ("Ana Ruiz", "Tomas Brandvik", "Priya Raman", "Jun Park", "Mette Olsen", "Lise Aamodt")
CATEGORIES = ("Technology", "Business", "Politics", "World", "Science", "Sports", "Health")
EPOCH = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def sentence(rng: random.Random, words: int = 18) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


RSS_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
    "<title>Synthetic Wire</title><link>https://synthetic.example/</link>"
    "<description>generated</description>"
)


def rss_feed_parts(items: int, *, html_bytes: int = 3000, seed: int = 1) -> Iterator[str]:
    """The RSS 2.0 feed of rss_feed(), piece by piece, so a large one can be streamed."""
    rng = random.Random(seed)
    yield RSS_HEADER
    for n in range(items):
        html: list[str] = []
        while sum(len(p) for p in html) < html_bytes:
            html.append(f"<p>{paragraph(rng)}</p>")
        when = EPOCH - timedelta(minutes=7 * n)
        yield (
            f"<item><title>{escape(sentence(rng, 8))} {n}</title>"
            f"<link>https://synthetic.example/a/{n}</link>"
            f'<guid isPermaLink="false">synthetic-{seed}-{n}</guid>'
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<dc:creator>{rng.choice(NAMES)}</dc:creator>"
            f"<category>{rng.choice(CATEGORIES)}</category>"
            f"<description>{escape(sentence(rng))}</description>"
            f"<content:encoded><![CDATA[{''.join(html)}]]></content:encoded></item>"
        )
    yield "</channel></rss>\n"


def rss_feed(items: int, *, html_bytes: int = 3000, seed: int = 1) -> bytes:
    """An RSS 2.0 feed of `items` items, each with about `html_bytes` of HTML content."""
    return "".join(rss_feed_parts(items, html_bytes=html_bytes, seed=seed)).encode()


def page_dump(seed: int) -> str:
    """A plain-text dump of a news page: menus, a ticker, the article, trending, footer."""
    rng = random.Random(seed)
    title = f"{sentence(rng, 9)[:-1]} ({seed})"
    when = EPOCH - timedelta(hours=seed)
    lines = [
        "Home",
        "World",
        "Business",
        "Technology",
        "Sport",
        "Subscribe",
        "Sign in",
        "",
        "BTC $91,204 +1.2%   EUR/USD 1.08 -0.1%   Brent $77.10 +0.4%",
        "",
        rng.choice(CATEGORIES),
        "",
        title,
        "",
        f"By {rng.choice(NAMES)}",
        f"Updated {when:%d %B %Y}",
        "4 Min Read",
        "",
        "Share",
        "Facebook",
        "Copy link",
        "",
    ]
    for _ in range(rng.randint(5, 9)):
        lines += [paragraph(rng, rng.randint(3, 6)), ""]
    lines += ["Advertisement", "", "Trending", ""]
    for n in range(4):
        lines += [sentence(rng, 9), f"By {rng.choice(NAMES)}", f"{n + 2} hours ago", ""]
    lines += ["Sign up for our newsletter", "Privacy Policy", "Terms of Use", "© 2026 Synthetic"]
    return "\n".join(lines) + "\n"
