"""Turn the run of lines the reading eye picked (textdump_prose) into a Markdown body."""

from __future__ import annotations

import re

from tuinews.importer.textdump_body import Body, escape
from tuinews.importer.textdump_lines import Kind, Line
from tuinews.importer.textdump_prose import Grade

_HEADING_WORDS = 14
_NUMBERED = re.compile(r"\d{1,2}[.)] \S")
_SKIPPED = frozenset({Kind.JUNK, Kind.CAPTION, Kind.META, Kind.READBAR})
_PROSE = (Grade.GOOD, Grade.NEAR)


def _next_grade(lines: list[Line], grades: list[Grade], j: int, stop: int) -> Grade:
    """The grade of the next line after j that is neither blank nor furniture."""
    for k in range(j + 1, stop):
        if grades[k] is not Grade.BLANK and lines[k].kind not in _SKIPPED:
            return grades[k]
    return Grade.BLANK


def run_body(
    lines: list[Line], grades: list[Grade], start: int, stop: int, title_key: str
) -> Body | None:
    """The Markdown body of lines[start:stop]; None if it holds no prose.

    Prose lines are paragraphs, bullets and numbered lines lists, a short line before prose
    a "## " heading; furniture, captions, link cards, the teasers under a "Related" box and
    repeats of the headline are dropped.
    """
    blocks: list[str] = []
    items: list[str] = []
    words = paragraphs = 0
    skipping = False  # after a link card or a "Related" box, until prose comes back
    for j in range(start, stop):
        line, grade = lines[j], grades[j]
        if grade is Grade.BLANK:
            if items:
                blocks.append("\n".join(items))
                items = []
            continue
        if line.kind is Kind.CARD or grade in (Grade.END, Grade.CUT):
            skipping = True
            continue
        if line.kind in _SKIPPED or (title_key and line.key == title_key):
            continue
        if skipping and grade not in _PROSE:
            continue
        skipping = False
        if line.kind is Kind.BULLET or (grade is not Grade.GOOD and _NUMBERED.match(line.text)):
            items.append(("- " if line.kind is Kind.BULLET else "") + line.text)
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
    if not paragraphs:
        return None
    return Body("\n\n".join(blocks), words, paragraphs)
