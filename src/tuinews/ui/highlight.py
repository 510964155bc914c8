"""Show where a search matched: in list titles, the reader heading, and the Markdown body."""

from __future__ import annotations

import re

from rich.text import Text

MATCH_STYLE = "reverse"
_TERM = re.compile(r'"([^"]+)"|(\S+)')
_SPECIAL_LINE = re.compile(r"^\s*(```|~~~|    |\t|\||<)")
_INLINE_SKIP = re.compile(r"(`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]*>|https?://\S+)")


def search_terms(query: str | None) -> list[str]:
    """The words and phrases of a search, without FTS operators."""
    if not query:
        return []
    terms = []
    for phrase, word in _TERM.findall(query):
        term = (phrase or word).strip()
        cleaned = "".join(ch for ch in term if ch.isalnum() or ch in " -'")
        if cleaned and cleaned not in ("OR", "NOT"):
            terms.append(cleaned)
    return terms


# Endings that the search's stemmer takes off, longest first: what is left of a word is
# highlighted as a prefix, so "satellites" lights up "satellite" as the search found it.
_ENDINGS = ("ations", "ation", "ings", "ing", "ies", "es", "ed", "ly", "s", "e", "y")


def stem_prefix(word: str) -> str:
    """A word without its common English ending (a rough stem, for highlighting only)."""
    lower = word.lower()
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """Words that start with a term's stem (phrases as they are), any case."""
    if not terms:
        return None
    stems = [term if " " in term else stem_prefix(term) for term in terms]
    alternatives = "|".join(re.escape(term) for term in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight_text(text: Text, terms: list[str]) -> Text:
    """The same Text with the matches styled."""
    pattern = term_pattern(terms)
    if pattern is not None:
        text.highlight_regex(pattern, MATCH_STYLE)
    return text


def highlight_markdown(markdown: str, terms: list[str]) -> str:
    """Markdown with the matches emphasised (**…**), leaving code, links and HTML alone."""
    pattern = term_pattern(terms)
    if pattern is None:
        return markdown
    lines = []
    for line in markdown.split("\n"):
        if _SPECIAL_LINE.match(line):
            lines.append(line)
            continue
        pieces = _INLINE_SKIP.split(line)
        for index in range(0, len(pieces), 2):  # even pieces are outside code and links
            pieces[index] = pattern.sub(lambda m: f"**{m.group(0)}**", pieces[index])
        lines.append("".join(pieces))
    return "\n".join(lines)
