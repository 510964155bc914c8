"""The command line's subcommands: each takes parsed arguments and a store path."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from tuinews.config import ConfigError, Settings, load_settings
from tuinews.models import Article, FeedProgress, ListOrder, SavedView, Sort, View, ViewKind
from tuinews.store import Store, StoreError, open_store
from tuinews.store.rows import article_to_json
from tuinews.store.schema import refusal
from tuinews.wording import counted

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in the command line or a store that cannot be used: exit code 2."""


def now() -> datetime:
    return datetime.now(UTC)


def print_json_lines(objects: Sequence[dict[str, object]]) -> None:
    for obj in objects:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def say(text: str) -> None:
    """A line for the person at the terminal, on stderr (stdout may be JSON)."""
    print(text, file=sys.stderr, flush=True)


@contextmanager
def open_command_store(path: Path, *, reading: bool = False) -> Iterator[Store]:
    """The store, closed afterwards; `reading` commands accept a store they cannot write."""
    try:
        store = open_store(path, read_only_ok=reading, on_upgrade=say)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def cmd_import(args: argparse.Namespace, db: Path) -> int:
    from tuinews.cli_progress import progress_reporter
    from tuinews.importer.pipeline import import_sources

    settings = _settings(args)
    with open_command_store(db) as store, progress_reporter(sys.stderr) as on_progress:
        _sync_filters(store, settings)
        report = import_sources(
            args.sources,
            store,
            category=args.category,
            on_progress=on_progress,
            rules=settings.rules,
            timeout=settings.feeds.timeout_seconds,
            on_wait=say,
        )
    for failure in report.failures:
        print(f"error: {failure.source}: {failure.reason}", file=sys.stderr)
    if report.subscriptions_added:
        print(f"subscribed to {report.subscriptions_added} new feeds")
    if report.filtered:
        print(f"filters caught {report.filtered} of them (see `tuinews filters list`)")
    print(report.summary())
    return EXIT_PARTIAL if report.failures else EXIT_OK


def _sync_filters(store: Store, settings: Settings) -> None:
    """Copy the config's filters into the store: every import applies them."""
    import sqlite3

    from tuinews.store.filters import sync_filters

    try:
        sync_filters(store.conn, settings.filters)
    except sqlite3.Error as exc:
        raise UsageError(f"{store.path}: the store refused the filters ({exc})") from None


def _settings(args: argparse.Namespace) -> Settings:
    from tuinews.paths import default_config_path

    try:
        return load_settings(args.config or default_config_path())
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def cmd_list(args: argparse.Namespace, db: Path) -> int:
    view = View(ViewKind(args.view))
    within = view  # --view unread --category World: the unread articles of World
    if args.category:
        view = View(ViewKind.CATEGORY, args.category)
    if args.saved:
        if args.category or args.view != "all" or args.feed:
            raise UsageError("--saved cannot be combined with --view, --category or --feed")
        view = View(ViewKind.SAVED, name=args.saved)
    # --view unread: the store lists only the unread ones, in any order, in an index.
    order = ListOrder(Sort(args.sort or "newest"), unread_only=args.view == "unread")
    if order.unread_only:
        within = View()
    with open_command_store(db, reading=True) as store:
        if args.saved:
            _saved_view(store, args.saved)
        if args.feed:
            view = _feed_view(store, args.feed, args.category)
        articles = _articles_within(store, view, within, args.limit, order)
    _print_articles(articles, as_json=args.json)
    if not articles:
        say(f"no articles in {_scope(view, View(ViewKind(args.view)))}")
    return EXIT_OK


TODAY_LIMIT = 100_000  # a day's articles, to filter a category by


def _feed_view(store: Store, name: str, category: str | None) -> View:
    """The view of the subscribed feed `name` (its URL or title), within `category` if given."""
    from tuinews.store.subscriptions import find_subscriptions

    found = find_subscriptions(store, name)
    if not found:
        raise UsageError(f"no subscribed feed {name!r} (see `tuinews feeds list`)")
    if len(found) > 1:
        urls = ", ".join(sub.url for sub in found)
        raise UsageError(f"{len(found)} feeds are called {name!r}: give its URL ({urls})")
    return View(ViewKind.FEED, category, name=found[0].label, feed=found[0].url)


