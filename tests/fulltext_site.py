"""A small news site written by us for the full-text tests: a summary-only feed whose items
link to article pages on the same server (127.0.0.1), one of them missing."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from httpserver import Reply, Route, static

PARAGRAPHS = [
    "The river authority opened the new flood gates on Tuesday after four years of work, "
    "and engineers said the first high tide passed without a drop reaching the old quay.",
    "Residents who had lined the embankment since dawn cheered as the steel leaves swung "
    "shut, and the harbour master read out the water levels from a clipboard.",
    "The gates cost less than planned, the authority said, because the contractor reused "
    "the foundations of a lock that had stood on the site since the last century.",
]


def page(title: str) -> bytes:
    """An article page with navigation and a footer around the article."""
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | Harbour Gazette</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Harbour Gazette. All rights reserved.</footer></body></html>"
    ).encode()


def feed(base: str) -> bytes:
    """Two items with a one-line teaser each; the second one's page is missing."""
    items = "".join(
        f"<item><guid>{slug}</guid><title>{title}</title><link>{base}/{slug}.html</link>"
        f"<pubDate>0{n} Nov 2026 10:00:00 +0000</pubDate>"
        f"<description>A teaser for {title.lower()}.</description></item>"
        for n, (slug, title) in enumerate(
            [("gates", "Flood gates hold"), ("gone", "A page that went away")], start=1
        )
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
        f"<title>Harbour Gazette</title><link>{base}/</link>{items}</channel></rss>"
    ).encode()


def routes() -> dict[str, Route]:
    """The site's routes; the feed's links name the host the request was sent to."""

    def the_feed(request: BaseHTTPRequestHandler) -> Reply:
        base = f"http://{request.headers['Host']}"
        return Reply(200, feed(base), {"Content-Type": "application/rss+xml"})

    return {
        "/feed.xml": the_feed,
        "/gates.html": static(page("Flood gates hold"), "text/html; charset=utf-8"),
        "/data.json": static(b'{"not": "a page"}', "application/json"),
    }
