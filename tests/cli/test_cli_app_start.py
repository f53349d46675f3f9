"""Opening the app goes straight to it: the verbs' parsers and the modules only they need
(the notice reader, the checks, Markdown) are not loaded on the way."""

from __future__ import annotations

import subprocess
import sys

import pytest

from poa_tui.cli import app_arguments

NOT_AT_START = ("poa_tui.domain.notice", "poa_tui.domain.checks", "poa_tui.domain.replies", "poa_tui.domain.assembly", "tomli_w",
                "poa_tui.system.clipboard", "secrets", "getpass",
                "poa_tui.domain.readiness", "markdown_it", "poa_tui.cli.analysis",
                "poa_tui.tui.dialogs.case_form", "poa_tui.tui.dialogs.help")


@pytest.mark.parametrize("argv, db, demo", [
    ([], None, False),
    (["--db", "/data/poa"], "/data/poa", False),
    (["--db=/data/poa"], "/data/poa", False),
    (["--demo"], None, True),
    (["--db", "a", "--db", "b"], "b", False),
    (["--db", "list"], "list", False),  # a folder called "list", as argparse reads it
])
def test_the_bare_command_is_read_without_the_parser(argv, db, demo) -> None:
    args = app_arguments(argv)
    assert args is not None
    assert (args.command, args.db, args.demo) == (None, db, demo)


@pytest.mark.parametrize("argv", [["list"], ["--help"], ["--version"], ["--db"], ["--db="],
                                  ["--db", "--demo"], ["--dem"], ["--db", "x", "show", "1"]])
def test_anything_else_goes_to_the_parser(argv) -> None:
    assert app_arguments(argv) is None


def test_opening_the_app_loads_only_what_the_case_list_needs(db, cli_env) -> None:
    code = (
        "import sys\n"
        "import poa_tui.cli as cli\n"
        "opened = []\n"
        "cli.tui.run = lambda args: opened.append((args.db, args.demo)) or 0\n"
        f"status = cli.main(['--db', {str(db)!r}])\n"
        "import poa_tui.tui.app\n"
        f"loaded = [m for m in {NOT_AT_START!r} if m in sys.modules]\n"
        "print(status, opened, loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=cli_env(),
                            timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode().strip() == f"0 [({str(db)!r}, False)] []"