def _articles_within(
    store: Store, view: View, within: View, limit: int, order: ListOrder
) -> list[Article]:
    """The view's articles in `order`, only those `within` a smart view too (unless All)."""
    if within.kind is ViewKind.ALL or view == within:
        return store.articles(view, now=now(), limit=limit, order=order)
    today: set[int] = set()
    if within.kind is ViewKind.TODAY:
        today = {a.id for a in store.articles(within, now=now(), limit=TODAY_LIMIT)}

    def wanted(article: Article) -> bool:
        if within.kind is ViewKind.UNREAD:
            return not article.read
        if within.kind is ViewKind.STARRED:
            return article.starred
        return article.id in today

    found: list[Article] = []
    offset = 0
    while len(found) < limit:
        page = store.articles(view, now=now(), limit=500, offset=offset, order=order)
        found += [article for article in page if wanted(article)]
        if len(page) < 500:
            break
        offset += 500
    return found[:limit]


def _scope(view: View, within: View) -> str:
    """'World', 'Unread', 'World (Unread)': what a list was asked for, in words."""
    if view == within or within.kind is ViewKind.ALL:
        return view.label
    return f"{view.label} ({within.label})"


def cmd_views(args: argparse.Namespace, db: Path) -> int:
    """`views add NAME QUERY`, `views list [--json]`, `views rename OLD NEW`, `views remove`."""
    from tuinews.store.saved import SavedViewError, list_views, remove_view, rename_view, save_view

    with open_command_store(db, reading=args.views_command == "list") as store:
        try:
            if args.views_command == "add":
                view = save_view(store.conn, args.name, args.query)
                total = counted(view.total, "article")
                print(f"saved view {view.name!r}: {total}, {view.unread} unread")
            elif args.views_command == "rename":
                new = rename_view(store.conn, args.name, args.new_name)
                print(f"renamed {args.name!r} to {new!r}")
            elif args.views_command == "remove":
                remove_view(store.conn, args.name)
                print(f"removed the view {args.name!r} (its articles stay)")
            else:
                _print_views(list_views(store.conn), as_json=args.json)
        except SavedViewError as exc:
            raise UsageError(str(exc)) from None
    return EXIT_OK


def cmd_filters(args: argparse.Namespace, db: Path) -> int:
    """`filters [list] [--json]`: each filter and what it caught; `filters undo NAME`."""
    from datetime import UTC, datetime

    from tuinews.store.filters import apply_filters, filter_counts, undo_filter

    settings = _settings(args)
    with open_command_store(db) as store:
        _sync_filters(store, settings)
        apply_filters(store.conn, datetime.now(UTC))
        counts = filter_counts(store.conn, settings.filters)
        if args.filters_command == "undo":
            if args.name not in {count.name for count in counts}:
                raise UsageError(f"no filter called {args.name!r} (see `tuinews filters`)")
            given = undo_filter(store.conn, args.name)
            print(f"gave back {counted(given, 'article')} caught by {args.name!r}")
            return EXIT_OK
    if getattr(args, "json", False):
        fields = ("name", "action", "caught", "configured")
        print_json_lines([{name: getattr(c, name) for name in fields} for c in counts])
    elif not counts:
        say("no filters: add [[filters]] to the config file (see the README)")
    for count in [] if getattr(args, "json", False) else counts:
        gone = "" if count.configured else "  (no longer in the config)"
        sys.stdout.write(f"{count.name:<32} {count.action:<5} {count.caught:>7} caught{gone}\n")
    return EXIT_OK


def _saved_view(store: Store, name: str) -> None:
    from tuinews.store.saved import list_views

    if name not in {view.name for view in list_views(store.conn)}:
        raise UsageError(f"no saved view called {name!r} (see `tuinews views list`)")


