"""Command palette: the menu's commands and "Jump to category…", over a backdrop drawn once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Protocol, cast

from rich.text import Text
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.backdrop import BackdropMixin


class Palette(BackdropMixin, CommandPalette):
    """Textual's command palette, drawing the dimmed screen under it once (see backdrop)."""


class PaletteHost(Protocol):
    """What the palette needs from the app (the app imports this module, not the reverse)."""

    store: Store
    clock: Callable[[], datetime]

    def jump_to(self, view: View) -> None: ...


class CategoryCommands(Provider):
    """Jump to category…: one command per category and smart view."""

    def _views(self) -> list[View]:
        app = cast(PaletteHost, self.app)
        counts = app.store.counts(app.clock())
        smart = [View(kind) for kind in (ViewKind.ALL, ViewKind.UNREAD, ViewKind.STARRED)]
        return (
            smart
            + [View(ViewKind.TODAY)]
            + [View(ViewKind.CATEGORY, name) for name in counts.categories]
        )

    def _jump(self, view: View) -> None:
        cast(PaletteHost, self.app).jump_to(view)

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
