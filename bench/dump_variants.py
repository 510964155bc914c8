"""The devset's dumps reshaped as other tools and other people make them, for bench.dump_quality.

Every dump of the devset was made one way: w3m's rendering, each paragraph on one long line, a
blank line between blocks, "  • " bullets. Real pastes come in other shapes, and each variant
here turns a devset dump into one of them (deterministically: the same dump gives the same text
every run). The expected article stays the same: the scorer tokenises on word characters, so
wrapping, indentation and spacing change none of its tokens.

- wrap72, wrap80: hard-wrapped at 72 or 80 columns (w3m -dump, links, a terminal copy, a mail),
  a bullet's lines indented under its text;
- lynx: lynx -dump: wrapped at 77 columns and indented by three spaces, "* " bullets further in,
  "[12]" before every link (the menu's items, some words inside paragraphs) and a numbered
  "References" list of the links' addresses at the end;
- single-newline: a browser copy with no blank lines at all;
- blank-lines: a blank line after every line;
- crlf-nbsp: CRLF line ends, no-break spaces between some words, zero-width spaces inside some,
  tabs before bullets and trailing spaces or tabs on every line;
- star-bullets: "*", "-" and "+" lists instead of "•", in turn from one list to the next (not
  "1.": w3m, lynx and browsers number only ordered lists, and the devset's dumps show those
  numbered already; a menu or a share bar never comes numbered);
- twice: the whole dump pasted twice.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Callable

_BULLET = re.compile(r"^(\s*)[•●▪◦‣∙·]\s+(\S.*)$")
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)]$")


def _fill(line: str, width: int, indent: str = "", bullet: str | None = None) -> list[str]:
    """`line` wrapped at `width`, as a text browser wraps it: at spaces only, a bullet's
    later lines under its first word."""
    if not line.strip():
        return [""]
    found = _BULLET.match(line)
    if found is not None:
        lead = indent + found.group(1) + (bullet or "•") + " "
        return textwrap.wrap(
            found.group(2),
            width,
            initial_indent=lead,
            subsequent_indent=" " * len(lead),
            break_long_words=False,
            break_on_hyphens=False,
        ) or [lead.rstrip()]
    return textwrap.wrap(
        line.strip(),
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def wrapped(text: str, width: int) -> str:
    """The dump hard-wrapped at `width` columns."""
    return "\n".join(piece for line in text.splitlines() for piece in _fill(line, width))


def lynx(text: str, seed: str) -> str:
    """The dump as lynx -dump prints it: indented, wrapped, links numbered and listed."""
    rng = random.Random(seed)
    links: list[str] = []

    def mark() -> str:
        links.append(f"https://www.example.org/{seed}/{len(links) + 1}")
        return f"[{len(links)}]"

    out: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        bullet = _BULLET.match(line)
        lead = f"{bullet.group(1)}• " if bullet else ""
        body = bullet.group(2) if bullet else line.strip()
        words = body.split()
        # A link's text starts with a letter here: a figure, a "+" or a brace is no link.
        if len(words) <= 4 and not _SENTENCE_END.search(body) and body[:1].isalpha():
            body = mark() + body  # a menu's item or a short link line: a link of its own
        elif len(words) >= 12:  # inside a paragraph, a link every thirty words or so
            body = " ".join(
                mark() + w if w[:1].isalpha() and rng.random() < 1 / 30 else w for w in words
            )
        line = lead + body
        out.extend(_fill(line, 77, indent="   ", bullet="*"))
    if links:
        out += ["", "References", ""]
        out += [f"{n:>4}. {url}" for n, url in enumerate(links, 1)]
    return "\n".join(out) + "\n"


def single_newline(text: str) -> str:
    """The dump without a single blank line."""
    return "\n".join(line for line in text.splitlines() if line.strip())


def blank_lines(text: str) -> str:
    """The dump with a blank line after every line."""
    return "\n\n".join(line for line in text.splitlines() if line.strip())


def crlf_nbsp(text: str, seed: str) -> str:
    """The dump with CRLF ends, no-break and zero-width spaces, tabs and trailing blanks."""
    rng = random.Random(seed)
    out = []
    for line in text.splitlines():
        bullet = _BULLET.match(line)
        if bullet is not None:
            line = "\t• " + bullet.group(2)
        words = line.split(" ")
        spaced = words[0]
        for word in words[1:]:
            if len(word) > 6 and rng.random() < 0.05:
                word = word[:3] + "\u200b" + word[3:]
            spaced += ("\u00a0" if rng.random() < 0.15 else " ") + word
        out.append(spaced + rng.choice(("", " ", "  ", "\t", " \u00a0")))
    return "\r\n".join(out) + "\r\n"


def star_bullets(text: str) -> str:
    """The dump's lists with "*", "-" or "+" in turn instead of "•"."""
    out = []
    lists = 0
    inside = False
    for line in text.splitlines():
        bullet = _BULLET.match(line)
        if bullet is None:
            inside = inside and not line.strip()  # a blank line does not end the list
            out.append(line)
            continue
        if not inside:
            lists, inside = lists + 1, True
        mark = ("* ", "- ", "+ ")[lists % 3]
        out.append(bullet.group(1) + mark + bullet.group(2))
    return "\n".join(out)


def twice(text: str) -> str:
    """The dump pasted twice in a row."""
    return text.rstrip("\n") + "\n\n" + text


VARIANTS: dict[str, Callable[[str, str], str]] = {
    "wrap72": lambda text, _seed: wrapped(text, 72),
    "wrap80": lambda text, _seed: wrapped(text, 80),
    "lynx": lynx,
    "single-newline": lambda text, _seed: single_newline(text),
    "blank-lines": lambda text, _seed: blank_lines(text),
    "crlf-nbsp": crlf_nbsp,
    "star-bullets": lambda text, _seed: star_bullets(text),
    "twice": lambda text, _seed: twice(text),
}


def reshape(name: str, text: str, seed: str) -> str:
    """The dump `text` (of the page `seed`) in the shape `name` (a key of VARIANTS)."""
    return VARIANTS[name](text, seed)
