"""OPML subscription lists: every outline with a feed URL becomes a subscription.

The folder an outline sits in (or its own `category` attribute) gives its category. A
folder is named by its `text` (what feed readers show), a feed by its `title`, else its
`text`.

OPML in the wild is often not well-formed: a bare `&` in a title or a URL, an HTML entity
such as `&nbsp;`, a tag left open. It is read as forgivingly as feed readers read it:
bare ampersands and HTML entities are repaired first, then lxml's recovering parser reads
the rest. Entity declarations are still refused (entity expansion, external entities),
and nothing is fetched from the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.entities import name2codepoint
from typing import Any

from tuinews.importer import limits
from tuinews.importer.errors import ImportFailure
from tuinews.models import FeedSubscription

_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
# An ampersand that does not start an entity or character reference, or one that starts
# a named reference XML does not know (HTML's &nbsp;, &eacute; ...).
_AMPERSAND = re.compile(r"&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};)([A-Za-z][A-Za-z0-9]{0,31};)?")
_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])([^"']*)\2""")


def parse_opml(data: bytes) -> tuple[str | None, list[FeedSubscription]]:
    """The list's title and its feed subscriptions, in document order (each URL once)."""
    root, problem = _parse(data)
    if root is None or not isinstance(root.tag, str):
        raise ImportFailure(f"malformed OPML ({problem or 'no document'})")
    if root.tag.rsplit("}", 1)[-1].lower() != "opml":
        raise ImportFailure("not an OPML document")
    head_title = _child_text(root, "head", "title")
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise ImportFailure("the OPML has no body")
    found = _walk(body)
    if not found:
        if problem:
            raise ImportFailure(f"malformed OPML ({problem})")
        raise ImportFailure("the OPML lists no feeds")
    return head_title, found


def _parse(data: bytes) -> tuple[Any, str | None]:
    """The root element (None when nothing could be read) and the first fault found."""
    from lxml import etree  # type: ignore[import-untyped]

    from tuinews.importer.encoding import decode
    from tuinews.importer.formats.feed.entities import check_no_entities

    check_no_entities(data)
    try:
        text = decode(data)
    except ImportFailure:
        raise
    except (LookupError, UnicodeError):
        raise ImportFailure("malformed OPML (its encoding cannot be read)") from None
    # The text is decoded already: the declaration must not make lxml decode it again.
    text = text.lstrip("\ufeff")
    head = text[:200].encode("ascii", "replace")
    declared = _ENCODING.match(head)
    if declared:
        text = text[: declared.start(3)] + "utf-8" + text[declared.end(3) :]
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(_AMPERSAND.sub(_entity, text).encode("utf-8"), parser)
    except etree.LxmlError as exc:
        return None, _first_line(str(exc))
    errors = parser.error_log
    return root, _first_line(str(errors[0].message)) if len(errors) else None


def _entity(found: re.Match[str]) -> str:
    """A bare `&` escaped, an HTML entity as its character, XML's own left alone."""
    name = found.group(1)
    if name is None:
        return "&amp;"
    name = name[:-1]
    if name in _XML_ENTITIES:
        return found.group(0)
    code = name2codepoint.get(name)
    return f"&#{code};" if code is not None else f"&amp;{name};"


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or ["unreadable"])[0][:120]


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(root: Any, *path: str) -> str | None:
    node = root
    for name in path:
        node = next((child for child in node if _local(child) == name), None)
        if node is None:
            return None
    return (node.text or "").strip() or None


def _walk(body: Any) -> list[FeedSubscription]:
    """Every outline with an http(s) feed URL, in document order; one pass, each URL once.

    Iterative (no recursion limit to reach), and the URLs seen are kept in a set, so a
    list of 100,000 outlines costs 100,000 steps, not 100,000 squared.
    """
    found: list[FeedSubscription] = []
    seen: set[str] = set()
    stack: list[tuple[Iterator[Any], str | None]] = [(iter(body), None)]
    while stack:
        outlines, folder = stack[-1]
        outline = next(outlines, None)
        if outline is None:
            stack.pop()
            continue
        if _local(outline) != "outline":
            continue
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url.startswith(("http://", "https://")):
            label = (outline.get("title") or outline.get("text") or "").strip() or None
            own = (outline.get("category") or "").strip().strip("/").split(",")[0]
            category = own.rsplit("/", 1)[-1].strip() or folder
            if url not in seen:
                seen.add(url)
                found.append(FeedSubscription(url, label, category))
            if len(outline) and len(stack) <= limits.MAX_OPML_DEPTH:
                # A feed's outline left open (`<outline ...>` for `<outline .../>`) holds
                # the outlines after it: they are in the same folder.
                stack.append((iter(outline), folder))
        elif len(outline) and len(stack) <= limits.MAX_OPML_DEPTH:
            # A folder is named by its text, as feed readers show it (title is a tooltip).
            name = (outline.get("text") or outline.get("title") or "").strip() or None
            stack.append((iter(outline), name or folder))
    return found
