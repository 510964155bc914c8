"""One huge item does not sink a large feed, and HTML nested too deeply says so.

A text node over libxml2's 10 MB limit made the streaming reader refuse the whole feed
("Text node too long"), and a feed too large for the whole-file reader then imported
nothing. The item is now read, cut to MAX_BODY_CHARS like any long article, and the
rest imports. HTML nested past libxml2's depth limit lost all its text, silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tuinews.importer import limits
from tuinews.importer.pipeline import import_sources
from tuinews.models import View
from tuinews.store import Store

HEAD = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'


def item(number: int, description: str) -> str:
    return (
        f"<item><title>Item {number}</title><link>https://example.org/{number}</link>"
        f"<description>{description}</description></item>"
    )


def test_a_huge_item_is_cut_and_the_rest_of_a_large_feed_imports(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The whole-file reader takes this feed no more: only the streaming one can read it.
    monkeypatch.setattr(limits, "MAX_SOURCE_BYTES", 1024 * 1024)
    huge = "Harbour words and ferry notes. " * 360_000  # 11 MB of text in one node
    feed = tmp_path / "large.rss"
    items = [item(n, f"Short note {n}.") for n in range(300)]
    items.insert(150, item(9999, huge))
    feed.write_text(HEAD + "".join(items) + "</channel></rss>", encoding="utf-8")
    report = import_sources([str(feed)], store)
    assert not report.failures, report.failures
    assert report.new == 301
    [big] = [a for a in store.search('"Item 9999"', limit=5) if a.title == "Item 9999"]
    assert len(big.body) < limits.MAX_BODY_CHARS + 200
    assert "Cut by tuinews: the text was" in big.body


def test_html_nested_too_deeply_keeps_its_text_and_says_so(store: Store, tmp_path: Path) -> None:
    deep = "<p>Opening line.</p>" + "<div>" * 100_000 + "Deep text." + "</div>" * 100_000
    escaped = deep.replace("<", "&lt;").replace(">", "&gt;")
    feed = tmp_path / "deep.rss"
    feed.write_text(HEAD + item(1, escaped) + item(2, "Fine.") + "</channel></rss>")
    report = import_sources([str(feed)], store)
    assert report.new == 2 and not report.failures
    [article] = [a for a in store.articles(View(), now=_now(), limit=5) if a.title == "Item 1"]
    assert "nested more than 255 levels deep" in article.body
    assert "Opening line." in article.body and "Deep text." in article.body


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2026, 12, 31, tzinfo=UTC)
