"""Enclosures in the reader by key presses: shown numbered, played (P) with the player
command, downloaded (D) over real HTTP from 127.0.0.1 with a progress bar."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.message import Message

from conftest import settle
from httpserver import Reply, serve
from tui.test_reading_tools import app_with_config, main_screen, messages
from tuinews.importer import limits
from tuinews.models import ArticleDraft, Enclosure
from tuinews.store import Store
from tuinews.ui.screens.enclosure_tools import DownloadProgress, EnclosurePrompt
from tuinews.ui.widgets.download_bar import DownloadBar
from tuinews.ui.widgets.key_footer import KeyFooter
from tuinews.ui.widgets.reader import Reader

AUDIO = b"ID3" + bytes(range(256)) * 1024  # 256 KiB and a bit: several progress steps


def podcast_store(store: Store, *enclosures: Enclosure) -> Store:
    draft = ArticleDraft("Episode 12", body="Show notes.", enclosures=enclosures)
    store.save_source("/cast.rss", "The Cast", "feed", [draft])
    return store


@contextmanager
def recorded_suspend(app: object, log: list[bool]) -> Iterator[None]:
    @contextmanager
    def suspend() -> Iterator[None]:
        log.append(True)
        yield

    app.suspend = suspend  # type: ignore[attr-defined]
    yield


async def test_the_reader_lists_enclosures_and_p_plays_one(store: Store, tmp_path: Path) -> None:
    played = tmp_path / "played.txt"
    enclosures = (
        Enclosure("https://cast.example/12.mp3", "audio/mpeg", 12_300_000),
        Enclosure("https://cast.example/12.mp4", "video/mp4"),
    )
    config = f'[commands]\nplayer = "sh -c \'echo %u >> {played}\'"\nterminal = ["sh"]\n'
    app = app_with_config(podcast_store(store, *enclosures), tmp_path, config)
    suspended: list[bool] = []
    with recorded_suspend(app, suspended):
        # 120 columns: the reader holds each URL on one line beside its scrollbar gutter.
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("enter")
            shown = main_screen(app).query_one(Reader).query_one("#reader-enclosures")
            assert shown.display
            lines = [strip.text.rstrip() for strip in shown.render_lines(shown.size.region)]
            assert lines[:5] == [
                "Enclosures",
                "[1] audio/mpeg · 12.3 MB",
                "    https://cast.example/12.mp3",
                "[2] video/mp4",
                "    https://cast.example/12.mp4",
            ]
            await pilot.press("P")
            assert isinstance(app.screen, EnclosurePrompt)
            await pilot.press("2", "enter")
            await pilot.pause()
    assert suspended == [True]  # sh is a terminal program here: the app stepped aside
    assert played.read_text().split() == ["https://cast.example/12.mp4"]


async def test_without_enclosures_p_and_d_say_so(store: Store, tmp_path: Path) -> None:
    app = app_with_config(podcast_store(store), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert not main_screen(app).query_one("#reader-enclosures").display
        # Seen in tmux: P on an ordinary article asked for a player command first.
        await pilot.press("P", "D")
        none = "This article has no enclosures (audio, video or files)."
        assert messages(app)[-2:] == [none, none]


async def test_without_a_player_p_says_how_to_set_one(store: Store, tmp_path: Path) -> None:
    app = app_with_config(podcast_store(store, Enclosure("https://c.example/1.mp3")), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "P")
        assert "No player command" in messages(app)[-1]


async def test_d_downloads_with_a_progress_bar(store: Store, tmp_path: Path) -> None:
    gate = threading.Event()
    routes = {
        "/12.mp3": lambda request: Reply(200, AUDIO, {"Content-Type": "audio/mpeg"}, gate=gate)
    }
    folder = tmp_path / "casts"
    with serve(routes) as (base, _):
        url = f"{base}/12.mp3"
        config = f'[commands]\ndownload_dir = "{folder}"\n'
        app = app_with_config(podcast_store(store, Enclosure(url, "audio/mpeg")), tmp_path, config)
        progress: list[DownloadProgress] = []

        def hook(message: Message) -> None:
            if isinstance(message, DownloadProgress):
                progress.append(message)

        async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
            await pilot.press("enter", "D")
            await pilot.pause()
            (bar,) = main_screen(app).query(DownloadBar)  # shown while the server holds on
            assert bar.url == url
            # Above the footer, not over it: the keys stay on screen while it runs.
            await pilot.pause()
            footer = main_screen(app).query_one(KeyFooter)
            assert bar.region.height == 1 and footer.region.height == 1
            assert bar.region.bottom <= footer.region.y
            gate.set()
            await settle(pilot)
            assert not main_screen(app).query(DownloadBar)
            saved = folder / "12.mp3"
            assert saved.read_bytes() == AUDIO
            assert f"Downloaded to {saved}" in messages(app)
            assert progress and progress[-1].done == len(AUDIO)
            assert progress[-1].total == len(AUDIO)
            await pilot.press("D")  # again: a new name, the first file is kept
            await settle(pilot)
            assert (folder / "12 (2).mp3").read_bytes() == AUDIO


@pytest.mark.parametrize(
    ("path", "cap", "reason"),
    [("/gone.mp3", None, "the server answered 404"), ("/12.mp3", 1024, "larger than the 1 KiB")],
)
async def test_a_failed_download_says_why_and_leaves_nothing(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    cap: int | None,
    reason: str,
) -> None:
    if cap is not None:
        monkeypatch.setattr(limits, "MAX_DOWNLOAD_BYTES", cap)
    routes = {"/12.mp3": lambda request: Reply(200, AUDIO, {"Content-Type": "audio/mpeg"})}
    folder = tmp_path / "casts"
    with serve(routes) as (base, _):
        config = f'[commands]\ndownload_dir = "{folder}"\n'
        app = app_with_config(podcast_store(store, Enclosure(base + path)), tmp_path, config)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter", "D")
            await settle(pilot)
            notes = [note for note in messages(app) if note.startswith("Could not download")]
            assert len(notes) == 1 and reason in notes[0], messages(app)
            assert not main_screen(app).query(DownloadBar)
    assert list(folder.iterdir()) == []
