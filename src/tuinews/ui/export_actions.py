"""Export from the app (the menu's Export…): a base class of TuinewsApp."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from tuinews.store import Store
from tuinews.store.subscriptions import list_subscriptions

if TYPE_CHECKING:
    from tuinews.ui.screens.feeds import ExportChoice


class ExportActions(App[None]):
    """Subscriptions as OPML, articles as JSON Lines, to a file the user picks."""

    store: Store

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
                what = f"{count} articles"
        except OSError as exc:
            self.notify(
                f"Could not write {choice.path}: {exc.strerror or exc}",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Exported {what} to {choice.path}", markup=False)
