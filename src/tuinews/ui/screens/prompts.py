"""Small dialogs of the reading tools: a link by number, a pipe command, a file to save to,
and the output a command printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from tuinews.numbered import Link
from tuinews.ui.backdrop import Dialog

Result = TypeVar("Result")


class Prompt(Dialog[Result]):
    """A dialog box with a titled border around one text field; escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="prompt.cancel")]
    BOX_TITLE = ""

    def on_mount(self) -> None:
        self.query_one(".dialog").border_title = self.BOX_TITLE
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)  # ready to type on after the prefilled text


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """The link chosen by number, and whether to copy it rather than open it."""

    link: Link
    copy: bool


class LinkPrompt(Prompt[LinkChoice | None]):
    """Type a link's number (started by the digit pressed); enter opens it, `y` after the
    number copies it instead."""

    BOX_TITLE = "Links"

    def __init__(self, links: tuple[Link, ...], typed: str) -> None:
        super().__init__()
        self.links = links
        self.typed = typed

    def compose(self) -> ComposeResult:
        with Vertical(id="link-box", classes="dialog"):
            listing = Text()
            for link in self.links:
                listing.append(f"[{link.number}] ", style="bold")
                listing.append(f"{'image: ' if link.image else ''}{link.text}\n")
                listing.append(f"    {link.url}\n", style="dim")
            with VerticalScroll(id="link-list"):
                yield Static(listing)
            yield Label("Link number, then enter to open it (add y to copy it: 3y)")
            yield Input(self.typed, id="link-number", select_on_focus=False)
            yield Static("", id="link-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().lower()
        copy = text.endswith("y")
        number = text.removesuffix("y").strip()
        link = self._link(number)
        if link is None:
            self.query_one("#link-error", Static).update(
                Text(f"No link {number or '?'}: the links go from 1 to {len(self.links)}.")
            )
            return
        self.dismiss(LinkChoice(link, copy))

    def _link(self, number: str) -> Link | None:
        if not number.isdigit():
            return None
        index = int(number)
        return self.links[index - 1] if 1 <= index <= len(self.links) else None


@dataclass(frozen=True, slots=True)
class PipeRequest:
    """A shell command to pipe the article to, and whether it gets plain text."""

    command: str
    plain: bool


class PipePrompt(Prompt[PipeRequest | None]):
    """A shell command line and the form of the article it receives."""

    BOX_TITLE = "Pipe"

    def __init__(self, last: PipeRequest | None) -> None:
        super().__init__()
        self.last = last

    def compose(self) -> ComposeResult:
        plain = self.last.plain if self.last else False
        with Vertical(id="pipe-box", classes="dialog"):
            yield Label("Pipe the article to (a shell command; enter runs it)")
            yield Input(self.last.command if self.last else "", id="pipe-command")
            with RadioSet(id="pipe-form"):
                yield RadioButton("Markdown", value=not plain, id="pipe-markdown")
                yield RadioButton("Plain text", value=plain, id="pipe-plain")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            plain = self.query_one("#pipe-plain", RadioButton).value
            self.dismiss(PipeRequest(event.value.strip(), plain))


@dataclass(frozen=True, slots=True)
class SaveRequest:
    """Where to save the article, and whether as plain text."""

    path: str
    plain: bool


class SavePrompt(Prompt[SaveRequest | None]):
    """A file name (a .txt name saves plain text); enter saves."""

    BOX_TITLE = "Save"

    def __init__(self, suggested: str, error: str = "") -> None:
        super().__init__()
        self.suggested = suggested
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box", classes="dialog"):
            yield Label("Save the article to (.md: Markdown, .txt: plain text)")
            yield Input(self.suggested, id="save-path")
            yield Static(Text(self.error), id="save-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        if path:
            self.dismiss(SaveRequest(path, plain=path.lower().endswith(".txt")))


class CommandOutput(Dialog[None]):
    """What a piped command printed, as plain text, with its exit status."""

    BINDINGS = [Binding("escape,q,enter", "dismiss(None)", "Close", id="command_output.close")]

    def __init__(self, title: str, output: str) -> None:
        super().__init__()
        self.title_text = title
        self.output = output

    def compose(self) -> ComposeResult:
        with Vertical(id="output-box", classes="dialog"):
            with VerticalScroll(id="output-scroll"):
                yield Static(Text(self.output or "(no output)"), id="output-text")
            yield Static(Text("escape closes", style="dim"))

    def on_mount(self) -> None:
        box = self.query_one("#output-box")
        box.border_title = Text(self.title_text)  # a Text: the command is not markup
        self.query_one("#output-scroll").focus()
