"""A theme's stylesheet parsed while the theme list waits on the user, not after `enter`.

Changing the theme makes Textual parse every stylesheet again with the new theme's
variables (30 to 60 ms of CPU at 160x48), then restyle and redraw the screen. While the
theme list is open and the user moves to a theme, the reader parses the stylesheet for it
on a thread; choosing that theme then takes the rules already parsed. The rules are only
taken for exactly the variables and sources they were parsed from: anything else (another
theme, a widget's CSS added meanwhile) is parsed as Textual always did.

Each whole restyle also marks every widget for redrawing once, not once per style (restyle).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.css.stylesheet import CssSource, Stylesheet

from tuinews.ui.restyle import one_mark_per_widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.css.model import RuleSet
    from textual.css.types import CSSLocation
    from textual.dom import DOMNode

KEPT = 4  # stylesheets parsed ahead and kept (the user moves up and down the list)

Sources = tuple[tuple["CSSLocation", CssSource], ...]
Key = tuple[tuple[tuple[str, str], ...], Sources]


def theme_variables(app: App[object], name: str) -> dict[str, str] | None:
    """The CSS variables of theme `name`, as App.get_css_variables() gives them once the
    theme is set (None for an unknown theme)."""
    theme = app.get_theme(name)
    if theme is None:
        return None
    variables = {**theme.to_color_system().generate(), **theme.variables}
    return {**app.get_theme_variable_defaults(), **variables}


class PreparedStylesheet(Stylesheet):
    """Textual's stylesheet, whose reparse() takes rules parsed ahead when they fit."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.prepared: dict[Key, list[RuleSet]] = {}
        self.taken = 0  # reparses served by rules parsed ahead (the tests count them)

    @staticmethod
    def key(variables: Mapping[str, str], sources: Sources) -> Key:
        return tuple(sorted(variables.items())), sources

    def sources(self) -> Sources:
        """The CSS sources as they stand (a snapshot a thread can parse)."""
        return tuple(self.source.items())

    def prepare(self, variables: dict[str, str], sources: Sources) -> None:
        """Parse `sources` with `variables` and keep the rules (safe on a thread: only
        a new stylesheet is touched; a source that fails to parse is left to reparse())."""
        key = self.key(variables, sources)
        if key in self.prepared:
            return
        sheet = Stylesheet(variables=variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in sources:
            sheet.add_source(css, read_from, is_defaults, tie_breaker, scope)
        try:
            sheet.parse()
        except Exception:
            return
        while len(self.prepared) >= KEPT:
            del self.prepared[next(iter(self.prepared))]
        self.prepared[key] = sheet.rules

    def reparse(self) -> None:
        rules = self.prepared.get(self.key(self._variables, self.sources()))
        if rules is None:
            super().reparse()
            return
        self.taken += 1
        self._rules = rules
        self._rules_map = None
        self._require_parse = False

    def update(self, root: DOMNode, animate: bool = False) -> None:
        # A whole restyle (a theme change, the CSS reloaded): each widget is marked once.
        # A focus or hover change restyles a few widgets through update_nodes, untouched.
        with one_mark_per_widget():
            super().update(root, animate)
