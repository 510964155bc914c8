"""The help screen: every key of tuinews, pane by pane, from the live bindings and keymap."""

from __future__ import annotations

import re

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from tuinews.ui.backdrop import Dialog
from tuinews.ui.key_commands import remapped_bindings

Rows = list[tuple[str, str, str]]
# Textual's own keys that mean something here (they have no binding id of ours).
TEXTUAL_ROWS: Rows = [
    ("ctrl+p", "Command palette", ""),
    ("ctrl+q", "Quit", ""),
]


class HelpScreen(Dialog[None]):
    """Tables of keys and what they do; j/k and the page keys scroll; escape, q or ? closes."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="help.up"),
        Binding("space,pagedown", "scroll('page_down')", "Page", show=False, id="help.page"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, id="help.page_up"),
    ]

    def __init__(self, sections: list[tuple[str, Rows]]) -> None:
        super().__init__()
        self.sections = sections

    @property
    def rows(self) -> Rows:
        """Every row of every section."""
        return [row for _, rows in self.sections for row in rows]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("tuinews keys", style="bold"), id="help-title")
            yield Static(
                Text(
                    "j/k scroll, escape closes. Remap any key by its binding id in the"
                    " [keys] table of the config file."
                ),
                id="help-hint",
            )
            for title, rows in self.sections:
                yield Static(_table(title, rows), classes="help-section")

    def action_scroll(self, how: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        page = body.scrollable_content_region.height
        lines = {"down": 1, "up": -1, "page_down": page, "page_up": -page}[how]
        # At once: Textual's scrolls land after the next refresh, and keys held down
        # (faster than frames) each started from the same line.
        body.scroll_to(y=body.scroll_y + lines, animate=False, immediate=True)


def _table(title: str, rows: Rows) -> Table:
    table = Table(
        box=None, expand=True, show_header=True, header_style="bold", title_justify="left"
    )
    table.title = Text(title, style="bold underline")
    # The keys take what the longest needs ("shift+tab"), the action the rest: a 2:3 split
    # left the actions 19 columns at 80, and "!"'s took three lines.
    table.add_column("Key", no_wrap=True)
    table.add_column("Action", ratio=1)
    # Its own width: the id is what a remap needs, so it is never cut (the action wraps).
    table.add_column("Binding id", style="dim", no_wrap=True)
    for keys, description, binding_id in rows:
        table.add_row(Text(keys, style="bold"), Text(description), Text(binding_id))
    return table


def binding_rows(bindings: list[tuple[Binding, str]]) -> Rows:
    """Group (binding, key display) pairs by action: one row per action, keys joined."""
    rows: dict[str, tuple[list[str], str, str]] = {}
    for binding, display in bindings:
        key = binding.id or binding.action
        keys, _, _ = rows.setdefault(key, ([], binding.description or binding.action, key))
        if display not in keys:
            keys.append(display)
    joined = [(" / ".join(keys), description, ident) for keys, description, ident in rows.values()]
    return _numbered_runs(joined)


_NUMBERED = re.compile(r"(.*\D)(\d+)")


def _numbered_runs(rows: Rows) -> Rows:
    """A run of rows alike but for the number ending their ids (reader.link_1 … _9, one
    key each) as one row: their keys side by side ("1…9" for digits in a row), the ids
    as "reader.link_1…9"."""
    out: Rows = []
    tail: tuple[str, int] | None = None  # the id's prefix and number ending the last row
    for keys, description, ident in rows:
        match = _NUMBERED.fullmatch(ident)
        number = (match[1], int(match[2])) if match else None
        if number and tail == (number[0], number[1] - 1) and out[-1][1] == description:
            run_keys, _, run_ident = out[-1]
            out[-1] = (f"{run_keys} {keys}", description, f"{run_ident.split('…')[0]}…{number[1]}")
        else:
            out.append((keys, description, ident))
        tail = number
    return [(_digit_span(keys) if "…" in ident else keys, d, ident) for keys, d, ident in out]


def _digit_span(keys: str) -> str:
    """ "1 2 3 4 5 6 7 8 9" as "1…9", which fits at 80 columns; remapped ones stay listed."""
    digits = keys.split(" ")
    if all(len(key) == 1 and key.isdigit() for key in digits):
        first, last = int(digits[0]), int(digits[-1])
        if [int(key) for key in digits] == list(range(first, last + 1)):
            return f"{first}…{last}"
    return keys


def _declared_order(node: DOMNode) -> dict[str, int]:
    """Binding ids in the order our classes declare them, base classes first. Textual
    keeps a key where a base class bound it first: the Sidebar's `down` (OptionList's)
    would come before its `j`."""
    order: dict[str, int] = {}
    for cls in reversed(type(node).__mro__):
        if cls.__module__.startswith("tuinews."):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    order.setdefault(binding.id, len(order))
    return order


def key_sections(app: App[None], panes: list[tuple[str, list[DOMNode]]]) -> list[tuple[str, Rows]]:
    """Our keys (those with a binding id and a description) of each pane, as remapped.

    Textual's built-in scrolling keys ("Scroll Left", "Page Right") have no id of ours and
    mean nothing to a reader: they are left out.
    """
    sections = []
    listed: set[str] = set()  # a pane's binding under an id listed before (`!`) is that row
    for title, nodes in panes:
        pairs: list[tuple[Binding, str]] = []
        for node in nodes:
            order = _declared_order(node)
            ours = [
                binding
                for binding in remapped_bindings(app, node)
                if binding.id and binding.description and binding.id not in listed
            ]
            ours.sort(key=lambda binding: order.get(binding.id or "", len(order)))
            pairs += [(binding, app.get_key_display(binding)) for binding in ours]
        listed |= {binding.id or "" for binding, _ in pairs}
        sections.append((title, binding_rows(pairs)))
    return sections


def show_help(app: App[None], main: Screen[None] | None) -> None:
    """Push the help screen: the keys of the dialog on top (if any), then the main screen's,
    pane by pane."""
    from tuinews.ui.widgets.article_list import ArticleList
    from tuinews.ui.widgets.reader import Reader
    from tuinews.ui.widgets.sidebar import Sidebar

    if isinstance(app.screen, HelpScreen):
        return
    panes: list[tuple[str, list[DOMNode]]] = []
    if app.screen is not main:
        panes.append(("This dialog", [app.screen, *app.screen.focus_chain]))
    if main is not None:
        panes += [
            ("Everywhere", [app, main]),
            ("Article list", [main.query_one(ArticleList)]),
            ("Sidebar", [main.query_one(Sidebar)]),
            ("Reader", [main.query_one(Reader)]),
        ]
    sections = [(title, rows) for title, rows in key_sections(app, panes) if rows]
    app.push_screen(HelpScreen([*sections, ("Other keys", TEXTUAL_ROWS)]))
