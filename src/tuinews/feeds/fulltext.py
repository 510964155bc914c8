"""Full text for summary-only feeds: fetch an article's page, extract the article with the
importer's HTML extractor (trafilatura), and store it under the feed's own text.

Used by the reader's full-text key for one article and by the refresh for the new articles
of the feeds listed in `[feeds] full_text`. Fetches run with the refresh's size cap and
timeout, a few at a time; each article is written in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING

from tuinews.importer.errors import ImportFailure
from tuinews.importer.fetch import fetch, make_client
from tuinews.models import Article, FullTextResult, Subscription
from tuinews.store import Store
from tuinews.store.keys import word_count
from tuinews.untrusted import door_block

if TYPE_CHECKING:
    import httpx

MAX_PAGE_BYTES = 64 * 1024 * 1024  # the refresh's cap on a feed's size
FULL_TEXT_MARK = "*Full text, from the article's page:*"


def extract_page(body: bytes, url: str) -> str:
    """The article of an HTML page as clean Markdown. Raises ImportFailure in plain words."""
    from tuinews.importer.formats.page import NO_TEXT
    from tuinews.importer.pipeline import parse_clean
    from tuinews.importer.sniff import decode, sniff

    kind = sniff(decode(body[:4096]))
    if kind != "html":
        raise ImportFailure(f"not an HTML page (it reads as {kind})")
    parsed = parse_clean(lambda: body, url)
    if not parsed.drafts or not parsed.drafts[0].body.strip():
        raise ImportFailure(NO_TEXT)
    return parsed.drafts[0].body


def fetch_full_text(
    url: str,
    *,
    timeout: float,
    max_bytes: int = MAX_PAGE_BYTES,
    client: httpx.Client | None = None,
) -> str:
    """The article at `url`, extracted as Markdown. Raises ImportFailure in plain words."""
    response = fetch(url, max_bytes=max_bytes, timeout=timeout, client=client)
    return extract_page(response.body, response.final_url)


def with_full_text(article: Article, full: str) -> str:
    """The new body: the feed's text, then the page's article under a note. With a summary
    (shown above the body) the feed's text is that summary and the page's article replaces it.
    Fetching again replaces what an earlier fetch added."""
    feed_text = article.body.split(FULL_TEXT_MARK, 1)[0].rstrip().removesuffix("---").rstrip()
    if article.summary or not feed_text:
        return f"{FULL_TEXT_MARK}\n\n{full}"
    return f"{feed_text}\n\n---\n\n{FULL_TEXT_MARK}\n\n{full}"


def save_full_text(store: Store, article: Article, full: str) -> None:
    """Store the page's article in one transaction. The content hash stays the feed's, so
    the next refresh, finding the same item, leaves the full text in place."""
    body = door_block(with_full_text(article, full))  # the store's door, as for every text
    with store.write() as conn:
        conn.execute(
            "UPDATE articles SET body = ?, word_count = ? WHERE id = ?",
            (body, word_count(body), article.id),
        )


def fetch_and_save(store: Store, article: Article, *, timeout: float) -> FullTextResult:
    """Fetch one article's page and store its text; the result says how it went."""
    if not article.url:
        return FullTextResult(article.id, "", "the article has no link")
    try:
        full = fetch_full_text(article.url, timeout=timeout)
    except ImportFailure as exc:
        return FullTextResult(article.id, article.url, str(exc))
    save_full_text(store, article, full)
    return FullTextResult(article.id, article.url)


def wants_full_text(subscription: Subscription, names: Sequence[str]) -> bool:
    """True when `[feeds] full_text` names the feed, by its URL or its title."""
    return subscription.url in names or (subscription.title or "") in names


def fetch_new_full_texts(
    store: Store,
    feeds: Sequence[Subscription],
    *,
    after_id: int,
    concurrency: int,
    timeout: float,
    max_bytes: int = MAX_PAGE_BYTES,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[FullTextResult]:
    """Fetch the pages of the articles after `after_id` from these feeds, `concurrency` at
    a time, storing each as it arrives (on this thread: one writer)."""
    articles = _new_articles(store, [feed.url for feed in feeds], after_id)
    if not articles:
        return []
    results: list[FullTextResult] = []
    client = make_client(timeout, connections=concurrency)
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="tuinews-fulltext")
    try:
        futures = {
            pool.submit(
                fetch_full_text, a.url or "", timeout=timeout, max_bytes=max_bytes, client=client
            ): a
            for a in articles
        }
        for future in as_completed(futures):
            article = futures[future]
            url = article.url or ""
            try:
                full = future.result()
            except ImportFailure as exc:
                results.append(FullTextResult(article.id, url, str(exc)))
                continue
            save_full_text(store, article, full)
            results.append(FullTextResult(article.id, url))
            if should_stop():
                break
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        client.close()
    return results


def _new_articles(store: Store, feed_urls: list[str], after_id: int) -> list[Article]:
    if not feed_urls:
        return []
    marks = ", ".join("?" * len(feed_urls))
    rows = store.conn.execute(
        "SELECT a.id FROM articles AS a JOIN sources AS s ON s.id = a.source_id "
        f"WHERE a.id > ? AND s.location IN ({marks}) AND a.url IS NOT NULL ORDER BY a.id",
        [after_id, *feed_urls],
    ).fetchall()
    return [article for (article_id,) in rows if (article := store.get(article_id)) is not None]


def last_article_id(store: Store) -> int:
    """The largest article id now: what a refresh adds comes after it."""
    (largest,) = store.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
    return int(largest)
