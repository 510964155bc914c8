"""Undo the shape a tool gave a pasted page, before its lines are read one by one.

A browser's copy keeps each paragraph on one line. Other ways of getting a page's text do not:
lynx, links, w3m -dump and a copy from a terminal hard-wrap paragraphs at 72 to 80 columns,
lynx and elinks number every link ("[12]Home") and list the addresses under "References" at the
end, and a page may be pasted twice. The line classifier judges a line by its length and its
ending, so each of these is undone here first:

- `unwrap`: in a dump where no line with a space runs past a common width (100 columns at
  most), a line is joined to the next when the next line's first word would not have fitted
  after it: that is where a wrapping tool breaks a line, and a short line (a heading, a menu's
  item, a paragraph's last line) is never followed by such a break;
- `link_list`, `unmark`: lynx's and elinks' "References" / "Visible links" list of numbered
  addresses at the end goes, and so do the link numbers it gives in the text ("[12]Home"):
  only when the list is there, so a wiki's footnote marks ("[12]") stay in any other dump;
- `drop_repeat`: a dump whose beginning comes back later, word for word for many lines, was
  pasted twice: the second copy goes.

Each step looks at every line a bounded number of times: the cost stays linear in the dump.
"""

from __future__ import annotations

import itertools
import re

from tuinews.importer.formats.textdump.meta import parse_meta

_MAX_WIDTH = 100  # wider than this, lines were not wrapped by a tool (a browser's copy)
_MIN_WIDTH = 50  # narrower than this, no tool wraps: a page of short lines
_OUTLIERS = 100  # one line in this many may run past the width
_GAP = 8  # by this many columns at least
_SPACED_LINES = 20  # filled lines, at least, in a dump with a blank line after every line
_SPACED_SHARE = 20  # and no more than one in this many followed by another filled line
_FULL_LINES = 3  # lines broken inside a sentence, at least, in a hard-wrapped dump
_SENTENCE_ENDS = ".!?…:;\"'”’»)"
# A list item's first line: "•", "*", "-", "+", "1.", "12)", "a)" and lynx's "+", "#" (not
# its "o": a wrapped line of Portuguese or Spanish may start with the word "o").
_ITEM = re.compile(r"\s*(?:[•●▪◦‣∙·▸►*+#–-]|\d{1,3}[.)]|[a-z][.)])\s+(?=\S)")
# A gallery's slide ("2/6 Bakery chain ...") starts a line of its own as well; a fraction
# ("3/4 inch") goes on with a sentence.
_SLIDE = re.compile(r"\s*\d{1,3}/\d{1,3}\s+[A-ZÀ-Þ]")
_DASH_ITEM = re.compile(r"\s*[–-]\s+(?=[^\W\d_])")
# Spaceless scripts: a terminal shows them two columns wide, a tool wraps them anywhere.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_LINK_LIST = re.compile(r"^\s*(?:References|Visible links:?|Hidden links:)\s*$")
_LINK_ENTRY = re.compile(r"^\s*\d{1,5}\. \S+$")
# A link's number stands right before its text ("[12]Home", "[13][IMG]", "^[14][4]"): a
# footnote's mark ("[4]") ends a word, with a space, a stop or the line's end after it.
_LINK_MARK = re.compile(r"\[(\d{1,5})\](?=[\w\[\"'“‘«(¿¡])")
_BYLINE_CHARS = 120  # no byline line is longer
_REPEAT_LINES = 5  # lines of the beginning that must come back, at least, to make a repeat
_REPEAT_SHARE = 0.3  # and this share of the dump's filled lines
_REPEAT_TRIES = 8  # places where the first line comes back that are tried


def reflow(lines: list[str]) -> list[str]:
    """The dump's raw lines (indentation kept) with repeats, link lists and wraps undone."""
    lines = drop_repeat(lines)
    top, highest = link_list(lines)
    # Unwrapped with the link numbers in: the tool wrapped the lines with them.
    lines = unwrap(lines[:top])
    return unmark(lines, highest) if highest else lines


