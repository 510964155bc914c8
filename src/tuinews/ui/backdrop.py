"""Dialogs over a dimmed screen that tint only the lines of it that changed.

A dialog (a ModalScreen, the command palette) has a translucent background: Textual draws
the whole screen underneath again and tints it, segment by segment, each time the dialog
itself is repainted. Opening the menu repainted it three to five times (mounted, laid out,
focused), and those tinted copies of the main screen were most of what `m` cost. Here the
dialog's background is a Backdrop: it asks the screen beneath for its lines (which its
widgets keep drawn) and tints only the lines that differ from the ones it tinted last time,
for this dialog or an earlier one. A change beneath is still drawn; an unchanged screen
costs a comparison of lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.geometry import Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.visual import RenderOptions, Visual

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.css.styles import RulesMap
    from textual.style import Style

Result = TypeVar("Result")

if TYPE_CHECKING:
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object  # a plain mixin: Textual takes a screen's CSS from its first base


@dataclass
class Tinted:
    """The lines of a screen as last drawn under a dialog, and their tinted copies."""

    key: tuple[Color, RichStyle, int]
    source: list[Strip] = field(default_factory=list)
    lines: list[Strip] = field(default_factory=list)


# Per screen beneath: the next dialog over an unchanged main screen tints nothing.
TINTED: WeakKeyDictionary[Screen[Any], Tinted] = WeakKeyDictionary()


def tint_line(line: Strip, color: Color, base: RichStyle) -> Strip:
    """One line of the screen beneath, as Textual dims it under a dialog."""
    segments = BackgroundScreen.process_segments(line, color)
    return Strip(
        [Segment(text, base + style, None) for text, style, _ in segments], line.cell_length
    )


class Backdrop(Visual):
    """The screen beneath a dialog, tinted; lines unchanged since the last draw are reused."""

    def __init__(self, beneath: Screen[Any], color: Color) -> None:
        self.beneath = beneath
        self.color = color

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        size = Size(width, self.beneath.size.height if height is None else height)
        # Private, for want of a public way: Textual 8.2 has no API for a screen's
        # composed lines, and its own BackgroundScreen reads `screen._compositor` too. The
        # roundabout public road, a BackgroundScreen with a transparent tint rendered
        # through the console and split into lines again, costs a Python step per segment
        # of the whole screen on every draw, where unchanged lines now cost a comparison
        # (and test_first_opens, counting tinted segments, could not tell the two apart).
        # Every dialog's test fails if the attribute goes.
        source = self.beneath._compositor.render_strips(size)
        base = style.rich_style
        key = (self.color, base, width)
        tinted = TINTED.get(self.beneath)
        if tinted is None or tinted.key != key:
            tinted = TINTED[self.beneath] = Tinted(key)
        old, lines = tinted.source, tinted.lines
        tinted.lines = [
            lines[y] if y < len(old) and old[y] == line else tint_line(line, self.color, base)
            for y, line in enumerate(source)
        ]
        tinted.source = source
        return tinted.lines

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.beneath.size.height


class BackdropMixin(_ScreenBase):
    """Mixed into a dialog, before its Screen class: the screen beneath as a Backdrop."""

    def _screen_resized(self, size: Size) -> None:
        # Textual lays a dialog out when it is shown, and again for the Resize event that
        # first layout sends it, at the size just laid out: the second is skipped (a
        # terminal resized meanwhile, or a widget asking for a layout, still gets one).
        if self._compositor.size != size:
            super()._screen_resized(size)

    # Widget.render may return a Visual; Screen narrowed the annotation to Rich renderables.
    def render(self) -> RenderableType | Visual:  # type: ignore[override]
        rendered = super().render()
        if not isinstance(rendered, BackgroundScreen):
            return rendered  # an opaque dialog, or a terminal without colours to tint
        return Backdrop(rendered.screen, rendered.color)


class Dialog(BackdropMixin, ModalScreen[Result]):
    """A modal dialog over the dimmed screen, tinting only the lines of it that changed."""
