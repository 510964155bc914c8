"""App-wide messages posted by workers and widgets, and the app's messages to the main screen.

Importing: whoever wants an import (the import dialog) posts `ImportRequested`; the app runs
its one import worker (ui/import_actions.py), answers `ImportStarted` and posts the worker's
`ImportProgressed`, `ImportFinished` or `ImportFailed` to the requester. These three do not
bubble: the dialog's import is the dialog's to show, and the app's own (the sample articles)
the app's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker

from tuinews.models import FeedProgress, ImportReport, RefreshReport, View

if TYPE_CHECKING:
    from tuinews.importer.pipeline import ImportProgress


@dataclass
class ImportRequest:
    """What to import: sources, a category for all of them, and a flag that stops it.

    `quiet`: the sample articles of the first launch. `pace`: a test hook, the seconds the
    worker waits after each source. `text`: a pasted page, imported as `tuinews import -`
    reads standard input (`sources` is then `["-"]`).
    """

    sources: list[str]
    category: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    quiet: bool = False
    pace: float = 0.0
    text: str | None = None


@dataclass
class ImportRequested(Message):
    """Please import this; the worker's messages go to `reply_to`."""

    request: ImportRequest
    reply_to: MessagePump


@dataclass
class ImportStarted(Message):
    """The app's answer to ImportRequested: the worker that imports."""

    worker: Worker[None]


@dataclass
class ImportProgressed(Message, bubble=False):
    """A source is done; a newer one replaces an unhandled one."""

    progress: ImportProgress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ImportProgressed)


@dataclass
class ImportFinished(Message, bubble=False):
    """An import is done or was stopped; `done` of `total` sources were imported."""

    report: ImportReport
    quiet: bool = False
    cancelled: bool = False
    done: int = 0
    total: int = 0


@dataclass
class ImportFailed(Message, bubble=False):
    """An import could not run at all, or stopped on an error; the reason is in plain words."""

    reason: str


@dataclass
class StoreChanged(Message):
    """To the main screen: the store changed, reload the counts and the list.

    `from_top`: start the list again at its first row (after the first launch's samples).
    """

    from_top: bool = False


@dataclass
class ActivityChanged(Message):
    """To the main screen: background work to show in the top bar; "" clears it."""

    text: str


@dataclass
class JumpTo(Message):
    """To the main screen: show a view, and open an article of it if one is given."""

    view: View
    article_id: int | None = None


@dataclass
class MainAction(Message):
    """To the main screen: run one of its actions (the menu's and palette's Search…)."""

    action: str


@dataclass
class SaveBeforeQuit(Message):
    """To the main screen: remember the state and let waiting marks land, then answer
    ReadyToQuit (which bubbles up to the app)."""


@dataclass
class ReadyToQuit(Message):
    """The main screen has saved what it holds: the app may exit."""


@dataclass
class RefreshProgress(Message):
    """One feed of a refresh has landed (its articles are in the store)."""

    progress: FeedProgress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgress)


@dataclass
class RefreshFinished(Message):
    """A refresh is done (or was stopped); the report says what it did."""

    report: RefreshReport | None
    error: str | None = None


@dataclass
class MarksSaved(Message):
    """Marks that waited for a busy store have all landed."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MarksSaved)


@dataclass
class MarkFailed(Message):
    """A mark or setting could not be written; the reason is for the user."""

    reason: str
