"""Import progress on the command line: a Rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from tuinews.importer.pipeline import ImportProgress, ProgressCallback


@contextmanager
def progress_reporter(stream: TextIO) -> Iterator[ProgressCallback]:
    """A progress callback for import_sources(), drawn on `stream`."""
    if not stream.isatty():

        def plain(progress: ImportProgress) -> None:
            stream.write(f"[{progress.done}/{progress.total}] {progress.label}\n")

        yield plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=stream, highlight=False)
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def draw(progress: ImportProgress) -> None:
            bar.update(
                task,
                completed=progress.done,
                total=progress.total,
                description=progress.label[-60:],
            )

        yield draw
