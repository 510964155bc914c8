"""Shared fixtures: isolated paths, a fixed clock, stores filled with our sample data.

Also the helpers tests import from here: `NOW` and `fixed_clock` (the tests' "now"),
`app_for` (the reader on a store, as the command line builds it), `settle` (await
every worker) and `cpu_budget` (a bound on work that a busy machine does not change,
where a test would otherwise time it).
"""

from __future__ import annotations

import os
import resource
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from tuinews.importer.pipeline import import_sources
from tuinews.models import ArticleDraft
from tuinews.store import Store, open_store

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tuinews.ui.app import TuinewsApp
    from tuinews.ui.screens.main import MainScreen

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATA = ROOT / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = FIXED_NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

# In CI the property tests replay the same examples every run, so a red build always means a
# change broke something; new inputs are explored by the longer runs in bench/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Dates on screen are shown in the local zone: pin it so snapshots do not depend on CI's.
os.environ["TZ"] = "UTC"
time.tzset()


def dated_draft(hours_ago: int, title: str, category: str) -> ArticleDraft:
    """An article published `hours_ago` hours before NOW, keyed by its title and age."""
    return ArticleDraft(
        title=title,
        body=f"The harbour council story {hours_ago}.",
        published=NOW - timedelta(hours=hours_ago),
        category=category,
        key_hint=f"{title}-{hours_ago}",
    )


def fixed_clock() -> datetime:
    return FIXED_NOW


def app_for(store: Store | Path, config: Path | None = None) -> TuinewsApp:
    """The reader on `store` (or a store's path) with the fixed clock and no sample import."""
    from tuinews.ui.app import make_app

    path = store if isinstance(store, Path) else store.path
    return make_app(path, config, import_samples=False, clock=fixed_clock)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and the messages they posted are handled.

    Handling a worker's last message may start another (a finished refresh reloads the
    list): wait for those too. Nothing is polled and nothing sleeps.
    """
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def cpu_seconds() -> float:
    """CPU time this process and its finished children have used (threads included)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Fail when the block uses more than `seconds` of CPU time.

    CPU time, not wall-clock time: another job on the machine slows the block down but
    does not make it do more work, so the bound holds however busy the machine is, and
    still catches a runaway (quadratic, exponential) algorithm.
    """
    start = cpu_seconds()
    yield
    used = cpu_seconds() - start
    assert used < seconds, f"the work took {used:.2f} s of CPU time, over its {seconds} s budget"


@pytest.fixture(autouse=True)
def isolated_paths(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's store or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("TUINEWS_DB", str(home / "default.db"))
    monkeypatch.setenv("TUINEWS_CONFIG", str(home / "config.toml"))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The feeds and JSON files of sample_data/ imported once per test process, into a
    closed store file that `sample_store` copies (170 tests use it)."""
    path = tmp_path_factory.mktemp("sample-template") / "store.db"
    store = open_store(path)
    report = import_sources(
        [str(SAMPLE_DATA / "feeds"), str(SAMPLE_DATA / "business-and-sports.json")], store
    )
    store.close()
    assert not report.failures, report.failures
    assert not path.with_name(path.name + "-wal").exists()  # all of it is in the one file
    return path


@pytest.fixture
def sample_store(db_path: Path, sample_template: Path) -> Iterator[Store]:
    """A store at `db_path` holding the feeds and JSON files of sample_data/: a copy of
    the imported template (the import itself is tested on its own)."""
    shutil.copyfile(sample_template, db_path)
    opened = open_store(db_path)
    yield opened
    opened.close()


def main_screen(app: TuinewsApp) -> MainScreen:
    """The app's main screen (it must be the one on top)."""
    from tuinews.ui.screens.main import MainScreen

    assert isinstance(app.screen, MainScreen)
    return app.screen
