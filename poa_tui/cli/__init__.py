"""`poa-tui`: the bare command opens the app; subcommands script the same store.

Imports stay light on purpose: `poa-tui list` never imports Textual. The app and its screens
are imported inside `tui.run` only, which saves about 120 ms on every scripted call (measured
with `python -X importtime`, best of six: the CLI with the store, export and backup code
~75 ms; Textual with the app and its screens ~120 ms more, growing with each screen).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from poa_tui import __version__
from poa_tui.cli import tui
from poa_tui.cli.output import GuardedOutput, StdoutWriteError, inert, inert_streams
from poa_tui.cli.support import PROG, CliError, examples, verb_adder
from poa_tui.domain.errors import StoreError


class Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one line on stderr, like every other error here."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> Parser:
    # The verbs' modules bring the notice reader, the checks and Markdown (~70 ms of imports):
    # only a command pays for them, not opening the app (see `app_arguments`).
    from poa_tui.cli import (
        analysis,
        attempts,
        cases,
        dates,
        export,
        guidance,
        history,
        maintenance,
        notices,
    )

    parser = Parser(
        prog=PROG,
        description="Write and track Amazon appeal plans (POAs) in the terminal. "
                    "With no command, open the app.",
        epilog=examples(f"{PROG}", f"{PROG} --demo", f"{PROG} list",
                        f"ssh -t server {PROG}   # over SSH, ask for a terminal"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="PATH",
                        help="store folder (default: $POA_TUI_DB, else your data folder; "
                             f"`{PROG} locate` shows it)")
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a throwaway store holding one complete sample "
                             "case; it is deleted when you quit")
    # `--db` is accepted after the verb too; SUPPRESS keeps a value given before the verb.
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="store folder (default: $POA_TUI_DB, else your data folder)")
    verbs = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands",
                                  parser_class=Parser)
    add_verb = verb_adder(verbs, common)
    for module in (cases, export, attempts, notices, analysis, guidance, history, dates,
                   maintenance):
        module.register(add_verb)
    return parser


def app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a bare `poa-tui [--db PATH] [--demo]`, read without building the full
    parser; None for anything else (a command, --help, a mistake), which the parser handles."""
    args = argparse.Namespace(command=None, db=None, demo=False)
    words = iter(argv)
    for word in words:
        if word == "--demo":
            args.demo = True
        elif word == "--db":
            args.db = next(words, None)
            if args.db is None or args.db.startswith("-"):
                return None
        elif word.startswith("--db=") and len(word) > 5:
            args.db = word[5:]
        else:
            return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run `poa-tui` with `argv` (default: the process's arguments); returns the exit status."""
    stdout = sys.stdout
    try:
        bare = app_arguments(sys.argv[1:] if argv is None else argv)
        if bare is not None:
            return tui.run(bare)
        args = build_parser().parse_args(argv)
        if args.command is None:
            return tui.run(args)
        if args.demo:
            raise CliError("--demo opens the app; it cannot be combined with a command")
        sys.stdout = GuardedOutput(stdout)
        with inert_streams():  # whatever a verb prints is made inert (see `output`)
            status = int(args.handler(args) or 0)
        sys.stdout.flush()  # a write error shows here, while it can still be reported
        return status
    except StdoutWriteError as error:
        _silence_stdout()
        return fail(str(error))
    except (CliError, StoreError) as error:
        return fail(str(error))
    except KeyboardInterrupt as error:
        return 128 + getattr(error, "signum", 2)  # SIGINT, or the signal `Interrupted` names
    except BrokenPipeError:
        # The reader went away (`poa-tui dump | head`): stop quietly, as Unix tools do.
        _silence_stdout()
        return 0
    finally:
        sys.stdout = stdout


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so Python does not fail again flushing it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def fail(message: str) -> int:
    """Report an error as one line on stderr and return the error exit status."""
    line = " ".join(message.split())
    try:
        print(f"{PROG}: {line}", file=inert(sys.stderr))
    except OSError:
        pass  # standard error is gone too (2> /dev/full): the exit status still says it
    return 2
