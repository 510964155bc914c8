"""What a publication's name looks like on a page: a few words, a capital first, not a menu's
word; and whether one name stands within another, word for word."""

from __future__ import annotations

import re

from tuinews.importer.formats.textdump import vocab

# The legal forms a company's name ends with ("Harbour Media Ltd", "Lantern Inc."); site.py
# reads company names with it too.
LEGAL_FORMS = r"inc|ltd|llc|gmbh|plc|s\.?a|ag|corp"
_LEGAL = re.compile(rf",? \b(?:{LEGAL_FORMS}|co|company|corporation)\.?$", re.I)
_LIST_ITEM = re.compile(r"\d{1,2}[.)] ")  # "1. News": a numbered menu's first item


def publication(raw: str) -> str | None:
    """A publication's name: one to six words, starting with a capital or a figure."""
    name = raw.strip(" .,-–|:©")
    name = _LEGAL.sub("", name).strip(" ,.")
    if not name or not name[0].isalnum() or _LIST_ITEM.match(name):
        return None
    if name[0].islower() and name.split()[0].islower():
        return None  # a brand may start small ("eHow"), a phrase may not
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60:
        return None
    if name.lower() in vocab.JUNK or name.lower() in vocab.END:
        return None
    return name


def within(short: str, long: str) -> bool:
    return f" {short.lower()} " in f" {long.lower()} "
