"""The dump parser's shortcuts give the same results as the long way round."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tuinews.importer.formats.textdump import lines as lines_module
from tuinews.importer.formats.textdump.lang import words_of
from tuinews.importer.formats.textdump.lines import Kind, classify, classify_all

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Lines of every kind the classifier tells apart, short enough to be kept.
SAMPLE_LINES = [
    "",
    "Home",
    "Sign in",
    "© 2026 The Harbour Gazette",
    "12 comments",
    "By Jane Doe",
    "By",
    "Updated 20 November 2026",
    "4 Min Read",
    "Jane Doe 2 hours ago",
    "• 24 July 2015",
    "- A bullet of the summary",
    "Photo: Jane Doe / Getty Images",
    "EUR/USD 1.0832",
    "Ferry strike ends after nine days of talks",
    "The council met on Monday and voted to close the harbour.",
    "Reading: Ferry strike ends after nine days",
]


def test_classify_gives_what_classifying_afresh_gives() -> None:
    for text in SAMPLE_LINES * 2:  # the second time from the cache
        assert classify(text) == lines_module._classify(text), text


def test_a_line_changed_by_the_parse_does_not_change_the_next_page() -> None:
    first = classify("Ferry strike ends after nine days of talks")
    assert first.kind is Kind.TITLE
    first.kind = Kind.DEK  # as the headline search marks a standfirst
    assert classify("Ferry strike ends after nine days of talks").kind is Kind.TITLE


def test_a_short_line_is_classified_once_for_a_folder_of_pages() -> None:
    page = "\n".join(["Home", "World", "Sign in", "", "By Jane Doe", "Updated 20 November 2026"])
    classify_all(page)
    before = lines_module._classified.cache_info()
    classify_all(page)
    after = lines_module._classified.cache_info()
    assert after.misses == before.misses
    assert after.hits - before.hits == 5


def test_a_paragraph_is_not_kept() -> None:
    paragraph = "The council met on Monday. " * 10
    before = lines_module._classified.cache_info()
    assert classify(paragraph).kind is Kind.PROSE
    assert lines_module._classified.cache_info() == before


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(list("abcXYZ019 _-'’.,\t\x1c\u00e9\u212a\u0130ßДж中")),
        max_size=40,
    )
)
def test_words_of_finds_the_words_the_pattern_finds(text: str) -> None:
    assert words_of(text) == _WORD.findall(text.lower())
