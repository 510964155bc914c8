"""OPML subscription lists: every outline with a feed URL becomes a subscription.

The folder an outline sits in (or its own `category` attribute) gives its category.
Parsed with defusedxml: entity declarations and external entities are refused.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from tuinews.importer import limits
from tuinews.importer.errors import ImportFailure
from tuinews.models import FeedSubscription


def parse_opml(data: bytes) -> tuple[str | None, list[FeedSubscription]]:
    """The list's title and its feed subscriptions, in document order."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImportFailure(
            "the XML declares entities, which tuinews refuses (entity expansion)"
        ) from None
    except ParseError as exc:
        raise ImportFailure(f"malformed OPML ({exc})") from None
    except (LookupError, UnicodeError):  # e.g. encoding="ATF-8" in the declaration
        raise ImportFailure("malformed OPML (its encoding cannot be read)") from None
    if root.tag.rsplit("}", 1)[-1].lower() != "opml":
        raise ImportFailure("not an OPML document")
    head_title = root.findtext("head/title")
    body = root.find("body")
    if body is None:
        raise ImportFailure("the OPML has no body")
    found: list[FeedSubscription] = []
    _walk(body, None, found, 0)
    if not found:
        raise ImportFailure("the OPML lists no feeds")
    return (head_title.strip() or None) if head_title else None, found


def _walk(node: Element, folder: str | None, found: list[FeedSubscription], depth: int) -> None:
    if depth > limits.MAX_OPML_DEPTH:
        return
    for outline in node.findall("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        label = (outline.get("title") or outline.get("text") or "").strip() or None
        if url.startswith(("http://", "https://")):
            own = (outline.get("category") or "").strip().strip("/").split(",")[0]
            category = own.rsplit("/", 1)[-1].strip() or folder
            if not any(existing.url == url for existing in found):
                found.append(FeedSubscription(url, label, category))
        else:
            _walk(outline, label or folder, found, depth + 1)
