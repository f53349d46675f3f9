"""Where poa-tui keeps its data and settings."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "poa-tui"
DB_ENV = "POA_TUI_DB"
CONFIG_ENV = "POA_TUI_CONFIG"


def default_data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME)


def resolve_store_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: `--db` first, then `$POA_TUI_DB`, then the platform's data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return default_data_dir()


def settings_path() -> Path:
    """The TOML settings file: `$POA_TUI_CONFIG`, else the platform's config folder."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "settings.toml"


def recovery_dir() -> Path:
    """Where text that could not be saved in the store is kept: the platform's state folder
    (`~/.local/state/poa-tui/recovery` on Linux), usually on another disk than a store that
    has its own."""
    return platformdirs.user_state_path(APP_NAME) / "recovery"