def wrap_width(lines: list[str]) -> int | None:
    """The width the dump was hard-wrapped at, or None if it was not.

    The width is the longest line that holds a space, but for a few that stand out (one, and
    one in each _OUTLIERS more, longer by _GAP columns or more than the rest): a line of code
    or a table's row that the tool did not wrap. A line of a spaceless script, which a
    terminal shows twice as wide, does not count. The dump is wrapped when the width is at
    most _MAX_WIDTH and the lines that the next line's first word would not have fitted
    after mostly end inside a sentence: a tool breaks lines anywhere, a browser's copy only
    where a paragraph, a heading or an item ends. (A page of short paragraphs copied without
    blank lines has full lines too, but each ends a sentence.)"""
    lengths = sorted(
        len(line.rstrip()) for line in lines if " " in line.strip() and not _WIDE.search(line)
    )
    if not lengths:
        return None
    top = len(lengths) - 1
    width = lengths[top]
    for k in range(1, min(1 + len(lengths) // _OUTLIERS, top) + 1):
        if lengths[top - k + 1] - lengths[top - k] >= _GAP:
            width = lengths[top - k]
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return None
    full = inside = 0
    for before, line in itertools.pairwise(lines):
        body = line.lstrip()
        row = len(before.rstrip())
        if body and width >= row > width - 1 - _first_word(body):
            full += 1
            inside += before.rstrip()[-1:] not in _SENTENCE_ENDS
    return width if inside >= _FULL_LINES and 2 * inside >= full else None


def _spaced_out(lines: list[str]) -> bool:
    """Whether (nearly) every filled line has a blank line after it."""
    filled = together = 0
    for before, line in itertools.pairwise(lines):
        if before.strip():
            filled += 1
            together += bool(line.strip())
    return filled >= _SPACED_LINES and together * _SPACED_SHARE <= filled


def _packed(lines: list[str]) -> list[str]:
    """The lines without the single blank lines between them; two or more stay one."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        if line.strip():
            if blanks >= 2:
                out.append("")
            out.append(line)
            blanks = 0
        else:
            blanks += 1
    return out


def signed(line: str) -> bool:
    """Whether the line is a byline ("by Jane Doe", "Written by Jane Doe on March 3, 2026"):
    a line of its own under a headline, however full the headline's line."""
    meta = parse_meta(line) if len(line) <= _BYLINE_CHARS else None
    return meta is not None and meta.author is not None


def _first_word(body: str) -> int:
    space = body.find(" ")
    return len(body) if space < 0 else space


def unwrap(lines: list[str]) -> list[str]:
    """The lines with each hard-wrapped paragraph (or list item) on one line again."""
    width = wrap_width(lines)
    if width is None and _spaced_out(lines):
        # A blank line after every line: the wrapped lines, were they next to each other.
        packed = _packed(lines)
        width = wrap_width(packed)
        lines = lines if width is None else packed
    if width is None:
        return lines
    out: list[str] = []
    row = 0  # the length of the last line read, as the tool printed it
    base = hang = -1  # the last line's indentation, and where its text starts
    for line in lines:
        line = line.rstrip()
        body = line.lstrip()
        indent = len(line) - len(body)
        # The tool broke the line here when the next word did not fit on the row.
        if (
            out
            and body
            and width >= row > width - 1 - _first_word(body)
            and _continues(out[-1], body, indent, base, hang)
            and not _stands_apart(out[-1], body, width)
            and not signed(body)
            and not _WIDE.search(line)
            and not _WIDE.search(out[-1])
        ):
            out[-1] += " " + body
            row = len(line)
            continue
        out.append(line)
        row = len(line)
        mark = _ITEM.match(line) if body else None
        base, hang = indent, (mark.end() if mark is not None else indent)
    return out


def _continues(before: str, body: str, indent: int, base: int, hang: int) -> bool:
    """Whether `body`, indented by `indent`, can go on with the line `before`, which is
    indented by `base` and has its text from `hang` on (further in for a list item's)."""
    if indent == hang and hang > base:
        # Under an item's text, "7) ..." is the item's words going on ("(e.g. 6, 7)"): the
        # next item starts further left, where its mark is.
        return True
    if indent != base:
        return False
    # Under the item's mark (a tool without hanging indents) or the paragraph's own
    # indentation: anything but a new item; a dash before a lower-case word inside a
    # sentence is the sentence's ("... at the quay" / "- free for everyone").
    if _DASH_ITEM.match(body):
        return before[-1:] not in _SENTENCE_ENDS and body.lstrip("-– ")[:1].islower()
    return not _ITEM.match(body) and not _SLIDE.match(body)


def _stands_apart(before: str, body: str, width: int) -> bool:
    """Whether `body` is a short line of its own under a sentence's end (a table's cell, a
    heading, a title, an age: "Repeaters" under "... novel of the same name.", "8 hours
    ago"), not a wrapped paragraph's last words, which end a sentence too."""
    return (
        before[-1:] in ".!?…"
        and (body[:1].isupper() or body[:1].isdigit())
        and 2 * len(body) < width
        and body[-1:] not in _SENTENCE_ENDS
    )


def link_list(lines: list[str]) -> tuple[int, int]:
    """Where lynx's or elinks' list of link addresses starts at the end of the dump, and the
    highest link number it lists: (len(lines), 0) when there is none."""
    top = len(lines)
    while top and (
        not lines[top - 1].strip()
        or _LINK_ENTRY.match(lines[top - 1])
        or _LINK_LIST.match(lines[top - 1])
    ):
        top -= 1
    tail = lines[top:]
    entries = [line.split(".", 1)[0] for line in tail if _LINK_ENTRY.match(line)]
    if not entries or not any(_LINK_LIST.match(line) for line in tail):
        return len(lines), 0
    return top, max(int(number) for number in entries)


def unmark(lines: list[str], highest: int) -> list[str]:
    """The lines without the link numbers ("[12]Home") of a list that goes up to `highest`."""

    def drop(found: re.Match[str]) -> str:
        return "" if int(found.group(1)) <= highest else found.group(0)

    return [_LINK_MARK.sub(drop, line) if "[" in line else line for line in lines]


def drop_repeat(lines: list[str]) -> list[str]:
    """The lines without a second copy of the page: a block that repeats the dump's first
    filled lines word for word, at least _REPEAT_LINES of them and _REPEAT_SHARE of all, and
    runs to the dump's end or repeats the whole block above it (the page pasted twice)."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2 * _REPEAT_LINES:
        return lines
    keys = [" ".join(lines[i].split()) for i in filled]
    least = max(_REPEAT_LINES, _REPEAT_SHARE * len(keys))
    tries = 0
    for start in range(1, len(keys) - _REPEAT_LINES + 1):
        if keys[start] != keys[0]:
            continue
        tries += 1
        if tries > _REPEAT_TRIES:
            break
        same = 0
        while start + same < len(keys) and keys[same] == keys[start + same]:
            same += 1
        if same >= least and (start + same == len(keys) or same >= start):
            end = filled[start + same - 1] + 1
            return lines[: filled[start]] + lines[end:]
    return lines
