"""The typed settings, read from a TOML file; a missing file means the defaults.

theme = "textual-dark"

[keys]
# binding id = "key[,key...]"   (ids are listed by the help screen, `?`)
"article.toggle_star" = "f"

[feeds]
refresh_minutes = 30                # refresh in the background while the reader is open
concurrency = 8                     # feeds fetched at once
keep_days = 90                      # delete read, unstarred articles older than this
max_per_feed = 500                  # keep at most this many read, unstarred per feed
full_text = ["https://example.org/feed.xml"]  # fetch these feeds' article pages (URL or title)

[commands]
bookmark = "echo %u %t >> ~/bookmarks.txt"  # B: %u the URL, %t the title (shell-quoted)
browser = "w3m %u"                  # o: %u the URL; terminal browsers suspend the app
save_dir = "~/Articles"             # where S saves an article (default: the home folder)
player = "mpv %u"                   # P: plays an enclosure (podcast audio, video); %u the URL
download_dir = "~/Podcasts"         # D: downloads an enclosure there (default: ~/Downloads)
terminal = ["less", "vim"]          # | with these programs suspends the app (they take the screen)

[[filters]]                         # a killfile: applied to new articles on import/refresh
name = "No transfer gossip"         # optional (default: the query)
query = 'transfer rumour source:"Harbour Post" older:30'  # a search, plus fields
action = "hide"                     # or "read"

[[rules]]                           # first match wins; used when a source names no category
category = "Space"
keywords = ["telescope", "orbit"]   # whole words in the title, summary or body
sources = ["Orbital Weekly"]        # or the article's source name
"""

from __future__ import annotations

import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuinews.models import ArticleFilter, CategoryRule
from tuinews.untrusted import clean_line

DEFAULT_THEME = "textual-dark"
MAX_CONFIG_BYTES = 1024 * 1024
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*")


class ConfigError(Exception):
    """The config file cannot be read or has a wrong value; the message says where."""


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """The [feeds] table: refreshing and keeping articles."""

    refresh_minutes: int | None = None  # auto-refresh in the reader; None: only on R
    concurrency: int = 8
    timeout_seconds: float = 20.0
    keep_days: int | None = None  # delete read, unstarred articles older than this
    max_per_feed: int | None = None  # keep at most this many read, unstarred per feed
    full_text: tuple[str, ...] = ()  # feeds (URL or title) whose new articles' pages are fetched


DEFAULT_TERMINAL_PROGRAMS = (
    *("less", "more", "most", "bat", "vi", "vim", "nvim", "nano", "emacs", "micro"),
    *("w3m", "lynx", "links", "elinks", "glow", "mutt", "neomutt"),
    *("mpv", "mplayer", "mpg123", "cvlc", "ogg123"),  # players that show their state there
)


@dataclass(frozen=True, slots=True)
class CommandSettings:
    """The [commands] table: what the pipe (|), save (S), bookmark (B), play (P) and
    download (D) keys run or write to."""

    bookmark: str | None = None  # a shell command; %u and %t stand for the URL and title
    browser: str | None = None  # o: a command, %u the URL (default: $BROWSER, the system's)
    save_dir: str = "~"
    terminal: tuple[str, ...] = DEFAULT_TERMINAL_PROGRAMS  # programs that take the terminal
    player: str | None = None  # P: a command, %u the enclosure's URL
    download_dir: str = "~/Downloads"  # D: where enclosures are downloaded


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the config file can set."""

    theme: str = DEFAULT_THEME
    keys: dict[str, str] = field(default_factory=dict)
    rules: tuple[CategoryRule, ...] = ()
    feeds: FeedSettings = field(default_factory=FeedSettings)
    commands: CommandSettings = field(default_factory=CommandSettings)
    filters: tuple[ArticleFilter, ...] = ()
    link_schemes: tuple[str, ...] = ()  # [links] schemes: opened besides http and https


def load_settings(path: Path | None) -> Settings:
    """Settings from `path`; defaults when it is None or does not exist."""
    if path is None or not path.exists():
        return Settings()
    try:
        data = tomllib.loads(read_config_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    theme = data.get("theme", DEFAULT_THEME)
    if not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be a string")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise ConfigError(f'{path}: [keys] must map binding ids to key names, e.g. "quit" = "x"')
    return Settings(
        theme=theme,
        keys=dict(keys),
        rules=_rules(path, data.get("rules", [])),
        feeds=_feeds(path, data.get("feeds", {})),
        commands=_commands(path, data.get("commands", {})),
        link_schemes=_links(path, data.get("links", {})),
        filters=_filters(path, data.get("filters", [])),
    )


def read_config_text(path: Path) -> str:
    """The config file's text. Raises ConfigError for what is not a small regular file
    (checked before reading: a FIFO would hang, /dev/zero would never end)."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer would wait for one.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ConfigError(f"{path}: not a regular file (the config is a TOML text file)")
        try:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES // 1024} KiB; not a config file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None


