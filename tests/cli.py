"""Running the real command line from tests, and the JSON fields it promises (DESIGN.md)."""

from __future__ import annotations

import subprocess
import sys

FIELDS = frozenset(
    {"id", "title", "author", "published", "category", "source", "url", "summary", "body"}
    | {"word_count", "read", "starred", "imported_at", "enclosures"}
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


def on_terminal(*args: str, columns: int = 100) -> str:
    """`python -m tuinews ARGS` with its output on a pseudo-terminal; what it drew, without
    colours and with Unix line ends."""
    import os
    import pty
    import re

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tuinews", *args], stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed: the process has finished writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=60)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    text = re.sub(r"\x1b\]8;[^\x1b]*\x1b\\", "", text)  # hyperlinks
    return re.sub(r"\x1b\[[0-9;]*m", "", text)  # colours and styles
