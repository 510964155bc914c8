"""Dialogs over a dimmed screen that tint only the lines of it that changed.

A dialog (a ModalScreen, the command palette) has a translucent background: Textual draws
the whole screen underneath again and tints it, segment by segment, each time the dialog
itself is repainted. Opening the menu repainted it three to five times (mounted, laid out,
focused), and those tinted copies of the main screen were most of what `m` cost. Here the
dialog's background is a Backdrop: it asks the screen beneath for its lines (which its
widgets keep drawn) and tints only the lines that differ from the ones it tinted last time,
for this dialog or an earlier one. A change beneath is still drawn; an unchanged screen
costs a comparison of lines.

A dialog's first showing is drawn once, not twice (the second whole draw Textual asks for
after the layout that draws it, and the one its new size asked for), and the screen
beneath (UnderDialogs) is not laid out again for the Resize a dialog's first layout sends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.await_remove import AwaitRemove
from textual.color import Color
from textual.events import ScreenResume
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


class UnderDialogs(_ScreenBase):
    """Mixed into a screen that dialogs open over, before its Screen class."""

    def _screen_resized(self, size: Size) -> None:
        # A dialog's first layout sends it a Resize, which Textual passes on to every
        # screen beneath: each was laid out whole again at the size it has, under every
        # dialog opened. A terminal resized, or a layout asked for meanwhile, gets one.
        if self._compositor.size != size or self._layout_required:
            super()._screen_resized(size)


class BackdropMixin(_ScreenBase):
    """Mixed into a dialog, before its Screen class: the screen beneath as a Backdrop."""

    def _screen_resized(self, size: Size) -> None:
        # Textual lays a dialog out when it is shown, and again for the Resize event that
        # first layout sends it, at the size just laid out: the second is skipped (a
        # terminal resized meanwhile, or a widget asking for a layout, still gets one).
        if self._compositor.size != size:
            super()._screen_resized(size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # A dialog's first layout gives the screen its (virtual) size, which asked for a
        # second layout and a second whole draw: nothing laid out depends on it.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Textual 8.2's Screen._on_screen_resume, except on a dialog's first showing:
        # the layout draws the whole dialog (Textual asked for a second whole draw after
        # it) and the styles applied as it was mounted are not applied all over again.
        event.prevent_default()  # Screen's own handler, copied here
        app = self.app
        if app.SUSPENDED_SCREEN_CLASS:
            self.remove_class(app.SUSPENDED_SCREEN_CLASS)
        self.stack_updates += 1
        app._refresh_notifications()
        size = app.size
        self._update_auto_focus()
        if not self.is_attached:
            return
        first = not self._compositor.size
        if event.refresh_styles and not first:
            self.update_node_styles(animate=False)
        if self._size != size:
            self._refresh_layout(size)
        if not first:
            self.refresh()

    def remove(self) -> AwaitRemove:
        # Textual removes a closed dialog as a child of the app and then asks the app for
        # a layout, twice (once awaited, once queued), which the app passes on to the
        # screen on top: the main screen was laid out whole again, twice when the next
        # dialog came up meanwhile (the theme list from the palette), and that dialog was
        # laid out and drawn whole once more. Removing a screen moves nothing on another;
        # the widget under the mouse is still looked for again, as Textual does.
        app = self.app
        removed = app._prune(self, parent=None)
        app._update_mouse_over(app.screen)
        return removed

    # Widget.render may return a Visual; Screen narrowed the annotation to Rich renderables.
    def render(self) -> RenderableType | Visual:  # type: ignore[override]
        rendered = super().render()
        if not isinstance(rendered, BackgroundScreen):
            return rendered  # an opaque dialog, or a terminal without colours to tint
        return Backdrop(rendered.screen, rendered.color)


class Dialog(BackdropMixin, ModalScreen[Result]):
    """A modal dialog over the dimmed screen, tinting only the lines of it that changed."""
