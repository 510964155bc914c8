"""The bar between the article list and the reader: drag it to move the split."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widget import Widget


class Splitter(Widget):
    """A one-column bar; pressing and dragging it posts where the pointer is."""

    @dataclass
    class Dragged(Message):
        """The bar was dragged to screen column `x`; `done` when the button is released."""

        x: int
        done: bool = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._dragging = False

    def render(self) -> str:
        return ""

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragging = True
        self.capture_mouse()
        event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.post_message(self.Dragged(event.screen_x))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            self.post_message(self.Dragged(event.screen_x, done=True))
