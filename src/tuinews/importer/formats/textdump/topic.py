"""What the article is about, in words: how much of a line the article's opening repeats.

A headline names its subject, and the first paragraphs name it again ("New Zealand" over
"New Zealand is a sovereign island country ..."; "Xbox One X review" over a lede on the
console); another story's teaser, a button or a box's heading does not. The words compared
are the line's content words (not the page language's stopwords), cut to their first letters
so that "wraps" meets "wrapped" and "mort" meets "morts"; in Chinese and Japanese, each
character that is not a small word.
"""

from __future__ import annotations

from tuinews.importer.formats.textdump.lang import Language, dense_chars, dense_small, words_of
from tuinews.importer.formats.textdump.lines import Line
from tuinews.importer.formats.textdump.prose import Grade, Run

_OPENING = 2500  # characters of the article's prose read: its opening, where it names its subject
_STEM = 5  # letters of a word compared
_FEWEST = 3  # content words a line is counted as having at least
_PROSE = (Grade.GOOD, Grade.NEAR)


class Topic:
    """The opening of an article, to ask how much of a line's content it repeats."""

    def __init__(self, lines: list[Line], grades: list[Grade], run: Run, lang: Language) -> None:
        self._stopwords = lang.stopwords
        self._dense = lang.dense or lang.mixed
        texts: list[str] = []
        read = 0
        for j in range(run.start, run.stop):
            if grades[j] in _PROSE:
                texts.append(lines[j].text)
                read += len(lines[j].text)
                if read >= _OPENING:
                    break
        # Searched as text, not split into words: a page's opening is long, a headline short.
        self._opening = " ".join(texts).lower()
        self._shares: dict[str, float] = {}  # a line is asked about once per headline near it

    def _content(self, text: str) -> set[str]:
        stop = self._stopwords
        stems = {word[:_STEM] for word in words_of(text) if len(word) > 2 and word not in stop}
        if self._dense and dense_chars(text):  # each character a word, less the small ones
            stems = {stem for stem in stems if not dense_chars(stem)}
            stems.update(ch for ch in text if dense_chars(ch) and not dense_small(ch))
        return stems

    def share(self, text: str) -> float:
        """The share of the line's content words that the article's opening holds, counted
        as if the line had at least three (one word met is chance, not a subject named)."""
        share = self._shares.get(text)
        if share is None:
            stems = self._content(text)
            met = sum(stem in self._opening for stem in stems)
            share = self._shares[text] = met / max(len(stems), _FEWEST)
        return share
