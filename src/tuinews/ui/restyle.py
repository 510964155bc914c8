"""A restyle of the whole app (a new theme) that marks each widget for redrawing once.

When Textual restyles the app for a new theme, every style property that changes on a
widget marks it for redrawing, and every inherited one (the text colour, the background)
marks all its descendants too: about 1,400 marks, each clearing the widget's caches and
working out its size, for the 35 widgets of the main screen, about half of what
`App.refresh_css` cost. Within `one_mark_per_widget()` the marks are gathered instead,
and each widget marked is refreshed once at the end, with a layout if any mark asked for
one (tests/tui/test_theme_opens.py counts them). PreparedStylesheet restyles within it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.css.styles import Styles
from textual.dom import DOMNode


@contextmanager
def one_mark_per_widget() -> Iterator[None]:
    """Gather the redraw marks of a restyle; refresh each widget once when it ends.

    Only for synchronous work on the event loop (a restyle): Styles is Textual's class
    and the marks of every widget are gathered while this runs.
    """
    marked: dict[DOMNode, tuple[bool, bool]] = {}  # node -> (layout, repaint)

    def mark(node: DOMNode, layout: bool, repaint: bool) -> None:
        was_layout, was_repaint = marked.get(node, (False, False))
        marked[node] = (was_layout or layout, was_repaint or repaint)

    def gathered(
        styles: Styles,
        *,
        layout: bool = False,
        children: bool = False,
        parent: bool = False,
        repaint: bool = True,
    ) -> None:
        # As Textual 8.2's Styles.refresh, with the refreshes gathered.
        node = styles.node
        if node is None or not node._is_mounted:
            return
        if parent and node.parent is not None:
            mark(node.parent, False, repaint)
        mark(node, layout, True)
        if children:
            for child in node.walk_children(with_self=False):
                mark(child, layout, repaint)

    textual_refresh = Styles.refresh
    setattr(Styles, "refresh", gathered)  # noqa: B010 (mypy: a method is not assignable)
    try:
        yield
    finally:
        setattr(Styles, "refresh", textual_refresh)  # noqa: B010
        for node, (layout, repaint) in marked.items():
            node.refresh(layout=layout, repaint=repaint)
