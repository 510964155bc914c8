"""The Textual app and make_app(), the one factory used by the command line and the tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from tuinews.config import Settings, load_settings
from tuinews.importer.pipeline import import_sources
from tuinews.paths import default_config_path, default_db_path, sample_sources
from tuinews.store import Store, open_store
from tuinews.ui.messages import ImportFailed, ImportFinished
from tuinews.ui.screens.help import HelpScreen, binding_rows
from tuinews.ui.screens.main import MainScreen

Clock = Callable[[], datetime]
SAMPLES_SETTING = "samples_imported"


def utc_now() -> datetime:
    return datetime.now(UTC)


class TuinewsApp(App[None]):
    """The reader. Holds the store and the settings; the main screen holds the state."""

    CSS_PATH = "tuinews.tcss"
    TITLE = "tuinews"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        clock: Clock = utc_now,
        samples: Sequence[Path] = (),
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.clock = clock
        self.samples = samples

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.push_screen(MainScreen(self.store, self.clock))
        if self._wants_samples():
            self.notify("Importing the sample articles…", timeout=3)
            self.import_in_background([str(path) for path in self.samples], quiet=True)

    def _wants_samples(self) -> bool:
        """Sample articles are imported once, into an empty store."""
        return (
            bool(self.samples)
            and self.store.is_empty()
            and self.store.get_setting(SAMPLES_SETTING) is None
        )

    @work(thread=True, exclusive=True, group="import")
    def import_in_background(self, sources: list[str], quiet: bool = False) -> None:
        """Import on a worker thread with its own connection; post the report."""
        try:
            store = self.store.reopen()
        except Exception as exc:  # the file vanished or became unusable meanwhile
            self.post_message(ImportFailed(str(exc)))
            return
        try:
            report = import_sources(sources, store, rules=self.settings.rules)
            if quiet:
                store.set_setting(SAMPLES_SETTING, datetime.now(UTC).isoformat())
        finally:
            store.close()
        self.post_message(ImportFinished(report, quiet=quiet))

    def on_import_finished(self, message: ImportFinished) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.refresh_all()
        report = message.report
        self.notify(
            report.summary(), severity="warning" if report.failures else "information", timeout=5
        )
        for failure in report.failures[:5]:
            self.notify(f"{failure.source}: {failure.reason}", severity="error", timeout=8)

    def on_import_failed(self, message: ImportFailed) -> None:
        self.notify(f"Import failed: {message.reason}", severity="error")

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        live = [
            (active.binding, self.get_key_display(active.binding))
            for active in self.screen.active_bindings.values()
            if active.binding.description
        ]
        self.push_screen(HelpScreen(binding_rows(live)))


def make_app(
    db_path: Path | None = None,
    config_path: Path | None = None,
    *,
    clock: Clock = utc_now,
    import_samples: bool = True,
) -> TuinewsApp:
    """Open the store and read the config; raise StoreError or ConfigError."""
    settings = load_settings(config_path or default_config_path())
    store = open_store(db_path or default_db_path())
    samples = sample_sources() if import_samples else []
    return TuinewsApp(store, settings, clock=clock, samples=samples)
