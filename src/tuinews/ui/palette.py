"""The command palette's window, built, measured and drawn once per opening.

Textual's palette (8.2) took four layouts and six frames to open: the dimmed screen alone
(the palette hides itself until a worker has gathered its entries), then the palette, then
the palette again with a scrollbar (its list learns only as it draws that its ~45 two-line
entries overflow it), then once more for the Resize its first layout sent the list, which
throws away every entry's measurements and drawings. Here the entries are gathered before
the first layout, the list measures them as it is laid out and keeps them for a Resize to
the width they were measured at, and the scrollbar is there from the start when the
entries cannot fit: the palette is drawn whole in one frame (tests/tui/test_palette_opens.py).
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.command import (
    Command,
    CommandInput,
    CommandList,
    CommandPalette,
    SearchIcon,
)
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.geometry import Size
from textual.widgets import Button, LoadingIndicator, OptionList
from textual.worker import Worker

from tuinews.ui.backdrop import BackdropMixin

# How long the palette waits for its entries before it is drawn without them (they come
# in a few milliseconds from the app's own providers; Textual showed nothing until then).
FIRST_ENTRIES_WAIT = 0.25


class MeasuredCommandList(CommandList):
    """The palette's list, measuring its entries as it is laid out, once per width."""

    _measured_width = -1

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        # OptionList measures its entries as it first draws them: the scrollbar then
        # appears a frame later. Measured here, the scrollbar (laid out just before
        # the draw) already has the list's height.
        width = self.scrollable_content_region.width
        if width != self._measured_width:
            self._measured_width = width
            self._clear_caches()  # what OptionList does on a Resize, one event earlier
        self._update_lines()
        return changed

    def _on_resize(self, event: Resize | None = None) -> None:
        # OptionList's own handler drops every measured and drawn entry on any Resize,
        # even to the size they were made for; _size_updated has dealt with the size.
        if event is not None:
            event.prevent_default()


class Palette(BackdropMixin, CommandPalette):
    """Textual's command palette, drawn whole in its first frame over a backdrop tinted
    once (see backdrop)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Textual hides the palette until its entries are in, then shows it by adding
        # this class, which styles every widget of it again. Here the entries are
        # waited for before the first frame: the class is there from the start.
        self.add_class("-ready")

    def compose(self) -> ComposeResult:
        # As Textual 8.2's CommandPalette.compose, with the list measured as it is laid out.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield CommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield MeasuredCommandList()
                yield LoadingIndicator()

    @on(ScreenResume)
    async def _wait_for_entries(self) -> None:
        # Runs before BackdropMixin's handler, which lays the screen out and draws it:
        # the entries gathered meanwhile are in the first frame.
        gathering = [
            worker
            for worker in self.workers
            if worker.node is self
            and worker.group == self._GATHER_COMMANDS_GROUP
            and not worker.is_finished
        ]
        if gathering:
            waited = asyncio.ensure_future(_finished(gathering[0]))
            await asyncio.wait([waited], timeout=FIRST_ENTRIES_WAIT)

    @on(OptionList.OptionSelected)
    def _run_selected(self, event: OptionList.OptionSelected) -> None:
        # Textual 8.2's CommandPalette._select_command then _select_or_command, without
        # their last frame's worth of work on a palette about to close: the chosen
        # command written into the input, the list emptied and hidden, each restyling
        # the palette's widgets (a third of what choosing a theme cost before Textual
        # restyled the screen for it).
        if not self.run_on_select or not isinstance(event.option, Command):
            return  # Textual's own handler, which runs next, deals with it
        event.stop()
        event.prevent_default()  # Textual's handler
        self._cancel_gather_commands()
        command = event.option.hit.command
        self.app.post_message(CommandPalette.Closed(option_selected=True))
        self.app.delay_update()
        self.dismiss()
        self.app.call_later(command)

    def _refresh_command_list(
        self, command_list: CommandList, commands: list[Command], clear_current: bool
    ) -> None:
        super()._refresh_command_list(command_list, commands, clear_current)
        # A list whose lines cannot all fit gets its scrollbar before it is laid out:
        # Textual gave it one only after drawing it, and laid it all out again for it.
        overflows = certainly_overflows(command_list, self.app.size)
        command_list.styles.overflow_y = "scroll" if overflows else "auto"
        if overflows:
            command_list.show_vertical_scrollbar = True
            command_list.vertical_scrollbar.display = True


async def _finished(worker: Worker[Any]) -> None:
    """Wait for the worker, whatever its end (a cancelled or failed search is Textual's
    to report)."""
    try:
        await worker.wait()
    except Exception:  # a failed or cancelled search is Textual's to report
        return


def certainly_overflows(command_list: CommandList, screen: Size) -> bool:
    """Whether the list's entries, one line per line of their text (wrapping only adds
    lines), are more than its greatest height holds on a screen of this size."""
    max_height = command_list.styles.max_height
    if max_height is None:
        return False
    rows = int(max_height.resolve(screen, screen)) - command_list.styles.gutter.height
    lines = 0
    for index in range(command_list.option_count):
        prompt = command_list.get_option_at_index(index).prompt
        lines += str(prompt).count("\n") + 1
        if lines > rows:
            return True
    return False
