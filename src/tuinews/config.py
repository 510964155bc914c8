"""The typed settings, read from a TOML file; a missing file means the defaults.

theme = "textual-dark"

[keys]
# binding id = "key[,key...]"   (ids are listed by the help screen, `?`)
"article.toggle_star" = "f"

[[rules]]                           # first match wins; used when a source names no category
category = "Space"
keywords = ["telescope", "orbit"]   # whole words in the title, summary or body
sources = ["Orbital Weekly"]        # or the article's source name
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuinews.models import CategoryRule

DEFAULT_THEME = "textual-dark"


class ConfigError(Exception):
    """The config file cannot be read or has a wrong value; the message says where."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the config file can set."""

    theme: str = DEFAULT_THEME
    keys: dict[str, str] = field(default_factory=dict)
    rules: tuple[CategoryRule, ...] = ()


def load_settings(path: Path | None) -> Settings:
    """Settings from `path`; defaults when it is None or does not exist."""
    if path is None or not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
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
    return Settings(theme=theme, keys=dict(keys), rules=_rules(path, data.get("rules", [])))


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
        rules.append(CategoryRule(rule["category"], tuple(keywords), tuple(sources)))
    return tuple(rules)
