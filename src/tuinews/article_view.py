"""One article as people read it: the reader's heading, its Markdown with numbered links, and
the same article as Markdown or plain text for `show`, pipes and saved files. No Textual."""

from __future__ import annotations

import io
from datetime import datetime

from rich.console import Console, Group, RenderableType
from rich.text import Text

from tuinews.models import Article
from tuinews.numbered import Link, LinkList, number_links, wrap_url
from tuinews.podcast import describe

PLAIN_WIDTH = 80  # plain text is wrapped as a mail or a terminal pager would show it


def byline(article: Article) -> str:
    """'By Ana Ruiz · The Circuit Ledger · Technology'."""
    parts = [f"By {article.author}" if article.author else "", article.source, article.category]
    return " · ".join(part for part in parts if part)


def full_date(article: Article) -> str:
    """The article's date in the local zone, with the reading time."""
    moment = article.published or article.imported_at
    stamp = moment.astimezone().strftime("%a %d %b %Y, %H:%M")
    label = stamp if article.published else f"imported {stamp}"
    return f"{label} · {article.reading_minutes} min read"


def heading(article: Article, width: int | None = None) -> Text:
    """Title, byline, date, the article's own URL and the summary, as the reader shows them;
    with a `width`, the URL is broken into lines after its `/`, `?`, `&`…"""
    text = Text()
    text.append(article.title, style="bold")
    text.append("\n")
    text.append(byline(article), style="italic")
    text.append("\n")
    text.append(full_date(article), style="dim")
    if article.url:
        text.append("\n")
        url = "\n".join(wrap_url(article.url, width)) if width else article.url
        text.append(url, style="underline")
    if article.summary:
        text.append("\n\n")
        text.append(article.summary, style="italic")
    return text


def rendered(article: Article, width: int) -> RenderableType:
    """The whole article as a Rich renderable: heading, body with numbered links, links."""
    from rich.markdown import Markdown

    numbered = number_links(article.body)
    parts: list[RenderableType] = [heading(article, width), Text()]
    if article.enclosures:
        parts += [enclosure_list(article), Text()]
    parts.append(Markdown(numbered.markdown))
    if numbered.links:
        parts += [Text(), LinkList(numbered.links)]
    return Group(*parts)


def enclosure_list(article: Article) -> LinkList:
    """The article's enclosures numbered as the reader lists them: type, size and URL."""
    links = [Link(n, describe(e), e.url) for n, e in enumerate(article.enclosures, 1)]
    return LinkList(links, title="Enclosures")


def print_article(article: Article, console: Console | None = None) -> None:
    """Draw the article on a terminal as the reader does."""
    console = console or Console(highlight=False)
    console.print(rendered(article, console.width))


def as_markdown(article: Article) -> str:
    """The article as a Markdown document: title, byline, date, URL, summary, body."""
    lines = [f"# {article.title}", "", byline(article), "", _stamp(article.published)]
    if article.url:
        lines += ["", f"<{article.url}>"]
    if article.enclosures:
        lines += ["", "Enclosures:", ""]
        lines += [f"{n}. <{e.url}> ({describe(e)})" for n, e in enumerate(article.enclosures, 1)]
    if article.summary:
        lines += ["", f"*{article.summary}*"]
    return "\n".join(line for line in lines) + f"\n\n{article.body.rstrip()}\n"


def as_plain_text(article: Article, width: int = PLAIN_WIDTH) -> str:
    """The article as plain text, wrapped at `width`, links numbered as in the reader."""
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False, emoji=False)
    console.print(rendered(article, width))
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _stamp(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "undated"
