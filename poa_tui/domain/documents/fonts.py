"""Unicode fonts for the PDF: found on the system, or shipped by an installed package.

A PDF carries its fonts, and PDF's fourteen built-in fonts know only Latin-1, so a plan with
“quotes”, € or ü needs a TrueType font to embed. Families are tried in order (DejaVu Sans, then
Noto Sans, then Liberation Sans); a family's missing bold or italic face falls back to its
regular one. Japanese, Chinese and Korean text needs a second, CJK font (Noto Sans CJK, IPAex
Gothic, Droid Sans Fallback or WenQuanYi), used only for the characters the first one lacks.

Searched folders: `$POA_TUI_FONT_PATH` (folders separated by `:`) when set, else the usual
font folders of Linux, macOS and Windows and the fonts matplotlib ships. No Textual here.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

FONT_PATH_VARIABLE = "POA_TUI_FONT_PATH"

STYLES = ("", "B", "I", "BI")
"""fpdf2's style names: regular, bold, italic, bold italic."""

FAMILIES: tuple[dict[str, tuple[str, ...]], ...] = (
    {"": ("DejaVuSans.ttf",), "B": ("DejaVuSans-Bold.ttf",), "I": ("DejaVuSans-Oblique.ttf",),
     "BI": ("DejaVuSans-BoldOblique.ttf",), "mono": ("DejaVuSansMono.ttf",)},
    {"": ("NotoSans-Regular.ttf",), "B": ("NotoSans-Bold.ttf",), "I": ("NotoSans-Italic.ttf",),
     "BI": ("NotoSans-BoldItalic.ttf",), "mono": ("NotoSansMono-Regular.ttf",)},
    {"": ("LiberationSans-Regular.ttf",), "B": ("LiberationSans-Bold.ttf",),
     "I": ("LiberationSans-Italic.ttf",), "BI": ("LiberationSans-BoldItalic.ttf",),
     "mono": ("LiberationMono-Regular.ttf",)},
)

CJK: dict[str, tuple[str, ...]] = {
    # The collections' first face is the Japanese one.
    "": ("NotoSansCJK-Regular.ttc", "NotoSansCJKjp-Regular.otf", "NotoSansJP-Regular.ttf",
         "NotoSansJP-Regular.otf", "ipaexg.ttf", "ipag.ttf", "DroidSansFallbackFull.ttf",
         "DroidSansFallback.ttf", "wqy-microhei.ttc", "wqy-zenhei.ttc"),
    "B": ("NotoSansCJK-Bold.ttc", "NotoSansCJKjp-Bold.otf", "NotoSansJP-Bold.ttf",
          "NotoSansJP-Bold.otf"),
}

INSTALL_HINT = ("install the DejaVu fonts (Debian and Ubuntu: `apt-get install fonts-dejavu-core`; "
                f"or point {FONT_PATH_VARIABLE} at a folder holding DejaVuSans.ttf), "
                "or export as docx or html instead")
CJK_HINT = ("install a CJK font (Debian and Ubuntu: `apt-get install fonts-noto-cjk`), "
            "or export as docx or html instead")


class FontNotFoundError(Exception):
    """No font that can show the plan's text was found; the message says what to install."""


@dataclass(frozen=True)
class Fonts:
    body: dict[str, Path]
    """Style ("", "B", "I", "BI") -> font file."""
    mono: Path
    cjk: dict[str, Path]
    """Style ("" and maybe "B") -> font file; empty when no CJK font was found."""


def search_folders() -> list[Path]:
    chosen = os.environ.get(FONT_PATH_VARIABLE)
    if chosen:
        return [Path(folder).expanduser() for folder in chosen.split(os.pathsep) if folder]
    home = Path.home()
    folders = [home / ".local/share/fonts", home / ".fonts", Path("/usr/local/share/fonts"),
               Path("/usr/share/fonts"), home / "Library/Fonts", Path("/Library/Fonts"),
               Path("/System/Library/Fonts")]
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf")
    return folders


def find_fonts(folders: list[Path] | None = None) -> Fonts:
    """The first complete family found; raises FontNotFoundError when there is none."""
    wanted = {name for family in FAMILIES for names in family.values() for name in names}
    wanted |= {name for names in CJK.values() for name in names}
    found = _index(folders if folders is not None else search_folders(), wanted)
    for family in FAMILIES:
        regular = _first(found, family[""])
        if regular is None:
            continue
        body = {style: _first(found, family[style]) or regular for style in STYLES}
        mono = _first(found, family["mono"]) or regular
        cjk = {style: path for style in CJK if (path := _first(found, CJK[style])) is not None}
        return Fonts(body, mono, cjk)
    raise FontNotFoundError(f"no Unicode font for the PDF was found: {INSTALL_HINT}")


def _index(folders: list[Path], wanted: set[str]) -> dict[str, Path]:
    """File name -> path for the wanted names, the first folder winning."""
    found: dict[str, Path] = {}
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                if name in wanted and name not in found:
                    found[name] = Path(root) / name
    return found


def _first(found: dict[str, Path], names: tuple[str, ...]) -> Path | None:
    return next((found[name] for name in names if name in found), None)


def is_cjk(character: str) -> bool:
    """Han, kana, Hangul and their punctuation and full-width forms."""
    code = ord(character)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)
