"""Where the store, the config and the bundled sample data live."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "tuinews"


def default_db_path() -> Path:
    """The store: $TUINEWS_DB, else tuinews.db in the user data directory."""
    env = os.environ.get("TUINEWS_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "tuinews.db"


def default_config_path() -> Path:
    """The config file: $TUINEWS_CONFIG, else config.toml in the user config directory."""
    env = os.environ.get("TUINEWS_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def sample_sources() -> list[Path]:
    """What the first launch imports: the sample articles, not the example subscriptions."""
    folder = sample_data_path()
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if p.name != "opml" and not p.name.startswith("."))


def sample_data_path() -> Path | None:
    """The bundled sample articles: inside the installed package, else in the checkout."""
    packaged = Path(str(resources.files(APP_NAME))) / "sample_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "sample_data"
    return checkout if checkout.is_dir() else None
