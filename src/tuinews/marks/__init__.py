"""Read and starred marks: an undo history and a writer that never blocks the reader."""

from tuinews.marks.history import UNDO_DEPTH, Marking, UndoHistory
from tuinews.marks.marks import Marks
from tuinews.marks.writer import Change, QueuedWriter

__all__ = ["UNDO_DEPTH", "Change", "Marking", "Marks", "QueuedWriter", "UndoHistory"]
