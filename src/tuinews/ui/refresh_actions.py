"""The app's side of refreshing feeds: `R`, the timed refresh, and the worker that fetches.

A base class of TuinewsApp, as FilterActions and ExportActions are. The worker only posts
messages; their handlers update the main screen as each feed lands.
"""

from __future__ import annotations

import sqlite3

from textual import work
from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from tuinews.config import Settings
from tuinews.models import FeedProgress
from tuinews.store import Store
from tuinews.store.schema import StoreError
from tuinews.store.subscriptions import has_subscriptions
from tuinews.ui.key_commands import key_for
from tuinews.ui.messages import ActivityChanged, RefreshFinished, RefreshProgress, StoreChanged
from tuinews.untrusted import shown


class RefreshActions(App[None]):
    """Refreshing feeds for the app: a base class of TuinewsApp."""

    store: Store
    settings: Settings
    refreshing: bool

    def to_main(self, message: Message) -> None:
        """Post a message to the main screen, if it is there (TuinewsApp)."""
        raise NotImplementedError

    def action_refresh(self) -> None:
        if self.refreshing:
            self.notify("A refresh is already running.", timeout=2)
            return
        if not has_subscriptions(self.store):
            self.notify("No subscriptions yet: add a feed from the menu (m).", timeout=4)
            return
        self.refreshing = True
        self._refresh_worker()

    def refresh_one(self, url: str) -> None:
        """Fetch one feed (a feed just subscribed to), as R fetches them all."""
        if self.refreshing:
            self.notify("A refresh is running: R once it ends fetches the new feed.", timeout=4)
            return
        self.refreshing = True
        self._refresh_worker((url,))

    def _timed_refresh(self) -> None:
        if not self.refreshing and has_subscriptions(self.store):
            self.refreshing = True
            self._refresh_worker()

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh_worker(self, only: tuple[str, ...] = ()) -> None:
        """Fetch every feed (or those at the URLs `only`) on a worker thread; each feed's
        articles land as it finishes."""
        from tuinews.feeds.refresh import refresh_configured

        worker = get_current_worker()

        def landed(progress: FeedProgress) -> None:
            self.post_message(RefreshProgress(progress))

        try:
            report = refresh_configured(
                self.store.path,
                self.settings,
                on_progress=landed,
                should_stop=lambda: worker.is_cancelled,
                connect=lambda _path: self.store.reopen(),
                only=only,
            )
        except StoreError as exc:  # the store became unusable meanwhile: our words say why
            self.post_message(RefreshFinished(None, shown(exc)))
            return
        except sqlite3.Error:
            self.post_message(RefreshFinished(None, "the store cannot be opened"))
            return
        except Exception as exc:  # a bug must not end the reader, nor show SQLite's words
            self.post_message(RefreshFinished(None, f"an unexpected error ({type(exc).__name__})"))
            return
        self.post_message(RefreshFinished(report))

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        # The new activity reloads the sidebar's counts too.
        progress = message.progress
        self.to_main(ActivityChanged(f"refreshing {progress.done}/{progress.total}"))

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        self.to_main(ActivityChanged(""))
        self.to_main(StoreChanged())
        if message.report is None:
            self.notify(f"Refresh failed: {message.error}", severity="error", markup=False)
            return
        report = message.report
        failed = report.failures
        key = key_for(self, "feeds.open")
        where = f"press {key} for Feeds…" if key else "Feeds… in the menu"
        self.notify(
            report.summary() + (f" (details: {where})" if failed else ""),
            severity="warning" if failed else "information",
            timeout=6,
            markup=False,
        )
        unread_pages = [page for page in report.full_texts if page.error]
        if unread_pages:
            first = unread_pages[0]
            self.notify(
                f"Full text: {len(unread_pages)} article pages could not be read "
                f"(first: {first.url}: {first.error}); their feed text is kept.",
                severity="warning",
                timeout=8,
                markup=False,
            )
