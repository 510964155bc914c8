"""The subscriptions as an OPML 2.0 document: one folder outline per category.

The document reads back through `tuinews.importer.formats.opml.parse_opml` to the same
(url, title, category) list, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from itertools import groupby
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from tuinews.models import Subscription

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TITLE = "tuinews subscriptions"


def _text(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def export_opml(subscriptions: Sequence[Subscription], *, now: datetime | None = None) -> bytes:
    """The OPML document (UTF-8 bytes) of `subscriptions`, kept in their order.

    Feeds without a category sit at the top level; each category is a folder. An
    outline's `text` is the title, empty when there is none (so that reading it back
    gives no title rather than the URL).
    """
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = TITLE
    SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC))
    body = SubElement(root, "body")
    for category, group in groupby(subscriptions, key=lambda s: s.category):
        parent = body
        if category:
            parent = SubElement(body, "outline", text=_text(category), title=_text(category))
        for subscription in group:
            _feed_outline(parent, subscription)
    indent(root, space="  ")
    document: bytes = tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _feed_outline(parent: Element, subscription: Subscription) -> None:
    outline = SubElement(parent, "outline", type="rss", text=_text(subscription.title))
    if subscription.title:
        outline.set("title", _text(subscription.title))
    outline.set("xmlUrl", _text(subscription.url))
