"""Every notification an app shows, kept for a test: the app's own list drops each one when
its timeout ends, which a loaded machine can reach before the test looks."""

from __future__ import annotations

from typing import Any

from textual.app import App


def record_notes(app: App[Any]) -> list[str]:
    """A list that each later notification's message is appended to."""
    notes: list[str] = []
    shown = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        notes.append(str(message))
        shown(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return notes
