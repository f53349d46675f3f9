"""Where the app's stylesheets live: inside the package when installed, beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def styles_dir() -> Path:
    """`poa_tui/styles` in an installed wheel (hatch force-includes it), else `<checkout>/styles`."""
    installed = _PACKAGE / "styles"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "styles"


def stylesheets() -> list[Path]:
    """Every `*.tcss` file, sorted by name, so each screen's sheet is picked up by adding it."""
    return sorted(styles_dir().glob("*.tcss"))
