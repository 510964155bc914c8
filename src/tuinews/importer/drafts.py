"""Drafts made safe to store: every field sanitized, text cut to the caps, names tidied.

Shared by the whole-file import (`pipeline`) and the streamed feed import
(`formats.feed.stream_import`), so that both store the same articles.
"""

from __future__ import annotations

from dataclasses import replace

from tuinews.importer import limits
from tuinews.importer.enclosures import clean_enclosures
from tuinews.importer.sanitize import clean_block, clean_line
from tuinews.models import ArticleDraft


def clean_draft(draft: ArticleDraft) -> ArticleDraft | None:
    """The draft with every field sanitized; None when no title is left."""
    title = clean_line(draft.title)
    if not title:
        return None
    summary = clean_block(draft.summary)
    return replace(
        draft,
        title=title
        if len(title) <= limits.MAX_TITLE_CHARS
        else title[: limits.MAX_TITLE_CHARS - 1] + "…",
        body=cap_text(clean_block(draft.body) or ""),
        author=clean_line(draft.author),
        category=category_name(clean_line(draft.category)),
        url=clean_line(draft.url),
        summary=cap_text(summary) if summary is not None else None,
        key_hint=clean_line(draft.key_hint),
        source_name=clean_line(draft.source_name),
        enclosures=clean_enclosures(draft.enclosures),
    )


def cap_text(text: str) -> str:
    """`text` cut to limits.MAX_BODY_CHARS at a paragraph (else a word), with a note saying so."""
    if len(text) <= limits.MAX_BODY_CHARS:
        return text
    cut = text.rfind("\n\n", 0, limits.MAX_BODY_CHARS)
    if cut < limits.MAX_BODY_CHARS // 2:
        cut = text.rfind(" ", 0, limits.MAX_BODY_CHARS)
    if cut < limits.MAX_BODY_CHARS // 2:
        cut = limits.MAX_BODY_CHARS
    return (
        text[:cut].rstrip()
        + f"\n\n*[Cut by tuinews: the text was {len(text):,} characters long; "
        + f"the first {limits.MAX_BODY_CHARS:,} are kept.]*"
    )


def category_name(name: str | None) -> str | None:
    """A category name cut to its cap, capitalised when it was all lower case."""
    if not name:
        return None
    name = name[: limits.MAX_CATEGORY_CHARS]
    return name[0].upper() + name[1:] if name.islower() else name
