"""The footer: the keys that matter first, so that a narrow terminal cuts the least useful.

Textual's Footer lists the focused pane's keys, then the screen's, then the app's: at 80
columns `?`, `q` and `m` fell off the end. This one orders them by FIRST (binding ids),
then the rest as Textual would.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

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


def footer_order(bindings: list[Binding]) -> list[Binding]:
    """The bindings in the order the footer shows them (the FIRST ids, then the rest)."""
    rank = {ident: place for place, ident in enumerate(FIRST)}
    return sorted(bindings, key=lambda binding: rank.get(binding.id or "", len(FIRST)))


class KeyFooter(Footer):
    """A footer that shows the important keys first."""

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip)
        self.styles.grid_size_columns = len(shown)
        states = {binding.action: (enabled, tip) for binding, enabled, tip in shown.values()}
        for binding in footer_order([binding for binding, _, _ in shown.values()]):
            enabled, tooltip = states[binding.action]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            yield FooterKey(
                palette.binding.key,
                self.app.get_key_display(palette.binding),
                palette.binding.description,
                palette.binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=palette.binding.tooltip or palette.binding.description,
            )
