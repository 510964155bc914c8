"""The reading tools of the main screen: links by number, pipe (|), save (S), bookmark (B),
full text (F).

A base class of MainScreen, so that its keys and actions live in one place of their own.
Commands that draw on the terminal (pagers, editors) run with the app suspended; the others
run on a worker thread and their output is shown when they finish.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual import work
from textual.app import SuspendNotSupported
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from tuinews.models import Article, FullTextResult
from tuinews.numbered import Numbered
from tuinews.shell import (
    CommandResult,
    article_text,
    bookmark_command,
    default_save_path,
    run_captured,
    run_on_terminal,
    save_article,
    takes_terminal,
)
from tuinews.ui.link_policy import link_refusal, refused_message
from tuinews.ui.screens.prompts import (
    CommandOutput,
    LinkChoice,
    LinkPrompt,
    PipePrompt,
    PipeRequest,
    SavePrompt,
    SaveRequest,
)

if TYPE_CHECKING:
    from tuinews.config import CommandSettings, Settings
    from tuinews.store import Store


class SettingsHost(Protocol):
    """What the tools need from the app (which imports this module, not the reverse)."""

    settings: Settings
    store: Store


def _link_bindings() -> list[Binding]:
    # One binding per digit, each with its own id so any of them can be remapped; the help
    # screen shows the nine in one row ("reader.link_1…9").
    return [
        Binding(
            str(digit),
            f"link_by_number('{digit}')",
            "Link by number",
            show=False,
            id=f"reader.link_{digit}",
        )
        for digit in range(1, 10)
    ]


@dataclass
class CommandFinished(Message):
    """A piped or bookmark command ended (posted by its worker)."""

    result: CommandResult
    show_output: bool  # False: say only how it went, in `done` words when it went well
    done: str = ""


@dataclass
class FullTextFetched(Message):
    """The page of an article was fetched and stored, or could not be read."""

    result: FullTextResult


class ReadingTools(Screen[None]):
    """Keys that hand the open article to links, programs and files."""

    BINDINGS = [
        *_link_bindings(),
        Binding("vertical_line", "pipe", "Pipe to…", show=False, id="article.pipe"),
        Binding("S", "save", "Save to file…", show=False, id="article.save"),
        Binding("B", "bookmark", "Bookmark", show=False, id="article.bookmark"),
        Binding("F", "full_text", "Full text", show=False, id="article.full_text"),
    ]

    last_pipe: PipeRequest | None = None  # the pipe prompt starts with the last command
    last_save_folder: str | None = None  # S offers the folder saved to last (this session)

    def tool_article(self) -> Article | None:
        """The article the tools act on (MainScreen: the open or highlighted one)."""
        raise NotImplementedError

    def open_links(self) -> Numbered | None:
        """The numbered links of the article open in the reader; None when none is open."""
        raise NotImplementedError

    def article_changed(self, article_id: int) -> None:
        """Show an article's new text (in the list, and in the reader when it is open)."""
        raise NotImplementedError

    @property
    def link_schemes(self) -> tuple[str, ...]:
        """The link schemes opened besides http(s): [links] schemes in the config file."""
        return cast(SettingsHost, self.app).settings.link_schemes

    @property
    def commands(self) -> CommandSettings:
        """The [commands] settings of the config file."""
        return cast(SettingsHost, self.app).settings.commands

    # -- links by number -----------------------------------------------------

    def action_link_by_number(self, digit: str) -> None:
        numbered = self.open_links()
        if numbered is None:
            self.notify("No article is open: enter opens it and numbers its links.", timeout=3)
            return
        links = numbered.links
        if not links:
            self.notify("The open article has no links.", timeout=3)
            return
        self.app.push_screen(LinkPrompt(links, digit), self._link_chosen)

    def _link_chosen(self, choice: LinkChoice | None) -> None:
        if choice is None:
            return
        self.hand_on(choice.link.url, copy=choice.copy, number=choice.link.number)

    def hand_on(self, url: str, *, copy: bool, number: int | None = None) -> None:
        """Open `url` in the browser or copy it, if link_policy allows; else say why not."""
        reason = link_refusal(url, self.link_schemes)
        if reason is not None:
            self.notify(refused_message(url, reason), severity="warning", markup=False)
            return
        label = f"[{number}] {url}" if number is not None else url
        if copy:
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {label}", timeout=3, markup=False)
        else:
            self.app.open_url(url)  # it says "Opening …" when a browser started

    # -- pipe ----------------------------------------------------------------

    def action_pipe(self) -> None:
        if self._article_or_say() is not None:
            self.app.push_screen(PipePrompt(self.last_pipe), self._pipe_chosen)

    def _pipe_chosen(self, request: PipeRequest | None) -> None:
        article = self.tool_article()
        if request is None or article is None:
            return
        self.last_pipe = request
        text = article_text(article, plain=request.plain)
        programs = self.commands.terminal
        if takes_terminal(request.command, programs):
            self._run_on_terminal(request.command, text)
        else:
            self._run_captured(request.command, text, show_output=True)

    def _run_on_terminal(self, command: str, text: str) -> None:
        try:
            with self.app.suspend():
                result = run_on_terminal(command, text)
        except SuspendNotSupported:
            self.notify(
                "This terminal cannot hand the screen to a program.", severity="error", timeout=4
            )
            return
        self._report(result)

    @work(thread=True, group="commands")
    def _run_captured(self, command: str, text: str, *, show_output: bool, done: str = "") -> None:
        self.post_message(CommandFinished(run_captured(command, text), show_output, done))

    def on_command_finished(self, message: CommandFinished) -> None:
        result = message.result
        if message.show_output and result.output.strip():
            self.app.push_screen(CommandOutput(result.summary(), result.output))
        elif result.ok and message.done:
            self.notify(message.done, timeout=4, markup=False)
        else:
            self._report(result)

    def _report(self, result: CommandResult) -> None:
        detail = "" if result.ok or result.status is None else f": {result.output.strip()[:200]}"
        self.notify(
            result.summary() + detail,
            severity="information" if result.ok else "error",
            timeout=5,
            markup=False,
        )

    # -- save ----------------------------------------------------------------

    def action_save(self) -> None:
        article = self._article_or_say()
        if article is not None:
            folder = self.last_save_folder or self.commands.save_dir
            path = default_save_path(article, folder)
            self.app.push_screen(SavePrompt(str(path)), self._save_chosen)

    def _save_chosen(self, request: SaveRequest | None) -> None:
        article = self.tool_article()
        if request is None or article is None:
            return
        try:
            written = save_article(article, Path(request.path), plain=request.plain)
        except FileExistsError:
            error = "That file exists already: choose another name."
            self.app.push_screen(SavePrompt(request.path, error), self._save_chosen)
            return
        except OSError as exc:
            self.notify(
                f"Could not save to {request.path}: {exc.strerror or exc}",
                severity="error",
                markup=False,
            )
            return
        self.last_save_folder = str(written.parent)
        self.notify(f"Saved to {written}", timeout=4, markup=False)

    # -- bookmark ------------------------------------------------------------

    def action_bookmark(self) -> None:
        article = self._article_or_say()
        if article is None:
            return
        template = self.commands.bookmark
        if not template:
            self.notify(
                "No bookmark command: set bookmark in [commands] of the config file.",
                severity="warning",
                timeout=5,
                markup=False,
            )
        elif not article.url:
            self.notify("This article has no link to bookmark.", timeout=3)
        else:
            command = bookmark_command(template, article)
            self._run_captured(command, "", show_output=False, done=f"Bookmarked {article.url}")

    # -- full text -----------------------------------------------------------

    def action_full_text(self) -> None:
        article = self._article_or_say()
        if article is None:
            return
        if not article.url:
            self.notify("This article has no link to fetch its page from.", timeout=3)
            return
        self.notify(f"Fetching the full text from {article.url}…", timeout=3, markup=False)
        self._fetch_full_text(article)

    @work(thread=True, group="full-text")
    def _fetch_full_text(self, article: Article) -> None:
        """Fetch and store the page's article with a connection of this thread."""
        from tuinews.feeds.fulltext import fetch_and_save

        timeout = cast(SettingsHost, self.app).settings.feeds.timeout_seconds
        store = cast(SettingsHost, self.app).store.reopen()
        try:
            result = fetch_and_save(store, article, timeout=timeout)
        except sqlite3.Error:
            result = FullTextResult(article.id, article.url or "", "the store is busy; try again")
        finally:
            store.close()
        self.post_message(FullTextFetched(result))

    def on_full_text_fetched(self, message: FullTextFetched) -> None:
        result = message.result
        if result.error is not None:
            self.notify(
                f"The page could not be read: {result.error}. The feed's text is kept.",
                severity="warning",
                timeout=6,
                markup=False,
            )
            return
        self.article_changed(result.article_id)
        self.notify("Full text fetched from the article's page.", timeout=3)

    def _article_or_say(self) -> Article | None:
        article = self.tool_article()
        if article is None:
            self.notify("No article selected.", timeout=2)
        return article
