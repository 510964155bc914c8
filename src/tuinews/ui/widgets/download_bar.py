"""One download's progress bar, docked under the panes while the download runs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from tuinews.podcast import file_name, size_text


class DownloadBar(Horizontal):
    """'Downloading episode.mp3  [=====     ] 45%  12.3 MB'; removed when it ends."""

    def __init__(self, url: str) -> None:
        super().__init__(classes="download-bar")
        self.url = url

    def compose(self) -> ComposeResult:
        yield Label(f"Downloading {file_name(self.url)}", classes="download-name", markup=False)
        yield ProgressBar(total=None, show_eta=False, classes="download-progress")
        yield Label("", classes="download-size")

    def advance_to(self, done: int, total: int | None) -> None:
        """Show `done` bytes of `total` (an unknown total keeps the bar pulsing)."""
        bar = self.query_one(ProgressBar)
        bar.update(total=total, progress=done)
        self.query_one(".download-size", Label).update(size_text(done) or "0 B")
