"""Running the real command line from tests, and the JSON fields it promises (DESIGN.md)."""

from __future__ import annotations

import subprocess
import sys

FIELDS = frozenset(
    {"id", "title", "author", "published", "category", "source", "url", "summary", "body"}
    | {"word_count", "read", "starred", "imported_at"}
)


def tuinews(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m tuinews ARGS` in a new process; its exit code and output."""
    return subprocess.run(
        [sys.executable, "-m", "tuinews", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=60,
    )


def in_one_process(*commands: list[str]) -> subprocess.CompletedProcess[str]:
    """Run several command lines through `main()` in one new process, which then fails
    if Textual was imported on the way."""
    code = "import sys\nfrom tuinews.__main__ import main\n"
    code += "".join(f"main({command!r})\n" for command in commands)
    code += "textual = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
    code += "assert not textual, 'textual imported'\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
