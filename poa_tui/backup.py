"""Backups of a store: cheap rotating snapshots, portable archives, and restore.

A snapshot is a folder under `<store>/backups/<UTC stamp>/` holding hard links to the index
and to every case file. The store never edits a file in place (it writes a new file and renames
it over the old one), so a hard link keeps the old version intact for as long as the snapshot
exists, at almost no cost in time or space. Where links are not possible (another file system),
files are copied instead. `poa-tui backup PATH` writes a `.zip` instead, to carry elsewhere.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .errors import CaseNotFoundError, StoreError, WriteFailedError
from .models import Case
from .storage import FILE_MODE, atomic_write_bytes, ensure_private_dir, read_json_file
from .store import INDEX_NAME, CaseStore

BACKUPS = "backups"
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    cases: int


def backups_dir(store: CaseStore) -> Path:
    return store.root / BACKUPS


def _store_files(store: CaseStore) -> list[tuple[Path, str]]:
    files = [(store.index_path, INDEX_NAME)] if store.index_path.exists() else []
    for case_id in store.case_ids():
        files.append((store.case_path(case_id), f"cases/{case_id}.json"))
    return files


def take_snapshot(store: CaseStore, keep: int = 10) -> Backup:
    """Snapshot the store into the rotating set and drop the oldest beyond `keep`."""
    stamp = datetime.now(timezone.utc).strftime(_STAMP)
    target = backups_dir(store) / stamp
    ensure_private_dir(target / "cases")
    files = _store_files(store)
    for source, name in files:
        dest = target / name
        try:
            os.link(source, dest)
        except FileNotFoundError:
            continue
        except OSError:
            shutil.copy2(source, dest)
    prune(store, keep)
    return Backup(target, _parse_stamp(target.name), sum(1 for _, n in files if n != INDEX_NAME))


def _parse_stamp(name: str) -> datetime:
    return datetime.strptime(name, _STAMP).replace(tzinfo=timezone.utc)


def list_backups(store: CaseStore) -> list[Backup]:
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


def prune(store: CaseStore, keep: int) -> list[Path]:
    removed = []
    for old in list_backups(store)[max(keep, 1):]:
        shutil.rmtree(old.path, ignore_errors=True)
        removed.append(old.path)
    return removed


def write_archive(store: CaseStore, path: Path) -> Backup:
    """Write every store file into a new zip at `path` (refuses to overwrite).

    The zip is built as `.<name>.partial` beside it, private (0600) from the moment it exists,
    and renamed into place once whole; a write that fails removes it and raises
    `WriteFailedError`.
    """
    if path.exists():
        raise StoreError(f"{path} already exists; choose another name or remove it first.")
    files = _store_files(store)
    partial = path.with_name(f".{path.name}.partial")
    try:
        ensure_private_dir(path.parent)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    except OSError as error:
        raise WriteFailedError(path, error) from error
    try:
        with os.fdopen(fd, "wb") as handle, \
                zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for source, name in files:
                archive.write(source, name)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise WriteFailedError(path, error) from error
    return Backup(path, datetime.now(timezone.utc), sum(1 for _, n in files if n != INDEX_NAME))


def _read_backup_cases(source: Path) -> dict[int, bytes]:
    """Case files of a snapshot folder or a zip archive, checked to be readable."""
    cases: dict[int, bytes] = {}
    if source.is_dir():
        items = [(p.name, p.read_bytes()) for p in sorted((source / "cases").glob("*.json"))]
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            items = [(Path(n).name, archive.read(n)) for n in archive.namelist()
                     if n.startswith("cases/") and n.endswith(".json")]
    else:
        raise StoreError(f"{source} is neither a poa-tui backup folder nor a .zip backup.")
    with tempfile.TemporaryDirectory() as scratch:
        for name, raw in items:
            probe = Path(scratch) / name
            probe.write_bytes(raw)
            doc = read_json_file(probe)
            try:
                Case.from_dict(doc["case"]["1"])
            except (KeyError, TypeError, ValueError) as error:
                raise StoreError(f"{source}: {name} in the backup is not a readable case.") from error
            cases[int(Path(name).stem)] = raw
    if not cases and not (source.is_dir() and (source / INDEX_NAME).exists()):
        raise StoreError(f"{source} holds no poa-tui cases.")
    return cases


def restore(store: CaseStore, source: Path, keep: int = 10) -> tuple[Backup, int]:
    """Replace the store's cases with those of `source`, after snapshotting the current state.

    Returns the safety snapshot and the number of cases restored. Refuses while any case is
    open for editing in another session.
    """
    cases = _read_backup_cases(source)
    for case_id in store.case_ids():
        holder = store.lock_holder(case_id)
        if holder is not None:
            raise StoreError(f"Case {case_id} is open by {holder.describe()}; close it before restoring.")
    safety = take_snapshot(store, keep=keep + 1)
    for case_id in store.case_ids():
        if case_id not in cases:
            try:
                store.delete(case_id)
            except CaseNotFoundError:
                pass
    for case_id, raw in cases.items():
        atomic_write_bytes(store.case_path(case_id), raw)
    store.rebuild_index()
    return safety, len(cases)