def _feeds(path: Path, raw: Any) -> FeedSettings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: [feeds] must be a table")
    values: dict[str, Any] = {}
    # The highest values keep the arithmetic of dates and timeouts in range.
    for name, kind, low, high in (
        ("refresh_minutes", int, 1, 7 * 24 * 60),
        ("concurrency", int, 1, 64),
        ("timeout_seconds", (int, float), 1, 600),
        ("keep_days", int, 1, 100 * 366),
        ("max_per_feed", int, 1, 1_000_000_000),
    ):
        if name not in raw:
            continue
        value = raw[name]
        if (
            isinstance(value, bool)
            or not isinstance(value, kind)
            or not math.isfinite(value)  # nan and inf compare false with everything
            or not low <= value <= high
        ):
            raise ConfigError(f"{path}: feeds.{name} must be a number from {low} to {high:,}")
        values[name] = value
    unknown = (
        set(raw)
        - {"refresh_minutes", "concurrency", "timeout_seconds"}
        - {
            "keep_days",
            "max_per_feed",
            "full_text",
        }
    )
    if unknown:
        raise ConfigError(f"{path}: unknown setting in [feeds]: {', '.join(sorted(unknown))}")
    if "full_text" in raw:
        if not _strings(raw["full_text"]):
            raise ConfigError(f"{path}: feeds.full_text must be a list of feed URLs or titles")
        values["full_text"] = tuple(raw["full_text"])
    return FeedSettings(**values)


def _commands(path: Path, raw: Any) -> CommandSettings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: [commands] must be a table")
    unknown = set(raw) - {"bookmark", "browser", "save_dir", "terminal", "player", "download_dir"}
    if unknown:
        raise ConfigError(f"{path}: unknown setting in [commands]: {', '.join(sorted(unknown))}")
    for name in ("bookmark", "browser", "save_dir", "player", "download_dir"):
        if name in raw and not (isinstance(raw[name], str) and raw[name].strip()):
            raise ConfigError(f"{path}: commands.{name} must be a non-empty string")
    if "terminal" in raw and not _strings(raw["terminal"]):
        raise ConfigError(f"{path}: commands.terminal must be a list of program names")
    defaults = CommandSettings()
    return CommandSettings(
        bookmark=raw.get("bookmark"),
        browser=raw.get("browser"),
        save_dir=raw.get("save_dir", defaults.save_dir),
        terminal=tuple(raw.get("terminal", defaults.terminal)),
        player=raw.get("player"),
        download_dir=raw.get("download_dir", defaults.download_dir),
    )


def _links(path: Path, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, dict) or set(raw) - {"schemes"}:
        raise ConfigError(f'{path}: [links] takes one setting, schemes = ["mailto", ...]')
    schemes = raw.get("schemes", [])
    if not _strings(schemes) or not all(_SCHEME.fullmatch(s) for s in schemes):
        raise ConfigError(f'{path}: links.schemes must be a list of schemes, e.g. ["mailto"]')
    return tuple(scheme.lower() for scheme in schemes)


def _filters(path: Path, raw: Any) -> tuple[ArticleFilter, ...]:
    from tuinews.store.filters import FilterError, check_query

    if not isinstance(raw, list):
        raise ConfigError(f"{path}: filters must be a list of [[filters]] tables")
    filters: dict[str, ArticleFilter] = {}
    for number, entry in enumerate(raw, start=1):
        query = entry.get("query") if isinstance(entry, dict) else None
        if not isinstance(query, str) or not query.strip():
            raise ConfigError(f"{path}: filter {number} needs a query")
        name, action = entry.get("name", query.strip()), entry.get("action", "hide")
        if not isinstance(name, str) or action not in ("hide", "read"):
            raise ConfigError(f'{path}: filter {number}: action must be "hide" or "read"')
        unknown = set(entry) - {"name", "query", "action"}
        if unknown:
            raise ConfigError(f"{path}: filter {number}: unknown setting {sorted(unknown)[0]}")
        try:
            check_query(query)
        except FilterError as exc:
            raise ConfigError(f"{path}: filter {number}: {exc}") from None
        filters[name] = ArticleFilter(name, query.strip(), action)
    return tuple(filters.values())


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _rules(path: Path, raw: Any) -> tuple[CategoryRule, ...]:
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: rules must be a list of [[rules]] tables")
    rules = []
    for number, rule in enumerate(raw, start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("category"), str):
            raise ConfigError(f"{path}: rule {number} needs a category")
        keywords, sources = rule.get("keywords", []), rule.get("sources", [])
        if not _strings(keywords) or not _strings(sources):
            raise ConfigError(f"{path}: rule {number}: keywords and sources must be lists of text")
        category = clean_line(rule["category"])  # shown and stored: no escape sequences
        if category is None:
            raise ConfigError(f"{path}: rule {number} needs a category")
        rules.append(CategoryRule(category, tuple(keywords), tuple(sources)))
    return tuple(rules)


def save_theme(path: Path, theme: str) -> None:
    """Write `theme = "..."` into the config file, keeping everything else as it is."""
    line = f"theme = {_toml_string(theme)}"
    text = read_config_text(path) if path.exists() else ""
    lines = text.splitlines()
    # Top-level keys come before the first [table]; replace the theme line there or add one.
    first_table = next((i for i, raw in enumerate(lines) if raw.lstrip().startswith("[")), None)
    top = lines[: first_table if first_table is not None else len(lines)]
    for index, raw in enumerate(top):
        if raw.split("=", 1)[0].strip() == "theme":
            lines[index] = line
            break
    else:
        lines.insert(0, line)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be written ({exc})") from None


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
