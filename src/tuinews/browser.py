"""Which browser opens an article's link, and whether it takes the terminal. No Textual.

A terminal browser (w3m, lynx, `www-browser` over SSH) draws on our terminal: the app
must step aside while it runs. A graphical one is started on its own and left running.
The `browser` setting of [commands] is a command with %u for the URL, as newsboat's.
"""

from __future__ import annotations

import os
import shlex
import webbrowser
from dataclasses import dataclass

from tuinews.shell import program_name

TERMINAL_BROWSERS = ("w3m", "lynx", "links", "elinks", "www-browser", "browsh", "carbonyl")


@dataclass(frozen=True, slots=True)
class BrowserPlan:
    """A command line that opens the URL, and whether it runs on our terminal."""

    command: str
    on_terminal: bool


def command_for(template: str, url: str) -> str:
    """The template with %u replaced by the quoted URL (added at the end without %u)."""
    quoted = shlex.quote(url)
    return template.replace("%u", quoted) if "%u" in template else f"{template} {quoted}"


def find_browser(
    setting: str | None, url: str, terminal: tuple[str, ...] = ()
) -> BrowserPlan | None:
    """How to open `url`: the `browser` setting, else $BROWSER, else what Python's
    webbrowser finds; None when there is no browser at all."""
    template = setting or _first_of(os.environ.get("BROWSER", ""))
    if template:
        command = command_for(template, url)
        return BrowserPlan(command, _takes_terminal(command, terminal))
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return None
    args = getattr(controller, "args", None)
    name = getattr(controller, "name", "") or ""
    if not isinstance(controller, webbrowser.GenericBrowser) or not name:
        return None  # a platform browser (macOS, Windows) we cannot run by name
    words = [name, *(arg.replace("%s", url) for arg in (args or ["%s"]))]
    command = " ".join(shlex.quote(word) for word in words)
    background = isinstance(controller, webbrowser.BackgroundBrowser)
    return BrowserPlan(command, not background or _takes_terminal(command, terminal))


def _first_of(browsers: str) -> str:
    # $BROWSER may list several, separated by colons: the first is used. Its URL stands
    # where %s is (its own convention; the setting's is %u).
    return browsers.split(os.pathsep)[0].strip().replace("%s", "%u")


def _takes_terminal(command: str, terminal: tuple[str, ...]) -> bool:
    return program_name(command) in TERMINAL_BROWSERS + terminal
