"""Dialogs that draw the dimmed screen under them once, not on every repaint of the dialog.

A dialog (a ModalScreen, the command palette) has a translucent background: Textual draws
the whole screen underneath again, cell by cell, and tints it, each time the dialog itself
is repainted. Opening the menu repainted it three to five times (mounted, laid out, focused),
and those copies of the main screen were most of what `m` cost. The screen underneath does
not change meanwhile, so the tinted copy is kept until it does: Textual tells the dialog
which regions of the screen beneath changed (a refresh with regions), and a dialog that
comes back to the top of the stack draws it afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import RenderableType
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual

if TYPE_CHECKING:
    from typing import Self

    from textual.css.styles import RulesMap
    from textual.geometry import Region

DrawKey = tuple[int, int | None, Style]
Result = TypeVar("Result")

if TYPE_CHECKING:
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object  # a plain mixin: Textual takes a screen's CSS from its first base


class Backdrop(Visual):
    """The tinted screen under a dialog, drawn once per size and kept."""

    def __init__(self, dialog: Screen[Any], renderable: BackgroundScreen, key: object) -> None:
        self.key = key  # what it was drawn from: the screen beneath, the tint, the size
        self._visual = RichVisual(dialog, renderable)
        self._drawn: dict[DrawKey, list[Strip]] = {}
        self.draws = 0  # how many times the screen beneath was drawn (the tests count them)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        key = (width, height, style)
        strips = self._drawn.get(key)
        if strips is None:
            self.draws += 1
            strips = self._drawn[key] = self._visual.render_strips(width, height, style, options)
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._visual.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._visual.get_height(rules, width)


class KeptBackdrop(_ScreenBase):
    """Mixed into a dialog, before its Screen class, to keep the drawn screen beneath."""

    _backdrop: Backdrop | None = None
    backdrop_draws = 0  # the screen beneath drawn, over this dialog's life

    # Widget.render may return a Visual; Screen narrowed the annotation to Rich renderables.
    def render(self) -> RenderableType | Visual:  # type: ignore[override]
        rendered = super().render()
        if not isinstance(rendered, BackgroundScreen):
            return rendered  # an opaque dialog, or a terminal without colours to tint
        key = (rendered.screen, rendered.color, self.size)
        if self._backdrop is None or self._backdrop.key != key:
            self._forget_backdrop()
            self._backdrop = Backdrop(self, rendered, key)
        return self._backdrop

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if regions:
            # Textual passes the regions of the screen beneath that changed.
            self._forget_backdrop()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_screen_resume(self) -> None:
        # Back on top after a dialog of its own: what is beneath may have changed meanwhile.
        self._forget_backdrop()

    def _forget_backdrop(self) -> None:
        if self._backdrop is not None:
            self.backdrop_draws += self._backdrop.draws
            self._backdrop = None

    @property
    def total_backdrop_draws(self) -> int:
        """How many times the screen beneath has been drawn under this dialog."""
        current = self._backdrop.draws if self._backdrop is not None else 0
        return self.backdrop_draws + current


class Dialog(KeptBackdrop, ModalScreen[Result]):
    """A modal dialog over the dimmed screen, which it draws once."""
