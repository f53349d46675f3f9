"""What every verb shares: the error type, safe text input, the store, vocabulary arguments."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from poa_tui.domain.errors import CaseNotFoundError, StoreError
from poa_tui.domain.models import Case
from poa_tui.domain.readable import readable_text
from poa_tui.domain.textsafety import json_inert, strip_controls
from poa_tui.storage.store import CaseStore
from poa_tui.system.paths import resolve_store_path, settings_path

if TYPE_CHECKING:
    from poa_tui.system.settings import Settings

PROG = "poa-tui"
STDIN = "-"


class CliError(Exception):
    """A mistake in what was asked: reported as one line on stderr, exit 2, nothing written."""


TEXT_LIMIT_MB = 10
"""The most poa-tui reads as one text (a section, a notice, a reply), in megabytes: a long
plan is a few hundred kilobytes, and an endless input (`/dev/zero`) must not fill memory."""
IMPORT_LIMIT_MB = 100
"""The most `import` reads: a `dump` of thousands of cases, each with its whole history."""
_MB = 1024 * 1024


def size_note(limit_mb: int = TEXT_LIMIT_MB) -> str:
    """How `--help` names a text option's limit."""
    return f"at most {limit_mb} MB"


Enum = TypeVar("Enum", bound=StrEnum)
T = TypeVar("T")


def vocab_arg(kind: type[Enum], what: str) -> Callable[[str], Enum]:
    """An argparse `type=` taking a vocabulary id; when it is wrong, it names the valid ones."""
    def parse(value: str) -> Enum:
        try:
            return kind(value.strip().lower())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {value!r}: use one of {choices(kind)}") from None
    parse.__name__ = what  # argparse names the type in some messages
    return parse


def choices(kind: type[StrEnum]) -> str:
    return ", ".join(member.value for member in kind)


def positive_int(what: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = 0
        if number <= 0:
            raise argparse.ArgumentTypeError(
                f"{what} must be a whole number above 0, not {value!r}")
        return number
    parse.__name__ = what
    return parse


def add_case_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=positive_int("case id"), metavar="ID",
                        help=f"the case's number, as `{PROG} list` shows it")


def add_message_source(parser: argparse.ArgumentParser, what: str, json_shape: str) -> None:
    """The FILE argument of the verbs that read a pasted message, and their --json switch."""
    parser.add_argument("source", metavar="FILE",
                        help=f"the {what}'s text (`-` reads standard input; {size_note()})")
    parser.add_argument("--json", action="store_true", help=f"print {json_shape}")


def read_text(source: str, limit_mb: int = TEXT_LIMIT_MB) -> str:
    """A file's or stdin's (`-`) text, decoded as UTF-8, with terminal controls removed.

    At most `limit_mb` megabytes are read: one byte more is refused, so an endless source
    (`/dev/zero`, a runaway pipe) costs no more memory than the limit.
    """
    name = "standard input" if source == STDIN else source
    limit = limit_mb * _MB
    try:
        if source == STDIN:
            raw = sys.stdin.buffer.read(limit + 1)
        else:
            with open(source, "rb") as handle:
                raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise CliError(f"cannot read {name}: there is no such file") from None
    except IsADirectoryError:
        raise CliError(f"cannot read {name}: it is a folder, not a file") from None
    except OSError as error:
        raise CliError(f"cannot read {name}: {error.strerror or error}") from None
    if len(raw) > limit:
        raise CliError(f"cannot read {name}: it is larger than {limit_mb} MB, the most poa-tui "
                       f"reads at once; nothing was changed")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CliError(f"cannot read {name}: it is not UTF-8 text (bad byte at offset "
                       f"{error.start}); save it as UTF-8 and try again") from None
    return strip_controls(text)


def read_message(source: str, what: str) -> str:
    """`read_text` for a pasted message (a notice or a reply), refused when it holds no words.

    A saved email (`.eml`) or an HTML page becomes the text a person reads (`readable_text`)."""
    text = strip_controls(readable_text(read_text(source))).strip("\n")
    if not text.strip():
        raise CliError(f"the {what} is empty: paste Amazon's message into the file first")
    return text


def read_json(source: str) -> Any:
    name = "standard input" if source == STDIN else source
    try:
        return json.loads(read_text(source, IMPORT_LIMIT_MB))
    except json.JSONDecodeError as error:
        raise CliError(f"{name} is not valid JSON: {error.msg} at line {error.lineno}, "
                       f"column {error.colno}") from None


