"""`poa-tui doctor`: check a store, repair what is safe to repair, and say what was done.

Nothing is ever deleted: an unreadable file is renamed `<name>.corrupt-<UTC time>` (and, for a
case, its previous version `<id>.json.bak` is put back when that one reads fine). The index is
always rebuilt from the case files, which are the truth.
"""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import locks
from .backup import BACKUPS, list_backups
from .errors import CorruptFileError, NewerSchemaError
from .models import Case
from .storage import DIR_MODE, FILE_MODE, read_json_file
from .store import INDEX_NAME, CaseStore

TEMP_GRACE_SECONDS = 60


@dataclass
class DoctorReport:
    found: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.unresolved

    def lines(self) -> list[str]:
        out = [f"ok    {line}" for line in self.found]
        out += [f"fixed {line}" for line in self.done]
        out += [f"PROBLEM {line}" for line in self.unresolved]
        return out


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def quarantine(path: Path) -> Path:
    target = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    os.replace(path, target)
    return target


def _data_file(name: str) -> re.Pattern[str]:
    """A data file the store writes as `name`, its previous version, a set-aside copy, and the
    temporary and staging files of an atomic write (see `storage.atomic_write_bytes`)."""
    return re.compile(rf"{name}(\.bak|\.corrupt-[0-9TZ]+)?|\.{name}\.[0-9a-f.]+\.(tmp|bak)")


_INDEX_FILES = _data_file(re.escape(INDEX_NAME))
_CASE_FILES = _data_file(r"\d+\.json")
_LOCK_FILES = re.compile(r"(index|\d+)\.(lock|write|session)")
_TRASH_FILES = re.compile(r"\d+-[0-9TZ]+\.json")
_SNAPSHOT = re.compile(r"\d{8}T\d+Z")


def _entries(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """The entries of `folder` whose names match `pattern`; none when it is not a real folder."""
    try:
        if not stat.S_ISDIR(folder.lstat().st_mode):
            return []
        return [folder / name for name in sorted(os.listdir(folder)) if pattern.fullmatch(name)]
    except OSError:
        return []


def _own_paths(root: Path) -> list[tuple[Path, int]]:
    """The store's own folders and files, with the mode each should have at most.

    Only what poa-tui writes, by name: a file or folder the user keeps beside the store (or the
    store folder itself, which may be shared on purpose) is not doctor's to change.
    """
    own: list[tuple[Path, int]] = [(p, FILE_MODE) for p in _entries(root, _INDEX_FILES)]
    for name, pattern in (("cases", _CASE_FILES), ("locks", _LOCK_FILES),
                          ("trash", _TRASH_FILES)):
        own.append((root / name, DIR_MODE))
        own += [(p, FILE_MODE) for p in _entries(root / name, pattern)]
    own.append((root / BACKUPS, DIR_MODE))
    for snapshot in _entries(root / BACKUPS, _SNAPSHOT):
        own += [(snapshot, DIR_MODE), (snapshot / "cases", DIR_MODE)]
        own += [(p, FILE_MODE) for p in _entries(snapshot, _INDEX_FILES)]
        own += [(p, FILE_MODE) for p in _entries(snapshot / "cases", _CASE_FILES)]
    return own


def _fix_modes(root: Path, report: DoctorReport) -> None:
    fixed = sum(_tighten(path, mode, report) for path, mode in _own_paths(root))
    if fixed:
        report.done.append(f"permissions tightened on {fixed} file(s) or folder(s) (0600/0700)")
    else:
        report.found.append("permissions: files 0600, folders 0700")


def _tighten(path: Path, mode: int, report: DoctorReport) -> int:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return 0
    if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) & 0o077 == 0:
        return 0
    if info.st_uid != os.getuid():
        report.unresolved.append(f"{path} is readable by others and owned by another user")
        return 0
    os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077 | (mode & 0o700))
    return 1


def _check_index(root: Path, report: DoctorReport) -> None:
    index = root / INDEX_NAME
    if not index.exists():
        report.found.append("index missing: it will be rebuilt")
        return
    try:
        read_json_file(index)
    except CorruptFileError as error:
        moved = quarantine(index)
        report.done.append(f"index unreadable ({error.reason}); set aside as {moved.name}")


def _check_cases(store: CaseStore, report: DoctorReport) -> None:
    good = 0
    for case_id in store.case_ids():
        path = store.case_path(case_id)
        try:
            store.load(case_id)
            good += 1
            continue
        except NewerSchemaError as error:
            report.unresolved.append(str(error))
            continue
        except CorruptFileError as error:
            moved = quarantine(path)
            report.done.append(f"case {case_id}: unreadable ({error.reason}); set aside as {moved.name}")
        backup = path.with_name(path.name + ".bak")
        if _readable_case(backup):
            os.replace(backup, path)
            case = store.load(case_id)
            report.done.append(f"case {case_id}: its previous version (revision {case.revision}) put back")
            good += 1
        else:
            report.unresolved.append(
                f"case {case_id}: no readable previous version; restore it from a backup "
                f"(`poa-tui restore`) or by hand from {path.name}.corrupt-*"
            )
    report.found.append(f"{good} case file(s) read fine")


def _readable_case(path: Path) -> bool:
    try:
        Case.from_dict(read_json_file(path)["case"]["1"])
    except (OSError, CorruptFileError, KeyError, TypeError, ValueError):
        return False
    return True


def _clean_temp_files(store: CaseStore, report: DoctorReport) -> None:
    cutoff = time.time() - TEMP_GRACE_SECONDS
    removed = 0
    for folder in (store.root, store.cases_dir):
        for path in folder.glob(".*.tmp"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
    if removed:
        report.done.append(f"removed {removed} unfinished temporary file(s) left by an interrupted save")


def _check_locks(store: CaseStore, report: DoctorReport) -> None:
    for path in sorted(store.locks_dir.glob("*.session")):
        case_id = path.stem
        if locks.is_locked(path):
            holder = locks.read_holder(path)
            who = holder.describe() if holder else "an unknown session"
            report.found.append(f"case {case_id} is open for editing by {who}")
        elif path.stat().st_size:
            path.write_bytes(b"")
            report.done.append(f"case {case_id}: cleared a lock record left by a session that ended")


def _check_backups(store: CaseStore, report: DoctorReport) -> None:
    snapshots = list_backups(store)
    if not snapshots:
        report.found.append("no backups yet (one is taken each time the app starts)")
        return
    newest = snapshots[0]
    bad = [p.name for p in (newest.path / "cases").glob("*.json") if not _readable_case(p)]
    when = newest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if bad:
        report.unresolved.append(f"newest backup {newest.path.name} has unreadable files: {', '.join(bad)}")
    else:
        report.found.append(f"{len(snapshots)} backup(s); newest {when} with {newest.cases} case(s)")


def run_doctor(root: Path) -> DoctorReport:
    report = DoctorReport()
    if not root.exists():
        report.found.append(f"{root} does not exist yet: nothing to check")
        return report
    _check_index(root, report)
    store = CaseStore(root)
    _fix_modes(root, report)
    _clean_temp_files(store, report)
    _check_cases(store, report)
    _check_locks(store, report)
    _check_backups(store, report)
    count = store.rebuild_index()
    report.done.append(f"index rebuilt from the case files ({count} case(s))")
    return report
