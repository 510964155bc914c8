"""The filters (killfile) in the app: "Filters…" lists each with what it caught; `u` gives
back what the highlighted one caught."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tuinews.store.filters import FilterCount
from tuinews.ui.backdrop import Dialog

EMPTY_HINT = (
    "No filters yet: add [[filters]] to the config file, with a query (the search's words, "
    'plus source:, author:, category:, older:DAYS) and action = "hide" or "read".'
)


class FiltersScreen(Dialog[str | None]):
    """Every filter with its action and how many articles it holds; dismisses with the
    name of the filter to undo, or None."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="filters.close"),
        Binding("u", "undo", "Give back", id="filters.undo"),
    ]

    def __init__(self, counts: list[FilterCount]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(id="filters-box", classes="dialog"):
            yield OptionList(
                *(Option(_line(count), id=count.name) for count in self.counts),
                id="filters-list",
            )
            hint = "u gives back what the highlighted filter caught; escape closes"
            yield Static(Text(hint if self.counts else EMPTY_HINT, style="dim"))

    def on_mount(self) -> None:
        self.query_one("#filters-box").border_title = "Filters"
        options = self.query_one(OptionList)
        options.display = bool(self.counts)  # no empty box above the hint
        options.focus()

    def action_undo(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and self.counts:
            count = self.counts[options.highlighted]
            if count.caught:
                self.dismiss(count.name)
            else:
                self.notify(f"{count.name!r} holds no articles.", timeout=3, markup=False)


def _line(count: FilterCount) -> Text:
    verb = "hidden" if count.action == "hide" else "marked read"
    line = Text()
    line.append(count.name, style="bold")
    line.append(f"  {count.caught} {verb}")
    if not count.configured:
        line.append("  (no longer in the config file)", style="dim")
    return line
