"""The main screen's article keys as palette commands: P, D, |, S and the others.

The menu holds the app's commands; these act on an article (or the view) and had only a
key, so a user who forgot the key could not find them in the palette. Each command is named
by its binding's description and shows the key as remapped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

ON_ARTICLE = "on the open article (else the highlighted one)"
# Binding id -> what the command acts on (its help line in the palette).
PALETTE_KEYS = {
    "article.play": ON_ARTICLE,
    "article.download": ON_ARTICLE,
    "article.pipe": ON_ARTICLE,
    "article.save": ON_ARTICLE,
    "article.bookmark": ON_ARTICLE,
    "article.full_text": ON_ARTICLE,
    "article.open_link": ON_ARTICLE,
    "article.copy_link": ON_ARTICLE,
    "search.save": "the search on screen, as a view in the sidebar",
    "view.mark_all_read": "every article of the view on screen",
}


def remapped_bindings(app: App[Any], node: DOMNode) -> Iterator[Binding]:
    """The bindings of `node` with the user's `[keys]` remapping applied."""
    bindings = node._bindings.copy()
    if app._keymap:
        bindings.apply_keymap(app._keymap)
    for _, binding in bindings:
        yield binding


def key_commands(app: App[Any], screen: Screen[Any]) -> Iterator[tuple[str, str, str]]:
    """(title, help, the screen's action) for each key of PALETTE_KEYS: "Save to file… (S)"."""
    seen: set[str] = set()
    for binding in remapped_bindings(app, screen):
        ident = binding.id or ""
        if ident not in PALETTE_KEYS or ident in seen:
            continue
        seen.add(ident)
        key = app.get_key_display(binding)
        yield f"{binding.description} ({key})", f"Key {key}: {PALETTE_KEYS[ident]}", binding.action


def keys_by_id(app: App[Any]) -> dict[str, str]:
    """The key bound under each binding id by the app or a screen of it (the main screen's
    keys), as remapped and as the help shows it; the first node that binds an id wins."""
    keys: dict[str, str] = {}
    for node in (app, *app.screen_stack):
        for binding in remapped_bindings(app, node):
            if binding.id and binding.id not in keys:
                keys[binding.id] = app.get_key_display(binding)
    return keys


def key_for(app: App[Any], ident: str) -> str | None:
    """The key bound under `ident` (see keys_by_id); None when none binds it."""
    return keys_by_id(app).get(ident)
