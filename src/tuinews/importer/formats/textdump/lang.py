"""The page's language as its reader would hear it: which stopwords its lines are made of.

Prose is written with a language's small words ("the", "und", "de", "и"); menus, teasers
and tickers are not. jusText (a dependency of trafilatura) ships a stopword list per
language; the page's language is the list that covers most of its words. Text in Chinese,
Japanese or Thai has no spaces between words: its "words" are counted from its characters.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# The languages tried, most common on news sites first; the rest of jusText's 100 lists
# would cost a third of a second to load for very little.
_LANGUAGES = (
    "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch", "Czech",
    "Slovak", "Polish", "Russian", "Ukrainian", "Bulgarian", "Serbian", "Croatian",
    "Slovenian", "Romanian", "Hungarian", "Turkish", "Greek", "Swedish", "Danish",
    "Norwegian_Bokmal", "Finnish", "Estonian", "Latvian", "Lithuanian", "Catalan",
    "Arabic", "Hebrew", "Persian", "Urdu", "Hindi", "Indonesian", "Malay", "Vietnamese",
    "Korean", "Tagalog", "Swahili",
)  # fmt: skip
# The same languages as dateparser names them, to read dates in the page's own language only
# (asked to guess among all of its 200 locales, dateparser takes seconds on a line).
_CODES = {
    "English": "en", "French": "fr", "German": "de", "Spanish": "es", "Portuguese": "pt",
    "Italian": "it", "Dutch": "nl", "Czech": "cs", "Slovak": "sk", "Polish": "pl",
    "Russian": "ru", "Ukrainian": "uk", "Bulgarian": "bg", "Serbian": "sr", "Croatian": "hr",
    "Slovenian": "sl", "Romanian": "ro", "Hungarian": "hu", "Turkish": "tr", "Greek": "el",
    "Swedish": "sv", "Danish": "da", "Norwegian_Bokmal": "nb", "Finnish": "fi", "Estonian": "et",
    "Latvian": "lv", "Lithuanian": "lt", "Catalan": "ca", "Arabic": "ar", "Hebrew": "he",
    "Persian": "fa", "Urdu": "ur", "Hindi": "hi", "Indonesian": "id", "Malay": "ms",
    "Vietnamese": "vi", "Korean": "ko", "Tagalog": "tl", "Swahili": "sw",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Every byte that is not an ASCII letter, as a space: an ASCII line's words are what is left.
_NOT_LETTERS = bytes(code if chr(code).isalpha() and code < 128 else 32 for code in range(256))
# Scripts written without spaces: Han, kana, Thai, Lao, Khmer, Myanmar.
_DENSE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
_DENSE_STOPS = "。，、；：！？「」『』（）"
# The small words of Chinese and Japanese prose, one character each: particles, "of", "is",
# "not", "also", "this". A menu item or a headline holds few of them; a sentence, many.
_DENSE_FUNCTION = frozenset(
    "的了是在不也就都而之著着還还很們们這这那與与並并從从把被讓让會会為为於于我你他她有到"
    "のはがをにでとも"
)
_SAMPLE_WORDS = 800


@dataclass(frozen=True, slots=True)
class Language:
    """The page's language: its stopwords (empty if unknown) and whether it is written densely."""

    name: str
    stopwords: frozenset[str]
    dense: bool = False
    mixed: bool = False  # some of its lines are in a spaceless script

    @property
    def codes(self) -> list[str]:
        """The language's ISO 639-1 codes as dateparser takes them (none if unknown)."""
        if self.dense:
            return ["zh", "ja"]
        code = _CODES.get(self.name)
        return [code] if code else []


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    """jusText's stoplists, read from its package folder without importing it (its import
    brings lxml and costs more than reading the forty lists)."""
    spec = find_spec("justext")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return {}
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    lists: dict[str, frozenset[str]] = {}
    for name in _LANGUAGES:
        try:
            text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        except OSError:  # pragma: no cover - a list missing from this jusText
            continue
        lists[name] = frozenset(text.lower().split())
    return lists


@cache
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*_stoplists().values())


# Each stopword met so far and the languages whose list holds it: filled as pages are read,
# bounded by the stoplists' words (building it whole up front costs a third of a second).
_OWNERS: dict[str, tuple[str, ...]] = {}


def _owners(word: str) -> tuple[str, ...]:
    found = _OWNERS.get(word)
    if found is None:
        found = tuple(name for name, words in _stoplists().items() if word in words)
        _OWNERS[word] = found
    return found


def words_of(text: str) -> list[str]:
    """The words of a line, lower-cased (letters only: figures are not words)."""
    low = text.lower()
    if low.isascii() and "'" not in low:
        # The same words as _WORD finds: runs of letters. Bytes translate at C speed.
        return low.encode().translate(_NOT_LETTERS).decode().split()
    return _WORD.findall(low)


def dense_chars(text: str) -> int:
    """How many characters of a spaceless script (Chinese, Japanese, Thai) the line holds."""
    return len(_DENSE.findall(text))


def strip_dense(text: str) -> str:
    """The line with its spaceless-script characters blanked out (what is left is words)."""
    return _DENSE.sub(" ", text)


def detect(samples: list[list[str]], texts: list[str]) -> Language:
    """The language of a page: the stoplist that covers most of the words of `samples` (its
    longer lines, split into words); `texts` (its lines) tell whether it is written densely."""
    counts: Counter[str] = Counter()
    seen = 0
    for words in samples:
        if seen >= _SAMPLE_WORDS:
            break
        seen += len(words)
        counts.update(words)
    votes: Counter[str] = Counter()
    for word in _all_stopwords().intersection(counts):
        for name in _owners(word):
            votes[name] += counts[word]
    joined = "\n".join(texts)
    dense = dense_chars(joined) if _DENSE.search(joined) else 0
    if dense > max(200, seen):
        return Language("dense", frozenset(), dense=True, mixed=True)
    if not votes or seen == 0 or votes.most_common(1)[0][1] < 0.08 * seen:
        return Language("unknown", frozenset(), mixed=dense > 0)
    name = votes.most_common(1)[0][0]
    return Language(name, _stoplists()[name], mixed=dense > 0)


def dense_function_share(text: str, dense: int) -> float:
    """The share of a line's `dense` spaceless-script characters that are small words."""
    return sum(map(_DENSE_FUNCTION.__contains__, text)) / dense if dense else 0.0


def is_dense_stop(ch: str) -> bool:
    """Whether a character is sentence punctuation of a spaceless script."""
    return ch in _DENSE_STOPS


def dense_small(ch: str) -> bool:
    """Whether a character is one of the small words of Chinese or Japanese (的, 了, の ...)."""
    return ch in _DENSE_FUNCTION
