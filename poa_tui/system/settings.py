"""User settings: one TOML file, read leniently so a typo never stops the app.

    theme = "textual-dark"
    copy_format = "text"            # or "markdown"
    autosave_delay = 1.0            # seconds after the last keystroke
    follow_up_days = 2              # days to wait for a reply before following up
    escalation_business_days = 5    # business days of silence before escalating
    backups_kept = 10
    soft_limit_words = 500          # a section longer than this gets a gentle warning
    letter_greeting = "Dear Seller Performance Team,"   # `export --letter` opens with this
    letter_sign_off = "Kind regards,"                   # and closes with this (and the seller)

    [keymap]                        # binding id = keys, e.g. move "new case" off `n`
    "list.new_case" = "ctrl+n"

A missing file means defaults. In a broken file (not TOML, a wrong type, a value out of range,
an unknown name) each bad entry falls back to its default and `Settings.load` returns one
sentence naming every problem, for the app to show once at start. No Textual here.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from poa_tui.domain.errors import WriteFailedError
from poa_tui.storage.files import atomic_write_bytes

COPY_FORMATS = ("text", "markdown")
DEFAULT_THEME = "textual-dark"

_TEXTS = ("letter_greeting", "letter_sign_off")

# Allowed ranges for the numeric settings: (type, lowest, highest).
_RANGES: dict[str, tuple[type, float, float]] = {
    "autosave_delay": (float, 0.2, 60.0),
    "follow_up_days": (int, 1, 90),
    "escalation_business_days": (int, 1, 90),
    "backups_kept": (int, 0, 1000),
    "soft_limit_words": (int, 50, 100_000),
}


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    """Name of a Textual theme; the app checks it exists and falls back to the default."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys ("ctrl+n" or "f2,ctrl+r"), applied with `App.set_keymap`."""
    copy_format: str = "text"
    """"text" for Seller Central's plain form, "markdown" for email or documents."""
    autosave_delay: float = 1.0
    """Seconds of quiet after the last keystroke before a draft is saved."""
    follow_up_days: int = 2
    """Days after an attempt with no reply before the app suggests following up."""
    escalation_business_days: int = 5
    """Business days of silence after which escalating is suggested."""
    backups_kept: int = 10
    """How many backup copies of the store to keep."""
    soft_limit_words: int = 500
    """Words per section above which the editor warns (Amazon reads short plans faster)."""
    letter_greeting: str = "Dear Seller Performance Team,"
    """The first line of an export sent as a letter (`export --letter`)."""
    letter_sign_off: str = "Kind regards,"
    """The closing lines of a letter; the case's seller name follows unless it is in them."""

    @classmethod
    def load(cls, path: Path) -> tuple[Settings, str | None]:
        """Read `path`: the settings and a sentence naming what was wrong with it, if anything."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(), None
        except OSError as error:
            return cls(), f"Could not read {path} ({error.strerror or error}); using the defaults."
        import tomllib  # here, not at the top: without a settings file the app starts without it

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            return cls(), f"{path} is not valid TOML ({error}); using the defaults."
        settings, problems = cls.from_dict(data)
        if not problems:
            return settings, None
        listed = "; ".join(problems)
        return settings, f"Some settings in {path} were ignored and the defaults used: {listed}."

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> tuple[Settings, list[str]]:
        """Build settings from parsed TOML, keeping the default for each bad entry."""
        settings = cls()
        problems: list[str] = []
        known = {f.name for f in fields(cls)}
        for name, value in data.items():
            if name not in known:
                problems.append(f"`{name}` is not a setting")
            elif name == "theme":
                if isinstance(value, str) and value.strip():
                    settings.theme = value.strip()
                else:
                    problems.append("`theme` must be a theme name in quotes")
            elif name == "copy_format":
                if value in COPY_FORMATS:
                    settings.copy_format = value
                else:
                    problems.append(f"`copy_format` must be \"text\" or \"markdown\", not {value!r}")
            elif name in _TEXTS:
                if isinstance(value, str):
                    setattr(settings, name, value.strip())
                else:
                    problems.append(f"`{name}` must be text in quotes")
            elif name == "keymap":
                settings.keymap = _read_keymap(value, problems)
            else:
                number = _read_number(name, value, problems)
                if number is not None:
                    setattr(settings, name, number)
        return settings, problems

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["keymap"] = dict(sorted(self.keymap.items()))
        return data

    def save(self, path: Path) -> None:
        """Write atomically; the previous file is kept as `<name>.bak`.

        Raises `WriteFailedError` when the folder is read-only or the disk is full.
        """
        import tomli_w  # only saving needs it

        atomic_write_bytes(path, tomli_w.dumps(self.to_dict()).encode("utf-8"))


def set_aside(path: Path) -> Path | None:
    """Copy a settings file that had problems to `<name>.invalid` before it is overwritten.

    Returns the copy's path (None when there was nothing to keep). Only the first broken
    version is kept, so the user's original text survives any number of later saves.
    """
    target = path.with_name(path.name + ".invalid")
    if not path.exists() or target.exists():
        return None
    try:
        shutil.copy2(path, target)
    except OSError as error:
        raise WriteFailedError(target, error) from error
    return target


def _read_keymap(value: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append("`keymap` must be a table of binding id = \"keys\"")
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in value.items():
        if isinstance(keys, str):
            cleaned = ",".join(part.strip() for part in keys.split(",") if part.strip())
            if cleaned:
                keymap[str(binding_id)] = cleaned
                continue
        problems.append(f"keymap `{binding_id}` needs keys in quotes, such as \"ctrl+n\"")
    return keymap


def _read_number(name: str, value: Any, problems: list[str]) -> float | int | None:
    kind, low, high = _RANGES[name]
    # TOML booleans are Python ints; `true` is never a sensible number of days.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"`{name}` must be a number, not {value!r}")
        return None
    if kind is int and isinstance(value, float) and not value.is_integer():
        problems.append(f"`{name}` must be a whole number, not {value!r}")
        return None
    if not low <= value <= high:
        problems.append(f"`{name}` must be between {low:g} and {high:g}, not {value!r}")
        return None
    return kind(value)
