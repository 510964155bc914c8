"""The rows of "Feeds…", fitted to the table's width.

The title and the last error are as long as the feed makes them: taken whole, they widened
the table past its dialog (a sideways scroll, the error cut mid-word, at 80 columns the
Problem column off screen). They share the room the other columns leave, each cut with an
ellipsis; the highlighted feed's whole error shows under the table.
"""

from __future__ import annotations

from rich.text import Text

from tuinews.models import Subscription

HEADINGS = ("Feed", "Category", "Articles", "Unread", "Fetched", "Problem")
PADDING = 2  # a DataTable cell's padding, one each side
CATEGORY_MAX = 16
FEED_MIN = 12
PROBLEM_MIN = 8

Row = tuple[Text, Text, Text, Text, Text, Text]


def when(subscription: Subscription) -> str:
    """The last fetch, local time, or "never"."""
    if subscription.last_fetched is None:
        return "never"
    return subscription.last_fetched.astimezone().strftime("%d %b %H:%M")


def feed_rows(subscriptions: list[Subscription], width: int) -> list[Row]:
    """One row per feed for a table `width` cells wide (0: not laid out yet, nothing cut)."""
    categories = [_cut(sub.category or "-", CATEGORY_MAX) for sub in subscriptions]
    fixed = [
        [categories, HEADINGS[1]],
        [[str(sub.articles) for sub in subscriptions], HEADINGS[2]],
        [[str(sub.unread) for sub in subscriptions], HEADINGS[3]],
        [[when(sub) for sub in subscriptions], HEADINGS[4]],
    ]
    taken = sum(max(len(cell) for cell in [*cells, heading]) + PADDING for cells, heading in fixed)
    titles = [sub.title or sub.url for sub in subscriptions]
    errors = [sub.last_error or "" for sub in subscriptions]
    room = width - taken - 2 * PADDING
    feed_room = max(FEED_MIN, min(max(map(len, titles), default=0), room * 2 // 5))
    problem_room = max(PROBLEM_MIN, room - max(len(HEADINGS[0]), feed_room))
    if width <= 0:
        feed_room = problem_room = max(map(len, [*titles, *errors]), default=0)
    return [
        (
            Text(_cut(title, feed_room)),
            Text(category),
            Text(str(sub.articles), justify="right"),
            Text(str(sub.unread), justify="right"),
            Text(when(sub)),
            Text(_cut(error, problem_room), style="bold red" if error else ""),
        )
        for sub, title, category, error in zip(
            subscriptions, titles, categories, errors, strict=True
        )
    ]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
