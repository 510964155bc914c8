"""The import dialog's file browser and path field: browse up and down from any folder,
type a path to move there, Tab to complete it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.binding import Binding
from textual.widgets import DirectoryTree

from tuinews.importer.pipeline import NEWS_SUFFIXES
from tuinews.ui.screens.import_paste import PageField


class SourceBrowser(DirectoryTree):
    """A folder tree that shows only folders and files the importer can read; backspace
    goes up to the parent folder (above the home folder too)."""

    BINDINGS = [Binding("backspace", "parent", "Parent folder", id="import.parent")]

    def action_parent(self) -> None:
        folder = Path(self.path)
        if folder.parent != folder:
            self.path = folder.parent

    async def watch_path(self) -> None:
        await super().watch_path()
        self.root.set_label(display_path(Path(self.path)).rstrip("/") + "/")

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        # Hidden entries are skipped by the importer too; is_dir() may touch a slow disk,
        # but DirectoryTree calls this on its own loader thread.
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.suffix.lower() in NEWS_SUFFIXES or self._safe_is_dir(path))
        ]


def display_path(path: Path) -> str:
    """How a path is shown and typed: relative to the working folder inside it, else from ~."""
    for base, prefix in ((_cwd(), ""), (home(), "~/")):
        if base is None or len(base.parts) < 2:
            continue
        try:
            relative = path.relative_to(base)
        except ValueError:
            continue
        if relative == Path():
            return prefix.rstrip("/") or "."
        return f"{prefix}{relative}"
    return str(path)


def _cwd() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # the working folder was removed
        return None


def home() -> Path | None:
    try:
        return Path.home()
    except RuntimeError:
        return None


def typed_path(text: str) -> Path:
    """The path a user typed: `~` expanded, relative to the working folder."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else (_cwd() or Path()) / path


def folder_of(text: str) -> Path | None:
    """The folder a typed path names or sits in, if it exists: where the browser goes."""
    if not text.strip():
        return None
    path = typed_path(text)
    for candidate in (path, path.parent):
        try:
            if candidate.is_dir():
                return candidate
        except OSError:
            return None
    return None


def complete_path(text: str) -> str | None:
    """`text` extended as far as the folders and news files it can name agree, a folder
    ending in "/"; None when nothing can be added, or when `text` already names an entry
    (Tab then moves on, as it did before completion existed)."""
    if not text.strip():
        return None
    typed = typed_path(text)
    if not text.endswith("/") and _exists(typed):
        return None
    folder, start = (typed, "") if text.endswith("/") else (typed.parent, typed.name)
    try:
        names = [
            entry.name + ("/" if entry.is_dir() else "")
            for entry in folder.iterdir()
            if entry.name.startswith(start)
            and (start.startswith(".") or not entry.name.startswith("."))
            and (entry.is_dir() or entry.suffix.lower() in NEWS_SUFFIXES)
        ]
    except OSError:
        return None
    if not names:
        return None
    common = names[0] if len(names) == 1 else _common_prefix(names)
    added = common[len(start) :]
    return text + added if added else None


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _common_prefix(names: list[str]) -> str:
    first, last = min(names), max(names)
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), None)
    return first[: size if size is not None else min(len(first), len(last))]


class PathInput(PageField):
    """The path field: Tab completes the path typed so far, else moves on as usual (a
    pasted page goes to the paste area)."""

    BINDINGS = [Binding("tab", "complete", "Complete path", show=False, id="import.complete")]

    def action_complete(self) -> None:
        completed = complete_path(self.value)
        if completed is None:
            self.screen.focus_next()
            return
        self.value = completed
        self.cursor_position = len(completed)
