"""Saved HTML pages of news articles ("Save page as…") to one draft, through trafilatura.

trafilatura finds the main text and the metadata. Its tree is rendered block by block
as Markdown (its own Markdown loses the "> " of quotes), the boilerplate lines it lets
through are dropped, and missing fields are read from the page's meta tags.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from tuinews.importer.dates import parse_date
from tuinews.importer.errors import ImportFailure
from tuinews.models import ArticleDraft

NO_TEXT = "no article text found in the HTML page"
# Never article text: pruned before extraction, so trafilatura's fallbacks cannot take them.
_PRUNE = "//nav|//footer|//*[@role='navigation' or @role='contentinfo' or @role='banner']"
_KEEP_SPACING = ("pre", "textarea", "script", "style")
_SPACES = re.compile(r"\s+")
_TITLE_SUFFIX = re.compile(r"^(.+?)\s+(?:\||-|–|—|·)\s+([^|]+)$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINK_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\[[^\]]*\]\([^)]*\)\s*$")
_BOILERPLATE = re.compile(
    r"""^(?:advertisement|advertising|sponsored(?:\ content)?|ad
    |share(?:\ this)?(?:\ (?:article|story|post|page))?(?:\ with\ \w+)?\s*:?
    |(?:share\ (?:on|via)\ [\w.]+\s*)+
    |(?:sign\ up|subscribe)\b.{0,100}\bnewsletters?\b.{0,100}
    |.{0,100}\b(?:we\ use\ cookies|uses\ cookies|accept\ (?:all\ )?cookies
        |cookie\ (?:policy|settings|preferences))\b.{0,200}
    |(?:©|copyright\ (?:©|\(c\)|\d{4})).{0,150}
    |(?:\d+\ )?comments?(?:\ \(\d+\))?|leave\ a\ (?:reply|comment)\b.{0,60}
    |follow\ us\b.{0,80}|(?:posted\ |written\ )?by:?)$""",
    re.I | re.X,
)
_RELATED = re.compile(
    r"""^(?:related|read\ more|see\ also|more\ on\ this(?:\ story)?|recommended
    |you\ may\ also\ like|more\ from\ [\w ]{1,30})
    (?:\ (?:articles|stories|posts|links|reading|coverage|content))?\s*:?\s*
    (?:\[[^\]]*\]\([^)]*\)\s*)?$""",
    re.I | re.X,
)
_RAW_INLINE = re.compile(r"</?(?:sup|sub|u|ins|mark|small|big|font|span)\b[^<>]*>", re.I)


def parse_html_page(text: str, url: str | None = None) -> tuple[str | None, list[ArticleDraft]]:
    """The site's name and the page's article as one draft. Raises only ImportFailure."""
    try:
        return _parse(text, url)
    except ImportFailure:
        raise
    except Exception:  # lxml, trafilatura and htmldate fail in many ways on hostile input
        raise ImportFailure("the HTML page could not be read") from None


def _parse(text: str, url: str | None) -> tuple[str | None, list[ArticleDraft]]:
    """The work of parse_html_page, with any library error left to the caller."""
    import trafilatura
    from trafilatura.settings import Document

    tree = trafilatura.load_html(text)
    if tree is None:  # trafilatura refuses a fragment (saved without <html>) as "dubious"
        tree = trafilatura.load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise ImportFailure(NO_TEXT)
    meta = _meta_tags(tree)
    page_url = _page_url(meta, url)
    _collapse_spaces(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=page_url,  # relative links are resolved against it
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_images=False,
        prune_xpath=_PRUNE,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,  # a year in the text is not the publication date
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
            "max_date": "2999-12-31",  # do not depend on the clock
        },
    )
    if not isinstance(document, Document):
        raise ImportFailure(NO_TEXT)
    site = meta.get("og:site_name") or document.sitename or None
    title = _title(document.title, meta, site)
    body = _markdown(document.body, title)
    if not body:
        raise ImportFailure(NO_TEXT)
    if not title:
        title = _LINK.sub(r"\1", body.split("\n", 1)[0]).lstrip("#> ")[:80]
    categories = document.categories or []
    draft = ArticleDraft(
        title=title,
        body=body,
        author=document.author or None,
        published=parse_date(document.date) or parse_date(meta.get("article:published_time")),
        category=meta.get("article:section") or (categories[0] if categories else None),
        url=page_url or document.url or None,
        summary=_summary(document.description or meta.get("description"), body),
        key_hint=None,
        source_name=site,
    )
    return site, [draft]


def _meta_tags(tree: Any) -> dict[str, str]:
    """The page's <meta> tags by name or property, its canonical link and its <title>."""
    found: dict[str, str] = {}
    for node in tree.iter("meta", "link", "title"):
        if node.tag == "title":
            key, value = "title", node.text_content()
        elif node.tag == "link":
            key, value = ("canonical" if node.get("rel") == "canonical" else ""), node.get("href")
        else:
            key, value = (node.get("property") or node.get("name") or ""), node.get("content")
        if key and value and value.strip():
            found.setdefault(key.lower(), _SPACES.sub(" ", value).strip())
    return found


