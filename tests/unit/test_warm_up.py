"""The reader warms up after its first screen, not before it: Markdown, the collector."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import gc
import sys
import tuinews.ui.app
from tuinews.ui.warm_up import warm_up
assert "rich.markdown" not in sys.modules, "the first screen would wait for Markdown"
warm_up()
assert {"rich.markdown", "markdown_it", "rich.syntax"} <= set(sys.modules)
assert gc.get_freeze_count() > 10_000  # the collector no longer walks what lives on
"""


def test_the_warm_up_imports_markdown_and_freezes_what_lives_on() -> None:
    # A fresh interpreter: this test process may have imported anything already.
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
