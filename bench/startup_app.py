"""A minimal Textual app: header, a 50-row table, footer. The start-up yardstick of bench.scale.

python -m bench.startup_app
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

ROWS = 50


class MinimalApp(App[None]):
    """What any Textual app pays to start: the import, a screen, a table, a first frame."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Title", "Source")
        for n in range(ROWS):
            table.add_row(str(n), f"minimal row {n:03}", "bench")
        table.focus()


if __name__ == "__main__":
    MinimalApp().run()
