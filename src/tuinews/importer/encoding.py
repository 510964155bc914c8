"""Which encoding a source is in, when it does not say, or says it wrong.

A byte-order mark decides; else UTF-16 or UTF-32 are recognised from how `<` is written
(an XML file without a BOM); else a declared encoding that reads the bytes; else UTF-8;
else charset-normalizer guesses the legacy charset (EUC-JP, Shift_JIS, GB2312, KOI8-R,
windows-1255 ...), and Windows-1252 is the last resort.
"""

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
# "<" (and "<?") as each wide encoding writes it, without a byte-order mark.
_WIDE = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
_DECLARATION = re.compile(rb"""^(<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._:-]*)(["'])""")
_TEXT_DECLARATION = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)(["'])""")
_SAMPLE_BYTES = 256 * 1024


def decode(data: bytes) -> str:
    """The text of a source: see the module's docstring for the order of the clues."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ImportFailure(f"the text is not valid {encoding.upper()}") from None
    start = data.lstrip(b" \t\r\n")
    for prefix, encoding in _WIDE:
        if start.startswith(prefix):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    declared = _DECLARATION.match(start)
    if declared:
        try:
            return data.decode(declared.group(2).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" in data[:8192]:
        raise ImportFailure("a binary file, not news")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(_guess(data), errors="replace")


def feed_bytes(data: bytes) -> bytes:
    """Feed bytes that the XML readers decode right, as decode() would read them.

    Unchanged when they carry a byte-order mark, or are UTF-8, or declare an encoding
    that reads them; else re-encoded as UTF-8 with the declaration saying so.
    """
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return data
    start = data.lstrip(b" \t\r\n")
    declared = _DECLARATION.match(start)
    wide = any(start.startswith(prefix) for prefix, _ in _WIDE)
    if not wide:
        if declared:
            try:
                data.decode(declared.group(2).decode("ascii"))
                return data
            except (LookupError, UnicodeDecodeError):
                pass
        elif _is_utf8(data):
            return data
    text = decode(data)
    found = _TEXT_DECLARATION.match(text)
    if found:
        text = text[: found.start(2)] + "utf-8" + text[found.end(2) :]
    return text.encode("utf-8")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(data: bytes) -> str:
    """The legacy charset charset-normalizer finds most likely, else Windows-1252."""
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    results = from_bytes(data[:_SAMPLE_BYTES])
    best = results.best()
    encoding = best.encoding if best is not None else None
    # A short text fits many single-byte charsets equally well, with no sign of the
    # language: then Windows-1252, as before. Multi-byte charsets are told by structure.
    if (
        encoding
        and best is not None
        and best.coherence == 0
        and not is_multi_byte_encoding(encoding)
    ):
        encoding = "cp1252"
    try:
        return codecs.lookup(encoding).name if encoding else "cp1252"
    except LookupError:
        return "cp1252"
