"""Choose an article's category when the source gives none: config rules, then a guess.

Order: the user's --category > the source's own section > the first config rule that
matches > a built-in topic guess from the words > "Uncategorized".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tuinews.models import ArticleDraft, CategoryRule

_WORD = re.compile(r"[a-z][a-z'-]+")
_WORDS = re.compile(r"\w+")

# Stems matched as word prefixes; a handful of clear signals per topic.
TOPICS: dict[str, tuple[str, ...]] = {
    "Technology": (
        "software",
        "app",
        "apps",
        "startup",
        "chip",
        "semiconductor",
        "smartphone",
        "laptop",
        "internet",
        "cyber",
        "hacker",
        "algorithm",
        "artificial intelligence",
        "ai",
        "robot",
        "computer",
        "digital",
        "data",
        "cloud",
        "encryption",
        "broadband",
        "satellite",
    ),
    "Business": (
        "market",
        "shares",
        "stock",
        "investor",
        "profit",
        "revenue",
        "earnings",
        "economy",
        "inflation",
        "bank",
        "company",
        "retail",
        "price",
        "trade",
        "tariff",
        "merger",
        "ceo",
        "quarter",
        "export",
        "freelanc",
        "billion",
        "million",
    ),
    "Politics": (
        "election",
        "parliament",
        "senate",
        "minister",
        "president",
        "government",
        "vote",
        "party",
        "coalition",
        "campaign",
        "lawmaker",
        "policy",
        "opposition",
        "referendum",
    ),
    "World": (
        "united nations",
        "embassy",
        "border",
        "refugee",
        "ceasefire",
        "diplomat",
        "treaty",
        "foreign",
        "military",
        "troops",
        "conflict",
        "sanctions",
        "terroris",
        "alliance",
    ),
    "Science": (
        "research",
        "scientist",
        "study",
        "telescope",
        "planet",
        "species",
        "climate",
        "physics",
        "genome",
        "laboratory",
        "astronom",
        "fossil",
        "experiment",
        "glacier",
    ),
    "Health": (
        "health",
        "hospital",
        "patient",
        "doctor",
        "vaccine",
        "disease",
        "virus",
        "medical",
        "clinic",
        "nurse",
        "cancer",
        "diet",
        "mental health",
        "flu",
    ),
    "Sports": (
        "match",
        "season",
        "league",
        "coach",
        "goal",
        "tournament",
        "championship",
        "player",
        "team",
        "cup",
        "olympic",
        "football",
        "cricket",
        "tennis",
        "marathon",
        "score",
    ),
    "Culture": (
        "film",
        "novel",
        "museum",
        "music",
        "album",
        "festival",
        "artist",
        "theatre",
        "book",
        "exhibition",
        "concert",
        "director",
        "actor",
        "gallery",
        "jazz",
    ),
}
MIN_SCORE = 4


def choose_category(
    draft: ArticleDraft,
    source: str,
    *,
    override: str | None = None,
    rules: Sequence[CategoryRule] = (),
) -> str | None:
    """The category for a draft, following the order in the module docstring."""
    if override:
        return override
    if draft.category:
        return draft.category
    text = f"{draft.title}\n{draft.summary or ''}\n{draft.body}".lower()
    words: frozenset[str] | None = None  # the text's words, found once for every rule
    for rule in rules:
        if any((draft.source_name or source).casefold() == s.casefold() for s in rule.sources):
            return rule.category
        if not rule.keywords:
            continue
        single, pattern = _keyword_index(rule.keywords)
        if words is None:
            words = frozenset(_WORDS.findall(text))
        if not words.isdisjoint(single) or (pattern is not None and pattern.search(text)):
            return rule.category
    return guess_topic(draft.title, text)


@lru_cache(maxsize=256)
def _keyword_index(keywords: tuple[str, ...]) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """A rule's keywords, prepared once: the one-word ones as a set (a word of the text
    matches one exactly as r"\bkeyword\b" would), the others in one pattern."""
    lowered = [keyword.lower() for keyword in keywords]
    single = frozenset(keyword for keyword in lowered if _WORDS.fullmatch(keyword))
    others = [keyword for keyword in lowered if keyword not in single]
    if not others:
        return single, None
    return single, re.compile(r"\b(?:" + "|".join(map(re.escape, others)) + r")\b")


@lru_cache(maxsize=1)
def _stem_index() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Single-word stems by stem, and the multi-word phrases."""
    single = {stem: topic for topic, stems in TOPICS.items() for stem in stems if " " not in stem}
    phrases = tuple((s, t) for t, stems in TOPICS.items() for s in stems if " " in s)
    return single, phrases


def guess_topic(title: str, text: str) -> str | None:
    """The topic whose words are most frequent (title words count triple), if clear enough."""
    single, phrases = _stem_index()
    scores = dict.fromkeys(TOPICS, 0)
    for weight, words in ((3, _WORD.findall(title.lower())), (1, _WORD.findall(text[:20_000]))):
        for word in words:
            # A stem matches a word it starts, with at most four letters of ending.
            for cut in range(max(2, len(word) - 4), len(word) + 1):
                topic = single.get(word[:cut])
                if topic is not None:
                    scores[topic] += weight
                    break
        joined = " ".join(words)
        for phrase, topic in phrases:
            scores[topic] += weight * joined.count(phrase)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SCORE or top == second:
        return None
    return best
