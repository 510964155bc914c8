"""`tuinews feeds add | list | remove`: subscriptions on the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tuinews.cli_commands import (
    EXIT_OK,
    UsageError,
    open_command_store,
    print_json_lines,
    say,
)
from tuinews.models import Subscription
from tuinews.untrusted import shown
from tuinews.wording import counted

FEED_TRIES = 6  # `feeds add` and `remove` wait this many busy timeouts for a busy store


def cmd_feeds(args: argparse.Namespace, db: Path) -> int:
    """`feeds add URL [--category]`, `feeds list [--json]`, `feeds remove URL|TITLE`."""
    from tuinews.importer.sanitize import clean_line
    from tuinews.store import subscriptions as subs
    from tuinews.store.busy import patiently

    with open_command_store(db) as store:
        if args.feeds_command == "add":
            url = shown(_feed_url(args.url))
            category = clean_line(args.category)
            # An import or a refresh may hold the store: wait for it (a minute at most).
            added = patiently(
                lambda: subs.add_subscription(store, url, category=category), tries=FEED_TRIES
            )
            if added:
                print(f"subscribed to {url}")
            else:
                print(f"already subscribed: {url}")
        elif args.feeds_command == "remove":
            url = _one_feed(subs.find_subscriptions(store, args.url.strip()), args.url)
            removed = patiently(lambda: subs.remove_subscription(store, url), tries=FEED_TRIES)
            kept = subs.feed_articles(store, url).total  # what is left is starred
            gone = counted(removed, "article")
            print(f"unsubscribed from {url}; removed {gone}, kept {kept} starred")
        else:
            _print_subscriptions(subs.list_subscriptions(store), as_json=args.json)
    return EXIT_OK


def _one_feed(found: Sequence[Subscription], name: str) -> str:
    """The URL of the one feed `name` matched; a usage error when none or several did."""
    if not found:
        raise UsageError(f"not subscribed: {name.strip()}")
    if len(found) > 1:
        urls = " ".join(s.url for s in found)
        raise UsageError(f"{len(found)} feeds are titled {name.strip()!r}; give one URL: {urls}")
    return found[0].url


def _feed_url(text: str) -> str:
    from urllib.parse import urlsplit

    url = text.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UsageError(f"not an http(s) URL: {text}")
    return url


def _print_subscriptions(subscriptions: Sequence[Subscription], *, as_json: bool) -> None:
    from tuinews.store.rows import to_iso

    if as_json:
        print_json_lines(
            [
                {
                    "url": s.url,
                    "title": s.title,
                    "category": s.category,
                    "etag": s.etag,
                    "last_modified": s.last_modified,
                    "last_fetched": to_iso(s.last_fetched) if s.last_fetched else None,
                    "last_error": s.last_error,
                    "articles": s.articles,
                    "unread": s.unread,
                }
                for s in subscriptions
            ]
        )
        return
    if not subscriptions:
        say("no feeds: subscribe with `tuinews feeds add URL`")
        return
    # The URL last, whole, so it can be copied into `feeds remove`; a last error whole on
    # its own line below the feed, as cutting it hides the reason.
    row = "{:<32} {:<16} {:>8} {:>6}  {:<16}  {}\n"
    sys.stdout.write(row.format("TITLE", "CATEGORY", "ARTICLES", "UNREAD", "LAST FETCH", "URL"))
    for s in subscriptions:
        fetched = s.last_fetched.strftime("%Y-%m-%d %H:%M") if s.last_fetched else "never"
        sys.stdout.write(
            row.format(
                _cut(s.label, 32), _cut(s.category or "-", 16), s.articles, s.unread, fetched, s.url
            )
        )
        if s.last_error:
            sys.stdout.write(f"  error: {s.last_error}\n")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
