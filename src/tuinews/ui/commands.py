"""Command palette: the menu's commands and "Jump to category…"."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tuinews.models import View, ViewKind

if TYPE_CHECKING:
    from tuinews.ui.app import TuinewsApp


class CategoryCommands(Provider):
    """Jump to category…: one command per category and smart view."""

    def _views(self) -> list[View]:
        app: TuinewsApp = self.app  # type: ignore[assignment]
        counts = app.store.counts(app.clock())
        smart = [View(kind) for kind in (ViewKind.ALL, ViewKind.UNREAD, ViewKind.STARRED)]
        return (
            smart
            + [View(ViewKind.TODAY)]
            + [View(ViewKind.CATEGORY, name) for name in counts.categories]
        )

    def _jump(self, view: View) -> None:
        app: TuinewsApp = self.app  # type: ignore[assignment]
        app.jump_to(view)

    async def discover(self) -> Hits:
        for view in self._views():
            yield DiscoveryHit(
                Text(f"Jump to category: {view.label}"),
                partial(self._jump, view),
                help="Show this view in the article list",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for view in self._views():
            label = f"Jump to category: {view.label}"
            score = matcher.match(label)
            if score > 0:
                # highlight() reads its argument as markup: category names are data.
                shown = matcher.highlight(label) if "[" not in label else Text(label)
                yield Hit(score, shown, partial(self._jump, view), text=label)
