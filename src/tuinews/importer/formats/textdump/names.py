"""People's names in a pasted page: what a byline says once "By" and the date are gone.

A name is a few capitalised words without figures ("Jane Doe", "Ana de la Cruz", "JANE
DOE"); several names are joined by commas or a word for "and" in the page's language. What
follows a name on a byline line (a place, a role, the outlet, a handle, a date) is cut off.
"""

from __future__ import annotations

import re

from tuinews.importer.formats.textdump import vocab

# "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019": the parts of a byline line.
PARTS = re.compile(r" ?[|·•] ?| [-–—] |(?<!last) (?=(?:last )?(?:modified|updated|edited) )", re.I)
# What follows a name: "for The Post", "in Oslo", "(Reuters)", "/ Staff"; not a nickname in
# brackets inside the name ("Robert (R.J.) Doe").
_NAME_CUT = re.compile(r"(?i: (?:for|in|at|from|on) .*$)| ?(?:\((?![^()]*\) [A-ZÀ-ÖØ-Þ])|[\[/]).*$")
# A word in a script without capitals whose names are spaced words: Arabic, Hebrew, Thai,
# Devanagari ... (not Chinese, Japanese or Korean: their credit lines are read apart).
_CASELESS = re.compile(r"[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff]{2,15}$")
_WRAPPERS = '()"“”‘'  # around a nickname: "(R.J.)", '"Bob"'

# Where a date or a time starts after a name: "Jane Doe March 18 at 3:57 PM", "Jane Doe 8h".
_DATE_START = re.compile(
    r",? (?:on )?(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?"
    r"\.?,? )?(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? ?\d|\d).*$",
    re.I,
)
_GLUED_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")  # "Nolan22 Dec 2016": a lost space
_HANDLE = re.compile(r"@\w+|\bfollow\b", re.I)
_AND = re.compile(r" (?:and|&|y|und|et|e|en|og|i|и) ", re.I)
NAME_JOINERS = frozenset({
    "and", "&", "de", "da", "das", "do", "dos", "du", "del", "della", "der", "den", "van",
    "von", "bin", "binti", "al", "el", "la", "le", "y", "ibn", "ter", "und", "et", "e", "en",
    "og", "i", "и"
})  # fmt: skip
_ROLE_WORDS = frozenset({
    "correspondent", "editor", "reporter", "writer", "contributor", "staff", "columnist",
    "analyst", "bureau", "chief", "senior", "desk", "news", "agency", "agencies", "reuters",
    "afp", "ap", "associated", "press", "team", "special", "affairs", "engineer", "manager",
    "director", "developer", "designer", "scientist", "researcher", "professor", "officer",
    "president", "founder", "ceo", "cto", "intern", "lead", "producer", "photographer",
    "programmer", "advocate", "evangelist", "head", "principal"
})  # fmt: skip


def unglue(text: str) -> str:
    """Put back the space lost between a word and a figure ("Jane Doe12 May 2026")."""
    return _GLUED_DIGIT.sub(" ", text)


