"""What hands articles to the world outside: Export… and opening links. A base class of
TuinewsApp."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from tuinews.config import Settings
from tuinews.store import Store
from tuinews.store.subscriptions import list_subscriptions
from tuinews.wording import counted

if TYPE_CHECKING:
    from tuinews.ui.screens.feeds import ExportChoice


class ExportActions(App[None]):
    """Subscriptions as OPML, articles as JSON Lines, to a file the user picks."""

    store: Store
    settings: Settings
    browser_process: subprocess.Popen[bytes] | None = None

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a link: a terminal browser with the app suspended, a graphical one on its
        own (kept in `browser_process`, and said: it opens elsewhere), and say so when
        there is no browser at all."""
        from tuinews.ui.open_link import open_in_browser

        self.browser_process = open_in_browser(self, url, self.settings.commands)
        if self.browser_process is not None:
            self.notify(f"Opening {url}", timeout=3, markup=False)

    def action_export(self) -> None:
        from tuinews.ui.screens.feeds import ExportDialog

        self.push_screen(ExportDialog(Path.home()), self._export_chosen)

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        from tuinews.export.json_lines import export_json_lines
        from tuinews.export.opml import export_opml

        if choice is None:
            return
        try:
            if choice.format == "opml":
                choice.path.write_bytes(export_opml(list_subscriptions(self.store)))
                what = "subscriptions"
            else:
                with choice.path.open("w", encoding="utf-8") as out:
                    count = export_json_lines(self.store, out)
                what = counted(count, "article")
        except OSError as exc:
            self.notify(
                f"Could not write {choice.path}: {exc.strerror or exc}",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Exported {what} to {choice.path}", markup=False)
