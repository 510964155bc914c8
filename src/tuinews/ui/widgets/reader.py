"""The reader pane: the open article's title, byline, date and Markdown body."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.layout import DockArrangeResult
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget
from textual.widgets import Static

from tuinews.article_view import enclosure_list
from tuinews.article_view import heading as article_heading
from tuinews.models import Article
from tuinews.numbered import LinkList, Numbered, number_links
from tuinews.ui.highlight import highlight_markdown, highlight_text

EMPTY_HINT = "Select an article and press enter to read it."
NO_LINKS = Numbered("", ())


class DrawnOnce(RichVisual):
    """A Rich renderable drawn once per width and style.

    Textual measures a Rich renderable's height by drawing it whole, then draws it again
    to show it: an article's Markdown was rendered twice for each article opened.
    """

    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._drawn: dict[tuple[int, Style], list[Strip]] = {}
        self.draws = 0  # how many times the renderable was drawn (the tests count them)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips = self._drawn.get((width, style))
        if strips is None:
            self.draws += 1
            strips = self._drawn[width, style] = super().render_strips(width, None, style, options)
        return strips if height is None else strips[:height]

    def get_height(self, rules: RulesMap, width: int) -> int:
        widget = self._widget
        options = RenderOptions(widget._get_style, rules)
        return len(self.render_strips(width, None, widget.visual_style, options))


class Heading:
    """The article's title, byline, date, URL and summary, laid out for the width it is
    drawn at (the URL broken to it), search terms highlighted.

    The reader used to draw its heading for the pane's width once it knew it, on a resize:
    opening the first article laid out the whole screen a second time for that.
    """

    def __init__(self, article: Article, terms: list[str]) -> None:
        self.article = article
        self.terms = terms

    def text(self, width: int | None) -> Text:
        """The heading as drawn `width` columns wide (None: the URL on one line)."""
        width = width - 1 if width is not None and width > 20 else None
        return highlight_text(article_heading(self.article, width), self.terms)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text(options.max_width))

    def __str__(self) -> str:
        return self.text(None).plain


class ArticleBody(Static):
    """The article's Markdown, drawn by Rich in one synchronous step.

    Textual's Markdown widget parses on a thread and mounts a widget per block
    afterwards, so for a while (a second under load) it showed the previous article's
    body under the new heading; one Static is also much cheaper to draw.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.source = ""

    def show(self, markdown: str) -> None:
        """Draw `markdown` (article text: data, never Rich markup)."""
        # Rich's Markdown pulls in markdown-it: imported with the first article, so the
        # first screen does not wait for it.
        from rich.markdown import Markdown

        self.source = markdown
        self.update(DrawnOnce(self, Markdown(markdown, hyperlinks=True)) if markdown else "")


class Reader(VerticalScroll, can_focus=True):
    """Scrollable article view; j/k scroll, escape goes back to the list."""

    BINDINGS = [
        # The scrolling keys Textual gives every container too, under ids of ours.
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("down", "scroll_down", "Scroll down", show=False, id="reader.down_arrow"),
        Binding("up", "scroll_up", "Scroll up", show=False, id="reader.up_arrow"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("ctrl+f,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("ctrl+b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="reader.half_down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="reader.half_up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.numbered = NO_LINKS  # the open article's links, by number
        self.border_title = "Article"

    def compose(self) -> ComposeResult:
        yield Static(Text(EMPTY_HINT, style="dim"), id="reader-heading")
        enclosures = Static(id="reader-enclosures")
        enclosures.display = False
        yield enclosures
        yield ArticleBody(id="reader-body")
        yield Static(id="reader-links")

    def on_mount(self) -> None:
        # Made (and started) now, not during the layout that first needs it: a scrollbar
        # started then is drawn only a frame later.
        self.vertical_scrollbar.display = False

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        # Textual places the scrollbar as it lays the reader out, before it learns from
        # the article's height that one is needed, then lays the screen out again for
        # it: a second frame for every article whose length decided otherwise than the
        # last. The article's height is known here, as it is arranged.
        arranged = super().arrange(size, optimal)
        if self.styles.overflow_y == "auto":
            overflows = arranged.total_region.bottom > size.height
            if overflows != self.show_vertical_scrollbar:
                self.set_reactive(Reader.show_vertical_scrollbar, overflows)
                self.vertical_scrollbar.display = overflows
        return arranged

    def show_article(self, article: Article | None, terms: list[str] | None = None) -> None:
        """Show an article (None: the empty hint) from its top, search terms highlighted.

        The heading and the body change in the same call and are drawn in the same
        frame: the reader never shows one article's title over another's body.
        """
        self.article = article
        terms = terms or []
        heading = self.query_one("#reader-heading", Static)
        body = self.query_one(ArticleBody)
        self._show_enclosures(article)
        if article is None:
            heading.update(Text(EMPTY_HINT, style="dim"))
            body.show("")
            self.numbered = NO_LINKS
            self.query_one("#reader-links", Static).update("")
            return
        self.numbered = number_links(article.body)
        heading.update(Heading(article, terms))
        body.show(highlight_markdown(self.numbered.markdown, terms))
        self.query_one("#reader-links", Static).update(LinkList(self.numbered.links))
        self.scroll_home(animate=False)

    def _show_enclosures(self, article: Article | None) -> None:
        # Under the heading, where a podcast's listener looks first; P plays, D downloads.
        shown = self.query_one("#reader-enclosures", Static)
        has_some = article is not None and bool(article.enclosures)
        shown.display = has_some
        shown.update(enclosure_list(article) if article is not None and has_some else "")

    def scroll_lines(self, lines: int) -> None:
        """Scroll by `lines` (up when negative), at once.

        Textual's scrolls land after the next refresh, each from where the last landed one
        left off: keys held down (faster than frames) were lost, ten j's scrolled a line.
        """
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def action_scroll_home(self) -> None:
        # At once, as the line keys: an animated jump and a key pressed while it ran
        # started from wherever the animation had got to.
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self.scroll_lines(1)

    def action_scroll_up(self) -> None:
        self.scroll_lines(-1)

    def action_page_down(self) -> None:
        self.scroll_lines(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self.scroll_lines(-self.scrollable_content_region.height)

    def action_half_page(self, direction: int) -> None:
        """ctrl+d / ctrl+u: half a screen down or up."""
        self.scroll_lines(direction * max(1, self.scrollable_content_region.height // 2))

    @property
    def at_end(self) -> bool:
        """True when the last line of the article is in view."""
        return self.scroll_y >= self.max_scroll_y
