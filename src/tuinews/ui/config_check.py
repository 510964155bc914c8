"""What the config file names that the reader does not know: binding ids and themes.

Textual ignores a keymap entry for an id nobody has, and a theme it does not know: the
user would never learn why a key did not change. The ids come from every BINDINGS list
of the ui package, dialogs included (imported here, off the first screen's path).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.app import App
from textual.binding import Binding

import tuinews.ui
from tuinews.config import Settings


def known_binding_ids() -> set[str]:
    """Every binding id of the ui package's screens and widgets."""
    ids: set[str] = set()
    for module_info in pkgutil.walk_packages(tuinews.ui.__path__, "tuinews.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            for binding in getattr(cls, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids


def config_warnings(keys: dict[str, str], theme: str, themes: set[str]) -> list[str]:
    """One line per unknown binding id in [keys], and for an unknown theme."""
    warnings = []
    unknown = sorted(set(keys) - known_binding_ids())
    if unknown:
        warnings.append(
            f"Unknown binding id in [keys] of the config file: {', '.join(unknown)}"
            " (? lists the ids)."
        )
    if theme not in themes:
        warnings.append(f"Unknown theme {theme!r} in the config file: using the default.")
    return warnings


def report_config(app: App[None], settings: Settings, themes: set[str]) -> None:
    """On a worker thread: notify each config warning."""
    for warning in config_warnings(settings.keys, settings.theme, themes):
        app.call_from_thread(app.notify, warning, severity="warning", markup=False)
