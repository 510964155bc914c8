"""The article list: a window of the current view's rows, loaded page by page.

The list never holds a whole view: it starts with one page and asks for the next as
the cursor nears the end. Going to an article far down (a saved one at start-up, the
next unread) asks the store for its position and loads a window around it, so the
cost is a page, not every page before it; rows above the window load as the cursor
nears its top.
"""

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
# An article's index in the view's order (None when it is not in the view).
Locator = Callable[[int], int | None]
PAGE_SIZE = 200
PREFETCH_MARGIN = 40
# An article this far past the loaded rows gets a window of its own.
FAR = 2 * PAGE_SIZE


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
        self._index: dict[int, int] = {}  # article id -> its row in rows_shown
        self._base = 0  # the view's index of rows_shown[0]
        self._loader: PageLoader | None = None
        self._locate: Locator | None = None
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
        locate: Locator | None = None,
    ) -> None:
        """Show a new view's rows; keep the cursor on article `keep` if it is in the view.

        `locate` finds an article's index in the view, so that `keep` far down the
        list costs one page around it; without it, up to 20 pages are loaded to find it.
        """
        self.terms = terms or []
        # Keep the highlighted row where it was on screen, so a reload does not jump.
        offset_on_screen = self.cursor_row - round(self.scroll_y)
        self._loader = loader
        self._locate = locate
        self._now = now
        position = locate(keep) if keep is not None and locate is not None else None
        self._reset(self._window_start(position))
        if keep is not None and locate is None:
            while not self._exhausted and keep not in self._index:
                if len(self.rows_shown) > 20 * PAGE_SIZE:
                    break
                self._load_more()
        if keep is not None and position is not None:
            self._load_until(position)
        index = self._index.get(keep, 0) if keep is not None else 0
        if self.rows_shown:
            self.move_cursor(row=index, animate=False, scroll=False)
            target = max(0, index - offset_on_screen) if keep in self._index else 0
            self.call_after_refresh(self.scroll_to, y=target, animate=False)

    @staticmethod
    def _window_start(position: int | None) -> int:
        """Where to start loading so that `position` is in the first pages."""
        if position is None or position < FAR:
            return 0
        return position - PAGE_SIZE // 2

    def _reset(self, base: int) -> None:
        """Forget every row; load the page that starts at the view's index `base`."""
        self.rows_shown = []
        self._index = {}
        self._base = base
        self.clear()
        self._exhausted = False
        self._load_more()

    def _load_until(self, position: int) -> None:
        """Load pages until the view's index `position` is loaded (or the view ends)."""
        while not self._exhausted and position >= self._base + len(self.rows_shown):
            self._load_more()

    def _append(self, rows: list[ArticleRow]) -> None:
        for row in rows:
            self._index[row.id] = len(self.rows_shown)
            self.rows_shown.append(row)
            self.add_row(*self._cells(row), key=str(row.id))

    def _load_more(self) -> None:
        if self._loader is None or self._exhausted:
            return
        page = self._loader(self._base + len(self.rows_shown), PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        self._append([row for row in page if row.id not in self._index])

    def _load_earlier(self) -> None:
        """Put the page above the window in front of it; the cursor stays on its article."""
        if self._loader is None or self._base == 0:
            return
        start = max(0, self._base - PAGE_SIZE)
        page = [row for row in self._loader(start, self._base - start) if row.id not in self._index]
        if not page:
            self._base = 0
            return
        cursor, scroll_y = self.cursor_row, self.scroll_y
        rows = self.rows_shown
        self._base = start
        self.rows_shown, self._index = [], {}
        self.clear()
        self._append(page + rows)
        self.move_cursor(row=cursor + len(page), animate=False, scroll=False)
        self.scroll_to(y=scroll_y + len(page), animate=False, immediate=True)

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
        index = self._index.get(row.id)
        if index is None:
            return
        self.rows_shown[index] = row
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
        """Move the cursor to an article: load up to it when it is near, else around it."""
        if article_id not in self._index:
            if self._locate is None:
                while article_id not in self._index and not self._exhausted:
                    self._load_more()
            else:
                position = self._locate(article_id)
                if position is None:
                    return False
                end = self._base + len(self.rows_shown)
                if position < self._base or position >= end + FAR:
                    self._reset(max(0, position - PAGE_SIZE // 2))
                self._load_until(position)
        if article_id not in self._index:
            return False
        self.move_cursor(row=self._index[article_id])
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The cursor as it is now: a reload's clear() posts a stale highlight of row 0.
        row = self.cursor_row
        if row >= len(self.rows_shown) - PREFETCH_MARGIN:
            self._load_more()
        elif row < PREFETCH_MARGIN and self._base > 0:
            self._load_earlier()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(int(event.row_key.value)))
