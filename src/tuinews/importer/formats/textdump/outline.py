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
_HEADING_WORDS = 8  # words in a heading a contents line may name
_LABEL_WORDS = 2  # words in the "Contents" label over the list


def contents(lines: list[Line], sizes: list[int], short: list[bool]) -> set[int]:
    """The lines of tables of contents, label included, given every line's length in words
    and whether it reads as a short line (a heading, a menu item).

    An entry is a short numbered line whose words begin a short line further down: the
    heading it names, which a wiki may print with a suffix ("History [edit]")."""
    # A list item has no key of its own (it is never a headline): a contents entry may be one.
    keys = [line.key or key_of(line.text) for line in lines]
    later: dict[str, int] = {}  # each word-prefix of a short line, and where it stands last
    for j, key in enumerate(keys):
        if key and sizes[j] <= _HEADING_WORDS:  # a heading may read as furniture ("See also")
            words = key.split()
            for n in range(1, len(words) + 1):
                later[" ".join(words[:n])] = j
    found: set[int] = set()
    for j, key in enumerate(keys):
        if not short[j] or not key[:1].isdigit():
            continue
        name = _NUMBER.sub("", key)
        if name and name != key and later.get(name, -1) > j:
            found.add(j)
            above = j - 1
            while above >= 0 and not keys[above]:
                above -= 1
            label = short[above] and sizes[above] <= _LABEL_WORDS if above >= 0 else False
            if label and not keys[above][:1].isdigit():
                found.add(above)  # "Contents"
    return found