def clean_author(raw: str) -> str | None:
    """The author's name from the text after "By", or None if it does not look like a name."""
    first = PARTS.split(raw.strip(), maxsplit=1)[0]
    first = _DATE_START.sub("", unglue(first))
    words = first.split()
    if len(words) % 2 == 0 and words[: len(words) // 2] == words[len(words) // 2 :]:
        first = " ".join(words[: len(words) // 2])  # the avatar's text, then the name's link
    names: list[str] = []
    for piece in first.split(","):
        piece = _NAME_CUT.sub("", piece.strip()).strip(" .;:")
        if not piece:
            continue
        tokens = piece.split()
        longest = max(len(one.split()) for one in _AND.split(piece))
        # After the first name: "Health Reporter", "Reuters", "Berlin", "PhD", "The Harbour
        # Post" are roles, places, degrees and outlets; a second person has two names.
        if names and (
            any(t.lower().strip(".") in _ROLE_WORDS for t in tokens)
            or longest > 4
            or (len(tokens) == 1 and not _AND.search(f" {piece} "))
            or tokens[0].lower() in _OUTLET_OPENERS
        ):
            break
        if not is_name(tokens, caseless=True):
            if names:
                break
            return None
        names.append(piece)
    if not names:
        return None
    name = ", ".join(one for piece in names for one in _apart(piece))
    if name.isupper():
        words = name.lower().split()
        name = " ".join(w if w in NAME_JOINERS else w.title() for w in words)
    return name if len(name) <= 80 else None


def _apart(piece: str) -> list[str]:
    """The names joined by a word for "and" ("Jo Marsh et Tove Berg"): stored as a list.
    A particle inside one name ("José Ortega y Gasset") has a single word on a side."""
    names = _AND.split(piece)
    if len(names) > 1 and all(len(one.split()) >= 2 for one in names):
        return names
    return [piece]


# An organisation, a product or a publication, not a person: "Harbour Software", "Wiki Commons".
_BODIES = frozenset({
    "corporation", "company", "inc", "ltd", "llc", "plc", "gmbh", "group", "foundation",
    "university", "institute", "association", "council", "committee", "ministry", "department",
    "commons", "communications", "magazine", "journal", "gazette", "tribune", "software",
    "studios", "labs", "apps", "technologies", "systems", "solutions", "services", "network",
    "engineering"
})  # fmt: skip
_OUTLET_OPENERS = frozenset({"the", "der", "die", "das", "le", "la", "les", "el", "il", "de"})
_SMALL = frozenset({"to", "the", "this", "on", "of", "in", "all", "my", "your", "a", "an", "with"})
# The words of buttons and menus ("Share", "Login", "Close", "Print"): in no one's name.
UI_WORDS = frozenset(w for item in vocab.JUNK for w in item.split() if w not in _SMALL)


def is_role(text: str) -> bool:
    """Whether a short part of a byline line is a job title ("Senior Reporter", "Staff
    Writer", "Health Correspondent")."""
    tokens = text.lower().split()
    return 1 <= len(tokens) <= 4 and any(t.strip(".,") in _ROLE_WORDS for t in tokens)


def person(text: str) -> bool:
    """Whether a short line reads as one person's name and nothing else: not a role or an
    outlet ("Business News"), not an acronym beside a word ("Extending ATF")."""
    tokens = text.split()
    if bare_name(text) is None:
        return False
    if any(
        t.lower() in _ROLE_WORDS or t.lower() in UI_WORDS or t.lower() in _BODIES for t in tokens
    ):
        return False
    bare = [t for t in tokens if t[:1] not in _WRAPPERS]  # "(R.J.)" is initials, no acronym
    return text.isupper() or not any(len(t.strip(".")) > 1 and t.isupper() for t in bare)


def is_name(tokens: list[str], caseless: bool = False) -> bool:
    """Whether these words can be a person's (or an agency's) name: capitalised, no digits.
    With `caseless` (after "By"), words of a script without capitals count too: without a
    "By" such a line may as well be a menu's item."""
    if not 1 <= len(tokens) <= 10:
        return False
    capitals = 0
    for token in tokens:
        bare = token.strip(_WRAPPERS).strip(".,'’-")
        if not bare or bare[-1] == ":" or any(ch.isdigit() for ch in bare):
            return False
        if bare.lower() in NAME_JOINERS:
            continue
        if not bare[0].isupper() and not (caseless and _CASELESS.match(bare)):
            return False  # a capital, or a word of a script without case (Arabic, Hebrew)
        capitals += 1
    return capitals > 0


def bare_name(text: str) -> str | None:
    """A line that is only a name of two or three words ("Jane Doe"), else None.

    A handle beside it ("Jane Doe, @janedoe") and the name printed twice (a photo's alt
    text before the link: "Jane Doe Jane Doe") do not count.
    """
    if "@" in text or "ollow" in text:
        text = " ".join(_HANDLE.sub(" ", text).split()).strip(" ,·|")
    tokens = text.split()
    half = len(tokens) // 2
    if len(tokens) in (4, 6) and tokens[:half] == tokens[half:]:
        tokens = tokens[:half]
        text = " ".join(tokens)
    if 2 <= len(tokens) <= 3 and len(text) <= 40 and is_name(tokens):
        name = clean_author(text)
        return name if name is not None and " " in name else None  # "Oslo (Norwegian)"
    return None


def names_line(text: str) -> str | None:
    """A line of two to four people's names and nothing else ("Jane Doe and John Roe", "Jane
    Doe, John Roe y Ana Ruiz"), as a list, else None."""
    if len(text) > 120:
        return None
    parts = [one for piece in text.split(", ") for one in _AND.split(piece)]
    if not 2 <= len(parts) <= 4 or not all(2 <= len(one.split()) <= 3 for one in parts):
        return None
    names = [bare_name(one) for one in parts]
    if any(name is None for name in names) or not all(person(one) for one in parts):
        return None
    return ", ".join(name for name in names if name is not None)


# The labels of a Chinese or Japanese credit line: "来源：" (the source), "作者：" (the author),
# "记者" (the reporter), "责任编辑：" (the editor in charge); a name follows each.
_CJK_LABEL = re.compile(
    r"(来源|來源|出典|作者|著者|筆者|记者|記者|撰文|责任编辑|責任編輯|编辑|編輯|編集|^文)"
    r" ?[：:︱丨|/] ?"
)
_CJK_NAME = re.compile(r"[^\W\d_]{2,12}(?: [^\W\d_]{2,12}){0,2}")
_CJK_EDITORS = frozenset({"责任编辑", "責任編輯", "编辑", "編輯", "編集"})
_CJK_SOURCES = frozenset({"来源", "來源", "出典"})


def cjk_credit(text: str) -> tuple[str | None, int] | None:
    """The name a Chinese or Japanese credit line gives ("作者：李海", "责任编辑：王芳"; the
    author before the editor) and where its first label starts; None without such labels."""
    labels = list(_CJK_LABEL.finditer(text))
    if not labels:
        return None
    author = editor = None
    for n, label in enumerate(labels):
        end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
        value = text[label.end() : end].strip(" []【】()（）")
        word = label.group(1)
        if word in _CJK_SOURCES or _CJK_NAME.fullmatch(value) is None:
            continue
        if word in _CJK_EDITORS:
            editor = editor or value
        else:
            author = author or value
    return author or editor, labels[0].start()
