"""The article list's window on a view: which rows are loaded, found by page. No Textual.

The list never holds a whole view: it starts with one page and asks for the next as
the cursor nears the end. Going to an article far down (a saved one at start-up, the
next unread) asks the store for its position and loads a window around it, so the
cost is a page, not every page before it; rows above the window load as the cursor
nears its top.
"""

from __future__ import annotations

from collections.abc import Callable

from tuinews.models import ArticleRow

PageLoader = Callable[[int, int], list[ArticleRow]]
# An article's index in the view's order (None when it is not in the view).
Locator = Callable[[int], int | None]
PAGE_SIZE = 200
PREFETCH_MARGIN = 40
# An article this far past the loaded rows gets a window of its own.
FAR = 2 * PAGE_SIZE
# Without a locator, this many rows are loaded at most looking for an article.
SEARCH_LIMIT = 20 * PAGE_SIZE


class PagingWindow:
    """Rows `base` .. `base + len(rows)` of a view, loaded a page at a time."""

    def __init__(self) -> None:
        self.rows: list[ArticleRow] = []
        self.index: dict[int, int] = {}  # article id -> its row in rows
        self.base = 0  # the view's index of rows[0]
        self.exhausted = True
        self._loader: PageLoader | None = None
        self._locate: Locator | None = None

    def open(self, loader: PageLoader, locate: Locator | None, keep: int | None) -> int | None:
        """Show a new view; load the window that holds article `keep` (if it is in the
        view) and return its row, else start at the top and return None.

        `locate` finds an article's index in the view, so that `keep` far down the
        list costs one page around it; without it, up to SEARCH_LIMIT rows are loaded.
        """
        self._loader = loader
        self._locate = locate
        position = locate(keep) if keep is not None and locate is not None else None
        self.reset(self.window_start(position))
        if keep is not None and locate is None:
            while not self.exhausted and keep not in self.index:
                if len(self.rows) > SEARCH_LIMIT:
                    break
                self.load_more()
        if keep is not None and position is not None:
            self.load_until(position)
        return self.index.get(keep) if keep is not None else None

    @staticmethod
    def window_start(position: int | None) -> int:
        """Where to start loading so that `position` is in the first pages."""
        if position is None or position < FAR:
            return 0
        return position - PAGE_SIZE // 2

    def reset(self, base: int) -> None:
        """Forget every row; load the page that starts at the view's index `base`."""
        self.rows = []
        self.index = {}
        self.base = base
        self.exhausted = False
        self.load_more()

    def load_until(self, position: int) -> None:
        """Load pages until the view's index `position` is loaded (or the view ends)."""
        while not self.exhausted and position >= self.base + len(self.rows):
            self.load_more()

    def _append(self, rows: list[ArticleRow]) -> None:
        for row in rows:
            self.index[row.id] = len(self.rows)
            self.rows.append(row)

    def load_more(self) -> int:
        """Load the page after the window; return how many rows it added."""
        if self._loader is None or self.exhausted:
            return 0
        page = self._loader(self.base + len(self.rows), PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self.exhausted = True
        before = len(self.rows)
        self._append([row for row in page if row.id not in self.index])
        return len(self.rows) - before

    def load_earlier(self) -> int:
        """Put the page above the window in front of it; return how many rows it added
        (every loaded row moves down by as many)."""
        if self._loader is None or self.base == 0:
            return 0
        start = max(0, self.base - PAGE_SIZE)
        page = [row for row in self._loader(start, self.base - start) if row.id not in self.index]
        if not page:
            self.base = 0
            return 0
        rows = self.rows
        self.base = start
        self.rows, self.index = [], {}
        self._append(page + rows)
        return len(page)

    def find(self, article_id: int) -> tuple[int | None, bool]:
        """(the article's row or None, whether the window was replaced to reach it).

        A near article is reached by loading up to it; a far one (or one above the
        window) by a new window around it.
        """
        replaced = False
        if article_id not in self.index:
            if self._locate is None:
                while article_id not in self.index and not self.exhausted:
                    self.load_more()
            else:
                position = self._locate(article_id)
                if position is None:
                    return None, False
                end = self.base + len(self.rows)
                if position < self.base or position >= end + FAR:
                    self.reset(max(0, position - PAGE_SIZE // 2))
                    replaced = True
                self.load_until(position)
        return self.index.get(article_id), replaced

    def replace(self, row: ArticleRow) -> int | None:
        """Put a changed row in place of the old one; return its row (None: not loaded)."""
        index = self.index.get(row.id)
        if index is not None:
            self.rows[index] = row
        return index
