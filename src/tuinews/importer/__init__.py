"""The importer: sources in, clean article drafts out, one store transaction per source.

Layout:

- `limits`, `errors`, `sanitize`, `dates`: caps, the one exception, text clean-up, dates.
- `markdown/`: HTML fragments to Markdown (our markdownify-compatible converter).
- `formats/`: one parser per format: `feed/` (RSS, Atom, RDF), `textdump/` (text copied
  from news pages), `page` (an HTML article page), `json`, `opml`.
- `sniff` tells a source's format and hands it to its parser; `categorize` picks a
  category; `drafts` makes drafts safe to store; `fetch` reads URLs; `sources` expands
  what the user named and reads it.
- `pipeline.import_sources()` runs it all, one source at a time.

The names below are loaded on first use, so that importing any part stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tuinews.importer.errors import ImportFailure
    from tuinews.importer.pipeline import (
        ImportProgress,
        ProgressCallback,
        import_sources,
        parse_clean,
        parse_source,
    )
    from tuinews.importer.sniff import Parsed, parse_bytes
    from tuinews.importer.sources import NEWS_SUFFIXES, SourceRef, expand_sources

__all__ = [
    "NEWS_SUFFIXES",
    "ImportFailure",
    "ImportProgress",
    "Parsed",
    "ProgressCallback",
    "SourceRef",
    "expand_sources",
    "import_sources",
    "parse_bytes",
    "parse_clean",
    "parse_source",
]

_HOMES = {
    "ImportFailure": "errors",
    "ImportProgress": "pipeline",
    "ProgressCallback": "pipeline",
    "import_sources": "pipeline",
    "parse_clean": "pipeline",
    "parse_source": "pipeline",
    "Parsed": "sniff",
    "parse_bytes": "sniff",
    "NEWS_SUFFIXES": "sources",
    "SourceRef": "sources",
    "expand_sources": "sources",
}


def __getattr__(name: str) -> object:
    """A public name, imported from its module when first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
