"""Bytes to text: a byte-order mark, an XML declaration, UTF-8, else Windows-1252."""

from __future__ import annotations

import codecs
import re

from tuinews.importer.errors import ImportFailure

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


def decode(data: bytes) -> str:
    """Text from bytes: a BOM, an XML declaration, UTF-8, else Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ImportFailure(f"the text is not valid {encoding.upper()}") from None
    declared = _XML_ENCODING.match(data)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" in data[:8192]:
        raise ImportFailure("a binary file, not news")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
