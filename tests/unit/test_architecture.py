"""The core never imports Textual: checked on the source of every core module."""

from __future__ import annotations

import ast
from pathlib import Path

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


def test_the_reader_starts_without_the_heavy_libraries() -> None:
    """The first screen does not wait for parsers, fetchers or the Markdown renderer."""
    import subprocess
    import sys

    heavy = ["feedparser", "trafilatura", "httpx", "lxml", "markdown_it", "sqlite_utils"]
    heavy += ["tuinews.importer.pipeline", "tuinews.feeds.refresh", "tuinews.ui.screens.feeds"]
    heavy += ["tuinews.ui.screens.import_dialog"]
    code = f"import sys, tuinews.ui.app\nprint(' '.join(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []
