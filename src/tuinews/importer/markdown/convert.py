"""HTML fragments to Markdown: markdownify's rules, walked over an lxml tree.

markdownify (heading_style ATX, bullets "-") over BeautifulSoup took most of a feed
import's time. This module applies the same rules to a tree that libxml2 builds, ten to
forty times faster: the same block spacing, list bullets and numbers, quotes, links,
emphasis, code, tables and the same escaping of `*` and `_` in text. Scripts, styles,
`noscript` and `template` are dropped with their content; images, iframes, forms and
buttons leave only their text. Where libxml2 and Python's html.parser build different
trees from broken HTML (an unclosed `<p>`, a comment between two words), the spacing
can differ from markdownify's; both feed paths use this module, so they always agree.
"""

from __future__ import annotations

import re
import threading
from html import unescape
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from tuinews.importer.links import absolute
from tuinews.importer.markdown.rules import INLINE, LI, NOFORMAT, PRE, RULES, Rule
from tuinews.importer.markdown.rules import heading as rule_for_heading
from tuinews.importer.markdown.text import escape_text, text_to_markdown

# Flags that an element passes down to its descendants (markdownify's "parent_tags").
_CHILD_FLAGS = {
    "pre": PRE | NOFORMAT,
    "code": NOFORMAT,
    "kbd": NOFORMAT,
    "samp": NOFORMAT,
    "li": LI,
    "td": INLINE,
    "th": INLINE,
}
_HEADING = re.compile(r"h(\d+)")
_BLOCKS = frozenset(
    {"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd"}
    | {"table", "thead", "tbody", "tfoot", "tr", "td", "th"}
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template")
_INVISIBLE = re.compile(r"<(?:script|style|noscript|template)\b", re.I)
_TRANSPARENT = frozenset({"html", "head", "body"})
_NEWLINE_SPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")
_SPACE_RUN = re.compile(r"[\t ]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINK_ATTRIBUTES = ("href", "src", "data", "poster")
_LOOSE_BREAK = re.compile(r"\\\n(?=[ \t]*(?:\n|\\\n|$))")

_TAG = re.compile(r"<[^>]*>")
DEEP_NOTE = (
    "*[Note from tuinews: this article's HTML is nested more than 255 levels deep, "
    "too deep to lay out; its text follows without formatting.]*"
)

_local = threading.local()
Kid = Any  # a text (str) or an lxml element


def convert_html(html: str, base: str | None = None) -> str:
    """Markdown for an HTML fragment, as markdownify would write it (not yet stripped).

    Links and media with a relative address are resolved against `base` when given.
    """
    plain = _plain_markdown(html)
    if plain is not None:
        return plain
    root = _parse(html)
    if root is None:
        return ""
    if _too_deep():
        return _flat_text(html)
    if base:
        _resolve(root, base)
    if _INVISIBLE.search(html):
        etree.strip_elements(root, *_INVISIBLE_TAGS, with_tail=False)
    markdown = _children(_flatten(root), "", False, 0)
    if "\\\n" in markdown:
        # A line break where a block ends, or several in a row, would show as a backslash.
        markdown = _LOOSE_BREAK.sub("\n", markdown)
    return markdown.strip("\n")


def _resolve(root: Any, base: str) -> None:
    for element in root.iter("a", "img", "iframe", "embed", "object", "video", "audio", "source"):
        for name in _LINK_ATTRIBUTES:
            value = element.get(name)
            if value:
                element.set(name, absolute(base, value))


def _plain_markdown(html: str) -> str | None:
    """The Markdown of HTML made only of <p> elements holding plain text, else None.

    Such HTML needs no parser: markdownify's rules come down to each paragraph's text,
    whitespace folded, `*` and `_` escaped, with a blank line between paragraphs. (One
    loop, each step only when needed: most feed HTML takes this path.)
    """
    if "&" in html or "\x00" in html:
        return None
    pieces = html.split("</p>")
    if pieces.pop().strip(" \t\r\n"):
        return None
    paragraphs = []
    for piece in pieces:
        if piece[:3] != "<p>":
            piece = piece.lstrip(" \t\r\n")
            if piece[:3] != "<p>":
                return None
        if piece.find("<", 3) >= 0:
            return None
        text = piece[3:]
        if "\n" in text or "\r" in text:
            text = _NEWLINE_SPACE.sub("\n", text)
        if "\t" in text or "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        if "*" in text:
            text = text.replace("*", r"\*")
        if "_" in text:
            text = text.replace("_", r"\_")
        text = text.lstrip(" \t\r\n").rstrip()
        if text:
            paragraphs.append(text)
    if not html.isascii() and _SURROGATE.search(html):
        return None
    return "\n\n".join(paragraphs)


def _parse(html: str) -> Any:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            default_doctype=False,
            collect_ids=False,
        )
        _local.parser = parser
    try:
        # The explicit body keeps libxml2 from wrapping leading text in an implied <p>.
        return etree.fromstring(f"<html><body>{html}</body></html>", parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _too_deep() -> bool:
    """Whether libxml2 gave up below its depth limit (it drops everything after it)."""
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _local.parser.error_log)


def _flat_text(html: str) -> str:
    """The text of HTML nested too deeply to lay out, with a note that says so."""
    text = text_to_markdown(" ".join(unescape(_TAG.sub(" ", html)).split()))
    return f"{DEEP_NOTE}\n\n{text}".strip()


def _flatten(element: Any) -> list[Kid]:
    """The texts and elements inside html/head/body, which markdownify never sees."""
    kids: list[Kid] = []
    _append_text(kids, element.text)
    for child in element:
        if child.tag in _TRANSPARENT:
            for kid in _flatten(child):
                if isinstance(kid, str):
                    _append_text(kids, kid)
                else:
                    kids.append(kid)
        elif isinstance(child.tag, str):
            kids.append(child)
        _append_text(kids, child.tail)
    return kids


def _append_text(kids: list[Kid], text: str | None) -> None:
    if not text:
        return
    if kids and isinstance(kids[-1], str):
        kids[-1] += text
    else:
        kids.append(text)


def _kids(element: Any) -> list[Kid]:
    kids: list[Kid] = []
    text = element.text
    if text:
        kids.append(text)
    for child in element:
        if isinstance(child.tag, str):
            kids.append(child)
        tail = child.tail
        if tail:
            if kids and isinstance(kids[-1], str):
                kids[-1] += tail
            else:
                kids.append(tail)
    return kids


def _inside(name: str) -> bool:
    """markdownify's should_remove_whitespace_inside: block elements and headings."""
    return name in _BLOCKS or (name[:1] == "h" and _HEADING.match(name) is not None)


def _outside(kid: Kid) -> bool:
    """should_remove_whitespace_outside for a sibling (None or an element)."""
    return kid is not None and _info(kid.tag)[1]


TagInfo = tuple[bool, bool, int, Rule | None]
_INFO: dict[str, TagInfo] = {}


def _info(name: str) -> TagInfo:
    """(whitespace removed inside, ... outside, flags for the children, conversion)."""
    info = _INFO.get(name)
    if info is None:
        inside = _inside(name)
        heading = _HEADING.match(name)
        flags = _CHILD_FLAGS.get(name, 0) | (INLINE if heading else 0)
        convert = RULES.get(name)
        if convert is None and heading:
            convert = rule_for_heading(int(heading.group(1)))
        info = (inside, inside or name == "pre", flags, convert)
        if len(_INFO) < 1000:  # hostile HTML can invent any number of tag names
            _INFO[name] = info
    return info


def _element(element: Any, flags: int) -> str:
    name: str = element.tag
    inside, _, child_flags, convert = _info(name)
    text = _children(
        _kids(element), name, inside, flags | child_flags, keep_newlines=bool(flags & PRE)
    )
    return convert(element, text, flags) if convert is not None else text


def _children(
    kids: list[Kid], name: str, inside: bool, flags: int, *, keep_newlines: bool = False
) -> str:
    """The converted children of one node, joined with markdownify's newline rules."""
    strings: list[str] = []
    last = len(kids) - 1
    for index, kid in enumerate(kids):
        if isinstance(kid, str):
            before = kids[index - 1] if index else None
            after = kids[index + 1] if index < last else None
            if not kid.strip() and (
                (inside and (before is None or after is None))
                or _outside(before)
                or _outside(after)
            ):
                continue
            converted = _text(kid, before, after, inside, flags)
        else:
            converted = _element(kid, flags)
        if converted:
            strings.append(converted)
    if len(strings) == 1:
        return strings[0]
    if name == "pre" or keep_newlines:
        return "".join(strings)
    return _join(strings)


def _text(text: str, before: Kid, after: Kid, inside: bool, flags: int) -> str:
    if not flags & PRE:
        if "\n" in text or "\r" in text:
            text = _NEWLINE_SPACE.sub("\n", text)
        if "\t" in text or "  " in text:
            text = _SPACE_RUN.sub(" ", text)
    if not flags & NOFORMAT:
        text = escape_text(text.replace("*", r"\*").replace("_", r"\_"))
    if _outside(before) or (inside and before is None):
        text = text.lstrip(" \t\r\n")
    if _outside(after) or (inside and after is None):
        text = text.rstrip()
    return text


def _join(strings: list[str]) -> str:
    """Join child strings, collapsing newlines where two meet (at most two in a row)."""
    parts = [""]
    for string in strings:
        content = string.lstrip("\n")
        leading = len(string) - len(content)
        if content:
            stripped = content.rstrip("\n")
            trailing = "\n" * (len(content) - len(stripped))
            content = stripped
        else:
            trailing = ""
        if parts[-1] and leading:
            previous = parts.pop()
            leading = min(2, max(len(previous), leading))
        parts += ("\n" * leading, content, trailing)
    return "".join(parts)
