"""Marking from the main screen: read (r), star (s), all read (A) and undo (u).

A base class of MainScreen, as reading_tools and enclosure_tools are. The marks go
through `Marks` (tuinews.marks), which writes at once when the store is free and queues
otherwise; the counts follow when the writer says the marks are saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.binding import Binding
from textual.screen import Screen

from tuinews.marks import Marks
from tuinews.models import Article, View, ViewKind
from tuinews.ui.messages import MarkFailed, MarksSaved
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.wording import counted


class Marking(Screen[None]):
    """The marking keys; the screen gives the article they act on and the refreshes."""

    BINDINGS = [
        Binding("r", "toggle_read", "Read", id="article.toggle_read"),
        Binding("s", "toggle_star", "Star", id="article.toggle_star"),
        Binding("A", "mark_all_read", "All read", id="view.mark_all_read"),
        Binding("u", "undo", "Undo", id="marks.undo"),
    ]

    marks: Marks
    article: Article | None
    clock: Callable[[], datetime]

    def _current(self) -> Article | None:
        raise NotImplementedError

    def current_view(self) -> View:
        raise NotImplementedError

    def _row_changed(self, article: Article) -> None:
        raise NotImplementedError

    def refresh_all(self, keep: int | None = None, *, from_top: bool = False) -> None:
        raise NotImplementedError

    def refresh_counts(self) -> None:
        raise NotImplementedError

    def action_toggle_read(self) -> None:
        article = self._current()
        if article is not None:
            label = "marked unread" if article.read else "marked read"
            self.marks.set_read([article.id], not article.read, label)
            self._after_mark(article.id)

    def action_toggle_star(self) -> None:
        article = self._current()
        if article is not None:
            self.marks.set_starred(article.id, not article.starred)
            self._after_mark(article.id)

    def action_mark_all_read(self) -> None:
        """Mark every unread article of the current view read, and say how many."""
        view = self.current_view()
        if view.kind is ViewKind.SEARCH:
            ids = [row.id for row in self.query_one(ArticleList).rows_shown if not row.read]
            ids = self.marks.set_read(ids, True, f"{len(ids)} marked read")
        else:
            ids = self.marks.mark_view_read(
                view, self.clock(), lambda count: f"{count} marked read"
            )
        label = view.label  # a category's name or a search: data, never markup
        note = f"Marked {counted(len(ids), 'article')} read in {label} (u to undo)."
        if not ids:
            note = f"No unread articles in {label}."
        self.notify(note, timeout=4, markup=False)
        self.refresh_all()
        self.refresh_bindings()

    def action_undo(self) -> None:
        marking = self.marks.undo()
        if marking is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.notify(marking.undone(), markup=False)
        if self.article is not None and self.article.id in marking.previous:
            self.article = self.marks.article(self.article.id)
        self.refresh_all()
        self.refresh_bindings()

    def _after_mark(self, article_id: int) -> None:
        fresh = self.marks.article(article_id)
        if fresh is None:
            return
        if self.article is not None and self.article.id == article_id:
            self.article = fresh
        self._row_changed(fresh)
        self.refresh_bindings()

    def on_marks_saved(self, message: MarksSaved) -> None:
        self.refresh_counts()

    def on_mark_failed(self, message: MarkFailed) -> None:
        self.notify(message.reason, severity="error", markup=False)
        self.refresh_all()

    def on_unmount(self) -> None:
        self.marks.close()
