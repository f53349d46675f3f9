"""The wheel is complete: built, installed for real into a fresh venv, it runs from anywhere.

The styles live in a top-level `styles/` folder that hatch copies into `poa_tui/styles` in the
wheel, and the dependencies must be declared for `pip` to find them: a checkout or an editable
install would hide a mistake in either. Takes ~20 s (wheel ~5 s, venv ~7 s, install ~5 s).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

HEADLESS_RUN = """
import asyncio, json, pathlib, sys, tempfile
import poa_tui
from poa_tui.tui.app import make_app

async def main():
    scratch = pathlib.Path(tempfile.mkdtemp())
    app = make_app(scratch / "store", settings_path=scratch / "settings.toml", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        loaded = sorted(path for path, _ in app.stylesheet.source if path.endswith(".tcss"))
        screen = app.export_screenshot()
    print(json.dumps({"package": str(pathlib.Path(poa_tui.__file__).parent),
                      "loaded": loaded, "screen": screen}))

asyncio.run(main())
"""


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_the_built_wheel_installs_and_runs_with_its_styles(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
         cwd=tmp_path, env=env)
    (wheel,) = dist.glob("poa_tui-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path, env=env)
    # A real install, dependencies resolved from the declared metadata.
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
         cwd=tmp_path, env=env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = _run([str(venv / "bin" / "poa-tui"), "--version"], cwd=elsewhere, env=env)
    assert version.startswith("poa-tui ")

    report = json.loads(_run([str(venv / "bin" / "python"), "-c", HEADLESS_RUN],
                             cwd=elsewhere, env=env))
    package = Path(report["package"])
    assert package.is_relative_to(venv), f"imported {package}, not the installed copy"
    shipped = sorted(str(path) for path in (package / "styles").glob("*.tcss"))
    expected = sorted(path.name for path in (REPO / "styles").glob("*.tcss"))
    assert [Path(path).name for path in shipped] == expected and expected
    assert report["loaded"] == shipped
    assert "Marlow Kitchen" in report["screen"].replace("&#160;", " ")  # the demo case is listed


def test_ci_runs_the_test_command_the_readme_gives() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    (line,) = [line for line in script.splitlines() if line.startswith("TEST_COMMAND=")]
    command = line.split("=", 1)[1].strip('"')
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"\n{command}\n" in readme
    assert "pip install -e '.[test]'" in command and "pytest" in command
    install = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/poa-tui --demo"
    assert f"\n{install}\n" in readme


def test_ci_fails_when_a_step_of_the_test_command_fails(tmp_path: Path) -> None:
    """`.ci/run` must not turn a failed install into a green build (`set -e` skips `&&` lists)."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in script
    (runner,) = [line for line in script.splitlines()
                 if "$TEST_COMMAND" in line and not line.startswith("TEST_COMMAND=")]
    probe = tmp_path / "probe.sh"
    probe.write_text(f'set -euo pipefail\nTEST_COMMAND="false && true"\n{runner}\necho reached\n',
                     encoding="utf-8")
    result = subprocess.run(["bash", str(probe)], capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "reached" not in result.stdout
