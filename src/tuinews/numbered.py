"""An article's Markdown with its links and images numbered, as the reader and `show` draw it.

Every link in the text gets `[n]` after it and every image becomes `[image n: alt]`; the
numbers match the list at the end (`LinkList`), whose long URLs wrap after a `/`, `?`, `&`
or `=` rather than in the middle of a word. No Textual here: `show` uses it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

_IMAGE = re.compile(r"!\[((?:\\.|[^\]\\\n]){0,300})\]\((<[^>\n]+>|[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_LINK = re.compile(r"\[((?:\\.|[^\]\\\n]){0,300})\]\((<[^>\n]+>|[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_AUTOLINK = re.compile(r"(?<!\()<((?:https?|mailto):[^>\s]+)>")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_SCHEMES = ("http://", "https://", "mailto:")
# A long URL breaks after one of these, so that each line ends at a part of the address.
_BREAK_AFTER = "/?&=#-_."


@dataclass(frozen=True, slots=True)
class Link:
    """One numbered link of an article: its label and where it goes."""

    number: int
    text: str
    url: str
    image: bool = False


@dataclass(frozen=True, slots=True)
class Numbered:
    """The Markdown with `[n]` marks, and the links those numbers name."""

    markdown: str
    links: tuple[Link, ...]

    def link(self, number: int) -> Link | None:
        """The link with this number, or None when there is none."""
        return self.links[number - 1] if 1 <= number <= len(self.links) else None


class _Numberer:
    """Hands out one number per distinct URL, in reading order."""

    def __init__(self) -> None:
        self.links: list[Link] = []
        self._by_url: dict[str, int] = {}

    def number(self, text: str, url: str, *, image: bool = False) -> int:
        if url not in self._by_url:
            self._by_url[url] = len(self.links) + 1
            self.links.append(Link(len(self.links) + 1, _plain(text) or url, url, image))
        return self._by_url[url]

    def image(self, match: re.Match[str]) -> str:
        url = match.group(2).strip("<>")
        alt = _plain(match.group(1))
        if not url.startswith(_SCHEMES):
            return _escape(f"[image: {alt}]") if alt else ""
        number = self.number(alt or "image", url, image=True)
        return _escape(f"[image {number}: {alt}]" if alt else f"[image {number}]")

    def link(self, match: re.Match[str]) -> str:
        url = match.group(2).strip("<>")
        if not url.startswith(_SCHEMES):
            return match.group(0)
        return f"{match.group(0)}\\[{self.number(match.group(1), url)}\\]"

    def autolink(self, match: re.Match[str]) -> str:
        return f"{match.group(0)}\\[{self.number(match.group(1), match.group(1))}\\]"

    def line(self, line: str) -> str:
        pieces = _CODE_SPAN.split(line)
        for index in range(0, len(pieces), 2):  # even pieces are outside code spans
            piece = _IMAGE.sub(self.image, pieces[index])
            piece = _LINK.sub(self.link, piece)
            pieces[index] = _AUTOLINK.sub(self.autolink, piece)
        return "".join(pieces)


def number_links(markdown: str) -> Numbered:
    """The Markdown with every link and image numbered (code blocks left alone)."""
    numberer = _Numberer()
    lines, in_fence = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        lines.append(line if in_fence or _FENCE.match(line) else numberer.line(line))
    return Numbered("\n".join(lines), tuple(numberer.links))


def _plain(text: str) -> str:
    # The label is shown as text: no Markdown emphasis, escapes or brackets; one line.
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(re.sub(r"[*_`\[\]<>]", "", text).split())[:120]


def _escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def wrap_url(url: str, width: int) -> list[str]:
    """The URL cut into lines of at most `width`, each ending after a break character
    (`/`, `?`, `&`, `=`, …) when there is one in the line's second half."""
    width = max(width, 8)
    lines = []
    while len(url) > width:
        cut = max(url.rfind(char, width // 2, width) for char in _BREAK_AFTER) + 1
        cut = cut if cut > 0 else width
        lines.append(url[:cut])
        url = url[cut:]
    lines.append(url)
    return lines


class LinkList:
    """The numbered list of links under an article; a Rich renderable that wraps its URLs."""

    def __init__(self, links: Iterable[Link], *, title: str = "Links") -> None:
        self.links = tuple(links)
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.links:
            return
        width = options.max_width
        yield Text(self.title, style="bold")
        indent = len(str(len(self.links))) + 3  # "[12] "
        for link in self.links:
            mark = f"[{link.number}]".ljust(indent)
            kind = "image: " if link.image else ""
            label = Text()
            label.append(mark, style="bold")
            label.append(f"{kind}{link.text}")
            yield from label.wrap(console, width)
            for part in wrap_url(link.url, width - indent):
                yield Text(" " * indent + part, style="underline", no_wrap=True)
