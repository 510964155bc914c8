"""One store article with links, written by us, for the reading-tool and `show` tests."""

from __future__ import annotations

from conftest import FIXED_NOW
from tuinews.models import Article, ArticleDraft
from tuinews.store import Store


def save_rain_article(store: Store, body: str, url: str = "https://example.org/rain") -> None:
    """Store 'Rain in the valley' (by Ana Ruiz, Valley Weather, Weather) with this body."""
    store.save_source(
        "/weather.json",
        "Valley Weather",
        "json",
        [
            ArticleDraft(
                title="Rain in the valley",
                body=body,
                author="Ana Ruiz",
                url=url,
                summary="It rained.",
                published=FIXED_NOW,
                category="Weather",
            )
        ],
    )


RAIN = Article(
    id=1,
    title="Rain in the valley",
    author="Ana Ruiz",
    published=FIXED_NOW,
    category="Weather",
    source="Valley Weather",
    url="https://example.org/rain",
    summary="It rained.",
    body="Rain fell on the [valley](https://example.org/valley).",
    word_count=6,
    read=False,
    starred=False,
    imported_at=FIXED_NOW,
)
