"""The footer: the keys that matter first, so that a narrow terminal cuts the least useful.

Textual's Footer lists the focused pane's keys, then the screen's, then the app's: at 80
columns `?`, `q` and `m` fell off the end. This one orders them by FIRST (binding ids),
then the rest as Textual would.

Textual's Footer also rebuilds every key whenever the screen's bindings are refreshed: on
each focus change, each article opened and each dialog pushed over the screen (a dozen
widgets mounted and styled, and under a dialog the whole screen drawn again). This one
rebuilds only when the keys themselves change; a key that becomes live or dead (`u` after
the first marking) is only redrawn.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

# Private, in this one place: Textual 8.2 exports Footer but not FooterKey, the widget of
# each key it shows (textual.widgets lists no FooterKey, and no public module holds it).
# Key below subclasses it to keep Footer's look, styles and clicks; the rest of tuinews
# and the tests take FooterKey from here (test_architecture checks that no one else
# imports textual.widgets._footer), so that a Textual that moves it breaks one import.
from textual.widgets._footer import FooterKey

__all__ = ["FIRST", "FooterKey", "Key", "KeyFooter", "KeySpec"]

# Help first: whatever else a narrow terminal cuts, `?` tells the rest.
FIRST = (
    "help",
    "quit",
    "menu",
    "article.next",
    "article.next_unread",
    "article.toggle_read",
    "article.toggle_star",
    "search.start",
)
PALETTE_CLASS = "-command-palette"


class KeySpec(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    classes: str = ""


class Key(FooterKey):
    """A key in the footer that can go live or dead without being rebuilt."""

    def show_state(self, spec: KeySpec) -> None:
        """Live or dead as `spec` says: drawn with the -disabled class, clicked below."""
        self.set_class(spec.disabled, "-disabled")
        self.tooltip = spec.tooltip or None

    @on(events.MouseDown)
    def press_or_ring(self, event: events.MouseDown) -> None:
        """A click: a dead key rings the bell, a live one is pressed. In place of
        FooterKey's handler (prevent_default), which reads the state the key was built
        with from a private attribute."""
        event.prevent_default()
        if self.has_class("-disabled"):
            self.app.bell()
        else:
            self.app.simulate_key(self.key)


def same_keys(one: tuple[KeySpec, ...], other: tuple[KeySpec, ...]) -> bool:
    """True when the two differ at most in which keys are live and in their tooltips."""
    return [spec._replace(disabled=False, tooltip="") for spec in one] == [
        spec._replace(disabled=False, tooltip="") for spec in other
    ]


def footer_order(bindings: list[Binding]) -> list[Binding]:
    """The bindings in the order the footer shows them (the FIRST ids, then the rest)."""
    rank = {ident: place for place, ident in enumerate(FIRST)}
    return sorted(bindings, key=lambda binding: rank.get(binding.id or "", len(FIRST)))


class KeyFooter(Footer):
    """A footer that shows the important keys first, and is rebuilt only when they change."""

    def __init__(self) -> None:
        super().__init__()
        self.shown_keys: tuple[KeySpec, ...] | None = None  # what the last compose showed

    def key_specs(self) -> tuple[KeySpec, ...]:
        """The keys to show now, in order, from the screen's live bindings."""
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip)
        states = {binding.action: (enabled, tip) for binding, enabled, tip in shown.values()}
        specs = [
            KeySpec(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                not states[binding.action][0],
                states[binding.action][1],
            )
            for binding in footer_order([binding for binding, _, _ in shown.values()])
        ]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            specs.append(
                KeySpec(
                    palette.binding.key,
                    self.app.get_key_display(palette.binding),
                    palette.binding.description,
                    palette.binding.action,
                    not palette.enabled,
                    palette.binding.tooltip or palette.binding.description,
                    PALETTE_CLASS,
                )
            )
        return tuple(specs)

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = self.shown_keys
        if shown is not None and screen is self.screen and self.is_attached and self.app.app_focus:
            specs = self.key_specs()
            if specs == shown:
                return  # the same keys: rebuilding them would change nothing on screen
            keys = list(self.query_children(Key))
            if same_keys(specs, shown) and len(keys) == len(specs):
                for key, spec in zip(keys, specs, strict=True):
                    key.show_state(spec)
                self.shown_keys = specs
                return
            # The rebuild comes after the next refresh: refreshes of the bindings before it
            # find these keys and do not ask for another.
            self.shown_keys = specs
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the keys that fit whole beside the palette's key, in order; hide the rest.

        The footer is one line: the keys past its end were cut, at 80 columns one in the
        middle of its name under the palette's key ("/ Se▏^p palette").
        """
        keys = list(self.query_children(Key))
        room = self.size.width - sum(_width(key) for key in keys if key.has_class(PALETTE_CLASS))
        fits = True
        for key in keys:
            if key.has_class(PALETTE_CLASS):
                continue
            fits = fits and _width(key) <= room
            room -= _width(key) if fits else 0
            key.display = fits

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        specs = self.key_specs()
        self.shown_keys = specs
        self.styles.grid_size_columns = sum(1 for spec in specs if not spec.classes)
        for spec in specs:
            key = Key(
                spec.key,
                spec.display,
                spec.description,
                spec.action,
                disabled=spec.disabled,
                tooltip=spec.tooltip,
                classes=spec.classes,
            )
            yield key if spec.classes else key.data_bind(compact=Footer.compact)


def _width(key: Key) -> int:
    """The cells a key takes in the footer: its label, padding, border and margin."""
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
