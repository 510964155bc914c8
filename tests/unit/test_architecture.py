"""The layers: the core never imports Textual, data flows one way, the import graph has no cycles.

The graph is grimp's, built from the source: imports inside functions and under
TYPE_CHECKING count as much as the ones at the top.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import grimp
import pytest

import tuinews

PACKAGE = Path(tuinews.__file__).parent
CORE = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_do_not_import_textual_or_the_ui() -> None:
    assert len(CORE) > 10
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(path) if m.startswith(("textual", "tuinews.ui"))
        )
        for path in CORE
    }
    # __main__ may build the app when no subcommand is given: only lazily, inside a function.
    offenders.pop("__main__.py")
    assert {k: v for k, v in offenders.items() if v} == {}


def test_main_imports_the_ui_only_inside_a_function() -> None:
    tree = ast.parse((PACKAGE / "__main__.py").read_text(encoding="utf-8"))
    top_level = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    modules = {getattr(node, "module", None) or node.names[0].name for node in top_level}
    assert not any(str(m).startswith(("textual", "tuinews.ui")) for m in modules)


def test_the_reader_starts_without_the_heavy_libraries(tmp_path: Path) -> None:
    """The first screen does not wait for parsers, fetchers or the Markdown renderer.

    The app is built as the command line builds it (a real store, a config path) in a
    fresh process, which then lists the heavy modules that were imported on the way.
    """
    heavy = ["feedparser", "trafilatura", "httpx", "lxml", "markdown_it", "sqlite_utils"]
    heavy += ["tuinews.importer.pipeline", "tuinews.feeds.refresh", "tuinews.ui.screens.feeds"]
    heavy += ["tuinews.ui.screens.import_dialog", "tuinews.export"]
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tuinews.ui.app import make_app\n"
        f"make_app(Path({str(tmp_path / 'store.db')!r}), Path({str(tmp_path / 'c.toml')!r}),"
        " import_samples=False)\n"
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("tuinews", include_external_packages=True, cache_dir=None)


CORE_PACKAGES = ["models", "store", "importer", "feeds", "export", "config", "paths"]
# What each part may not import, directly or through others: data flows one way,
# sources -> importer -> store -> UI, and the store knows nothing of where articles came from.
FORBIDDEN = [
    ("store", "importer"),
    ("store", "feeds"),
    ("store", "export"),
    ("importer", "feeds"),
    ("importer", "export"),
    ("importer", "ui"),
    ("feeds", "export"),
    ("feeds", "ui"),
    ("export", "importer"),
    ("export", "ui"),
    ("models", "store"),
    ("models", "importer"),
] + [(core, "ui") for core in CORE_PACKAGES if core not in ("importer", "feeds", "export")]


def chains(importer: str, imported: str) -> list[str]:
    found = graph().find_shortest_chains(importer=importer, imported=imported, as_packages=True)
    return sorted(" -> ".join(chain) for chain in found)


@pytest.mark.parametrize(("low", "high"), FORBIDDEN, ids=[f"{a}-not-{b}" for a, b in FORBIDDEN])
def test_a_layer_does_not_import_the_ones_above_it(low: str, high: str) -> None:
    assert chains(f"tuinews.{low}", f"tuinews.{high}") == []


@pytest.mark.parametrize("core", CORE_PACKAGES)
def test_no_core_module_reaches_textual(core: str) -> None:
    name = f"tuinews.{core}"
    assert name in graph().modules
    assert chains(name, "textual") == []


def test_the_import_graph_has_no_cycles() -> None:
    ours = {m for m in graph().modules if m.split(".")[0] == "tuinews"}
    assert len(ours) > 60
    cycles = set()
    for module in ours:
        for imported in graph().find_modules_directly_imported_by(module) & ours:
            back = graph().find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.add(" -> ".join((module, *back)))
    assert sorted(cycles) == []


# Textual's private modules that the app reaches into, each from one module of ours that
# says why (Textual 8.2 has no public name for them): module -> the one importer.
PRIVATE_TEXTUAL = {"textual.widgets._footer": "tuinews/ui/widgets/key_footer.py"}


def test_a_private_textual_module_is_imported_in_one_place() -> None:
    tree = PACKAGE.parent.parent
    sources = [
        *PACKAGE.rglob("*.py"),
        *(tree / "tests").rglob("*.py"),
        *(tree / "bench").rglob("*.py"),
    ]
    importers = {
        str(path.relative_to(PACKAGE.parent) if PACKAGE in path.parents else path.relative_to(tree))
        for path in sources
        for module in imported_modules(path)
        if module in PRIVATE_TEXTUAL
    }
    assert importers == set(PRIVATE_TEXTUAL.values())
