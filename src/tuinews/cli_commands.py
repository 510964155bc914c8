"""The command line's subcommands: each takes parsed arguments and a store path."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from tuinews.config import ConfigError, Settings, load_settings
from tuinews.models import Article, View, ViewKind
from tuinews.store import Store, StoreError, open_store
from tuinews.store.rows import article_to_json

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in the command line or a store that cannot be used: exit code 2."""


def now() -> datetime:
    return datetime.now(UTC)


def print_json_lines(objects: Sequence[dict[str, object]]) -> None:
    for obj in objects:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@contextmanager
def _store(path: Path) -> Iterator[Store]:
    try:
        store = open_store(path)
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
    with _store(db) as store, progress_reporter(sys.stderr) as on_progress:
        report = import_sources(
            args.sources,
            store,
            category=args.category,
            on_progress=on_progress,
            rules=settings.rules,
        )
    for failure in report.failures:
        print(f"error: {failure.source}: {failure.reason}", file=sys.stderr)
    if report.subscriptions_added:
        print(f"subscribed to {report.subscriptions_added} new feeds")
    print(report.summary())
    return EXIT_PARTIAL if report.failures else EXIT_OK


def _settings(args: argparse.Namespace) -> Settings:
    from tuinews.paths import default_config_path

    try:
        return load_settings(args.config or default_config_path())
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def cmd_list(args: argparse.Namespace, db: Path) -> int:
    view = View(ViewKind(args.view))
    if args.category:
        if view.kind is not ViewKind.ALL:
            raise UsageError("--category and --view cannot be combined")
        view = View(ViewKind.CATEGORY, args.category)
    with _store(db) as store:
        articles = store.articles(view, now=now(), limit=args.limit)
    _print_articles(articles, as_json=args.json)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, db: Path) -> int:
    with _store(db) as store:
        articles = store.search(args.query, limit=args.limit)
    _print_articles(articles, as_json=args.json)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, db: Path) -> int:
    with _store(db) as store:
        article = store.get(args.id)
    if article is None:
        raise UsageError(f"no article with id {args.id}")
    if args.json:
        print_json_lines([article_to_json(article)])
        return EXIT_OK
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.text import Text

    console = Console(highlight=False)
    console.print(Text(article.title, style="bold"))
    console.print(Text(_byline(article), style="dim"))
    console.print()
    console.print(Markdown(article.body) if console.is_terminal else Text(article.body))
    return EXIT_OK


def _byline(article: Article) -> str:
    parts = [article.author or "", article.source, article.category]
    if article.published:
        parts.append(article.published.strftime("%Y-%m-%d %H:%M UTC"))
    parts.append(f"{article.reading_minutes} min read")
    if article.url:
        parts.append(article.url)
    return " · ".join(part for part in parts if part)


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
