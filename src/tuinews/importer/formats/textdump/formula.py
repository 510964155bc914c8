"""Tell a formula printed as text from a line of prose.

A page's math (MathJax, KaTeX, MathML) copies as a line of its symbols set apart by spaces:
"a x 2 + b x + c = 0", "∇ × B → − 1 c ∂ E → ∂ t": mostly one-character tokens with a
mathematical operator among them and hardly a word. A wiki's formula may copy as its TeX
source instead, "{\\displaystyle A^{\\mathsf {H}}}". Either is neither prose nor page
furniture, and without its layout it reads as noise. Inline math inside a sentence ("a ≠ 0 ,
there are two solutions to ...") keeps the sentence's words and stays prose.
"""

from __future__ import annotations

import re
import unicodedata

_TOKENS = 5  # a formula this short ("a ≠ 0") is left where it stands
_SINGLE = 0.7  # share of one-character tokens in a formula at least
_WORDS = 0.15  # share of words (two letters or more) in it at most
_WORD = re.compile(r"[^\W\d_]{2,}")
_AVERAGE = 3  # characters per token, with its space, above which a line is not a formula
_NOT_OPERATORS = "|~"  # a pager's bars ("1 | 2 | 3") are not math
_TEX_COMMAND = re.compile(r"\\[A-Za-z]{2,}")  # "\frac", "\mathsf", "\quad"
_TEX_COMMANDS = 2


def formula(text: str) -> bool:
    """Whether the line is a formula printed as text: at least five tokens, most of them a
    single character, few words among them, a letter (a variable) and a math operator; or a
    formula's TeX source (see `tex`)."""
    if "\\" in text and tex(text):
        return True
    spaces = text.count(" ")
    if spaces + 1 < _TOKENS or len(text) > _AVERAGE * (spaces + 1):
        return False  # most lines leave here: their tokens are words
    tokens = text.split()
    if len(tokens) < _TOKENS:
        return False
    single = sum(1 for token in tokens if len(token) == 1)
    if single < _SINGLE * len(tokens):
        return False
    if sum(1 for token in tokens if _WORD.search(token)) > _WORDS * len(tokens):
        return False
    if not any(token.isalpha() for token in tokens):
        return False
    return any(
        unicodedata.category(ch) == "Sm" and ch not in _NOT_OPERATORS
        for token in tokens
        if len(token) == 1
        for ch in token
    )


def tex(text: str) -> bool:
    """Whether the line is a formula's TeX source ("{\\displaystyle a_{ij}={\\overline
    {a_{ji}}}}"): two commands or more, braces, and no more words outside the commands than
    commands. A sentence with a formula inside keeps its words and stays prose; a program's
    escapes ("\\d+", "C:\\Users") have no braces after a command's name."""
    if "{" not in text:
        return False
    commands = len(_TEX_COMMAND.findall(text))
    if commands < _TEX_COMMANDS:
        return False
    return len(_WORD.findall(_TEX_COMMAND.sub(" ", text))) <= commands
