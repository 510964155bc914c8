"""Saved searches in the app: `V` saves the search on screen as a view; "Saved views…" (in
the menu and the palette) lists them to open, rename (`r`) or remove (`x`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tuinews.models import SavedView, View, ViewKind
from tuinews.store import Store
from tuinews.store.saved import SavedViewError, list_views, remove_view, rename_view, save_view
from tuinews.ui.backdrop import Dialog
from tuinews.ui.screens.prompts import Prompt
from tuinews.wording import counted


class NamePrompt(Prompt[str | None]):
    """A name for a saved view; enter takes it."""

    BOX_TITLE = "Saved view"

    def __init__(self, label: str, name: str = "") -> None:
        super().__init__()
        self.label = label
        self.name_text = name

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box", classes="dialog"):
            yield Label(Text(self.label))
            yield Input(self.name_text, id="view-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())


@dataclass(frozen=True, slots=True)
class ViewChoice:
    """What the saved views screen asks for: open, rename or remove a view."""

    action: str  # "open", "rename", "remove"
    name: str


class SavedViewsScreen(Dialog[ViewChoice | None]):
    """Every saved view with its counts and its search."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="saved_views.close"),
        Binding("r", "choose('rename')", "Rename", id="saved_views.rename"),
        Binding("x,delete", "choose('remove')", "Remove", id="saved_views.remove"),
    ]

    def __init__(self, views: list[SavedView]) -> None:
        super().__init__()
        self.views = views

    def compose(self) -> ComposeResult:
        with Vertical(id="saved-box", classes="dialog"):
            yield OptionList(
                *(Option(_line(view), id=view.name) for view in self.views), id="saved-list"
            )
            hint = "enter opens, r renames, x removes (the articles stay), escape closes"
            if not self.views:
                hint = "No saved views yet: search (/), then V saves the search as a view."
            yield Static(Text(hint, style="dim"), id="saved-hint")

    def on_mount(self) -> None:
        self.query_one("#saved-box").border_title = "Saved views"
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(ViewChoice("open", event.option.id or ""))

    def action_choose(self, action: str) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and self.views:
            self.dismiss(ViewChoice(action, self.views[options.highlighted].name))


def _line(view: SavedView) -> Text:
    line = Text()
    line.append(view.name, style="bold")
    line.append(f"  {view.unread} unread of {view.total}  ", style="dim")
    line.append(view.query)
    return line


class ViewTools(Screen[None]):
    """Keys of the main screen that save searches and manage the saved views."""

    BINDINGS = [
        Binding("V", "save_search", "Save search as view", show=False, id="search.save"),
    ]

    store: Store

    def current_view(self) -> View:
        """The view on screen (MainScreen: its reactive)."""
        raise NotImplementedError

    def show_view(self, view: View) -> None:
        """Go to a view (MainScreen: jump_to), reloading the sidebar's counts first."""
        raise NotImplementedError

    def action_save_search(self) -> None:
        view = self.current_view()
        if view.kind is not ViewKind.SEARCH or not view.query:
            self.notify("Search first (/): V saves the search on screen as a view.", timeout=4)
            return
        label = f"Save the search {view.query!r} as a view called:"
        self.app.push_screen(NamePrompt(label, view.query[:40]), self._name_chosen)

    def _name_chosen(self, name: str | None) -> None:
        view = self.current_view()
        if name is None or not view.query:
            return
        try:
            saved = save_view(self.store.conn, name, view.query)
        except (SavedViewError, sqlite3.Error) as exc:
            self._refused(exc)
            return
        self.notify(
            f"Saved the view {saved.name!r} ({counted(saved.total, 'article')}).", markup=False
        )
        self.show_view(View(ViewKind.SAVED, name=saved.name))

    def action_saved_views(self) -> None:
        self.app.push_screen(SavedViewsScreen(list_views(self.store.conn)), self._view_chosen)

    def _view_chosen(self, choice: ViewChoice | None) -> None:
        if choice is None:
            return
        if choice.action == "open":
            self.show_view(View(ViewKind.SAVED, name=choice.name))
        elif choice.action == "rename":
            label = f"Rename the view {choice.name!r} to:"
            self.app.push_screen(
                NamePrompt(label, choice.name), lambda new: self._rename(choice.name, new)
            )
        else:
            try:
                remove_view(self.store.conn, choice.name)
            except (SavedViewError, sqlite3.Error) as exc:
                self._refused(exc)
                return
            self.notify(f"Removed the view {choice.name!r}; its articles stay.", markup=False)
            self.show_view(self.current_view())

    def _rename(self, old: str, new: str | None) -> None:
        if new is None:
            return
        try:
            name = rename_view(self.store.conn, old, new)
        except (SavedViewError, sqlite3.Error) as exc:
            self._refused(exc)
            return
        self.notify(f"Renamed {old!r} to {name!r}.", markup=False)
        current = self.current_view()
        if current.kind is ViewKind.SAVED and current.name == old:
            current = View(ViewKind.SAVED, name=name)
        self.show_view(current)

    def _refused(self, exc: Exception) -> None:
        reason = str(exc) if isinstance(exc, SavedViewError) else "the store is busy; try again"
        self.notify(f"Could not do that: {reason}", severity="error", markup=False)
