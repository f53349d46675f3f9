"""The layers as contracts: import-linter, configured in pyproject.toml, run on this checkout.

cli > tui > editing > system > storage > domain: an import only points down, below the TUI
nothing imports Textual, and no two sibling modules import each other, even by a detour.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT = ("from importlinter.cli import lint_imports\n"
        "raise SystemExit(lint_imports(no_cache=True, no_logo=True))")


def lint(where: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run([sys.executable, "-c", LINT], cwd=where, env=env, capture_output=True,
                          text=True, timeout=300)


def test_every_contract_is_kept() -> None:
    done = lint(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 3 kept, 0 broken." in done.stdout


@pytest.mark.parametrize("module, line", [
    ("domain/models.py", "from poa_tui.storage import store as _store_above\n"),
    ("storage/store.py", "import textual as _textual_below\n"),
    ("tui/widgets/preview.py", "from poa_tui.tui.screens import case_editor as _sideways\n"),
])
def test_an_import_that_breaks_a_layer_is_caught(tmp_path: Path, module: str, line: str) -> None:
    shutil.copytree(REPO / "poa_tui", tmp_path / "poa_tui",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "poa_tui" / module
    target.write_text(line + target.read_text())
    done = lint(tmp_path)
    assert done.returncode != 0, done.stdout
    assert "BROKEN" in done.stdout
