"""The main screen: sidebar, article list and reader. It holds the state; panes post up."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.widgets import Input

from tuinews.marks import Marks
from tuinews.models import Article, ArticleRow, Sort, View, ViewKind
from tuinews.numbered import Numbered
from tuinews.store import Store
from tuinews.store.feed_entries import feed_entries, with_feed_categories
from tuinews.store.saved import list_views
from tuinews.store.subscriptions import feed_problems
from tuinews.ui.backdrop import UnderDialogs
from tuinews.ui.highlight import search_terms
from tuinews.ui.messages import MarkFailed, MarksSaved
from tuinews.ui.screens.app_messages import AppMessages
from tuinews.ui.screens.enclosure_tools import EnclosureTools
from tuinews.ui.screens.list_order import ListOrdering, empty_hint, opened_from
from tuinews.ui.screens.marking import Marking
from tuinews.ui.screens.navigation import SPLIT_SETTING, Navigation, row_of, saved_split
from tuinews.ui.screens.saved_views import ViewTools
from tuinews.ui.widgets.article_list import ArticleList
from tuinews.ui.widgets.key_footer import KeyFooter
from tuinews.ui.widgets.reader import Reader
from tuinews.ui.widgets.sidebar import Sidebar
from tuinews.ui.widgets.splitter import Splitter
from tuinews.ui.widgets.top_bar import TopBar

NARROW_WIDTH = 100
VIEW_SETTING, ARTICLE_SETTING, OPENED_SETTING = "ui.view", "ui.article", "ui.opened"


class MainScreen(
    UnderDialogs, Marking, ListOrdering, Navigation, ViewTools, EnclosureTools, AppMessages
):
    """Three panes. The selected view and the open article live here."""

    BINDINGS = [
        Binding("o", "open_link", "Open", id="article.open_link"),
        Binding("y", "copy_link", "Copy link", show=False, id="article.copy_link"),
        Binding("slash", "search", "Search", id="search.start"),
        Binding("escape", "back", "Back", show=False, id="back"),
        # The sidebar shows `!` in the footer (its own binding, under this id, opens on the
        # feed under its highlight); an empty feed view names the key from the list.
        Binding(
            "exclamation_mark",
            "app.feeds",
            "Feeds… (from the sidebar: on its feed)",
            show=False,
            id="feeds.open",
        ),
    ]

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.marks = Marks(
            store,
            clock,
            on_saved=lambda: self.post_message(MarksSaved()),
            on_failed=lambda reason: self.post_message(MarkFailed(reason)),
        )
        self.article: Article | None = None
        self.before_search: View | None = None
        self.activity = ""
        self._linked: bool | None = None  # the link keys' state the footer shows

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        yield Input(placeholder='Search: words, prefixes, "a phrase"', id="search")
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            with Vertical(id="list-pane"):
                yield ArticleList(id="articles")
            yield Splitter(id="splitter")
            yield Reader(id="reader")
        yield KeyFooter()

    def on_mount(self) -> None:
        view = View.from_setting(self.store.get_setting(VIEW_SETTING))
        self.set_reactive(MainScreen.view, view)
        self.order = self.saved_order(view)
        self.query_one(Sidebar).opened = opened_from(self.store.get_setting(OPENED_SETTING))
        self.show_split(saved_split(self.store.get_setting(SPLIT_SETTING)))
        saved = self.store.get_setting(ARTICLE_SETTING)
        self.refresh_all(keep=int(saved) if saved and saved.isdigit() else None)
        self.query_one(ArticleList).focus()

    # -- state ---------------------------------------------------------------

    def refresh_all(self, keep: int | None = None, *, from_top: bool = False) -> None:
        """Reload counts and the current view's rows (after an import or an undo).

        The highlighted article stays highlighted, where it was on screen, unless
        `from_top` asks for the list to start again at its first row.
        """
        current = None if from_top else self.query_one(ArticleList).current
        self.refresh_counts()
        self._load_view(keep if keep is not None else current.id if current else None)

    def refresh_counts(self) -> None:
        self.feeds = feed_entries(self.store.conn)
        counts = with_feed_categories(self.marks.counts(self.clock()), self.feeds)
        shown = self.view
        if self.view.kind is ViewKind.CATEGORY and self.view.category not in counts.categories:
            self.set_reactive(MainScreen.view, View())
        saved = list_views(self.store.conn)
        if self.view.kind is ViewKind.SAVED and self.view.name not in {v.name for v in saved}:
            self.set_reactive(MainScreen.view, View())  # renamed or removed meanwhile
        if self.view.kind is ViewKind.FEED:  # unsubscribed meanwhile: All; else its title
            feed = self.feed_entry()
            self.set_reactive(MainScreen.view, feed.view if feed is not None else View())
        if self.view != shown:
            self.order = self.saved_order(self.view)  # the view fell back to All
        search = self.view if self.view.kind is ViewKind.SEARCH else None
        sidebar = self.query_one(Sidebar)
        sidebar.show_counts(
            counts,
            self.view,
            search,
            problems=feed_problems(self.store),
            saved=saved,
            feeds=self.feeds,
        )
        # A Text: a category's name or a search is data, never markup.
        self.query_one(ArticleList).border_title = Text(self.list_title(counts))
        unread = counts.views[ViewKind.UNREAD].unread
        activity = f" · {self.activity}" if self.activity else ""
        self.query_one(TopBar).show_status(f"{self.view_status()} · {unread} unread{activity}")

    def _load_view(self, keep: int | None = None) -> None:
        view, order = self.view, self.shown_order()

        def loader(offset: int, limit: int) -> list[ArticleRow]:
            rows = self.store.page(view, now=self.clock(), limit=limit, offset=offset, order=order)
            return self.marks.rows(rows)

        def locate(article_id: int) -> int | None:
            return self.store.position(view, article_id, self.clock(), order)

        # A search ranks its rows: its list finds an article by paging, not by position.
        locator = None if order.sort is Sort.BEST else locate
        articles = self.query_one(ArticleList)
        articles.empty_hint = empty_hint(view, order)
        articles.show(loader, self.clock, keep, search_terms(view.query), locate=locator)

    def reload_list(self) -> None:
        self.refresh_all()

    def watch_view(self, view: View) -> None:
        self.order = self.saved_order(view)
        self.refresh_counts()
        self._load_view()
        self.marks.save_setting(VIEW_SETTING, view.to_setting())

    def show_activity(self, text: str) -> None:
        """Background work in the top bar (e.g. 'refreshing 3/10'); "" clears it."""
        self.activity = text
        self.refresh_counts()

    def save_state(self) -> None:
        """Remember the highlighted article for the next start."""
        current = self.query_one(ArticleList).current
        if current is not None:
            self.marks.save_setting(ARTICLE_SETTING, str(current.id))

    def on_resize(self, event: Resize) -> None:
        # (The footer stays non-compact: compact keys overflowed onto the palette's key.)
        self.set_class(event.size.width < NARROW_WIDTH, "narrow")
        self._show_reading()
        self.layout_panes()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self._show_reading()

    def _show_reading(self) -> None:
        # In a narrow terminal the reader takes the whole width while it has focus. Only
        # there: a class on the screen restyles every widget on it, which a wide terminal
        # would pay for nothing on each article opened and each escape.
        reading = self.has_class("narrow") and self.query_one(Reader).has_focus
        self.set_class(reading, "reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which keys are live: the footer dims the others, the keys do nothing."""
        if getattr(self.app, "quitting", False):
            return False  # keys typed after `q` (see TuinewsApp.check_action)
        if action == "undo":
            return bool(self.marks.history) or None
        if action in ("open_link", "copy_link"):
            article = self._current()
            return (article is not None and article.url is not None) or None
        return True

    # -- events from the panes -----------------------------------------------

    @on(Sidebar.Selected)
    def _view_selected(self, event: Sidebar.Selected) -> None:
        # Keys queued faster than views load: only the last move's view is loaded.
        if event.view != self.query_one(Sidebar).highlighted_view:
            return
        if event.view != self.view:
            self.view = event.view
            self._close_for_another_view()

    def _close_for_another_view(self) -> None:
        # Another view chosen in the sidebar: its list takes the width, as the reader is
        # closed until one of its articles opens (the open one may not be in it at all:
        # "Today (0)" beside an article from All).
        if self.article is not None:
            self.close_article()

    @on(Sidebar.Entered)
    def _view_entered(self, event: Sidebar.Entered) -> None:
        if event.view != self.view:
            self.view = event.view
            self._close_for_another_view()
        self.query_one(ArticleList).focus()
        self.remove_class("show-sidebar")

    @on(Sidebar.OpenedChanged)
    def _opened_changed(self, event: Sidebar.OpenedChanged) -> None:
        self.marks.save_setting(OPENED_SETTING, json.dumps(sorted(event.opened)))

    @on(ArticleList.Opened)
    def _article_opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id, focus_reader=True)

    @on(ArticleList.RowHighlighted)
    def _row_highlighted(self) -> None:
        # Only the link keys depend on the highlighted row: redraw the footer (a
        # recompose and a layout, tens of ms) only when their state flips, not per key.
        linked = self._links_live()
        if linked != self._linked:
            self._linked = linked
            self.refresh_bindings()

    def _links_live(self) -> bool:
        article = self._current()
        return article is not None and article.url is not None

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            self._end_search()
            return
        if self.view.kind is not ViewKind.SEARCH:
            self.before_search = self.view
        self.view = View(ViewKind.SEARCH, query=query)
        self.remove_class("searching")
        self.query_one(ArticleList).focus()
        if not self.query_one(ArticleList).rows_shown:
            self.notify(f"Nothing matches {query!r}.", timeout=3, markup=False)

    def open_article(self, article_id: int, *, focus_reader: bool = False) -> None:
        """Show an article in the reader and mark it read."""
        article = self.marks.article(article_id)
        if article is None:
            return
        if not article.read:
            self.marks.set_read([article.id], True, "opened")
            article = self.marks.article(article_id) or article
            self._row_changed(article)
        opening, self.article = self.article is None, article
        if opening:
            self.layout_panes()  # the reader opens
        self.query_one(Reader).show_article(article, search_terms(self.view.query))
        # In a narrow terminal the reader shows only with the focus: an article opened
        # by n, J or K from the list was marked read unseen.
        if focus_reader or self.has_class("narrow"):
            self.query_one(Reader).focus()
        self.refresh_bindings()

    def _row_changed(self, article: Article) -> None:
        self.query_one(ArticleList).update_row(row_of(article))
        self.refresh_counts()

    def _current(self) -> Article | None:
        """The article the keys act on: the open one in the reader, else the highlighted."""
        if self.query_one(Reader).has_focus and self.article is not None:
            return self.marks.article(self.article.id)
        row = self.query_one(ArticleList).current
        return self.marks.article(row.id) if row else None

    # -- links ---------------------------------------------------------------

    def tool_article(self) -> Article | None:
        return self._current()

    def open_links(self) -> Numbered | None:
        return None if self.article is None else self.query_one(Reader).numbered

    def current_view(self) -> View:
        return self.view

    def show_view(self, view: View) -> None:
        names = {saved.name for saved in list_views(self.store.conn)}
        if view.kind is ViewKind.SAVED and view.name not in names:
            view = View()
        if view == self.view:
            self.refresh_all()
        else:
            self.jump_to(view)

    def article_changed(self, article_id: int) -> None:
        self.refresh_all()
        if self.article is not None and self.article.id == article_id:
            self.article = self.marks.article(article_id) or self.article
            self.query_one(Reader).show_article(self.article, search_terms(self.view.query))

    def action_open_link(self) -> None:
        article = self._current()
        if article is not None and article.url:
            self.hand_on(article.url, copy=False)

    def action_copy_link(self) -> None:
        article = self._current()
        if article is not None and article.url:
            self.hand_on(article.url, copy=True)

    # -- search and navigation -----------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        self.add_class("searching")
        search.value = self.view.query or ""
        search.focus()

    def _end_search(self) -> None:
        self.remove_class("searching")
        if self.view.kind is ViewKind.SEARCH:
            self.view = self.before_search or View()
        self.query_one(ArticleList).focus()

    def jump_to(self, view: View, article_id: int | None = None) -> None:
        """Show a view (and an article in it): used by the palette and after imports."""
        if view != self.view:
            self.view = view
        if article_id is not None and self.query_one(ArticleList).select_id(article_id):
            self.open_article(article_id)
            if self.has_class("narrow"):
                return  # the reader has the width and the focus: the article is seen
        self.query_one(ArticleList).focus()

    def action_back(self) -> None:
        if self.has_class("searching") or self.view.kind is ViewKind.SEARCH:
            self._end_search()
        elif self.has_class("show-sidebar"):
            self.remove_class("show-sidebar")
            self.query_one(ArticleList).focus()
        elif self.query_one(Reader).has_focus:
            self.query_one(ArticleList).focus()
        elif self.article is not None:
            self.close_article()