def clean_line(value: str, what: str, *, required: bool = False) -> str:
    """A one-line field from the command line: controls stripped, runs of whitespace collapsed.

    The command line arrives as bytes; Python keeps bytes that are not UTF-8 as stand-ins
    ("surrogates") that cannot be saved, so such a value is refused before anything is written.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise CliError(f"the {what} is not UTF-8 text (character {error.start + 1} is not): "
                       f"set your terminal to UTF-8, or type it again") from None
    text = " ".join(strip_controls(value).split())
    if required and not text:
        raise CliError(f"the {what} is empty: give it some text")
    return text


def store_root(args: argparse.Namespace) -> Path:
    return resolve_store_path(getattr(args, "db", None))


def open_store(args: argparse.Namespace) -> CaseStore:
    """The store, created on first use: for verbs that write."""
    return CaseStore(store_root(args))


def existing_store(args: argparse.Namespace) -> CaseStore | None:
    """The store if its folder exists; None otherwise, so read-only verbs create nothing."""
    root = store_root(args)
    return CaseStore(root) if root.exists() else None


def load_case(args: argparse.Namespace, store: CaseStore | None = None) -> tuple[CaseStore, Case]:
    """The store and the case named by `args.id`; a missing store is reported as a missing case."""
    store = store or existing_store(args)
    if store is None:
        raise CaseNotFoundError(args.id)
    return store, store.load(args.id)


def add_force(parser: argparse.ArgumentParser) -> None:
    """`--force` on the verbs that change a case (see `change_case`)."""
    parser.add_argument("--force", action="store_true",
                        help="write even while the case is open in the app; the app merges the "
                             "change, and where both changed the same text keeps its own and "
                             "saves this one in the case notes")


def change_case(args: argparse.Namespace, change: Callable[[Case], T]) -> tuple[Case, T]:
    """Apply `change` to the case named by `args.id` and save it, through `CaseStore.update`
    (on a conflict with another writer the change is made again on the newer version).

    A case an app session has open (it holds the case's editing lock) is refused, naming who
    holds it, unless `args.force`: the app would otherwise merge the change into its own copy
    and, where both changed the same text, move the command's text into the case notes. The
    check only reads the lock, so a refused command writes nothing at all; so does a `change`
    that raises (a `CliError` saying why the case cannot take it).
    """
    store = existing_store(args)
    if store is None:
        raise CaseNotFoundError(args.id)
    holder = None if getattr(args, "force", False) else store.lock_holder(args.id)
    if holder is not None:
        raise CliError(f"case {args.id} is open in the app by {holder.describe()}: close it "
                       f"there first, or add --force to write anyway")
    return store.update(args.id, change)


class Interrupted(KeyboardInterrupt):
    """A signal that ends the process (SIGTERM, SIGHUP) arrived during an all-or-nothing write:
    raised like ctrl+c so the write is undone; `signum` gives the exit status."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


@contextmanager
def nothing_changed_on_failure(done: str) -> Iterator[None]:
    """For a write that is all or nothing (import, restore): an error, ctrl+c, SIGTERM or SIGHUP
    part-way undoes it and says that nothing was `done` ("imported", "restored")."""
    import signal

    caught = (signal.SIGTERM, signal.SIGHUP)
    before = {signum: signal.signal(signum, _interrupt) for signum in caught}
    try:
        yield
    except StoreError as error:
        raise CliError(f"{str(error).rstrip('.')}. Nothing was {done}.") from None
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; nothing was {done}.", file=sys.stderr)
        raise
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def load_settings() -> Settings:
    """The user's settings; a problem in the file is one warning line, and defaults stand in."""
    from poa_tui.system.settings import (
        Settings,  # only the verbs that use settings pay for the TOML modules
    )

    settings, problem = Settings.load(settings_path())
    if problem:
        print(f"{PROG}: warning: {' '.join(problem.split())}", file=sys.stderr)
    return settings


def clock_settings(settings: Settings) -> dict[str, int]:
    """The keyword arguments `history.clocks_for` and `history.log_dict` take from the settings."""
    return {"follow_up_days": settings.follow_up_days,
            "escalation_business_days": settings.escalation_business_days}


def plural(count: int, word: str) -> str:
    """The count with its noun, e.g. "1 day" or "3 days"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def write_json(data: Any) -> None:
    # The risky characters as \\uXXXX escapes: the same data for a program, inert in a terminal.
    sys.stdout.write(json_inert(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


AddVerb = Callable[..., argparse.ArgumentParser]
"""`add(name, summary, *example_lines)`: a new subcommand parser, as `verb_adder` makes them."""


def verb_adder(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> AddVerb:
    """Every verb gets the shared options, its one-line summary as description, and examples."""
    def add(name: str, summary: str, *example_lines: str) -> argparse.ArgumentParser:
        return verbs.add_parser(name, help=summary, description=summary, parents=[common],
                                epilog=examples(*example_lines),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    return add


def examples(*lines: str) -> str:
    """The `--help` epilog: one or more example command lines."""
    return "example:\n" + "\n".join(f"  {line}" for line in lines)
