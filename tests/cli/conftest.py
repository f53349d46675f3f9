"""Run `poa-tui` as a real process against a store folder in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error_line(self) -> str:
        """The single error line, checked to be the only line on stderr."""
        lines = self.err.splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got: {self.err!r}"
        assert lines[0].startswith("poa-tui: "), lines[0]
        return lines[0]


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # The checkout first, so the tests run this tree's code even without an editable install.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_cli(*args: str, db: Path | None = None, stdin: str | bytes | None = None,
            cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    command = [sys.executable, "-m", "poa_tui", *(["--db", str(db)] if db else []), *args]
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(command, input=data if data is not None else b"", capture_output=True,
                            cwd=cwd, env=env or environment(), timeout=120)
    return Run(result.returncode, result.stdout.decode(), result.stderr.decode())


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `folder` with its modification time and bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def cli(db: Path) -> Callable[..., Run]:
    """`cli("list", "--json")` runs poa-tui on this test's store."""
    def call(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None) -> Run:
        return run_cli(*args, db=db, stdin=stdin, cwd=cwd)
    return call


@pytest.fixture
def new_case(cli: Callable[..., Run]) -> Callable[..., int]:
    def make(title: str = "Listing removed: trademark complaint", *extra: str) -> int:
        result = cli("new", "--title", title, *extra)
        assert result.code == 0, result.err
        return int(result.out)
    return make


@pytest.fixture
def unchanged(db: Path):
    """`with unchanged(): ...` fails when the block wrote anything into the store folder."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = snapshot(db)
        yield
        assert snapshot(db) == before, "the store folder changed"
    return check


@pytest.fixture
def cli_without_db() -> Callable[..., Run]:
    """Like `cli`, but the store comes from `$POA_TUI_DB` or the default location."""
    def call(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None) -> Run:
        return run_cli(*args, stdin=stdin, cwd=cwd)
    return call


@pytest.fixture
def store_at(db: Path):
    """Open this test's store in-process, to set up states the CLI has no verb for."""
    def open_store():
        from poa_tui.storage.store import CaseStore

        return CaseStore(db)
    return open_store


@pytest.fixture(name="cli_env")
def cli_env_fixture() -> Callable[..., dict[str, str]]:
    """`cli_env(TMPDIR=...)`: the environment the CLI runs in, with extra variables."""
    return environment
