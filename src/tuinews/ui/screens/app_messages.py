"""The main screen's side of the app's messages: the app posts these instead of calling
into the screen (reload after an import or a refresh, show an activity, jump to a view,
save before quitting). A base class of MainScreen."""

from __future__ import annotations

import asyncio

from textual.screen import Screen

from tuinews.marks import Marks
from tuinews.models import View
from tuinews.ui.messages import (
    ActivityChanged,
    JumpTo,
    MainAction,
    ReadyToQuit,
    SaveBeforeQuit,
    StoreChanged,
)

QUIT_WAIT_SECONDS = 60.0  # quitting waits this long for marks a busy store has kept waiting


class AppMessages(Screen[None]):
    """Handlers of the app's messages to the main screen."""

    marks: Marks

    def refresh_all(self, keep: int | None = None, *, from_top: bool = False) -> None:
        """Reload counts and the current view's rows (MainScreen's)."""
        raise NotImplementedError

    def show_activity(self, text: str) -> None:
        """Background work in the top bar (MainScreen's)."""
        raise NotImplementedError

    def jump_to(self, view: View, article_id: int | None = None) -> None:
        """Show a view, and an article in it (MainScreen's)."""
        raise NotImplementedError

    def save_state(self) -> None:
        """Remember the highlighted article for the next start (MainScreen's)."""
        raise NotImplementedError

    def on_store_changed(self, message: StoreChanged) -> None:
        self.refresh_all(from_top=message.from_top)

    def on_activity_changed(self, message: ActivityChanged) -> None:
        self.show_activity(message.text)

    def on_jump_to(self, message: JumpTo) -> None:
        self.jump_to(message.view, message.article_id)

    async def on_main_action(self, message: MainAction) -> None:
        await self.run_action(message.action)

    async def on_save_before_quit(self, message: SaveBeforeQuit) -> None:
        self.save_state()
        if self.marks.waiting:
            # Another process holds the store: the marks land as soon as it lets go.
            self.notify("Saving your marks: the store is busy…", timeout=QUIT_WAIT_SECONDS)
            await asyncio.to_thread(self.marks.flush, QUIT_WAIT_SECONDS)
        self.post_message(ReadyToQuit())
