"""The bare `poa-tui` command: open the app, on the user's store or on a throwaway demo store."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from typing import TYPE_CHECKING

from poa_tui.cli.support import PROG, CliError
from poa_tui.tui.textual_fixes import collection_pauses as heap

if TYPE_CHECKING:
    from poa_tui.tui.app import PoaApp

NO_TERMINAL = (
    f"the app needs a terminal, but standard input, output or error is not one. Over SSH, "
    f"use ssh -t (`ssh -t HOST {PROG}`) so the server gives it one; in scripts, use a command "
    f"such as `{PROG} list` instead (see `{PROG} --help`)"
)


def has_terminal() -> bool:
    # Textual reads keys from stdin and draws on stderr (not stdout): all three must be the
    # terminal, or the screen would land in a pipe or a log file.
    return all(stream is not None and stream.isatty()
               for stream in (sys.stdin, sys.stdout, sys.stderr))


def run(args: argparse.Namespace) -> int:
    """Open the app and return its exit status once it closes."""
    if args.demo and args.db:
        raise CliError("--demo opens its own throwaway store: leave out --db")
    # Without a terminal Textual would write escape codes into a pipe and keep running after
    # the SSH client has gone (`ssh host poa-tui` without -t).
    if not has_terminal():
        raise CliError(NO_TERMINAL)
    # Python's cycle collector would make several passes over the ~36,000 objects the
    # imports create (~50 ms of start-up, one full pass alone ~30 ms); the app turns it back
    # on once its first screen is drawn (PoaApp._after_first_frame).
    heap.hold()
    # Deferred: Textual and the screens take ~120 ms to import, which no other verb should pay.
    from poa_tui.tui.app import make_app

    if not args.demo:
        return _run_app(make_app(args.db))
    folder = tempfile.mkdtemp(prefix="poa-tui-demo-")
    try:
        return _run_app(make_app(folder, demo=True))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_app(app: PoaApp) -> int:
    app.run()
    if app.exit_note:
        try:
            print(f"{PROG}: {app.exit_note}", file=sys.stderr)
        except OSError:
            pass  # the terminal is gone (a hang-up): the recovery file is there all the same
    return app.return_code or 0
