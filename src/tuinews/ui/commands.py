"""Command palette: the menu's commands and "Jump to category…", over a backdrop drawn once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Protocol, runtime_checkable

from rich.text import Text
from textual import on
from textual.command import Command, DiscoveryHit, Hit, Hits, Provider
from textual.widgets import OptionList

from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.store.feed_entries import feed_entries, with_feed_categories
from tuinews.ui.palette import Palette
from tuinews.ui.theme_sheets import PreparedStylesheet, theme_variables


class ThemePalette(Palette):
    """The list of themes: the theme the user moves to is parsed ahead, on a thread, so
    that choosing it restyles the screen without parsing every stylesheet first (see
    theme_sheets). The list's own first highlight prepares nothing: nobody chose it."""

    def __init__(self) -> None:
        from textual.theme import ThemeProvider

        super().__init__(providers=[ThemeProvider], placeholder="Search for themes…")
        self._listed = False
        self._wanted: dict[str, str] | None = None  # the variables last asked for

    @on(OptionList.OptionHighlighted)
    def _prepare_theme(self, event: OptionList.OptionHighlighted) -> None:
        if not self._listed:
            self._listed = True
            return
        sheet = self.app.stylesheet
        option = event.option
        if not isinstance(sheet, PreparedStylesheet) or not isinstance(option, Command):
            return
        name = str(option.hit.text)
        variables = theme_variables(self.app, name)
        if variables is None or name == self.app.theme:
            return
        self._wanted = variables
        sources = sheet.sources()

        def prepare() -> None:
            if self._wanted is variables:  # not passed by a later highlight meanwhile
                sheet.prepare(variables, sources)

        self.app.run_worker(prepare, thread=True, group="theme-prepare", exit_on_error=False)


@runtime_checkable
class PaletteHost(Protocol):
    """What the palette needs from the app.

    Textual's typed `getters.app(TuinewsApp)` (Textual 8) does not serve here: it is a
    descriptor for message pumps (widgets, screens), a command Provider is none (mypy
    rejects it on both counts), and naming TuinewsApp here would bring back the import
    cycle ui/app.py <-> ui/commands.py (the app imports this module, not the reverse).
    An isinstance check against this Protocol types the app without a cast.
    """

    store: Store
    clock: Callable[[], datetime]

    def jump_to(self, view: View) -> None: ...


def _label(view: View) -> str:
    """ "Jump to category: World", "Jump to feed: Valley Post (in World)", "Jump to view:
    Unread" (All, Unread, Starred and Today are views, not categories)."""
    if view.kind is ViewKind.FEED:
        return f"Jump to feed: {view.label} (in {view.category})"
    if view.kind is ViewKind.CATEGORY:
        return f"Jump to category: {view.label}"
    return f"Jump to view: {view.label}"


class CategoryCommands(Provider):
    """Jump to category…: one command per category, smart view and feed.

    Textual makes one provider per opening of the palette and searches it again for every
    key typed: the views are read from the store once per opening, not once per key."""

    _listed: list[View] | None = None

    @property
    def host(self) -> PaletteHost:
        """The app, typed as what the palette uses of it."""
        app = self.app
        if not isinstance(app, PaletteHost):
            raise TypeError("the palette serves the tuinews app")
        return app

    def _views(self) -> list[View]:
        if self._listed is None:
            self._listed = self._read_views()
        return self._listed

    def _read_views(self) -> list[View]:
        app = self.host
        smart = [View(kind) for kind in (ViewKind.ALL, ViewKind.UNREAD, ViewKind.STARRED)]
        feeds = feed_entries(app.store.conn)
        # As the sidebar lists them: a feed's category too, before it holds an article.
        counts = with_feed_categories(app.store.counts(app.clock()), feeds)
        return (
            smart
            + [View(ViewKind.TODAY)]
            + [View(ViewKind.CATEGORY, name) for name in counts.categories]
            + [entry.view for entries in feeds.values() for entry in entries]
        )

    def _jump(self, view: View) -> None:
        self.host.jump_to(view)

    async def discover(self) -> Hits:
        for view in self._views():
            yield DiscoveryHit(
                Text(_label(view)),
                partial(self._jump, view),
                help="Show this view in the article list",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for view in self._views():
            label = _label(view)
            score = matcher.match(label)
            if score > 0:
                # highlight() reads its argument as markup: category names are data.
                shown = matcher.highlight(label) if "[" not in label else Text(label)
                yield Hit(score, shown, partial(self._jump, view), text=label)
