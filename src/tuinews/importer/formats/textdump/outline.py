"""A page's table of contents: numbered lines that name the headings printed further down.

A wiki page or a long guide lists its sections under a "Contents" label ("1 History",
"1.1 Early years", "2 Reception"). The list is neither prose nor furniture to the reader:
it belongs to the article but adds nothing to its text, so it must not part the article's
lead from its sections, and the body drops it.
"""

from __future__ import annotations

import re

from tuinews.importer.formats.textdump.lines import Line, key_of

_NUMBER = re.compile(r"^(?:\d+ )+")  # "1 ", "1 1 " (a key of "1.1 History")
_ENTRIES = 3  # numbered short lines a page needs before it may hold contents
_HEADING_WORDS = 8  # words in a heading a contents line may name
_LABEL_WORDS = 2  # words in the "Contents" label over the list


def contents(lines: list[Line], sizes: list[int], short: list[bool]) -> set[int]:
    """The lines of tables of contents, label included, given every line's length in words
    and whether it reads as a short line (a heading, a menu item).

    An entry is a short numbered line whose words begin a short line further down: the
    heading it names, which a wiki may print with a suffix ("History [edit]")."""
    numbered = [j for j, line in enumerate(lines) if short[j] and line.text[:1].isdigit()]
    if len(numbered) < _ENTRIES:
        return set()  # most pages: no contents, and nothing more to read
    later: dict[str, int] = {}  # each word-prefix of a short line, and where it stands last
    for j in range(numbered[0] + 1, len(lines)):
        # A heading may read as furniture ("See also") or a list item: keys of its own.
        if 0 < sizes[j] <= _HEADING_WORDS:
            words = (lines[j].key or key_of(lines[j].text)).split()
            for n in range(1, len(words) + 1):
                later[" ".join(words[:n])] = j
    found: set[int] = set()
    for j in numbered:
        key = lines[j].key or key_of(lines[j].text)
        name = _NUMBER.sub("", key)
        if name and name != key and later.get(name, -1) > j:
            found.add(j)
            above = j - 1
            while above >= 0 and not lines[above].text:
                above -= 1
            label = short[above] and sizes[above] <= _LABEL_WORDS if above >= 0 else False
            if label and not lines[above].text[:1].isdigit():
                found.add(above)  # "Contents"
    return found
