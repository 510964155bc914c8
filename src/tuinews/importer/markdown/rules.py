"""markdownify's convert_* rules, one function per element, for the walker in `convert`.

Each rule gets the element, the Markdown of its children and the flags its ancestors
set (inside <pre>, inside a list item, inline in a heading or table cell, no
formatting in code), and returns the element's Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

PRE = 1  # inside <pre>: whitespace kept
LI = 2  # inside a list item: nested lists lose their blank lines
INLINE = 4  # inside a heading or table cell: blocks become inline
NOFORMAT = 8  # inside pre/code/kbd/samp: no escaping, no emphasis
Rule = Callable[[Any, str, int], str]

_ALL_SPACE = re.compile(r"[\t \r\n]+")
_PRE_LEFT = re.compile(r"^[ \n]*\n")
_PRE_RIGHT = re.compile(r"[ \n]*$")
_BACKTICKS = re.compile(r"`+")
_RAW_TAG = re.compile(r"<[^<>]*>")


def _chomp(text: str) -> tuple[str, str, str]:
    prefix = " " if text and text[0] == " " else ""
    suffix = " " if text and text[-1] == " " else ""
    return prefix, suffix, text.strip()


def _inline(markup: str) -> Rule:
    def convert(element: Any, text: str, flags: int) -> str:
        if flags & NOFORMAT:
            return text
        prefix, suffix, text = _chomp(text)
        return f"{prefix}{markup}{text}{markup}{suffix}" if text else ""

    return convert


def _link(element: Any, text: str, flags: int) -> str:
    if flags & NOFORMAT:
        return text
    prefix, suffix, text = _chomp(text)
    if not text:
        return ""
    href = element.get("href")
    title = element.get("title")
    if text.replace(r"\_", "_") == href and not title:
        return f"<{href}>"
    title_part = ' "{}"'.format(title.replace('"', r"\"")) if title else ""
    return f"{prefix}[{text}]({href}{title_part}){suffix}" if href else text


def _blockquote(element: Any, text: str, flags: int) -> str:
    text = text.strip(" \t\r\n")
    if flags & INLINE:
        return f" {text} "
    if not text:
        return "\n"
    return "\n" + "\n".join(f"> {line}" if line else ">" for line in text.split("\n")) + "\n\n"


def _br(element: Any, text: str, flags: int) -> str:
    if flags & INLINE:
        return text + " " if text else " "
    # A backslash break, not markdownify's two spaces: cleaning trims the ends of lines.
    # (convert_html drops the backslash where a block ends: it would show there.)
    return "\\\n" + text


def _code(element: Any, text: str, flags: int) -> str:
    if flags & NOFORMAT:
        return text
    prefix, suffix, text = _chomp(text)
    if not text:
        return ""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    if longest:
        text = f" {text} "
    return f"{prefix}{fence}{text}{fence}{suffix}"


def _div(element: Any, text: str, flags: int) -> str:
    if flags & INLINE:
        return f" {text.strip()} "
    text = text.strip()
    return f"\n\n{text}\n\n" if text else ""


def _dd(element: Any, text: str, flags: int) -> str:
    text = text.strip()
    if flags & INLINE:
        return f" {text} "
    if not text:
        return "\n"
    text = "\n".join(f"    {line}" if line else "" for line in text.split("\n"))
    return ":" + text[1:] + "\n"


def _dt(element: Any, text: str, flags: int) -> str:
    text = _ALL_SPACE.sub(" ", text.strip())
    if flags & INLINE:
        return f" {text} "
    return f"\n\n{text}\n" if text else "\n"


def heading(level: int) -> Rule:
    hashes = "#" * max(1, min(6, level))

    def convert(element: Any, text: str, flags: int) -> str:
        if flags & INLINE:
            return text
        return f"\n\n{hashes} {_ALL_SPACE.sub(' ', text.strip())}\n\n"

    return convert


def _hr(element: Any, text: str, flags: int) -> str:
    return "\n\n---\n\n"


def _list(element: Any, text: str, flags: int) -> str:
    if flags & LI:
        return "\n" + text.rstrip()
    tail = element.tail
    if tail and tail.strip():
        before_paragraph = True
    else:
        following = element.getnext()
        before_paragraph = following is not None and following.tag not in ("ul", "ol")
    return "\n\n" + text + ("\n" if before_paragraph else "")


def _list_item(element: Any, text: str, flags: int) -> str:
    text = text.strip()
    if not text:
        return "\n"
    parent = element.getparent()
    if parent is not None and parent.tag == "ol":
        start = 1
        wanted = parent.get("start")
        if wanted and wanted.isnumeric():
            try:
                start = int(wanted)
            except ValueError:
                start = 1
        earlier = sum(1 for sibling in element.itersiblings(preceding=True) if sibling.tag == "li")
        bullet = f"{start + earlier}. "
    else:
        bullet = "- "
    indent = " " * len(bullet)
    text = "\n".join(indent + line if line else "" for line in text.split("\n"))
    return bullet + text[len(bullet) :] + "\n"


def _paragraph(element: Any, text: str, flags: int) -> str:
    if flags & INLINE:
        return " " + text.strip(" \t\r\n") + " "
    text = text.strip(" \t\r\n")
    return f"\n\n{text}\n\n" if text else ""


def _pre(element: Any, text: str, flags: int) -> str:
    if not text:
        return ""
    text = _PRE_RIGHT.sub("", _PRE_LEFT.sub("", text))
    return f"\n\n```\n{text}\n```\n\n"


def _quote(element: Any, text: str, flags: int) -> str:
    return f'"{text}"'


def _table(element: Any, text: str, flags: int) -> str:
    return "\n\n" + text.strip() + "\n\n"


def _caption(element: Any, text: str, flags: int) -> str:
    return text.strip() + "\n\n"


def _figcaption(element: Any, text: str, flags: int) -> str:
    return "\n\n" + text.strip() + "\n\n"


def _span(element: Any) -> int:
    value = element.get("colspan")
    if value and value.isdigit():
        return max(1, min(1000, int(value)))
    return 1


def _outside_table(element: Any) -> bool:
    """A row or cell with no table around it: a browser shows its text and no grid."""
    return next(element.iterancestors("table"), None) is None


def _cell(element: Any, text: str, flags: int) -> str:
    if _outside_table(element):
        return " " + text.strip() + " "
    return " " + text.strip().replace("\n", " ") + " |" * _span(element)


def _row(element: Any, text: str, flags: int) -> str:
    if _outside_table(element):
        return _div(element, text, flags)  # a stray row is a block of text, as a div is
    cells = list(element.iterdescendants("td", "th"))
    parent = element.getparent()
    parent_name = parent.tag if parent is not None else ""
    first_row = element.getprevious() is None
    head_row = all(cell.tag == "th" for cell in cells) or (
        parent_name == "thead" and sum(1 for _ in parent.iterdescendants("tr")) == 1
    )
    grandparent = parent.getparent() if parent is not None else None
    head_row_missing = first_row and (
        parent_name != "tbody"
        or grandparent is None
        or next(grandparent.iterdescendants("thead"), None) is None
    )
    columns = sum(_span(cell) for cell in cells)
    overline = underline = ""
    if head_row and first_row:
        underline = "| " + " | ".join(["---"] * columns) + " |\n"
    elif head_row_missing or (
        first_row
        and (
            parent_name == "table"
            or (parent_name == "tbody" and parent is not None and parent.getprevious() is None)
        )
    ):
        overline = "| " + " | ".join([""] * columns) + " |\n"
        overline += "| " + " | ".join(["---"] * columns) + " |\n"
    return overline + "|" + text + "\n" + underline


def _destination(url: str) -> str:
    """A link target Markdown reads whole (spaces and brackets would end it)."""
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _label(text: str) -> str:
    text = _ALL_SPACE.sub(" ", text).strip()
    return text.replace("[", "\\[").replace("]", "\\]").replace("*", r"\*").replace("_", r"\_")


def _in_link(element: Any) -> bool:
    return next(element.iterancestors("a"), None) is not None


def _image(element: Any, text: str, flags: int) -> str:
    """An image as a link to it, named by its alt text: `[image: a harbour](src)`."""
    alt = _label(element.get("alt") or element.get("title") or "")
    label = f"image: {alt}" if alt else "image"
    src = element.get("src") or ""
    if flags & NOFORMAT or _in_link(element) or not src.strip():
        return f" {label} " if alt else ""
    return f"[{label}]({_destination(src)})"


def _media(kind: str) -> Rule:
    """Video, audio and embedded pages or players: a link to what a browser would play."""

    def convert(element: Any, text: str, flags: int) -> str:
        src = element.get("src") or element.get("data") or ""
        if not src.strip():
            source = next((s for s in element.iterdescendants("source") if s.get("src")), None)
            src = source.get("src") if source is not None else ""
        if not src.strip():
            return "" if kind == "embedded page" else text
        title = _label(element.get("title") or "")
        label = f"{kind}: {title}" if title else kind
        if flags & NOFORMAT or _in_link(element):
            return f" {label} "
        link = f"[{label}]({_destination(src)})"
        # What an embed or object holds is what shows where it cannot play (HTML's
        # parser also nests the words after a bare <embed> there); a video's or an
        # audio's is only "your browser cannot play this".
        inner = text.strip() if kind.startswith("embedded") else ""
        if kind == "embedded page" and "<" in inner:  # an iframe's content is raw text
            inner = _label(_RAW_TAG.sub("", inner.replace("\\<", "<")))
        if flags & INLINE:
            return f"{link} {inner}" if inner else link
        return f"\n\n{link}\n\n{inner}\n\n" if inner else f"\n\n{link}\n\n"

    return convert


RULES: dict[str, Rule] = {
    "a": _link,
    "b": _inline("**"),
    "strong": _inline("**"),
    "em": _inline("*"),
    "i": _inline("*"),
    "del": _inline("~~"),
    "s": _inline("~~"),
    "sub": _inline(""),
    "sup": _inline(""),
    "blockquote": _blockquote,
    "br": _br,
    "code": _code,
    "kbd": _code,
    "samp": _code,
    "div": _div,
    "article": _div,
    "section": _div,
    "dl": _div,
    "dd": _dd,
    "dt": _dt,
    "hr": _hr,
    "ul": _list,
    "ol": _list,
    "li": _list_item,
    "p": _paragraph,
    "pre": _pre,
    "q": _quote,
    "table": _table,
    "caption": _caption,
    "figcaption": _figcaption,
    "td": _cell,
    "th": _cell,
    "tr": _row,
    "img": _image,
    "video": _media("video"),
    "audio": _media("audio"),
    "iframe": _media("embedded page"),
    "embed": _media("embedded media"),
    "object": _media("embedded media"),
}
