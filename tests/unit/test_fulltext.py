"""Full text for summary-only feeds, against pages served on 127.0.0.1."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cli import tuinews
from fulltext_site import PARAGRAPHS, routes
from httpserver import serve
from tuinews.feeds.fulltext import FULL_TEXT_MARK, fetch_and_save, with_full_text
from tuinews.feeds.refresh import refresh_feeds
from tuinews.store import Store, open_store
from tuinews.store.subscriptions import add_subscription
from weather import RAIN


def bodies(db_path: Path) -> dict[str, str]:
    store = open_store(db_path)
    try:
        rows = store.conn.execute("SELECT title, body FROM articles").fetchall()
    finally:
        store.close()
    return dict(rows)


def test_the_page_article_goes_under_the_feed_teaser_and_replaces_an_earlier_fetch() -> None:
    teaser = replace(RAIN, summary=None, body="A teaser.")
    body = with_full_text(teaser, "The whole story.")
    assert body == f"A teaser.\n\n---\n\n{FULL_TEXT_MARK}\n\nThe whole story."
    again = replace(teaser, body=body)
    assert with_full_text(again, "The story, updated.").endswith(
        f"A teaser.\n\n---\n\n{FULL_TEXT_MARK}\n\nThe story, updated."
    )
    # With a summary (drawn above the body) the page's article takes the body's place.
    assert with_full_text(RAIN, "The whole story.") == f"{FULL_TEXT_MARK}\n\nThe whole story."


def test_fetch_one_article_page_and_say_why_when_it_cannot_be_read(store: Store) -> None:
    with serve(routes()) as (base, _):
        for url, expected in (
            (f"{base}/gates.html", None),
            (f"{base}/gone.html", "the server answered 404 Not Found"),
            (f"{base}/data.json", "not an HTML page"),
            ("http://127.0.0.1:9/closed", "could not be fetched"),
        ):
            result = fetch_and_save(store, replace(RAIN, url=url), timeout=5)
            assert (result.error or "None").startswith(str(expected)), result


def test_refresh_fetches_full_text_for_the_feeds_that_ask(db_path: Path) -> None:
    with serve(routes()) as (base, hits):
        url = f"{base}/feed.xml"
        store = open_store(db_path)
        add_subscription(store, url)
        store.close()
        report = refresh_feeds(db_path, full_text=[url], concurrency=2, timeout=5)
        assert report.new == 2
        lines = sorted(page.line() for page in report.full_texts)
        assert lines == [
            f"error: full text: {base}/gone.html: the server answered 404 Not Found",
            f"full text: {base}/gates.html",
        ]
        stored = bodies(db_path)
        gates = stored["Flood gates hold"]
        assert gates.startswith("A teaser for flood gates hold.\n\n---\n\n" + FULL_TEXT_MARK)
        assert all(paragraph[:60] in gates for paragraph in PARAGRAPHS)
        assert "Copyright" not in gates and "Sport" not in gates  # the page's furniture
        assert stored["A page that went away"] == "A teaser for a page that went away."
        # The next refresh finds the same items: the full text stays, no page is fetched.
        fetched = hits.count("/gates.html")
        again = refresh_feeds(db_path, full_text=[url], timeout=5)
        assert again.new == 0 and again.full_texts == []
        assert hits.count("/gates.html") == fetched
        assert bodies(db_path)["Flood gates hold"] == gates


def test_refresh_leaves_other_feeds_alone(db_path: Path) -> None:
    with serve(routes()) as (base, hits):
        store = open_store(db_path)
        add_subscription(store, f"{base}/feed.xml")
        store.close()
        report = refresh_feeds(db_path, full_text=["Some Other Feed"], timeout=5)
        assert report.new == 2 and report.full_texts == []
        assert "/gates.html" not in hits


def test_refresh_on_the_command_line_with_the_feed_named_by_title(tmp_path: Path) -> None:
    db, config = str(tmp_path / "x.db"), tmp_path / "config.toml"
    config.write_text('[feeds]\nfull_text = ["Harbour Gazette"]\ntimeout_seconds = 5\n')
    with serve(routes()) as (base, _):
        assert tuinews("--db", db, "feeds", "add", f"{base}/feed.xml").returncode == 0
        # The title is known after the first refresh: the second's new items get pages.
        first = tuinews("--db", db, "--config", str(config), "refresh")
        assert first.returncode == 0, first.stderr
        store = open_store(Path(db))
        store.conn.execute("DELETE FROM articles")
        store.conn.commit()
        store.close()
        result = tuinews("--db", db, "--config", str(config), "refresh")
    assert result.returncode == 0, result.stderr
    assert f"full text: {base}/gates.html" in result.stdout
    assert f"error: full text: {base}/gone.html: the server answered 404 Not Found" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
