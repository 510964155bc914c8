"""Turn the run of lines the reading eye picked (`prose`) into a Markdown body."""

from __future__ import annotations

import re

from tuinews.importer.formats.textdump.body import Body, escape
from tuinews.importer.formats.textdump.lines import Kind, Line
from tuinews.importer.formats.textdump.prose import Grade

_HEADING_WORDS = 14
_LABELLED = re.compile(r"[^:]{1,30}: \S")  # "Price: $229": a field of a list, not a heading
_NUMBERED = re.compile(r"(\d{1,2})[.)] \S")
_SKIPPED = (Kind.JUNK, Kind.CAPTION, Kind.META, Kind.READBAR)  # a tuple: enums hash slowly
_PROSE = (Grade.GOOD, Grade.NEAR)
_WIDGET_LINES = 8  # lines without prose in a row, most of them of a word or three: controls
_WIDGET_WORDS = 3
_FENCE = "```"
_WORD = re.compile(r"[^\W\d_]{2,}")


def _next_grade(lines: list[Line], grades: list[Grade], j: int, stop: int) -> Grade:
    """The grade of the next line after j that is neither blank, furniture nor a formula."""
    for k in range(j + 1, stop):
        grade = grades[k]
        if grade is not Grade.BLANK and grade is not Grade.MATH and lines[k].kind not in _SKIPPED:
            return grades[k]
    return Grade.BLANK


def _widgets(lines: list[Line], grades: list[Grade], start: int, stop: int) -> set[int]:
    """Long stretches of short lines without prose inside the run: an embedded player's or a
    form's controls ("Play", "Mute", "Captions off"), never the article's text."""
    found: set[int] = set()
    stretch: list[int] = []
    for j in range(start, stop + 1):
        if j < stop and grades[j] is Grade.BLANK:
            continue
        if j < stop and grades[j] not in _PROSE and grades[j] is not Grade.CODE:
            stretch.append(j)
            continue
        tiny = sum(1 for k in stretch if lines[k].words <= _WIDGET_WORDS)
        # ... with some of a page's chrome words among them ("Play", "Close"): not code.
        chrome = sum(
            1 for k in stretch if lines[k].kind is Kind.JUNK and _WORD.search(lines[k].text)
        )
        if len(stretch) >= _WIDGET_LINES and 3 * tiny >= 2 * len(stretch) and chrome >= 3:
            found.update(stretch)
        stretch = []
    return found


def _fenced(code: list[str]) -> str:
    """A program's lines as a Markdown code block (shown as printed, never as Markdown)."""
    return _FENCE + "\n" + "\n".join(code) + "\n" + _FENCE


def run_body(
    lines: list[Line], grades: list[Grade], start: int, stop: int, title_key: str
) -> Body | None:
    """The Markdown body of lines[start:stop]; None if it holds neither prose nor a list.

    Prose lines are paragraphs, bullets and numbered lines lists, a short line before prose
    a "## " heading; furniture, captions, link cards, the teasers under a "Related" box and
    repeats of the headline are dropped.
    """
    widgets = _widgets(lines, grades, start, stop)
    blocks: list[str] = []
    items: list[str] = []
    code: list[str] = []  # the lines of a program printed in the article
    words = paragraphs = entries = 0
    skipping = False  # after a link card or a "Related" box, until prose comes back
    number = 0  # the last numbered line's number: the next one goes on the article's list
    for j in range(start, stop):
        line, grade = lines[j], grades[j]
        if grade is Grade.BLANK:
            if items:
                blocks.append("\n".join(items))
                items = []
            continue
        if grade is Grade.CODE and not skipping and j not in widgets:
            if items:
                blocks.append("\n".join(items))
                items = []
            code.append(line.text.replace(_FENCE, "'" * 3))
            continue
        if code:
            blocks.append(_fenced(code))
            code = []
        if grade is Grade.CHART or grade is Grade.CONTENTS or grade is Grade.MATH:
            continue
        if line.kind is Kind.CARD or grade in (Grade.END, Grade.CUT):
            skipping = True
            continue
        if line.kind in _SKIPPED or (title_key and line.key == title_key) or j in widgets:
            continue
        numbered = _NUMBERED.match(line.text) if grade is not Grade.GOOD else None
        if numbered is not None and number and int(numbered[1]) == number + 1:
            skipping = False  # "5. ..." after "4. ...": the article's list goes on past a box
        if skipping and grade not in _PROSE:
            continue
        skipping = False
        if line.kind is Kind.BULLET or numbered is not None:
            items.append(("- " if line.kind is Kind.BULLET else "") + line.text)
            number = int(numbered[1]) if numbered is not None else number
            entries += 1
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        if grade in _PROSE:
            blocks.append(escape(line.text))
            words += line.words
            paragraphs += 1
        elif (
            line.text[:1].isupper()
            and not _LABELLED.match(line.text)
            and line.words <= _HEADING_WORDS
            and blocks
            and not blocks[-1].startswith("## ")
            and _next_grade(lines, grades, j, stop) in _PROSE
        ):
            blocks.append("## " + line.text.lstrip("#").strip())
        else:
            blocks.append(escape(line.text))
    if items:
        blocks.append("\n".join(items))
    if code:
        blocks.append(_fenced(code))
    if not paragraphs and not entries:
        return None
    return Body("\n\n".join(blocks), words, paragraphs)
