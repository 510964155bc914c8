"""The reader warms up the Markdown renderer after its first screen, not before it."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import tuinews.ui.app
from tuinews.ui.warm_up import warm_up
assert "rich.markdown" not in sys.modules, "the first screen would wait for Markdown"
warm_up()
assert {"rich.markdown", "markdown_it", "rich.syntax"} <= set(sys.modules)
"""


def test_the_markdown_renderer_is_imported_by_the_warm_up_not_by_the_app() -> None:
    # A fresh interpreter: this test process may have imported anything already.
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
