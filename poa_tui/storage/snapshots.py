"""Rotating snapshots of a store: hard links to the index and every case file.

A snapshot is a folder under `<store>/backups/<UTC stamp>/`. The store never edits a file in
place (it writes a new file and renames it over the old one), so a hard link keeps the old
version intact for as long as the snapshot exists, at almost no cost in time or space. Where
links are not possible (another file system), files are copied instead.

The store takes one before it migrates its files, so this module knows a store only by the
files it has (`StoreFiles`) and imports nothing of `store`; archives and restore, which need the
whole store, live in `backups`.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from poa_tui.storage.files import ensure_private_dir
from poa_tui.storage.index import INDEX_NAME


class StoreFiles(Protocol):
    """A store as its snapshots see it: where it is and which case files it holds."""

    root: Path
    index_path: Path

    def case_path(self, case_id: int) -> Path: ...
    def case_ids(self) -> list[int]: ...


BACKUPS = "backups"
_STAMP = "%Y%m%dT%H%M%S%fZ"
PARTIAL = ".partial-"
"""Prefix of a snapshot folder still being built (or left by one that was interrupted)."""
STALE_SECONDS = 3600
"""A partial snapshot or restore this old was interrupted: the next one clears it away."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    cases: int


def backups_dir(store: StoreFiles) -> Path:
    return store.root / BACKUPS


def store_files(store: StoreFiles) -> list[tuple[Path, str]]:
    """The index and the case files, regular files only: a pipe named like a case would hang
    the zip writer (and is no case)."""
    files = [(store.index_path, INDEX_NAME)]
    files += [(store.case_path(case_id), f"cases/{case_id}.json") for case_id in store.case_ids()]
    return [(path, name) for path, name in files if _is_regular(path)]


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def take_snapshot(store: StoreFiles, keep: int = 10) -> Backup:
    """Snapshot the store into the rotating set and drop the oldest beyond `keep`.

    The snapshot is built in a hidden folder and renamed into place only when whole: one
    interrupted half-way is never listed, so never restored in place of the store.
    """
    stamp = datetime.now(timezone.utc).strftime(_STAMP)
    target = backups_dir(store) / stamp
    partial = backups_dir(store) / f"{PARTIAL}{stamp}-{os.getpid()}"
    ensure_private_dir(partial / "cases")
    files = store_files(store)
    try:
        for source, name in files:
            dest = partial / name
            try:
                os.link(source, dest)
            except FileNotFoundError:
                continue
            except OSError:
                shutil.copy2(source, dest)
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    prune(store, keep)
    return Backup(target, _parse_stamp(target.name), sum(1 for _, n in files if n != INDEX_NAME))


def _parse_stamp(name: str) -> datetime:
    return datetime.strptime(name, _STAMP).replace(tzinfo=timezone.utc)


def list_backups(store: StoreFiles) -> list[Backup]:
    """Snapshots, newest first."""
    folder = backups_dir(store)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        try:
            taken = _parse_stamp(entry.name)
        except ValueError:
            continue
        cases = len(list((entry / "cases").glob("*.json"))) if (entry / "cases").is_dir() else 0
        found.append(Backup(entry, taken, cases))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def prune(store: StoreFiles, keep: int) -> list[Path]:
    """Drop the snapshots beyond the newest `keep`, and those left half-built long ago."""
    removed = []
    for old in list_backups(store)[max(keep, 1):]:
        shutil.rmtree(old.path, ignore_errors=True)
        removed.append(old.path)
    cutoff = time.time() - STALE_SECONDS
    for left in backups_dir(store).glob(f"{PARTIAL}*"):
        try:
            if left.lstat().st_mtime < cutoff:
                shutil.rmtree(left, ignore_errors=True)
                removed.append(left)
        except OSError:
            continue
    return removed
