"""The article list: one row per article of the current view, loaded page by page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from tuinews.models import ArticleRow
from tuinews.ui.format import relative_date
from tuinews.ui.highlight import highlight_text

PageLoader = Callable[[int, int], list[ArticleRow]]
PAGE_SIZE = 200
PREFETCH_MARGIN = 40


class ArticleList(DataTable[Text]):
    """Rows of (unread, star, date, source, title); asks for more rows near the end."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    @dataclass
    class Opened(Message):
        """The user pressed enter on an article."""

        article_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, show_header=False)
        self.rows_shown: list[ArticleRow] = []
        self._loader: PageLoader | None = None
        self._exhausted = True
        self._now: Callable[[], datetime] | None = None
        self.terms: list[str] = []

    def on_mount(self) -> None:
        self.add_column(" ", key="unread", width=1)
        self.add_column(" ", key="star", width=1)
        self.add_column("Date", key="date", width=6)
        self.add_column("Source", key="source", width=14)
        self.add_column("Title", key="title", width=20)

    def on_resize(self, event: Resize) -> None:
        self._fit_title()

    def _fit_title(self) -> None:
        """Share the width out: the source column shrinks or goes in a narrow list, the
        title takes the rest, and rows never scroll sideways."""
        title = self.columns.get(ColumnKey("title"))
        source = self.columns.get(ColumnKey("source"))
        if title is None or source is None:
            return
        # Reserve the scrollbar's width even before it appears.
        room = self.scrollable_content_region.width
        if not self.show_vertical_scrollbar:
            room -= self.styles.scrollbar_size_vertical
        source_width = 14 if room >= 72 else 10 if room >= 56 else 0
        fixed = sum(
            column.get_render_width(self)
            for key, column in self.columns.items()
            if key.value not in ("title", "source")
        )
        padding = 2 * self.cell_padding
        width = max(8, room - fixed - (source_width + padding) - padding)
        if (width, source_width) != (title.width, source.width):
            title.width = width
            source.width = source_width
            # DataTable has no public call to resize a column: these two refresh its layout.
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()

    def show(
        self,
        loader: PageLoader,
        now: Callable[[], datetime],
        keep: int | None,
        terms: list[str] | None = None,
    ) -> None:
        """Show a new view's rows; keep the cursor on article `keep` if it is loaded."""
        self.terms = terms or []
        # Keep the highlighted row where it was on screen, so a reload does not jump.
        offset_on_screen = self.cursor_row - round(self.scroll_y)
        self._loader = loader
        self._now = now
        self.rows_shown = []
        self.clear()
        self._exhausted = False
        self._load_more()
        while keep is not None and not self._exhausted and keep not in self._ids():
            if len(self.rows_shown) > 20 * PAGE_SIZE:
                break
            self._load_more()
        index = self._ids().index(keep) if keep in self._ids() else 0
        if self.rows_shown:
            self.move_cursor(row=index, animate=False, scroll=False)
            target = max(0, index - offset_on_screen) if keep in self._ids() else 0
            self.call_after_refresh(self.scroll_to, y=target, animate=False)

    def _ids(self) -> list[int]:
        return [row.id for row in self.rows_shown]

    def _load_more(self) -> None:
        if self._loader is None or self._exhausted:
            return
        page = self._loader(len(self.rows_shown), PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        for row in page:
            self.rows_shown.append(row)
            self.add_row(*self._cells(row), key=str(row.id))

    def _cells(self, row: ArticleRow) -> tuple[Text, Text, Text, Text, Text]:
        now = self._now() if self._now else row.date
        title_style = "" if row.read else "bold"
        return (
            Text(" " if row.read else "●", style="bold"),
            Text("★" if row.starred else " ", style="bold yellow"),
            Text(relative_date(row.date, now), style="dim"),
            Text(row.source, style="dim", overflow="ellipsis", no_wrap=True),
            highlight_text(
                Text(row.title, style=title_style, overflow="ellipsis", no_wrap=True), self.terms
            ),
        )

    def update_row(self, row: ArticleRow) -> None:
        """Redraw one article's row after its read or starred state changed."""
        ids = self._ids()
        if row.id not in ids:
            return
        self.rows_shown[ids.index(row.id)] = row
        for key, cell in zip(
            ("unread", "star", "date", "source", "title"), self._cells(row), strict=True
        ):
            self.update_cell(str(row.id), key, cell)

    @property
    def current(self) -> ArticleRow | None:
        """The highlighted article's row."""
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def select_id(self, article_id: int) -> bool:
        """Move the cursor to an article, loading pages until it is found."""
        while article_id not in self._ids() and not self._exhausted:
            self._load_more()
        if article_id not in self._ids():
            return False
        self.move_cursor(row=self._ids().index(article_id))
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows_shown) - PREFETCH_MARGIN:
            self._load_more()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(int(event.row_key.value)))
