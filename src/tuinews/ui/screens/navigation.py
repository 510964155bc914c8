"""Moving around the main screen: next/previous/next unread, paging, panes, the sidebar.

A base class of MainScreen, so that the moving keys and actions live in one place of their own.
The screen's state (the view, the open article) is declared here; MainScreen sets it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from tuinews.marks import Marks
from tuinews.models import Article, ArticleRow, ListOrder, View, ViewKind
from tuinews.store import Store
from tuinews.ui.screens.reading_tools import ReadingTools
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar
from tuinews.ui.widgets.splitter import Splitter

SPLIT_SETTING = "ui.split"
SPLIT_MIN, SPLIT_MAX = 20, 80
# With no article open the list has the whole width: the split shows once one opens.
SPLIT_UNSEEN = "seen when an article is open (enter)."
# The reader's width by default: 60 columns of text (with its border and padding), or
# two fifths of a wide screen; never less than half the room or than the list needs.
READER_COMFORT, LIST_MIN = 64, 40


def saved_split(value: str | None) -> int | None:
    """The list's share of the split from its setting (None, the default, when unset)."""
    return int(value) if value and value.isdigit() else None


def reader_width(room: int, split: int | None) -> int:
    """The reader's width in cells, `room` being the width beside the sidebar; `split`
    is the list's share of it in percent, None for the default."""
    if split is not None:
        return room * (100 - split) // 100
    return min(max(READER_COMFORT, room * 2 // 5), max(room // 2, room - LIST_MIN))


def row_of(article: Article) -> ArticleRow:
    """The list's row for an article (after its marks changed)."""
    return ArticleRow(
        id=article.id,
        title=article.title,
        source=article.source,
        category=article.category,
        published=article.published,
        imported_at=article.imported_at,
        read=article.read,
        starred=article.starred,
    )


class Navigation(ReadingTools):
    """Keys that move between articles, views and panes."""

    BINDINGS = [
        Binding("J", "next_article", "Next", id="article.next"),
        Binding("K", "previous_article", "Previous", id="article.previous"),
        Binding("n", "next_unread", "Next unread", id="article.next_unread"),
        Binding("space", "page", "Page", show=False, id="reader.page"),
        Binding("h", "pane_left", "Pane left", show=False, id="pane.left"),
        Binding("l", "pane_right", "Pane right", show=False, id="pane.right"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("b", "toggle_sidebar", "Sidebar", show=False, id="sidebar.toggle"),
        Binding("less_than_sign", "split(-5)", "Narrower list", show=False, id="split.narrower"),
        Binding("greater_than_sign", "split(5)", "Wider list", show=False, id="split.wider"),
        Binding("equals_sign", "split_default", "Default split", show=False, id="split.default"),
    ]

    # The panes redraw what changed; repainting the whole screen would cost a full frame.
    view: reactive[View] = reactive(View(), init=False, repaint=False)

    store: Store
    clock: Callable[[], datetime]
    marks: Marks
    article: Article | None
    split: int | None = None  # the list's share in percent; None: the default for the width

    def open_article(self, article_id: int, *, focus_reader: bool = False) -> None:
        """Show an article in the reader and mark it read (MainScreen's)."""
        raise NotImplementedError

    def shown_order(self) -> ListOrder:
        """The order of the list on screen (ListOrdering's)."""
        raise NotImplementedError

    # -- the split between list and reader -------------------------------------

    def show_split(self, percent: int | None) -> None:
        """Give the list `percent` of the room beside the sidebar (None: the default)."""
        self.split = None if percent is None else max(SPLIT_MIN, min(SPLIT_MAX, percent))
        self.layout_panes()

    def _room(self) -> int:
        """The width beside the sidebar (shown or not) and the splitter."""
        sidebar = self.query_one(Sidebar).styles.width
        return self.size.width - 1 - (int(sidebar.value) if sidebar is not None else 0)

    def layout_panes(self) -> None:
        """Size the reader for the split; with no article open it is closed and the list
        takes its room. The list takes what the reader and the sidebar leave, so hiding
        the sidebar widens the list, not the reader."""
        narrow = self.has_class("narrow")
        closed = self.article is None and not narrow
        reader = self.query_one(Reader)
        # On the two panes, not the screen: a class on the screen restyles every widget.
        reader.set_class(closed, "-closed")
        self.query_one(Splitter).set_class(closed, "-closed")
        if closed and reader.has_focus:
            self.query_one(ArticleList).focus()
        reader.styles.width = "1fr" if narrow else reader_width(self._room(), self.split)

    def close_article(self) -> None:
        """Close the reader: the list takes its room until the next article opens."""
        self.article = None
        self.query_one(Reader).show_article(None)
        self.layout_panes()
        self.refresh_bindings()

    def action_split_default(self) -> None:
        """=: back to the split that suits the terminal's width (forgets the moved one)."""
        self.show_split(None)
        self.marks.save_setting(SPLIT_SETTING, "")
        if self.article is None:
            self.notify(f"Split: the default for the width, {SPLIT_UNSEEN}", timeout=3)

    @on(Splitter.Dragged)
    def _split_dragged(self, event: Splitter.Dragged) -> None:
        room = self._room()
        reader = self.query_one(Reader).region.right - event.x - 1
        if room > 0:
            self.show_split(round(100 - reader * 100 / room))
        if event.done:
            self.marks.save_setting(SPLIT_SETTING, str(self.split))

    def action_split(self, step: int) -> None:
        """< and >: move the split between the list and the reader (remembered)."""
        if self.has_class("narrow"):
            self.notify(
                "Under 100 columns the list and the reader take the width in turn:"
                " there is no split to move.",
                timeout=3,
            )
            return
        room = self._room()
        if self.split is not None:
            percent = self.split
        else:
            percent = round(100 - reader_width(room, None) * 100 / max(1, room))
        self.show_split(percent + step)
        self.marks.save_setting(SPLIT_SETTING, str(self.split))
        # Say what a key did that the screen does not show: a split at its end, or
        # one behind the closed reader.
        if self.split == percent:
            end = "widest" if step > 0 else "narrowest"
            self.notify(f"The list is at its {end}: {self.split}% of the width.", timeout=3)
        elif self.article is None:
            self.notify(f"Split: the list {self.split}%, {SPLIT_UNSEEN}", timeout=3)

    # -- between articles ----------------------------------------------------

    def _step(self, delta: int) -> None:
        articles = self.query_one(ArticleList)
        if not articles.rows_shown:
            return
        if self.article is not None and articles.current and articles.current.id != self.article.id:
            articles.select_id(self.article.id)
        target = articles.cursor_row + delta if self.article is not None else articles.cursor_row
        if 0 <= target < articles.row_count:
            articles.move_cursor(row=target)
            if articles.current is not None:
                self.open_article(articles.current.id)
        else:
            self.notify("No more articles in this view.", timeout=2)

    def action_next_article(self) -> None:
        self._step(+1)

    def action_previous_article(self) -> None:
        self._step(-1)

    def action_next_unread(self) -> None:
        """The highlighted article if it is unread and not open; else the next unread one
        after it in this view; then in the following categories."""
        articles = self.query_one(ArticleList)
        current = articles.current
        open_id = self.article.id if self.article is not None else None
        if (
            current is not None
            and current.id != open_id
            and not current.read
            and not self.marks.pending_read(current.id)
        ):
            found: int | None = current.id
        elif self.view.kind is ViewKind.SEARCH:
            found = self._next_unread_in_list(current)
        else:
            found = self._next_unread(current)
        if found is None:
            found = self._next_unread_elsewhere()
            if found is None:
                self.notify("No unread articles left.", timeout=3)
                return
        articles.select_id(found)
        self.open_article(found)

    def _next_unread(self, after: ArticleRow | None) -> int | None:
        """The store's next unread article, passing over those waiting to be marked read."""
        order = self.shown_order()
        found = self.store.next_unread(self.view, now=self.clock(), after=after, order=order)
        while found is not None and self.marks.pending_read(found):
            article = self.marks.article(found)
            if article is None:
                return None
            found = self.store.next_unread(
                self.view, now=self.clock(), after=row_of(article), order=order
            )
        return found

    def _next_unread_in_list(self, after: ArticleRow | None) -> int | None:
        rows = self.query_one(ArticleList).rows_shown
        start = rows.index(after) + 1 if after in rows else 0
        return next((row.id for row in rows[start:] if not row.read), None)

    def _next_unread_elsewhere(self) -> int | None:
        """Move to the next category with unread articles; return its first unread. From a
        feed, its own category comes first (its other feeds' unread articles)."""
        counts = self.marks.counts(self.clock())
        names = list(counts.categories)
        grouped = self.view.kind in (ViewKind.CATEGORY, ViewKind.FEED)
        start = 0
        if grouped and self.view.category in names:
            start = names.index(self.view.category) + (self.view.kind is ViewKind.CATEGORY)
        for name in names[start:] + names[:start]:
            if counts.categories[name].unread:
                self.view = View(ViewKind.CATEGORY, name)
                return self._next_unread(None)
        return None

    def action_page(self) -> None:
        """Page down in the reader; at the end of the article, go to the next unread."""
        reader = self.query_one(Reader)
        if self.article is not None and not reader.at_end:
            reader.action_page_down()
        else:
            self.action_next_unread()

    # -- between panes -------------------------------------------------------

    def _panes(self) -> list[Widget]:
        """The panes of a wide screen, left to right."""
        sidebar = [] if self.has_class("hide-sidebar") else [self.query_one(Sidebar)]
        return [*sidebar, self.query_one(ArticleList), self.query_one(Reader)]

    def action_pane_left(self) -> None:
        """h: the pane to the left (from the list in a narrow terminal: the sidebar)."""
        focused = self.focused
        if self.has_class("narrow"):
            if isinstance(focused, Reader):
                self.query_one(ArticleList).focus()
            elif isinstance(focused, ArticleList):
                self.action_toggle_sidebar()
            return
        panes = self._panes()
        if focused in panes and panes.index(focused) > 0:
            panes[panes.index(focused) - 1].focus()

    def action_pane_right(self) -> None:
        """l: the pane to the right; from the list, the highlighted article in the reader."""
        focused = self.focused
        if isinstance(focused, Sidebar):
            if self.has_class("narrow"):
                self.action_toggle_sidebar()
            else:
                self.query_one(ArticleList).focus()
        elif isinstance(focused, ArticleList) and focused.current is not None:
            if self.article is None or self.article.id != focused.current.id:
                self.open_article(focused.current.id, focus_reader=True)
            else:
                self.query_one(Reader).focus()

    def action_cycle_pane(self, step: int) -> None:
        """tab / shift+tab: the next / previous pane, round, the reader only with an article
        open. Under 100 columns the pane reached is the one shown (the sidebar's overlay)."""
        panes = self._panes()
        if self.article is None:
            panes.remove(self.query_one(Reader))
        if self.has_class("narrow") and self.query_one(Sidebar) not in panes:
            panes.insert(0, self.query_one(Sidebar))  # hidden at a wide size: the overlay
        focused = self.focused
        if focused not in panes:  # the search field: on to the next widget, as Textual does
            if step > 0:
                self.focus_next()
            else:
                self.focus_previous()
            return
        target = panes[(panes.index(focused) + step) % len(panes)]
        if self.has_class("narrow"):
            self.set_class(isinstance(target, Sidebar), "show-sidebar")
        target.focus()

    def action_toggle_sidebar(self) -> None:
        if self.has_class("narrow"):
            self.toggle_class("show-sidebar")
            if self.has_class("show-sidebar"):
                self.query_one(Sidebar).focus()
            else:
                self.query_one(ArticleList).focus()
        else:
            self.toggle_class("hide-sidebar")
            if self.has_class("hide-sidebar") and self.query_one(Sidebar).has_focus:
                self.query_one(ArticleList).focus()
