"""Verbs that look after the store itself: doctor, backup, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from poa_tui.cli.support import (
    PROG,
    AddVerb,
    CliError,
    existing_store,
    load_settings,
    nothing_changed_on_failure,
    open_store,
    store_root,
)
from poa_tui.storage.backups import restore, write_archive
from poa_tui.storage.doctor import run_doctor
from poa_tui.storage.snapshots import list_backups, take_snapshot


def register(verb: AddVerb) -> None:
    p = verb("doctor", "Check the store, repair what is safe to repair, and say what was done.",
             f"{PROG} doctor")
    p.set_defaults(handler=doctor)

    p = verb("backup", "Snapshot the store now, or write it to a .zip file to keep elsewhere.",
             f"{PROG} backup", f"{PROG} backup ~/poa-tui-backup.zip", f"{PROG} backup --list")
    p.add_argument("path", nargs="?", metavar="FILE.zip",
                   help="write a zip archive here instead of a snapshot in the store")
    p.add_argument("--list", action="store_true", help="list the snapshots kept in the store")
    p.set_defaults(handler=backup)

    p = verb("restore", "Replace every case with those in a backup (a snapshot is taken first).",
             f"{PROG} restore ~/poa-tui-backup.zip --yes",
             f"{PROG} backup --list   # the snapshots you can restore")
    p.add_argument("source", metavar="BACKUP",
                   help="a snapshot folder (see `backup --list`) or a .zip from `backup FILE`")
    p.add_argument("--yes", action="store_true", help="confirm without being asked")
    p.set_defaults(handler=restore_backup)


def _backups_kept() -> int:
    return load_settings().backups_kept


def doctor(args: argparse.Namespace) -> int:
    report = run_doctor(store_root(args))
    for line in report.lines():
        print(line)
    if report.healthy:
        return 0
    count = len(report.unresolved)
    print(f"{PROG}: {count} problem{'s' if count != 1 else ''} left that doctor could not repair "
          f"(marked PROBLEM above)", file=sys.stderr)
    return 2


def backup(args: argparse.Namespace) -> int:
    if args.list and args.path:
        raise CliError("--list shows the snapshots; leave out FILE.zip")
    store = existing_store(args)
    if args.list:
        snapshots = list_backups(store) if store else []
        if not snapshots:
            print("No snapshots yet.")
        for snap in snapshots:
            when = snap.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            print(f"{when}  {snap.cases:>5} case{'s' if snap.cases != 1 else ' '}  {snap.path}")
        return 0
    if store is None:
        raise CliError(f"there is no store at {store_root(args)} yet: nothing to back up")
    if args.path:
        target = Path(args.path).expanduser()
        if target.exists():
            raise CliError(f"{target} already exists: choose another name")
        made = write_archive(store, target)
    else:
        made = take_snapshot(store, keep=_backups_kept())
    print(f"Saved {made.cases} case{'s' if made.cases != 1 else ''} to {made.path}")
    return 0


def restore_backup(args: argparse.Namespace) -> int:
    source = Path(args.source).expanduser()
    if not source.exists():
        raise CliError(f"cannot read {source}: there is no such file or folder")
    store = existing_store(args)
    count = len(store.case_ids()) if store else 0
    cases = f"{count} case{'s' if count != 1 else ''}"
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(f"restoring replaces the {cases} in {store_root(args)}: add --yes "
                           f"to confirm")
        # The question goes out through sys.stdout (made inert, see `output`): input()'s own
        # prompt would go straight to the terminal, file names and all.
        print(f"Replace the {cases} in {store_root(args)} with the cases in {source}? "
              f"A snapshot of the current state is taken first. [y/N] ", end="", flush=True)
        answer = input()
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    with nothing_changed_on_failure("restored"):
        safety, restored = restore(store or open_store(args), source, keep=_backups_kept())
    print(f"Restored {restored} case{'s' if restored != 1 else ''} from {source}. "
          f"The previous state is kept in {safety.path}")
    return 0
