"""The app's one import worker: the import dialog asks for it by a message, the first
launch's sample articles start it directly. A base class of TuinewsApp.

The worker opens its own store connection (the store's threading rule) and only posts
messages, to whoever asked: the dialog turns them into a progress bar and a result, the app
into a notification and a reloaded main screen.
"""

from __future__ import annotations

import io
import sqlite3
import time
from datetime import UTC, datetime

from textual import work
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, get_current_worker

from tuinews.config import Settings
from tuinews.store import Store
from tuinews.ui.messages import (
    ImportFailed,
    ImportFinished,
    ImportProgressed,
    ImportRequest,
    ImportRequested,
    ImportStarted,
    StoreChanged,
)
from tuinews.untrusted import shown

SAMPLES_SETTING = "samples_imported"
PASTED = "pasted text"  # the source of a pasted page whose text names no site


class ImportActions(App[None]):
    """Importing for the app: a base class of TuinewsApp (and of the tests' bare hosts)."""

    store: Store
    settings: Settings

    def import_in_background(self, sources: list[str], *, quiet: bool = False) -> Worker[None]:
        """Import `sources` for the app itself: it says what happened in a notification."""
        return self._import_worker(ImportRequest(sources, quiet=quiet), self)

    def on_import_requested(self, message: ImportRequested) -> None:
        message.stop()
        worker = self._import_worker(message.request, message.reply_to)
        message.reply_to.post_message(ImportStarted(worker))

    # Not exclusive: a second import (the dialog's while the samples land) runs beside the
    # first on a connection of its own, as two `tuinews import` processes would.
    @work(thread=True, group="import")
    def _import_worker(self, request: ImportRequest, reply_to: MessagePump) -> None:
        """Import on this thread with its own connection; only post messages to `reply_to`."""
        from tuinews.importer.pipeline import ImportProgress, import_sources

        worker = get_current_worker()
        last = ImportProgress(0, 0, "")

        def progressed(progress: ImportProgress) -> None:
            nonlocal last
            last = progress
            reply_to.post_message(ImportProgressed(progress))
            if request.pace:
                time.sleep(request.pace)

        try:
            store = self.store.reopen()
        except Exception as exc:  # StoreError, or the file vanished: say so, never a traceback
            reply_to.post_message(ImportFailed(f"The store could not be opened: {shown(exc)}"))
            return
        pasted = (
            None if request.text is None else io.BytesIO(request.text.encode("utf-8", "replace"))
        )
        try:
            report = import_sources(
                request.sources,
                store,
                stdin=pasted,
                stdin_name=PASTED if pasted is not None else None,
                category=request.category,
                rules=self.settings.rules,
                timeout=self.settings.feeds.timeout_seconds,
                on_progress=progressed,
                should_stop=lambda: request.stop.is_set() or worker.is_cancelled,
            )
            if request.quiet:
                store.set_setting(SAMPLES_SETTING, datetime.now(UTC).isoformat())
        except sqlite3.Error:  # e.g. another process held the store past the busy timeout
            reply_to.post_message(ImportFailed("The store is busy or cannot be written."))
            return
        except Exception as exc:  # a bug in one layer must not take the app down
            reason = shown(exc) or type(exc).__name__
            reply_to.post_message(ImportFailed(f"The import stopped: {reason}"))
            return
        finally:
            store.close()
        total = last.total or report.sources
        cancelled = request.stop.is_set() and last.done < total
        reply_to.post_message(
            ImportFinished(
                report, quiet=request.quiet, cancelled=cancelled, done=last.done, total=total
            )
        )

    def to_main(self, message: Message) -> None:
        """Post a message to the main screen, if it is there (TuinewsApp)."""
        raise NotImplementedError

    def on_import_finished(self, message: ImportFinished) -> None:
        # The first launch's sample import: nothing was chosen yet, so start at the top.
        self.to_main(StoreChanged(from_top=message.quiet))
        report = message.report
        self.notify(
            report.summary(),
            severity="warning" if report.failures else "information",
            timeout=5,
            markup=False,
        )

    def on_import_failed(self, message: ImportFailed) -> None:
        self.notify(message.reason, severity="error", markup=False)