def _print_views(views: Sequence[SavedView], *, as_json: bool) -> None:
    if as_json:
        print_json_lines(
            [
                {"name": v.name, "query": v.query, "total": v.total, "unread": v.unread}
                for v in views
            ]
        )
        return
    if not views:
        say("no saved views: save a search with `tuinews views add NAME QUERY`")
    for v in views:
        sys.stdout.write(f"{v.name:<24} {v.total:>8} {v.unread:>6}  {v.query}\n")


def cmd_search(args: argparse.Namespace, db: Path) -> int:
    with open_command_store(db, reading=True) as store:
        articles = store.search(args.query, limit=args.limit)
    _print_articles(articles, as_json=args.json)
    if not articles:
        say(f"no articles match {args.query!r}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, db: Path) -> int:
    with open_command_store(db, reading=True) as store:
        article = store.get(args.id)
    if article is None:
        raise UsageError(f"no article with id {args.id}")
    if args.json:
        print_json_lines([article_to_json(article)])
        return EXIT_OK
    from tuinews.article_view import as_markdown, print_article

    if sys.stdout.isatty():
        print_article(article)
    else:
        # Piped: the stored Markdown as it is, not re-wrapped to a guessed width.
        sys.stdout.write(as_markdown(article))
    return EXIT_OK


def _print_articles(articles: list[Article], *, as_json: bool) -> None:
    if as_json:
        print_json_lines([article_to_json(article) for article in articles])
        return
    for article in articles:
        date = (article.published or article.imported_at).strftime("%Y-%m-%d")
        flags = ("*" if article.starred else " ") + (" " if article.read else "N")
        sys.stdout.write(
            f"{article.id:>6} {flags} {date}  {article.category[:14]:<14} {article.title}\n"
        )


def cmd_refresh(args: argparse.Namespace, db: Path) -> int:
    """Fetch every subscription: one line per feed as it lands, then the summary."""
    import sqlite3

    from tuinews.feeds.refresh import refresh_configured

    settings = _settings(args)

    def show(progress: FeedProgress) -> None:
        result = progress.result
        stream = sys.stderr if result.error is not None else sys.stdout
        print(result.line(), file=stream, flush=True)

    try:
        report = refresh_configured(db, settings, on_progress=show)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    except sqlite3.Error as exc:
        raise UsageError(refusal(db, exc)) from None
    for page in report.full_texts:
        print(page.line(), file=sys.stderr if page.error else sys.stdout, flush=True)
    if not report.results:
        print("no subscriptions: add one with `tuinews feeds add URL`", file=sys.stderr)
    print(report.summary())
    return EXIT_PARTIAL if report.failures else EXIT_OK


def cmd_export(args: argparse.Namespace, db: Path) -> int:
    """`export --format opml|json [--output FILE]`: to the file, else to standard output."""
    from tuinews.export.json_lines import export_json_lines
    from tuinews.export.opml import export_opml
    from tuinews.store.subscriptions import list_subscriptions

    output: Path | None = args.output
    with open_command_store(db, reading=True) as store:
        if args.format == "opml":
            subscriptions = list_subscriptions(store)
            document = export_opml(subscriptions)
            if output is None:
                sys.stdout.flush()
                sys.stdout.buffer.write(document)
                sys.stdout.buffer.flush()
                return EXIT_OK
            with _output_file(output, binary=True) as handle:
                handle.write(document)
            print(f"exported {counted(len(subscriptions), 'subscription')} to {output}")
            return EXIT_OK
        if output is None:
            export_json_lines(store, sys.stdout)
            return EXIT_OK
        with _output_file(output, binary=False) as handle:
            count = export_json_lines(store, handle)
        print(f"exported {counted(count, 'article')} to {output}")
    return EXIT_OK


@contextmanager
def _output_file(path: Path, *, binary: bool) -> Iterator[IO[Any]]:
    """`path` opened for writing; a file that cannot be opened is a usage error."""
    try:
        if binary:
            handle: IO[Any] = open(path, "wb")  # noqa: SIM115 (closed below)
        else:
            handle = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    with handle:
        yield handle
