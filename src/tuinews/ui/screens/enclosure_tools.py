"""Enclosures of the open article: play one (P) with the [commands] player, or download
one (D) to [commands] download_dir with a progress bar.

A base class of MainScreen, as reading_tools is. A player that takes the terminal (mpv,
mplayer ... : the `terminal` list) runs with the app suspended; another one is started on
its own. A download runs on a worker thread that only posts messages: its progress (each
replacing the last) and how it ended.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from tuinews.browser import command_for
from tuinews.models import Article, Enclosure
from tuinews.podcast import DownloadFailure, describe, download
from tuinews.shell import takes_terminal
from tuinews.ui.screens.prompts import Prompt
from tuinews.ui.widgets.download_bar import DownloadBar
from tuinews.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tuinews.config import CommandSettings
    from tuinews.ui.screens.reading_tools import SettingsHost

NO_PLAYER = 'No player command: set player = "mpv %u" in [commands] of the config file.'


@dataclass
class DownloadProgress(Message):
    """Bytes of a download so far (posted by its worker; each one replaces the last)."""

    url: str
    done: int
    total: int | None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DownloadProgress) and message.url == self.url


@dataclass
class DownloadFinished(Message):
    """A download ended: the file written, or why there is none."""

    url: str
    path: Path | None
    error: str | None = None


class EnclosurePrompt(Prompt[int | None]):
    """Which enclosure: its number, then enter."""

    BOX_TITLE = "Enclosures"

    def __init__(self, enclosures: tuple[Enclosure, ...], verb: str) -> None:
        super().__init__()
        self.enclosures = enclosures
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(id="enclosure-box", classes="dialog"):
            listing = Text()
            for number, enclosure in enumerate(self.enclosures, 1):
                listing.append(f"[{number}] ", style="bold")
                listing.append(f"{describe(enclosure)}\n")
                listing.append(f"    {enclosure.url}\n", style="dim")
            with VerticalScroll(id="link-list"):
                yield Static(listing)
            yield Label(f"Enclosure number, then enter to {self.verb} it")
            yield Input("", id="enclosure-number")
            yield Static("", id="link-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.enclosures):
            self.dismiss(int(text))
            return
        self.query_one("#link-error", Static).update(
            Text(f"No enclosure {text or '?'}: they go from 1 to {len(self.enclosures)}.")
        )


class EnclosureTools(Screen[None]):
    """The P and D keys, and the downloads they start."""

    BINDINGS = [
        Binding("P", "play_enclosure", "Play enclosure", show=False, id="article.play"),
        Binding("D", "download_enclosure", "Download enclosure", show=False, id="article.download"),
    ]

    _download_stops: list[threading.Event] | None = None

    def tool_article(self) -> Article | None:
        """The article the tools act on (MainScreen: the open or highlighted one)."""
        raise NotImplementedError

    @property
    def enclosure_commands(self) -> CommandSettings:
        return cast("SettingsHost", self.app).settings.commands

    def _choose(self, verb: str, then: Callable[[Enclosure], None]) -> None:
        article = self.tool_article()
        if article is None:
            self.notify("No article selected.", timeout=2)
        elif not article.enclosures:
            self.notify("This article has no enclosures (audio, video or files).", timeout=3)
        elif len(article.enclosures) == 1:
            then(article.enclosures[0])
        else:
            enclosures = article.enclosures

            def chosen(number: int | None) -> None:
                if number is not None:
                    then(enclosures[number - 1])

            self.app.push_screen(EnclosurePrompt(enclosures, verb), chosen)

    # -- play ----------------------------------------------------------------

    def action_play_enclosure(self) -> None:
        self._choose("play", self.play)

    def play(self, enclosure: Enclosure) -> None:
        """Run the player on the enclosure's URL (suspended app for a terminal player)."""
        commands = self.enclosure_commands
        if not commands.player:
            self.notify(NO_PLAYER, severity="warning", timeout=6, markup=False)
            return
        command = command_for(commands.player or "", enclosure.url)
        try:
            if takes_terminal(command, commands.terminal):
                with self.app.suspend():
                    subprocess.run(["/bin/sh", "-c", command], check=False)
            else:
                subprocess.Popen(
                    ["/bin/sh", "-c", command],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
        except SuspendNotSupported:
            self.notify("This terminal cannot hand the screen to a player.", severity="error")
            return
        except OSError as exc:
            self.notify(f"Could not start the player: {exc.strerror or exc}", markup=False)
            return
        self.notify(f"Playing {enclosure.url}", timeout=3, markup=False)

    # -- download ------------------------------------------------------------

    def action_download_enclosure(self) -> None:
        self._choose("download", self.start_download)

    def start_download(self, enclosure: Enclosure) -> None:
        """Show a progress bar and download the enclosure on a worker thread."""
        # Above the footer (both docked at the bottom, the bar covered the keys).
        self.mount(DownloadBar(enclosure.url), before=self.query_one(KeyFooter))
        self._download(enclosure.url, self.enclosure_commands.download_dir)

    @work(thread=True, group="downloads")
    def _download(self, url: str, folder: str) -> None:
        stop = threading.Event()
        self._stop_downloads.append(stop)

        def progress(done: int, total: int | None) -> None:
            self.post_message(DownloadProgress(url, done, total))

        try:
            path = download(url, folder, on_progress=progress, should_stop=stop.is_set)
        except DownloadFailure as exc:
            self.post_message(DownloadFinished(url, None, str(exc)))
        else:
            self.post_message(DownloadFinished(url, path))

    @property
    def _stop_downloads(self) -> list[threading.Event]:
        if self._download_stops is None:
            self._download_stops = []
        return self._download_stops

    def on_unmount(self) -> None:
        for stop in self._stop_downloads:  # the app is closing: downloads stop too
            stop.set()

    def on_download_progress(self, message: DownloadProgress) -> None:
        for bar in self.query(DownloadBar):
            if bar.url == message.url:
                bar.advance_to(message.done, message.total)

    def on_download_finished(self, message: DownloadFinished) -> None:
        for bar in self.query(DownloadBar):
            if bar.url == message.url:
                bar.remove()
                break
        if message.path is not None:
            self.notify(f"Downloaded to {message.path}", timeout=5, markup=False)
        else:
            self.notify(
                f"Could not download {message.url}: {message.error}",
                severity="error",
                timeout=6,
                markup=False,
            )
