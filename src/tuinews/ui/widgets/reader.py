"""The reader pane: the open article's title, byline, date and Markdown body."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tuinews.article_view import heading as article_heading
from tuinews.models import Article
from tuinews.numbered import LinkList, Numbered, number_links
from tuinews.ui.highlight import highlight_markdown, highlight_text

EMPTY_HINT = "Select an article and press enter to read it."
NO_LINKS = Numbered("", ())


class Reader(VerticalScroll, can_focus=True):
    """Scrollable article view; j/k scroll, escape goes back to the list."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.numbered = NO_LINKS  # the open article's links, by number
        self.border_title = "Article"

    def compose(self) -> ComposeResult:
        # The Markdown body comes with the first article: its parser takes a tenth of a
        # second to import, which the first screen should not wait for.
        yield Static(Text(EMPTY_HINT, style="dim"), id="reader-heading")
        yield Static(id="reader-links")

    def show_article(self, article: Article | None, terms: list[str] | None = None) -> None:
        """Show an article (None: the empty hint) from its top, search terms highlighted."""
        self.article = article
        terms = terms or []
        from textual.widgets import Markdown

        heading = self.query_one("#reader-heading", Static)
        bodies = self.query("#reader-body").results(Markdown)
        body = next(bodies, None)
        if article is None:
            heading.update(Text(EMPTY_HINT, style="dim"))
            if body is not None:
                body.update("")
            self.numbered = NO_LINKS
            self.query_one("#reader-links", Static).update("")
            return
        self.numbered = number_links(article.body)
        heading.update(highlight_text(article_heading(article), terms))
        markdown = highlight_markdown(self.numbered.markdown, terms)
        self.query_one("#reader-links", Static).update(LinkList(self.numbered.links))
        if body is None:
            self.mount(Markdown(markdown, id="reader-body"), before="#reader-links")
        else:
            body.update(markdown)
        self.scroll_home(animate=False)

    @property
    def at_end(self) -> bool:
        """True when the last line of the article is in view."""
        return self.scroll_y >= self.max_scroll_y
