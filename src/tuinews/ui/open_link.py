"""Open a link in the browser without wrecking the screen: a terminal browser runs with
the app suspended, a graphical one is started on its own, and no browser is said so."""

from __future__ import annotations

import subprocess
from typing import Any

from textual.app import App, SuspendNotSupported

from tuinews.browser import find_browser
from tuinews.config import CommandSettings

NO_BROWSER = (
    'No browser found: set browser = "firefox %u" (or w3m, lynx…) in [commands] of the'
    " config file, or $BROWSER."
)


def open_in_browser(
    app: App[Any], url: str, commands: CommandSettings
) -> subprocess.Popen[bytes] | None:
    """Open `url`; return the started graphical browser's process (None otherwise)."""
    plan = find_browser(commands.browser, url, commands.terminal)
    if plan is None:
        app.notify(NO_BROWSER, severity="warning", timeout=6, markup=False)
        return None
    if plan.on_terminal:
        try:
            with app.suspend():
                subprocess.run(["/bin/sh", "-c", plan.command], check=False)
        except SuspendNotSupported:
            app.notify(
                "This terminal cannot hand the screen to a browser.", severity="error", timeout=4
            )
        except OSError as exc:
            app.notify(f"Could not start the browser: {exc.strerror or exc}", markup=False)
        return None
    try:
        process = subprocess.Popen(
            ["/bin/sh", "-c", plan.command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # it outlives us and never writes on our screen
        )
    except OSError as exc:
        app.notify(f"Could not start the browser: {exc.strerror or exc}", markup=False)
        return None
    return process
