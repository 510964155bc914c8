"""The command line. `import`, `list`, `show` and `search` never import Textual."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from tuinews import __version__


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, help="the store (default: $TUINEWS_DB)"
    )
    parser = argparse.ArgumentParser(
        prog="tuinews", description="A terminal newsreader.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"tuinews {__version__}")
    parser.add_argument(
        "--config", type=Path, default=None, help="the config file (default: $TUINEWS_CONFIG)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser("import", parents=[common], help="import files, folders, URLs")
    imp.add_argument("--category", help="put every imported article in this category")
    imp.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder, URL or -")

    lst = commands.add_parser("list", parents=[common], help="list articles, newest first")
    lst.add_argument("--view", choices=["all", "unread", "starred", "today"], default="all")
    lst.add_argument("--category", help="only this category")
    lst.add_argument("--saved", metavar="NAME", help="only this saved view (see `views`)")
    lst.add_argument("--feed", metavar="FEED", help="only this subscribed feed (its URL or title)")
    lst.add_argument(
        "--sort",
        choices=["newest", "oldest", "source", "title"],
        default=None,
        help="the order (default: newest first)",
    )
    lst.add_argument("--limit", type=_positive, default=50)
    lst.add_argument("--json", action="store_true", help="JSON Lines output")

    show = commands.add_parser("show", parents=[common], help="show one article")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="JSON output")

    search = commands.add_parser("search", parents=[common], help="full-text search")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=_positive, default=20)
    search.add_argument("--json", action="store_true", help="JSON Lines output")

    feeds = commands.add_parser("feeds", parents=[common], help="manage feed subscriptions")
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="subscribe to a feed")
    add.add_argument("url", metavar="URL")
    add.add_argument("--category", help="put every article of this feed in this category")
    feeds_list = actions.add_parser("list", parents=[common], help="list the subscriptions")
    feeds_list.add_argument("--json", action="store_true", help="JSON Lines output")
    remove = actions.add_parser(
        "remove", parents=[common], help="unsubscribe; delete the feed's unstarred articles"
    )
    remove.add_argument("url", metavar="URL|TITLE", help="the feed's URL or its title")

    views = commands.add_parser("views", parents=[common], help="searches saved as views")
    view_actions = views.add_subparsers(dest="views_command", metavar="ACTION", required=True)
    view_add = view_actions.add_parser("add", parents=[common], help="save a search as a view")
    view_add.add_argument("name", metavar="NAME")
    view_add.add_argument("query", metavar="QUERY", help="a search, as for `search`")
    view_list = view_actions.add_parser("list", parents=[common], help="the saved views")
    view_list.add_argument("--json", action="store_true", help="JSON Lines output")
    view_rename = view_actions.add_parser("rename", parents=[common], help="rename a view")
    view_rename.add_argument("name", metavar="NAME")
    view_rename.add_argument("new_name", metavar="NEW")
    view_remove = view_actions.add_parser("remove", parents=[common], help="forget a view")
    view_remove.add_argument("name", metavar="NAME")

    filters = commands.add_parser(
        "filters", parents=[common], help="the config's filters and what each caught"
    )
    filter_actions = filters.add_subparsers(dest="filters_command", metavar="ACTION")
    filters_list = filter_actions.add_parser("list", parents=[common], help="(the default)")
    filters_list.add_argument("--json", action="store_true", help="JSON Lines output")
    filter_undo = filter_actions.add_parser(
        "undo", parents=[common], help="give back what a filter caught"
    )
    filter_undo.add_argument("name", metavar="NAME")

    commands.add_parser("refresh", parents=[common], help="fetch every subscribed feed")

    export = commands.add_parser(
        "export", parents=[common], help="export subscriptions or articles"
    )
    export.add_argument(
        "--format", choices=["opml", "json"], required=True, help="OPML subscriptions or JSON Lines"
    )
    export.add_argument("--output", type=Path, metavar="FILE", help="write here, not to stdout")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    db_path: Path | None = getattr(args, "db", None)
    from tuinews import cli_commands, cli_feeds
    from tuinews.cli_commands import EXIT_OK, EXIT_USAGE, UsageError

    try:
        if args.command is None:
            return _run_app(db_path, args.config)
        module = cli_feeds if args.command == "feeds" else cli_commands
        handler = getattr(module, f"cmd_{args.command}")
        code: int = handler(args, _db(db_path))
        return code
    except UsageError as exc:
        from tuinews.untrusted import shown

        print(f"tuinews: {shown(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:  # a write the store refused (a full disk, a busy store)
        from tuinews.store.schema import refusal

        print(f"tuinews: {refusal(_db(db_path), exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader of our output (head, less) went away: not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("tuinews: interrupted", file=sys.stderr)
        return 130


def _db(db_path: Path | None) -> Path:
    from tuinews.paths import default_db_path

    return db_path if db_path is not None else default_db_path()


def _run_app(db_path: Path | None, config_path: Path | None) -> int:
    from tuinews.cli_commands import UsageError
    from tuinews.config import ConfigError
    from tuinews.store import StoreError

    try:
        from tuinews.ui.app import make_app

        app = make_app(db_path=_db(db_path), config_path=config_path)
    except (StoreError, ConfigError) as exc:
        raise UsageError(str(exc)) from None
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
