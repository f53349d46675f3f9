"""`poa-tui doctor`: check a store, repair what is safe to repair, and say what was done.

Nothing is ever deleted: an unreadable file is renamed `<name>.corrupt-<UTC time>` (and, for a
case, its previous version `<id>.json.bak` is put back when that one reads fine). The index is
always rebuilt from the case files, which are the truth.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from poa_tui.domain.errors import (
    CaseNotFoundError,
    CorruptFileError,
    NewerSchemaError,
    StoreError,
    UnreadableFileError,
    WriteFailedError,
)
from poa_tui.storage import locks
from poa_tui.storage.files import DIR_MODE, FILE_MODE, read_json_file
from poa_tui.storage.index import CASE_FILE_NAME, INDEX_NAME
from poa_tui.storage.snapshots import BACKUPS, PARTIAL, backups_dir, list_backups
from poa_tui.storage.store import STAGING_PREFIX, CaseStore, case_from_file_data

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


def _check_index(store: CaseStore, report: DoctorReport) -> None:
    index = store.index_path
    if not os.path.lexists(index):
        report.found.append("index missing: it will be rebuilt")
        return
    problem = store.index_problem
    if problem is None or isinstance(problem, UnreadableFileError):
        if problem is not None:
            report.unresolved.append(f"index: {problem.reason}; check its owner and permissions")
        return
    moved = quarantine(index)
    store.index_problem = None  # set aside: a new one is written from the case files
    report.done.append(f"index unreadable ({problem.reason}); set aside as {moved.name}")


def _check_cases(store: CaseStore, report: DoctorReport) -> None:
    good = 0
    for case_id in store.case_ids():
        path = store.case_path(case_id)
        try:
            store.load(case_id)
            good += 1
            continue
        except CaseNotFoundError:
            continue  # deleted meanwhile
        except NewerSchemaError as error:
            report.unresolved.append(str(error))
            continue
        except UnreadableFileError as error:
            # The system refused the read: the file itself may be intact, so it stays.
            report.unresolved.append(f"case {case_id}: cannot read {path.name} ({error.reason}); "
                                     f"check its owner and permissions, then run doctor again")
            continue
        except CorruptFileError as error:
            try:
                moved = quarantine(path)
            except OSError as failure:
                report.unresolved.append(f"case {case_id}: unreadable ({error.reason}); could not "
                                         f"set it aside: {_reason(failure)}")
                continue
            report.done.append(f"case {case_id}: unreadable ({error.reason}); set aside as {moved.name}")
        backup = path.with_name(path.name + ".bak")
        if _readable_case(backup, case_id):
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


def _readable_case(path: Path, case_id: int) -> bool:
    try:
        case_from_file_data(path, read_json_file(path), case_id)
    except (OSError, StoreError):
        return False
    return True


def _clean_temp_files(store: CaseStore, report: DoctorReport) -> None:
    cutoff = time.time() - TEMP_GRACE_SECONDS
    removed = 0
    for folder in (store.root, store.cases_dir):
        for path in folder.glob(".*.tmp"):
            try:
                if path.lstat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
    if removed:
        report.done.append(f"removed {removed} unfinished temporary file(s) left by an interrupted save")
    left = [path for path in [*store.cases_dir.glob(f"{STAGING_PREFIX}*"),
                              *backups_dir(store).glob(f"{PARTIAL}*")]
            if path.lstat().st_mtime < cutoff]
    for path in left:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
    if left:
        report.done.append(f"removed {len(left)} unfinished import, restore or backup folder(s) "
                           f"left by an interrupted command (none of it was in use)")


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
    bad = [p.name for p in (newest.path / "cases").glob("*.json")
           if not (CASE_FILE_NAME.fullmatch(p.name) and _readable_case(p, int(p.stem)))]
    when = newest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if bad:
        report.unresolved.append(f"newest backup {newest.path.name} has unreadable files: {', '.join(bad)}")
    else:
        report.found.append(f"{len(snapshots)} backup(s); newest {when} with {newest.cases} case(s)")


def run_doctor(root: Path) -> DoctorReport:
    """Check the store at `root` and repair what is safe. Each step that fails (a full disk, a
    read-only store) is reported and the others still run: doctor never stops half-way."""
    report = DoctorReport()
    if not root.exists():
        report.found.append(f"{root} does not exist yet: nothing to check")
        return report
    try:
        store = CaseStore(root)
    except (OSError, StoreError) as error:
        report.unresolved.append(f"cannot open the store: {_reason(error)}")
        return report
    steps: list[tuple[str, Callable[[], object]]] = [
        ("check the index", lambda: _check_index(store, report)),
        ("check permissions", lambda: _fix_modes(root, report)),
        ("remove temporary files", lambda: _clean_temp_files(store, report)),
        ("check the case files", lambda: _check_cases(store, report)),
        ("check the editing locks", lambda: _check_locks(store, report)),
        ("check the backups", lambda: _check_backups(store, report)),
        ("rebuild the index", lambda: _rebuild(store, report)),
    ]
    for what, step in steps:
        try:
            step()
        except (OSError, StoreError) as error:
            report.unresolved.append(f"could not {what}: {_reason(error)}")
    return report


def _rebuild(store: CaseStore, report: DoctorReport) -> None:
    count = store.rebuild_index()
    report.done.append(f"index rebuilt from the case files ({count} case(s))")


def _reason(error: OSError | StoreError) -> str:
    if isinstance(error, WriteFailedError):
        error = error.error
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{(error.strerror or str(error)).lower()}{where}"
    return str(error)
