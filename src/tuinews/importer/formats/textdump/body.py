"""Turn the lines of one article's body into Markdown, and read the section label above it."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from tuinews.importer.formats.textdump import vocab
from tuinews.importer.formats.textdump.formula import formula
from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.names import person

_HEADING_WORDS = 14
_NUMBERED = re.compile(r"\d{1,2}[.)] ")
_CRUMBS = re.compile(r" ?[|/›»>] ?| - ")
# "Category: Ferries", "Filed under Ferries", "Rubrique : Ferries": the label says it is one.
_NAMED_SECTION = re.compile(
    r"^(?:categor(?:y|ies)|section|filed under|posted in|rubrique|ressort|kategorie|categoría"
    r"|categoria|sección|sezione) ?:? (\S.{0,40})$",
    re.I,
)
_BETWEEN = 2
_CUE_LINES = 12  # lines above a section label that say whether blank lines part blocks
# An all-capitals line with a button's word is a button, not a section ("SHOP NOW >").
# The heading of a box of links ("Follow us", "Connect with us", "Share this"): the short lines
# under it are its links ("RSS", "X"), no section's name. Not a button ("Subscribe", "Follow").
_LINK_BOX = re.compile(
    r"^(?:follow (?:us|me)|connect with (?:us|me)|stay connected|find us|share this)\b", re.I
)
_BUTTON_WORDS = frozenset({"shop", "buy", "now", "subscribe", "sign", "log", "login", "join"})
_SKIPPED = (Kind.JUNK, Kind.CAPTION, Kind.META, Kind.READBAR)  # a tuple: enums hash slowly


@dataclass(frozen=True, slots=True)
class Body:
    """An article body as Markdown, with its size in words and prose paragraphs."""

    text: str
    words: int
    paragraphs: int


def escape(text: str) -> str:
    """Keep a prose line a paragraph: a leading '#' would make it a heading."""
    return "\\" + text if text.startswith("#") else text


def _prose_follows(lines: list[Line], j: int, last: int) -> bool:
    for k in range(j + 1, last + 1):
        kind = lines[k].kind
        if kind is Kind.PROSE:
            return True
        if kind not in (Kind.BLANK, Kind.JUNK, Kind.CAPTION):
            return False
    return False


def build_body(lines: list[Line], start: int, stop: int, title_key: str) -> Body | None:
    """The Markdown body of lines[start:stop], which ends at its last prose line; None if empty.

    Prose lines are paragraphs, bullets and numbered lines lists, short capitalised lines
    between paragraphs "## " headings; ads, share bars, captions, link cards and repeats of the
    headline are dropped.
    """
    last = next((j for j in range(stop - 1, start - 1, -1) if lines[j].kind is Kind.PROSE), -1)
    if last < start:
        return None
    blocks: list[str] = []
    items: list[str] = []
    words = paragraphs = 0
    after_card = False
    for j in range(start, last + 1):
        line = lines[j]
        kind = line.kind
        if kind is Kind.CARD:
            after_card = True
            continue
        if kind is Kind.BLANK or kind in _SKIPPED:
            if kind is Kind.BLANK and items:
                blocks.append("\n".join(items))
                items = []
            continue
        if (line.key and line.key == title_key) or formula(line.text):
            continue
        if kind is Kind.BULLET:
            items.append("- " + line.text)
            continue
        if kind is not Kind.PROSE and _NUMBERED.match(line.text):
            items.append(line.text)
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        if kind is Kind.PROSE:
            blocks.append(escape(line.text))
            words += line.words
            paragraphs += 1
        elif line.text.startswith(("—", "―")):
            blocks.append(line.text)  # "— Jane Doe, campaigner": the quote's attribution
        elif (
            not after_card
            and line.text[:1].isupper()
            and line.words <= _HEADING_WORDS
            and blocks
            and not blocks[-1].startswith("## ")
            and _prose_follows(lines, j, last)
        ):
            blocks.append("## " + line.text.lstrip("#").strip())
        after_card = False
    if items:
        blocks.append("\n".join(items))
    return Body("\n\n".join(blocks), words, paragraphs)


def _pretty(label: str) -> str:
    """An ALL-CAPS label in title case, keeping short acronyms ("UK NEWS" -> "UK News")."""
    if not label.isupper():
        return label
    return " ".join(w if len(w) <= 3 and w.isalpha() else w.title() for w in label.split())


def section_label(text: str) -> str | None:
    """The section name a short line announces ("Technology", "WORLD", "Home / Health",
    "Category: Ferries"), or None."""
    named = _NAMED_SECTION.match(text)
    if named is not None:
        value = named.group(1).strip()
        return _pretty(value) if 1 <= len(value.split()) <= 4 and value[-1:] not in ".!?" else None
    if len(text) > 60 or any(ch.isdigit() for ch in text) or text[-1:] in ".!?,;:":
        return None
    parts = [p for p in _CRUMBS.split(text.strip(" |/›»>")) if p and p.lower() != "home"]
    if not parts:
        return None
    label = parts[0].strip()
    low = label.lower()
    if len(label.split()) > 4:
        return None
    if low in vocab.SECTIONS:
        return _pretty(label)
    if (
        label.isupper()
        and sum(ch.isalpha() for ch in label) >= 3
        and low not in vocab.JUNK
        and not _BUTTON_WORDS.intersection(low.split())
    ):
        return _pretty(label)
    return None


def _blanks_part(lines: list[Line], j: int) -> bool:
    """Whether blank lines part the blocks of the page around lines[j]: not when the lines
    above it have none, nor when every one of them has one under it."""
    window = lines[max(0, j - _CUE_LINES) : j + 1]
    blank = [line.kind is Kind.BLANK for line in window]
    if not any(blank):
        return False
    return any(not a and not b for a, b in itertools.pairwise(blank))


def _between(line: Line) -> bool:
    """A line that may stand between a section label and its headline: an ad's label, a
    byline, a name alone."""
    text = line.text.lower()
    if line.kind is Kind.JUNK or line.kind is Kind.META or text.endswith(" by"):
        return True
    return line.kind in (Kind.SHORT, Kind.TITLE) and person(line.text)


def category_above(lines: list[Line], head: int) -> str | None:
    """The section label standing alone just above the headline at `head`, if any.

    A label is "alone" when a blank line (or the top) stands above it, so the last item of a
    navigation menu right above the headline is not taken for one.
    """
    j = head - 1
    passed = 0  # an ad's label ("Supported by") or the byline between the label and headline
    while j >= 0 and head - j <= 4 + 2 * passed:
        if lines[j].kind not in (Kind.BLANK, Kind.READBAR):
            if passed == _BETWEEN or not _between(lines[j]) or section_label(lines[j].text):
                break
            passed += 1
        j -= 1
    if j < 0 or head - j > 4 + 2 * passed:
        return None
    label = section_label(lines[j].text)
    if label is None:
        return None
    if j == 0:
        return label
    k = next((k for k in range(j - 1, -1, -1) if lines[k].kind is not Kind.BLANK), None)
    if k is not None and lines[k].kind is Kind.JUNK and _LINK_BOX.match(lines[k].text):
        return None  # a link under "Follow us" ("RSS"), however it is spaced
    if not _blanks_part(lines, j):
        # Pasted without blank lines, or with one after every line: a label is alone when
        # it is no menu's item: not a bullet, nor under another section's name.
        if lines[j].kind is Kind.BULLET:
            return None
        if k is None or lines[k].kind is Kind.BULLET or section_label(lines[k].text) is None:
            return label
        return None
    above = lines[j - 1]
    if above.kind in (Kind.BLANK, Kind.PROSE, Kind.META, Kind.CAPTION, Kind.READBAR):
        return label
    if lines[j].text.isupper() and not above.text.isupper():
        return label
    return None
