"""OPML subscription lists, and how an article's category is chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, NOW
from tuinews.config import ConfigError, load_settings
from tuinews.importer.categorize import choose_category, guess_topic
from tuinews.importer.errors import ImportFailure
from tuinews.importer.formats.opml import parse_opml
from tuinews.importer.pipeline import import_sources
from tuinews.models import ArticleDraft, CategoryRule, FeedSubscription, View
from tuinews.store import Store
from tuinews.store.subscriptions import list_subscriptions

OPML = FIXTURES / "opml" / "subscriptions.opml"


def test_opml_outlines_become_subscriptions_with_folder_categories() -> None:
    title, subs = parse_opml(OPML.read_bytes())
    assert title == "My reading list"
    assert subs == [
        FeedSubscription(
            "https://circuitledger.example/feed.rss", "The Circuit Ledger", "Technology"
        ),
        FeedSubscription("https://benchnotes.example/atom.xml", "Bench Notes", "Hardware"),
        FeedSubscription("https://meridianwire.example/feed.atom", "Meridian Wire", "World"),
        FeedSubscription("http://loose.example/rss", "Loose feed", "Odds"),
    ]


def test_opml_import_stores_subscriptions_once(store: Store) -> None:
    report = import_sources([str(OPML)], store)
    assert report.failures == [] and report.subscriptions_added == 4 and report.new == 0
    again = import_sources([str(OPML)], store)
    assert again.subscriptions_added == 0
    assert [s.title for s in list_subscriptions(store)] == [
        "Bench Notes",
        "Loose feed",
        "The Circuit Ledger",
        "Meridian Wire",
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<opml><body></body></opml>", "no feeds"),
        (b"<opml><body><outline", "malformed OPML"),
        # Found by the long fuzzing run: an unknown encoding escaped as LookupError. It is
        # read as UTF-8 now, like a feed reader would (see test_forgiving_opml).
        (b'<?xml version="1.0" encoding="ATF-8"?><opml><body/></opml>', "no feeds"),
        (b"<rss><channel><title>A feed</title></channel></rss>", "not an OPML document"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<opml><body><outline xmlUrl="http://a.example/&x;"/></body></opml>',
            "entities",
        ),
    ],
)
def test_bad_opml(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFailure, match=reason):
        parse_opml(data)


def draft(**fields: object) -> ArticleDraft:
    base: dict[str, object] = {"title": "A day at the harbour", "body": "Boats came and went."}
    return ArticleDraft(**{**base, **fields})  # type: ignore[arg-type]


def test_category_order_override_then_own_then_rules_then_guess() -> None:
    rules = [
        CategoryRule("Space", keywords=("telescope",)),
        CategoryRule("Local", sources=("Quay",)),
    ]
    telescope = draft(title="New telescope for the harbour school")
    assert choose_category(telescope, "Quay", override="Mine", rules=rules) == "Mine"
    assert choose_category(draft(category="Own"), "Quay", rules=rules) == "Own"
    assert choose_category(telescope, "Quay", rules=rules) == "Space"
    assert choose_category(draft(), "Quay", rules=rules) == "Local"
    assert choose_category(draft(), "Elsewhere", rules=rules) is None
    # "telescopes" is not the whole word "telescope": rules match whole words only.
    assert choose_category(draft(body="Two telescopes."), "Elsewhere", rules=rules) is None


@pytest.mark.parametrize(
    ("title", "body", "topic"),
    [
        ("Striker scores twice as league leaders win", "The coach praised the team.", "Sports"),
        (
            "Parliament passes budget",
            "The minister said the vote on government policy passed.",
            "Politics",
        ),
        (
            "Chipmaker profits rise",
            "Shares rose after the company beat revenue forecasts.",
            "Business",
        ),
        (
            "Astronomers find a planet",
            "The telescope study by scientists in the laboratory.",
            "Science",
        ),
        ("Hello", "Nothing in particular happened today.", None),
    ],
)
def test_topic_guess(title: str, body: str, topic: str | None) -> None:
    assert guess_topic(title, f"{title}\n{body}".lower()) == topic


def test_rules_from_the_config_apply_on_import(store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[rules]]\ncategory = "Bees"\nkeywords = ["colonies"]\n')
    settings = load_settings(config)
    atom = FIXTURES / "feeds" / "small.atom"
    # The feed names its own category (science), which wins over the rule...
    import_sources([str(atom)], store, rules=settings.rules)
    assert store.articles(View(), now=NOW, limit=10)[0].category == "Science"
    # ...but JSON without a category gets the rule's.
    plain = tmp_path / "a.json"
    plain.write_text('[{"title": "Hives", "body": "The colonies grew."}]')
    import_sources([str(plain)], store, rules=settings.rules)
    assert {a.category for a in store.articles(View(), now=NOW, limit=10)} == {"Science", "Bees"}


def test_bad_rules_are_reported_with_the_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[[rules]]\nkeywords = ['x']\n")
    with pytest.raises(ConfigError, match="rule 1 needs a category"):
        load_settings(config)
    config.write_text("theme = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config)
