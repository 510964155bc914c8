"""The main screen: sidebar, article list and reader. It holds the state; panes post up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header

from tuinews.models import Article, ArticleRow, View, ViewKind
from tuinews.store import Store
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar

NARROW_WIDTH = 100


class MainScreen(Screen[None]):
    """Three panes. The selected view and the open article live here."""

    BINDINGS = [
        Binding("J", "next_article", "Next", id="article.next"),
        Binding("K", "previous_article", "Previous", id="article.previous"),
        Binding("n", "next_unread", "Next unread", id="article.next_unread"),
        Binding("r", "toggle_read", "Read", id="article.toggle_read"),
        Binding("s", "toggle_star", "Star", id="article.toggle_star"),
        Binding("escape", "back", "Back", show=False, id="back"),
        Binding("b", "toggle_sidebar", "Sidebar", id="sidebar.toggle"),
    ]

    view: reactive[View] = reactive(View(), init=False)

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            yield ArticleList(id="articles")
            yield Reader(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_all()
        self.query_one(ArticleList).focus()

    # -- state ---------------------------------------------------------------

    def _now(self) -> datetime:
        return self.clock()

    def refresh_all(self, keep: int | None = None) -> None:
        """Reload counts and the current view's rows (after an import or a mark)."""
        self.refresh_counts()
        self._load_view(keep)

    def refresh_counts(self) -> None:
        counts = self.store.counts(self._now())
        if self.view.kind is ViewKind.CATEGORY and self.view.category not in counts.categories:
            self.view = View()
        self.query_one(Sidebar).show_counts(counts, self.view)
        view_count = (
            counts.categories[self.view.category or ""]
            if self.view.kind is ViewKind.CATEGORY
            else counts.views[self.view.kind]
        )
        self.query_one(ArticleList).border_title = f"{self.view.label} ({view_count.total})"
        self.sub_title = f"{self.view.label} · {counts.views[ViewKind.UNREAD].unread} unread"

    def _load_view(self, keep: int | None = None) -> None:
        view = self.view
        articles = self.query_one(ArticleList)

        def loader(offset: int, limit: int) -> list[ArticleRow]:
            return self.store.page(view, now=self._now(), limit=limit, offset=offset)

        articles.show(loader, self._now, keep)

    def watch_view(self) -> None:
        self.refresh_counts()
        self._load_view()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "narrow")

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # In a narrow terminal the reader takes the whole width while it has focus.
        self.set_class(self.query_one(Reader).has_focus, "reading")

    # -- events from the panes -----------------------------------------------

    @on(Sidebar.Selected)
    def _view_selected(self, event: Sidebar.Selected) -> None:
        if event.view != self.view:
            self.view = event.view

    @on(Sidebar.Entered)
    def _view_entered(self, event: Sidebar.Entered) -> None:
        if event.view != self.view:
            self.view = event.view
        self.query_one(ArticleList).focus()
        self.remove_class("show-sidebar")

    @on(ArticleList.Opened)
    def _article_opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id, focus_reader=True)

    def open_article(self, article_id: int, *, focus_reader: bool = False) -> None:
        """Show an article in the reader and mark it read."""
        article = self.store.get(article_id)
        if article is None:
            return
        if not article.read:
            self.store.set_read([article.id], True)
            article = self.store.get(article_id) or article
            self._row_changed(article)
        self.article = article
        self.query_one(Reader).show_article(article)
        if focus_reader:
            self.query_one(Reader).focus()

    def _row_changed(self, article: Article) -> None:
        self.query_one(ArticleList).update_row(
            ArticleRow(
                id=article.id,
                title=article.title,
                source=article.source,
                category=article.category,
                published=article.published,
                imported_at=article.imported_at,
                read=article.read,
                starred=article.starred,
            )
        )
        self.refresh_counts()

    def _current(self) -> Article | None:
        """The article the keys act on: the open one in the reader, else the highlighted."""
        if self.query_one(Reader).has_focus and self.article is not None:
            return self.store.get(self.article.id)
        row = self.query_one(ArticleList).current
        return self.store.get(row.id) if row else None

    # -- actions -------------------------------------------------------------

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
        """The next unread article in this view; then in the following categories."""
        articles = self.query_one(ArticleList)
        after = articles.current if self.article is not None else None
        found = self.store.next_unread(self.view, now=self._now(), after=after)
        if found is None:
            found = self._next_unread_elsewhere()
            if found is None:
                self.notify("No unread articles left.", timeout=3)
                return
        articles.select_id(found)
        self.open_article(found)

    def _next_unread_elsewhere(self) -> int | None:
        """Move to the next category with unread articles; return its first unread."""
        counts = self.store.counts(self._now())
        names = list(counts.categories)
        start = (
            names.index(self.view.category) + 1
            if self.view.kind is ViewKind.CATEGORY and self.view.category in names
            else 0
        )
        for name in names[start:] + names[:start]:
            if counts.categories[name].unread:
                self.view = View(ViewKind.CATEGORY, name)
                return self.store.next_unread(self.view, now=self._now(), after=None)
        return None

    def action_toggle_read(self) -> None:
        article = self._current()
        if article is not None:
            self.store.set_read([article.id], not article.read)
            self._after_mark(article.id)

    def action_toggle_star(self) -> None:
        article = self._current()
        if article is not None:
            self.store.set_starred(article.id, not article.starred)
            self._after_mark(article.id)

    def _after_mark(self, article_id: int) -> None:
        fresh = self.store.get(article_id)
        if fresh is None:
            return
        if self.article is not None and self.article.id == article_id:
            self.article = fresh
        self._row_changed(fresh)

    def action_back(self) -> None:
        if self.has_class("show-sidebar"):
            self.remove_class("show-sidebar")
            self.query_one(ArticleList).focus()
        elif self.query_one(Reader).has_focus:
            self.query_one(ArticleList).focus()

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
