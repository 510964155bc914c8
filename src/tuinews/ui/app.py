"""The Textual app and make_app(), the one factory used by the command line and the tests."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen

from tuinews.config import ConfigError, Settings, load_settings, save_theme
from tuinews.models import View, ViewKind
from tuinews.paths import default_config_path, default_db_path, sample_sources
from tuinews.store import Store, open_store
from tuinews.store.busy import QuickWait, is_busy
from tuinews.store.subscriptions import (
    add_subscription,
)
from tuinews.ui.commands import CategoryCommands, ThemePalette
from tuinews.ui.config_check import report_config
from tuinews.ui.export_actions import ExportActions
from tuinews.ui.filter_actions import FilterActions
from tuinews.ui.idle_gc import CHECK, IdleCollector
from tuinews.ui.import_actions import SAMPLES_SETTING, ImportActions
from tuinews.ui.key_commands import key_commands
from tuinews.ui.messages import JumpTo, MainAction, ReadyToQuit, SaveBeforeQuit, StoreChanged
from tuinews.ui.palette import Palette
from tuinews.ui.refresh_actions import RefreshActions
from tuinews.ui.screens.list_order import palette_commands
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.theme_sheets import PreparedStylesheet
from tuinews.ui.widgets.top_bar import MenuButton
from tuinews.untrusted import shown

if TYPE_CHECKING:
    from tuinews.ui.screens.feeds import NewFeed
    from tuinews.ui.screens.import_dialog import ImportOutcome

# Dialogs, exporters, the importer and the feed fetcher are imported when first used:
# the first screen must not wait for them.

Clock = Callable[[], datetime]
STORE_POLL_SECONDS = 2.0
SUBSCRIBE_WAIT_MS = 1000  # adding a feed waits this long for a store busy with another process
MENU_SCREEN = "menu"  # the menu's name among the installed screens


def utc_now() -> datetime:
    return datetime.now(UTC)


class TuinewsApp(FilterActions, ExportActions, RefreshActions, ImportActions):
    """The reader. Holds the store and the settings; the main screen holds the state."""

    CSS_PATH = "tuinews.tcss"
    TITLE = "tuinews"
    COMMANDS = App.COMMANDS | {CategoryCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("m", "menu", "Menu", id="menu"),
        Binding("i", "import_dialog", "Import", id="import"),
        Binding("R", "refresh", "Refresh", id="feeds.refresh"),
        Binding("ctrl+k", "filters", "Filters (killfile)…", show=False, id="filters.open"),
    ]

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        clock: Clock = utc_now,
        samples: Sequence[Path] = (),
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        # Takes a theme's rules parsed ahead while the theme list is open (theme_sheets).
        # The variables are the ones App.__init__ just worked out for its own stylesheet.
        self.stylesheet = PreparedStylesheet(variables=self.theme_variables)
        self.idle_gc = IdleCollector()  # full collections between keys (idle_gc)
        self.store = store
        self.settings = settings
        self.clock = clock
        self.samples = samples
        self.config_path = config_path
        self.refreshing = False
        self.quitting = False  # set by `q`: keys queued behind it must open nothing more

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.watch(self, "theme", self._theme_changed, init=False)
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.push_screen(MainScreen(self.store, self.clock))
        if self.settings.keys or self.settings.theme not in self.available_themes:
            themes, settings = set(self.available_themes), self.settings
            work = lambda: report_config(self, settings, themes)  # noqa: E731
            self.run_worker(work, thread=True, group="config")
        # Another process (tuinews import, tuinews refresh) may write to the store.
        self._store_version = self.store.data_version()
        self.set_interval(STORE_POLL_SECONDS, self._notice_outside_writes, name="store-watch")
        minutes = self.settings.feeds.refresh_minutes
        if minutes:
            self.set_interval(minutes * 60, self._timed_refresh, name="auto-refresh")
        if self.settings.filters:
            self.apply_filters_in_background()
        if self._wants_samples():
            self.notify("Importing the sample articles…", timeout=3)
            self.import_in_background([str(path) for path in self.samples], quiet=True)

    def on_ready(self) -> None:
        # The first screen is drawn: prepare what the first article needs, unless nobody is
        # looking (the tests run headless, and each would pay for it).
        if not self.is_headless:
            from tuinews.ui.warm_up import warm_up

            self.run_worker(warm_up, thread=True, group="warm-up", exit_on_error=False)
            self.collect_when_idle()

    def collect_when_idle(self) -> None:
        """Run Python's full garbage collections between keys, not during one."""
        self.idle_gc.start()
        self.set_interval(CHECK, self.idle_gc.check, name="idle-gc")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.idle_gc.touch()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.idle_gc.stop()

    def _wants_samples(self) -> bool:
        """Sample articles are imported once, into an empty store."""
        return (
            bool(self.samples)
            and self.store.is_empty()
            and self.store.get_setting(SAMPLES_SETTING) is None
        )

    @property
    def main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def to_main(self, message: Message) -> None:
        """Post a message to the main screen (StoreChanged, JumpTo ...), if it is there."""
        if self.main is not None:
            self.main.post_message(message)

    def refresh_main(self) -> None:
        self.to_main(StoreChanged())

    # -- importing (the worker: ImportActions) ---------------------------------

    def action_import_dialog(self, url_mode: bool = False, paste_mode: bool = False) -> None:
        from tuinews.ui.screens.import_dialog import ImportDialog

        if isinstance(self.screen, ImportDialog):
            return
        dialog = ImportDialog(url_mode=url_mode, paste_mode=paste_mode)
        self.push_screen(dialog, self._import_closed)

    def action_import_url(self) -> None:
        self.action_import_dialog(url_mode=True)

    def action_import_paste(self) -> None:
        """The import dialog with its paste area open: a page's text, pasted."""
        self.action_import_dialog(paste_mode=True)

    def _import_closed(self, outcome: ImportOutcome | None) -> None:
        if outcome is None:
            return
        self.refresh_main()
        if outcome.jump and outcome.report.article_ids:
            self.to_main(JumpTo(View(ViewKind.ALL), outcome.report.article_ids[0]))

    def _notice_outside_writes(self) -> None:
        """Show what other connections wrote: new articles, marks, imports from the CLI."""
        if not self.is_running:
            # Quitting: Textual takes the screens down before it stops this timer, and a
            # tick in between would find the main screen without its widgets.
            return
        version = self.store.data_version()
        if version != self._store_version:
            self._store_version = version
            if not self.refreshing:
                self.refresh_main()

    # -- feeds ---------------------------------------------------------------

    def action_feeds(self, url: str = "") -> None:
        """ "Feeds…", its cursor on the feed at `url` when it is one."""
        from tuinews.ui.screens.feeds import FeedsScreen

        screen = FeedsScreen(self.store, self.settings, url or None)
        self.push_screen(screen, self._feeds_closed)

    def action_add_feed(self) -> None:
        from tuinews.ui.screens.feeds import AddFeedDialog

        self.push_screen(AddFeedDialog(), self._feed_added)

    def _feed_added(self, new: NewFeed | None) -> None:
        if new is None:
            return
        try:
            with QuickWait(self.store.conn, SUBSCRIBE_WAIT_MS):
                added = add_subscription(self.store, new.url, category=new.category)
        except sqlite3.Error as error:
            reason = (
                "the store is busy (an import is running)"
                if is_busy(error)
                else "the store cannot be written"
            )
            self.notify(
                f"Could not subscribe: {reason}; try again.", severity="error", markup=False
            )
            return
        if added:
            self.notify(f"Subscribed to {new.url}; fetching it now.", markup=False)
            self.refresh_one(new.url)  # that feed only: the others' news (and errors) wait for R
        else:
            self.notify(f"Already subscribed: {new.url}", markup=False)

    # -- menu, palette, help, themes -----------------------------------------

    def action_menu(self) -> None:
        from tuinews.ui.screens.menu import MenuScreen

        if not isinstance(self.screen, MenuScreen):
            # Built once and kept (installed): opening it again mounts and styles nothing.
            if not self.is_screen_installed(MENU_SCREEN):
                self.install_screen(MenuScreen(), MENU_SCREEN)
            self.push_screen(MENU_SCREEN, self._menu_chosen)

    def _menu_chosen(self, action: str | None) -> None:
        if action:
            self.call_later(self.run_action, action)

    def on_menu_button_pressed(self, event: MenuButton.Pressed) -> None:
        self.action_menu()

    def action_search(self) -> None:
        self.to_main(MainAction("search"))

    def _feeds_closed(self, changed: bool | None) -> None:
        if changed:
            self.refresh_main()

    def action_saved_views(self) -> None:
        self.to_main(MainAction("saved_views"))

    def jump_to(self, view: View) -> None:
        self.to_main(JumpTo(view))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from tuinews.ui.screens.menu import MENU_ENTRIES

        for entry in MENU_ENTRIES:
            if entry.action not in ("help", "quit", "change_theme"):
                yield SystemCommand(entry.label, entry.help, self._runner(entry.action))
        if self.main is not None:
            for title, help_text, run in palette_commands(self.main):
                yield SystemCommand(title, help_text, run)
            for title, help_text, action in key_commands(self, self.main):
                yield SystemCommand(title, help_text, self._main_runner(action))
        yield from super().get_system_commands(screen)

    def _main_runner(self, action: str) -> Callable[[], None]:
        """Run one of the main screen's actions (from the palette)."""
        return lambda: self.to_main(MainAction(action))

    def _runner(self, action: str) -> Callable[[], None]:
        def run() -> None:
            self.call_later(self.run_action, action)

        return run

    def action_command_palette(self) -> None:
        # As Textual's, with a palette that draws the screen under it once (ui.backdrop).
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(ThemePalette())

    def _theme_changed(self, theme: str) -> None:
        if self.config_path is None:
            return
        try:
            save_theme(self.config_path, theme)
        except ConfigError as exc:
            self.notify(shown(exc), severity="warning", markup=False)

    def action_help(self) -> None:
        from tuinews.ui.screens.help import show_help

        show_help(self, self.main)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once `q` is pressed, keys typed after it run nothing but quit.

        A terminal delivers keys queued behind `q` while the app is being taken down; a
        dialog pushed then was mounted on a closing stack and raised NoMatches.
        """
        return not self.quitting or action == "quit"

    async def action_quit(self) -> None:
        """Quit once the main screen has saved its state and its waiting marks."""
        if self.quitting:
            return
        self.quitting = True
        if self.main is None:
            self.exit()
        else:
            self.to_main(SaveBeforeQuit())

    def on_ready_to_quit(self, message: ReadyToQuit) -> None:
        self.exit()


def _say(text: str) -> None:
    """A line on stderr before the app takes the screen."""
    print(text, file=sys.stderr, flush=True)


def make_app(
    db_path: Path | None = None,
    config_path: Path | None = None,
    *,
    clock: Clock = utc_now,
    import_samples: bool = True,
) -> TuinewsApp:
    """Open the store and read the config; raise StoreError or ConfigError."""
    config = config_path or default_config_path()
    settings = load_settings(config)
    store = open_store(db_path or default_db_path(), on_upgrade=_say)
    samples = sample_sources() if import_samples else []
    return TuinewsApp(store, settings, clock=clock, samples=samples, config_path=config)
