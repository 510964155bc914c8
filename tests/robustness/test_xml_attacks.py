"""XML attacks in RSS, Atom and OPML: refused quickly, in little memory, with a clear reason."""

from __future__ import annotations

import tracemalloc

import pytest

from conftest import cpu_budget
from tuinews.importer.errors import ImportFailure
from tuinews.importer.sniff import parse_bytes

LAUGHS = '<!ENTITY l0 "lol">' + "".join(
    f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
)
BIG = "x" * 100_000
ROOTS = {
    "rss": (
        '<rss version="2.0"><channel><title>{}</title><item><title>{}</title>'
        "<description>d</description></item></channel></rss>"
    ),
    "atom": (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>{}</title><entry><title>{}</title>'
        "<id>x</id><content>c</content></entry></feed>"
    ),
    "opml": (
        '<opml version="2.0"><head><title>{}</title></head><body>'
        '<outline text="{}" xmlUrl="http://a.example/feed"/></body></opml>'
    ),
}
ATTACKS = {
    "billion laughs": (LAUGHS, "&l9;"),
    "quadratic blowup": (f'<!ENTITY big "{BIG}">', "&big;" * 2000),
    "external file": ('<!ENTITY ext SYSTEM "file:///etc/passwd">', "&ext;"),
    "external http": ('<!ENTITY ext SYSTEM "http://127.0.0.1:9/evil">', "&ext;"),
    "parameter entity": ('<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;', "x"),
}


@pytest.mark.parametrize("root", sorted(ROOTS))
@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_entity_attacks_are_refused_fast_and_small(root: str, attack: str) -> None:
    declarations, use = ATTACKS[attack]
    name = {"rss": "rss", "atom": "feed", "opml": "opml"}[root]
    document = (
        f'<?xml version="1.0"?>\n<!DOCTYPE {name} [{declarations}]>\n'
        + ROOTS[root].format(use, use)
    ).encode()
    tracemalloc.start()
    # Refused before any expansion: a fraction of a second of CPU and little memory.
    with cpu_budget(1.0), pytest.raises(ImportFailure, match="entities"):
        parse_bytes(document)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 100 * 1024 * 1024


@pytest.mark.parametrize("root", ["rss", "opml"])
def test_deep_nesting_gives_a_clean_answer(root: str) -> None:
    depth = 100_000
    inner = "<div>" * depth + "x" + "</div>" * depth
    document = (
        ROOTS[root].format("t", "t").replace("<title>t</title>", f"<title>{inner}</title>", 1)
    )
    with cpu_budget(5.0):
        try:
            parse_bytes(document.encode())
        except ImportFailure as failure:
            assert failure.reason