def _page_url(meta: dict[str, str], url: str | None) -> str | None:
    """The canonical link or og:url (resolved against `url`), else `url` itself."""
    for found in (meta.get("canonical"), meta.get("og:url")):
        try:
            if found and "://" in (address := urljoin(url or "", found)):
                return address
        except ValueError:  # a malformed address, such as an unclosed "[" host
            pass
    return url


def _collapse_spaces(tree: Any) -> None:
    """Collapse the source's line breaks and indentation inside text (not in <pre>)."""
    keep = {node for outer in tree.iter(*_KEEP_SPACING) for node in outer.iter()}
    for node in tree.iter():
        if node not in keep:
            if node.text:
                node.text = _SPACES.sub(" ", node.text)
            if node.tail:
                node.tail = _SPACES.sub(" ", node.tail)


def _title(found: str | None, meta: dict[str, str], site: str | None) -> str | None:
    """trafilatura's title, else og:title or <title> without a " | Site" suffix."""
    title = found or meta.get("og:title") or meta.get("title")
    if not title:
        return None
    parts = _TITLE_SUFFIX.match(title)
    if parts and (" | " in title or (site and parts.group(2).casefold() == site.casefold())):
        return parts.group(1)
    return title


def _markdown(body: Any, title: str | None) -> str:
    """trafilatura's tree as Markdown: one block per element, quotes marked with "> "."""
    from trafilatura.xml import xmltotxt

    blocks = [body.text.strip()] if body.text and body.text.strip() else []
    for child in body:
        tail, child.tail = child.tail, None
        # trafilatura writes <sup>, <sub> and the like as HTML: the reader would drop them.
        block = _RAW_INLINE.sub("", xmltotxt(child, include_formatting=True)).strip()
        if child.tag == "quote":
            block = "\n".join(f"> {line}" if line.strip() else ">" for line in block.splitlines())
        blocks += [part for part in (block, (tail or "").strip()) if part]
    blocks = drop_boilerplate(blocks)
    if blocks and title and blocks[0].startswith("#") and _words(blocks[0]) == _words(title):
        blocks.pop(0)  # the title heading repeats the draft's title
    return "\n\n".join(blocks)


def drop_boilerplate(blocks: list[str]) -> list[str]:
    """Blocks without share bars, ads, newsletter and cookie boxes, and "Related:" lists."""
    kept: list[str] = []
    skip_links = False
    for block in blocks:
        label = block.lstrip("#> ").replace("**", "").replace("__", "").strip()
        if skip_links and all(_LINK_ITEM.match(line) for line in block.splitlines()):
            continue  # the list of links under a "Related" label
        skip_links = bool(_RELATED.match(label))
        if not skip_links and not _BOILERPLATE.match(_LINK.sub(r"\1", label)):
            kept.append(block)
    return kept


def _summary(description: str | None, body: str) -> str | None:
    """The meta description, unless it only repeats the start of the body."""
    if not description or not description.strip():
        return None
    summary = _words(description.rstrip(" .…"))
    return None if _words(body).startswith(summary) else description.strip()


def _words(text: str) -> str:
    """Lower-case words only, for comparing text that differs in markup and punctuation."""
    return " ".join(re.findall(r"\w+", _LINK.sub(r"\1", text).casefold()))
