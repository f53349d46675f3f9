"""The domain floor imports no Textual: the CLI and tests use it without the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import poa_tui

PACKAGE = Path(poa_tui.__file__).parent
UI_MODULES = {"app", "commands", "draw_guard", "paste_guard", "render_crop", "__main__"}
DOMAIN_MODULES = sorted(
    p.stem for p in PACKAGE.glob("*.py") if p.stem not in UI_MODULES and p.stem != "__init__"
) + sorted(f"documents.{p.stem}" for p in (PACKAGE / "documents").glob("*.py"))


def test_the_core_domain_modules_are_covered() -> None:
    assert {"models", "store", "storage", "poa", "plaintext"} <= set(DOMAIN_MODULES)


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_no_textual(module: str) -> None:
    code = (
        f"import sys, poa_tui.{module}\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"poa_tui.{module} pulls in: {result.stdout.strip()}"
