"""The article list: a window of the current view's rows, drawn line by line.

Which rows are loaded is the PagingWindow's business (tuinews.ui.paging): this widget
keeps the cursor and draws. It is a line-API widget: each screen line is drawn from its
row on demand, drawn lines are cached, and moving the cursor redraws the two lines that
changed. Moving through a million articles costs the same as moving through ten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuinews.models import ArticleRow
from tuinews.ui.format import relative_date
from tuinews.ui.highlight import highlight_text
from tuinews.ui.paging import PREFETCH_MARGIN, Locator, PageLoader, PagingWindow

CURSOR = "article-list--cursor"
# The columns: unread mark, star, date, source, title, one space between them. The
# date is at most 8 wide ("22 Nov", "Dec 2025": see relative_date).
DATE_WIDTH = 8
FIXED_ROOM = 1 + 1 + 1 + 1 + DATE_WIDTH + 1 + 1  # pad, unread, star, gap, date, gap, end pad
SOURCE_MIN, SOURCE_MAX = 10, 16


_BOLD = Style(bold=True)
_DIM = Style(dim=True)
_STAR = Style(bold=True, color="yellow")


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis. One line only."""
    text = " ".join(text.split()) if "\n" in text or "\t" in text else text
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + "…"


def column_widths(room: int) -> tuple[int, int]:
    """(source, title) widths for a list `room` cells wide: the title takes most of it;
    the source gets a sixth (10 to 16 cells), and goes in a narrow list."""
    source = 0 if room < 50 else max(SOURCE_MIN, min(SOURCE_MAX, room // 6))
    used = FIXED_ROOM + (source + 1 if source else 0)
    return source, max(8, room - used)


class ArticleList(ScrollView, can_focus=True):
    """Rows of (unread, star, date, source, title); asks for more rows near the end."""

    COMPONENT_CLASSES = {CURSOR}

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down", "cursor_down", "Down", show=False, id="list.down_arrow"),
        Binding("up", "cursor_up", "Up", show=False, id="list.up_arrow"),
        Binding("enter", "select_cursor", "Open", show=False, id="list.open"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="list.half_down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="list.half_up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last loaded", show=False, id="list.last"),
    ]

    @dataclass
    class Opened(Message):
        """The user pressed enter on (or clicked) an article."""

        article_id: int

    @dataclass
    class RowHighlighted(Message):
        """The cursor moved to another row."""

        row: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.window = PagingWindow()
        self._now: Callable[[], datetime] | None = None
        self.terms: list[str] = []
        self.empty_hint = ""  # what an empty view says: why it is empty, how to fill it
        self.cursor_row = 0
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._styles: dict[bool, Style] = {}

    # -- what the screen asks ------------------------------------------------

    @property
    def rows_shown(self) -> list[ArticleRow]:
        """The loaded rows, in the view's order."""
        return self.window.rows

    @property
    def row_count(self) -> int:
        return len(self.rows_shown)

    @property
    def current(self) -> ArticleRow | None:
        """The highlighted article's row."""
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    # -- loading -------------------------------------------------------------

    def show(
        self,
        loader: PageLoader,
        now: Callable[[], datetime],
        keep: int | None,
        terms: list[str] | None = None,
        locate: Locator | None = None,
    ) -> None:
        """Show a new view's rows; keep the cursor on article `keep` if it is in the view
        (`locate` finds it without paging through the rows before it)."""
        self.terms = terms or []
        # Keep the highlighted row where it was on screen, so a reload does not jump.
        offset_on_screen = self.cursor_row - round(self.scroll_y)
        self._now = now
        found = self.window.open(loader, locate, keep)
        self._lines.clear()
        self._rows_changed()
        self.refresh()
        self.cursor_row = found or 0
        target = max(0, self.cursor_row - offset_on_screen) if found is not None else 0
        self.scroll_to(y=target, animate=False, force=True)
        self.post_message(self.RowHighlighted(self.cursor_row))

    def _rows_changed(self) -> None:
        """Tell the scrollbar how many rows there are.

        Setting `virtual_size` asks for a layout of the whole screen, a full frame;
        the list's box does not change with its rows (its gutter is always there), so
        a layout is only needed when the scrollbar appears or goes.
        """
        size = Size(0, len(self.rows_shown))
        if size == self.virtual_size:
            return
        had_scrollbar = self.show_vertical_scrollbar
        self.set_reactive(ArticleList.virtual_size, size)
        self._scroll_update(size)
        self.refresh(layout=self.show_vertical_scrollbar != had_scrollbar)

    def _load_more(self) -> None:
        before = len(self.rows_shown)
        if self.window.load_more():
            self._rows_changed()
            if before < round(self.scroll_y) + self.size.height:
                self.refresh()  # the new rows may be on screen

    def _load_earlier(self) -> None:
        """Load the page above the window; the cursor stays on its article."""
        added = self.window.load_earlier()
        if added:
            self._rows_changed()
            self.cursor_row += added
            self.scroll_to(y=self.scroll_y + added, animate=False, force=True, immediate=True)
            self.refresh()

    def _prefetch(self) -> None:
        """Load the next page near the end of the window, the one before near its top."""
        if self.cursor_row >= len(self.rows_shown) - PREFETCH_MARGIN:
            self._load_more()
        elif self.cursor_row < PREFETCH_MARGIN and self.window.base > 0:
            self._load_earlier()

    def update_row(self, row: ArticleRow) -> None:
        """Redraw one article's row after its read or starred state changed."""
        index = self.window.replace(row)
        if index is not None:
            self.refresh_line(index)

    def select_id(self, article_id: int) -> bool:
        """Move the cursor to an article: load up to it when it is near, else around it."""
        before = len(self.rows_shown)
        index, replaced = self.window.find(article_id)
        if replaced:
            self._lines.clear()
            self.cursor_row = 0
            self.refresh()
        if replaced or len(self.rows_shown) != before:
            self._rows_changed()
        if index is None:
            return False
        self.move_cursor(row=index)
        return True

    # -- the cursor ----------------------------------------------------------

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        """Highlight row `row` (clamped to the loaded rows) and bring it into view."""
        if not self.rows_shown:
            return
        row = max(0, min(row, len(self.rows_shown) - 1))
        old, self.cursor_row = self.cursor_row, row
        self.refresh_line(old)
        self.refresh_line(row)
        if scroll:
            self._scroll_to_cursor()
        self.post_message(self.RowHighlighted(row))
        self._prefetch()

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True, immediate=True)
        elif height and self.cursor_row >= top + height:
            y = self.cursor_row - height + 1
            self.scroll_to(y=y, animate=False, force=True, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - max(1, self.scrollable_content_region.height - 1))

    def action_half_page(self, direction: int) -> None:
        """ctrl+d / ctrl+u: half a screen down or up."""
        step = max(1, self.scrollable_content_region.height // 2)
        self.move_cursor(row=self.cursor_row + direction * step)

    def action_first(self) -> None:
        while self.window.base > 0:
            self._load_earlier()
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self.rows_shown) - 1)

    def action_select_cursor(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current.id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + round(self.scroll_y)
        if 0 <= row < len(self.rows_shown):
            self.move_cursor(row=row)
            self.post_message(self.Opened(self.rows_shown[row].id))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # The mouse wheel scrolls without moving the cursor: load ahead of it too.
        if round(new_value) + self.size.height >= len(self.rows_shown) - PREFETCH_MARGIN:
            self.call_later(self._load_more)

    def on_focus(self) -> None:
        self._styles.clear()
        self.refresh()  # the cursor is drawn differently with focus

    def on_blur(self) -> None:
        self._styles.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if not 0 <= index < len(self.rows_shown):
            if not self.rows_shown and y == 1 and self.empty_hint:
                hint = Text(f" {self.empty_hint}", style="dim", no_wrap=True)
                hint.truncate(width, overflow="ellipsis", pad=True)
                line = Strip(hint.render(self.app.console))
                return line.apply_style(self._line_style(False))
            return Strip.blank(width, self._line_style(False))
        row = self.rows_shown[index]
        cursor = index == self.cursor_row
        key = (row, width, cursor, self.has_focus)  # focus tints every line
        strip = self._lines.get(key)
        if strip is None:
            strip = self._draw(row, width, cursor)
            self._lines[key] = strip
        return strip

    def _draw(self, row: ArticleRow, width: int, cursor: bool) -> Strip:
        source_width, title_width = column_widths(width)
        now = self._now() if self._now else row.date
        pad = Segment(" ")
        segments = [
            pad,
            Segment(" " if row.read else "●", _BOLD),
            Segment("★" if row.starred else " ", _STAR),
            pad,
            Segment(_fit(relative_date(row.date, now), DATE_WIDTH), _DIM),
            pad,
        ]
        if source_width:
            segments += [Segment(_fit(row.source, source_width), _DIM), pad]
        if self.terms:
            # Matches are styled inside the title: let Rich cut the styled text.
            title = highlight_text(Text(row.title, style="" if row.read else "bold"), self.terms)
            title.truncate(title_width, overflow="ellipsis", pad=True)
            title.no_wrap = True
            segments.extend(title.render(self.app.console))
        else:
            segments.append(Segment(_fit(row.title, title_width), None if row.read else _BOLD))
        segments.append(pad)
        return Strip(segments).adjust_cell_length(width).apply_style(self._line_style(cursor))

    def _line_style(self, cursor: bool) -> Style:
        """The list's own style (plus the cursor's): worked out once, not per line, as it
        walks up the widget tree; forgotten when the styles or the focus change."""
        style = self._styles.get(cursor)
        if style is None:
            style = self.rich_style
            if cursor:
                style += self.get_component_rich_style(CURSOR)
            self._styles[cursor] = style
        return style

    def refresh_line(self, y: int) -> None:
        """Redraw the row at index `y` if it is on screen."""
        top = round(self.scroll_y)
        if top <= y < top + self.size.height:
            self.refresh(Region(0, y - top, self.size.width, 1))
