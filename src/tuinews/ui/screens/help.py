"""The help screen: every key that is live on the main screen, from its bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """A table of keys and what they do; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Key", no_wrap=True)
        table.add_column("Action")
        table.add_column("Binding id", style="dim", no_wrap=True)
        for keys, description, binding_id in self.rows:
            table.add_row(Text(keys, style="bold"), Text(description), Text(binding_id))
        with VerticalScroll(id="help-body"):
            yield Static(Text("tuinews keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(
                Text("Remap any key in the [keys] table of the config file. Escape closes."),
                id="help-hint",
            )


def binding_rows(bindings: list[tuple[Binding, str]]) -> list[tuple[str, str, str]]:
    """Group (binding, key display) pairs by action: one row per action, keys joined."""
    rows: dict[str, tuple[list[str], str, str]] = {}
    for binding, display in bindings:
        key = binding.id or binding.action
        keys, _, _ = rows.setdefault(key, ([], binding.description or binding.action, key))
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description, ident) for keys, description, ident in rows.values()]
