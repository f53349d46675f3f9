"""Backups of a store beyond its rotating snapshots (`snapshots`): portable archives, and
restore from either. `poa-tui backup PATH` writes a `.zip`, to carry elsewhere.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from poa_tui.domain.errors import StoreError, WriteFailedError
from poa_tui.storage.files import (
    FILE_MODE,
    atomic_write_bytes,
    ensure_private_dir,
    fsync_dir,
    parse_json_bytes,
    read_file_bytes,
)
from poa_tui.storage.index import CASE_FILE_NAME, INDEX_NAME
from poa_tui.storage.snapshots import (
    Backup,
    store_files,
    take_snapshot,
)
from poa_tui.storage.store import STAGING_PREFIX, CaseStore, case_from_file_data

MAX_ENTRY_BYTES = 64 << 20
"""The largest case file `restore` reads (whatever a zip's header claims)."""
MAX_TOTAL_BYTES = 2 << 30
"""The most a backup's case files may add up to, uncompressed."""
MAX_ENTRIES = 1_000_000


def write_archive(store: CaseStore, path: Path) -> Backup:
    """Write every store file into a new zip at `path` (refuses to overwrite).

    The zip is built as `.<name>.partial` beside it, private (0600) from the moment it exists,
    and renamed into place once whole; a write that fails removes it and raises
    `WriteFailedError`.
    """
    if path.exists():
        raise StoreError(f"{path} already exists; choose another name or remove it first.")
    files = store_files(store)
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


def _backup_entries(source: Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(name, read) for each case file of a snapshot folder or a zip archive; `read` returns
    its bytes, refusing more than MAX_ENTRY_BYTES whatever the zip's header claims."""
    if source.is_dir():
        folder = source / "cases"
        names = sorted(os.listdir(folder)) if folder.is_dir() else []
        for name in names:
            if name.endswith(".json"):
                yield f"cases/{name}", partial(read_file_bytes, folder / name, MAX_ENTRY_BYTES)
        return
    if not zipfile.is_zipfile(source):
        raise StoreError(f"{source} is neither a poa-tui backup folder nor a .zip backup.")
    with zipfile.ZipFile(source) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise StoreError(f"{source} holds {len(infos)} files, more than a backup holds.")
        for info in infos:
            if info.filename.startswith("cases/") and info.filename.endswith(".json"):
                yield info.filename, partial(_read_entry, archive, info)


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    too_big = StoreError(f"it is larger than {MAX_ENTRY_BYTES >> 20} MB once unpacked, more "
                         f"than any case")
    if info.file_size > MAX_ENTRY_BYTES:
        raise too_big
    chunks, size = [], 0
    with archive.open(info) as entry:
        while chunk := entry.read(1 << 20):
            size += len(chunk)
            if size > MAX_ENTRY_BYTES:
                raise too_big
            chunks.append(chunk)
    return b"".join(chunks)


def _stage_backup_cases(source: Path, staging: Path) -> dict[int, Path]:
    """Check every case file of `source` and copy it into `staging`; {id: staged file}.

    Each entry must be named `cases/<id>.json` (ASCII digits), hold case <id>, be of a data
    version this poa-tui reads and fit the model; the whole backup is refused at the first
    that does not, before anything in the store changes.
    """
    staged: dict[int, Path] = {}
    total = 0
    for name, read in _backup_entries(source):
        where = f"{source}: {name}"
        match = CASE_FILE_NAME.fullmatch(name[len("cases/"):])
        if match is None:
            raise StoreError(f"{where} is not named like a case file (cases/<number>.json, "
                             f"digits 0-9 only).")
        case_id = int(match.group(1))
        if case_id in staged:
            raise StoreError(f"{where} is in the backup twice.")
        try:
            raw = read()
            total += len(raw)
            if total > MAX_TOTAL_BYTES:
                raise StoreError(f"its case files add up to more than {MAX_TOTAL_BYTES >> 30} GB")
            case_from_file_data(Path(name), parse_json_bytes(Path(name), raw), case_id)
        except (StoreError, zipfile.BadZipFile, OSError) as error:
            reason = getattr(error, "reason", None) or str(error).rstrip(".")
            raise StoreError(f"{where} cannot be restored: {reason}.") from None
        staged[case_id] = staging / f"{case_id}.json"
        atomic_write_bytes(staged[case_id], raw, keep_backup=False, durable=False)
    if not staged and not (source.is_dir() and (source / INDEX_NAME).exists()):
        raise StoreError(f"{source} holds no poa-tui cases.")
    return staged


def restore(store: CaseStore, source: Path, keep: int = 10) -> tuple[Backup, int]:
    """Replace the store's cases with those of `source`, after snapshotting the current state.

    All or nothing: every case file of the backup is checked and staged first; if anything
    goes wrong while the store's files are replaced (an error, ctrl+c), the store is put back
    as it was from the snapshot. Returns the safety snapshot and the number of cases
    restored. Refuses while any case is open for editing in another session.
    """
    for case_id in store.case_ids():
        holder = store.lock_holder(case_id)
        if holder is not None:
            raise StoreError(f"Case {case_id} is open by {holder.describe()}; close it before restoring.")
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=store.cases_dir))
    try:
        cases = _stage_backup_cases(source, staging)
        os.sync()
        safety = take_snapshot(store, keep=keep + 1)
        try:
            for case_id in store.case_ids():
                if case_id not in cases:
                    store.delete(case_id)
            for case_id, staged in cases.items():
                target = store.case_path(case_id)
                if target.exists():
                    _keep_previous(target)
                os.replace(staged, target)
            fsync_dir(store.cases_dir)
        except BaseException:
            _put_back(store, safety)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    store.rebuild_index()
    return safety, len(cases)


def _keep_previous(path: Path) -> None:
    """The case file about to be replaced, kept as its `.bak` like any save does."""
    backup = path.with_name(path.name + ".bak")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        pass


def _put_back(store: CaseStore, snapshot: Backup) -> None:
    """Make the store's case files those of `snapshot` again (a restore that stopped half-way)."""
    kept = {int(p.stem): p for p in (snapshot.path / "cases").glob("*.json")
            if CASE_FILE_NAME.fullmatch(p.name)}
    for case_id in set(store.case_ids()) - set(kept):
        store.case_path(case_id).unlink(missing_ok=True)
    for case_id, path in kept.items():
        atomic_write_bytes(store.case_path(case_id), path.read_bytes(), keep_backup=False)
