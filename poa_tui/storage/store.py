"""`CaseStore`: the only code that reads or writes poa-tui's data files.

Layout of a store folder (all TinyDB files, written atomically by `AtomicJSONStorage`):

    poa.json            the index: table `meta` (schema version, id counter) and table `cases`
                        (one summary row per case, for the list). A cache: always rebuildable.
    cases/<id>.json     one case per file, table `case`, the truth. `<id>.json.bak` is the
                        previous version.
    locks/              flock sidecar files: `index.lock`, `<id>.write`, `<id>.session`.
    trash/              deleted cases, kept so a slip of the finger can be undone by hand.

Why a file per case: TinyDB rewrites a whole file on every write. A single 37 MB file for 1,000
cases costs 230-320 ms a save; one case file costs about a millisecond whatever the store's size.
Saving a case touches only its own file; the index catches up lazily in `summaries()`, which
compares each case file's size and mtime with what the index last saw (a directory scan, a few
ms at 5,000 cases), so autosave cost does not grow with the number of cases. That part, the
index and the case list's rows, lives in `summary_index.SummaryIndex`, which `CaseStore` extends.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from poa_tui.domain.errors import (
    CaseNotFoundError,
    ConflictError,
    CorruptFileError,
    NewerSchemaError,
    StoreError,
    WriteFailedError,
)
from poa_tui.domain.models import Case, RecordError, utcnow
from poa_tui.storage import locks
from poa_tui.storage.files import (
    AtomicJSONStorage,
    atomic_write_bytes,
    dumps,
    ensure_private_dir,
    fsync_dir,
    read_json_file,
)
from poa_tui.storage.index import (
    CASE_FILE_NAME,
    INDEX_NAME,
    SummaryIndex,
)
from poa_tui.storage.migrations import SCHEMA_VERSION, migrate_case
from poa_tui.storage.snapshots import take_snapshot

__all__ = ["STAGING_PREFIX", "WRITE_ATTEMPTS", "CaseStore", "case_from_file_data"]

T = TypeVar("T")

WRITE_ATTEMPTS = 3
"""How many times one save meets another writer's newer revision before it gives up."""


STAGING_PREFIX = ".staging-"
"""Hidden folders in `cases/` where an import or a restore builds its files before they are
put in place; one left by a killed process is removed by `poa-tui doctor`."""


def _next_revision(case: Case) -> tuple[dict[str, Any], Callable[[], None]]:
    """The case file's tables for `case` saved once more, and what to call once they are
    written: it advances `case.revision` and `case.updated_at` to what the file holds."""
    stamp = utcnow()
    revision = case.revision + 1
    doc = case.to_dict()
    doc.update(revision=revision, updated_at=stamp.isoformat(), schema=SCHEMA_VERSION)
    try:  # never write what the next read would refuse (a date in year 9999 from a paste...)
        Case.from_dict(doc)
    except RecordError as error:
        raise StoreError(f"Case {case.id} was not saved: {error}. Nothing was written; "
                         f"correct it and save again.") from None

    def written() -> None:
        case.revision = revision
        case.updated_at = stamp

    return {"case": {"1": doc}}, written


def case_document(path: Path, data: Any, case_id: int | None = None) -> dict[str, Any]:
    """The case document in a case file's parsed JSON, brought up to this data version.

    Raises `CorruptFileError` when it holds no case or one of an unknown data version, and
    `NewerSchemaError` for a newer one.
    """
    try:
        doc = data["case"]["1"]
    except (KeyError, TypeError, IndexError):
        raise CorruptFileError(path, "it holds no case", case_id) from None
    if not isinstance(doc, dict):
        raise CorruptFileError(path, "it holds no case", case_id)
    schema = doc.get("schema", 1)
    if type(schema) is not int or schema < 1:
        raise CorruptFileError(path, f"its data version ({str(schema)[:20]}) is not one poa-tui "
                                     f"ever wrote", case_id)
    if schema > SCHEMA_VERSION:
        raise NewerSchemaError(path, schema, SCHEMA_VERSION)
    try:
        return migrate_case(dict(doc))
    except (TypeError, ValueError, AttributeError, KeyError) as error:
        raise CorruptFileError(path, f"it cannot be brought up to date ({error})", case_id) from None


def case_from_file_data(path: Path, data: Any, case_id: int) -> Case:
    """The case a case file's parsed JSON holds, checked against the model and against the
    id in the file's name (a case 1 in `7.json` would be saved over case 1)."""
    doc = case_document(path, data, case_id)
    try:
        case = Case.from_dict(doc)
    except (RecordError, TypeError, KeyError, OverflowError) as error:
        raise CorruptFileError(path, str(error), case_id) from None
    if case.id != case_id:
        raise CorruptFileError(path, f"it holds case {case.id}, not case {case_id}", case_id)
    return case


class CaseStore(SummaryIndex):
    """Cases on disk, one TinyDB file each, plus a rebuildable index for the case list."""

    def __init__(self, root: str | os.PathLike[str], *,
                 before_migration: Callable[[CaseStore], object] | None = None) -> None:
        """Open (or create) the store at `root`.

        An older store is migrated on open; `before_migration` runs first and defaults to taking
        a backup snapshot, so the pre-migration state can always be restored.
        """
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise CorruptFileError(self.root, "it is a file, but the data location must be a folder")
        self.index_path = self.root / INDEX_NAME
        self.cases_dir = self.root / "cases"
        self.locks_dir = self.root / "locks"
        self.trash_dir = self.root / "trash"
        super().__init__()
        for folder in (self.root, self.cases_dir, self.locks_dir):
            try:
                ensure_private_dir(folder)
            except OSError:
                if not folder.is_dir():
                    raise
                # A read-only store, or one on a full disk: it is still read; writes say why
                # they fail when they are tried.
        self._open_index(before_migration)

    # -- opening: schema version, migration, id counter (the index's meta) -----------------

    def _open_index(self, before_migration: Callable[[CaseStore], None] | None) -> None:
        with locks.exclusive(self.locks_dir / "index.lock"):
            data = self._load_index_file()
            if self.index_problem is not None:
                # Opened all the same: the list is read from the case files and says the index
                # is unreadable; `poa-tui doctor` sets it aside and rebuilds it.
                return
            meta = (data.get("meta") or {}).get("1")
            if meta is None:
                try:
                    self._write_index({"meta": {"1": {"schema_version": SCHEMA_VERSION,
                                                      "next_id": 1}},
                                       "cases": data.get("cases") or {}})
                except StoreError:
                    pass  # a full disk or a read-only store: writes will say so when tried
                return
            version = meta.get("schema_version", 1)
            if version == SCHEMA_VERSION:
                self._index_at_open = (self._index_stamp(), data)
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(self.index_path, version, SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            if before_migration is None:
                before_migration = take_snapshot
            before_migration(self)
            self._migrate()

    def _migrate(self) -> None:
        with locks.exclusive(self.locks_dir / "index.lock"):
            for case_id in self.case_ids():
                path = self.case_path(case_id)
                with locks.exclusive(self._write_lock(case_id)):
                    try:
                        doc = case_document(path, read_json_file(path), case_id)
                    except (CorruptFileError, NewerSchemaError, FileNotFoundError):
                        continue  # left as it is: the list shows it as damaged
                    self._case_db(path).table("case").upsert(Document(doc, doc_id=1))
            data = self._read_index()
            data["meta"]["1"]["schema_version"] = SCHEMA_VERSION
            data["cases"] = {}
            self._write_index(data)

    @property
    def schema_version(self) -> int:
        return self._read_index()["meta"]["1"].get("schema_version", SCHEMA_VERSION)

    def _allocate_ids(self, count: int) -> list[int]:
        """Reserve `count` new case ids (caller holds the index lock)."""
        data = self._read_index()
        meta = data["meta"]["1"]
        on_disk = self.case_ids()
        first = max([int(meta.get("next_id", 1)), *(i + 1 for i in on_disk)])
        meta["next_id"] = first + count
        self._write_index(data)
        return list(range(first, first + count))

    # -- case files --------------------------------------------------------------------------

    def case_path(self, case_id: int) -> Path:
        return self.cases_dir / f"{int(case_id)}.json"

    def _write_lock(self, case_id: int) -> Path:
        return self.locks_dir / f"{int(case_id)}.write"

    def session_lock_path(self, case_id: int) -> Path:
        return self.locks_dir / f"{int(case_id)}.session"

    @staticmethod
    def _case_db(path: Path) -> TinyDB:
        return TinyDB(path, storage=AtomicJSONStorage, create=False)

    def case_ids(self) -> list[int]:
        try:
            names = os.listdir(self.cases_dir)
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for n in names if (m := CASE_FILE_NAME.fullmatch(n)))

    def load(self, case_id: int) -> Case:
        """The case in `<id>.json`, checked against the model: a file that does not fit raises
        `CorruptFileError` naming the case and what is wrong, never anything else."""
        path = self.case_path(case_id)
        try:
            data = read_json_file(path)
        except FileNotFoundError:
            raise CaseNotFoundError(case_id) from None
        except CorruptFileError as error:
            raise error.for_case(case_id) from None
        return case_from_file_data(path, data, case_id)

    def exists(self, case_id: int) -> bool:
        return self.case_path(case_id).exists()

    def _write_case(self, case: Case, *, check_revision: bool, durable: bool = True) -> None:
        path = self.case_path(case.id)
        storage = AtomicJSONStorage(path, durable=durable)
        with locks.exclusive(self._write_lock(case.id)):
            # One read through the storage (not table.get + table.upsert, which read twice):
            # it validates the file we are about to replace and gives its revision.
            data = storage.read()
            if data is not None:
                current = (data.get("case") or {}).get("1")
                if current is None:
                    raise CorruptFileError(path, "it holds no case", case.id)
                case_from_file_data(path, data, case.id)
                found = int(current.get("revision") or 0)
                if check_revision and found != case.revision:
                    raise ConflictError(case.id, case.revision, found)
            tables, written = _next_revision(case)
            storage.write(tables)
            written()

    def save(self, case: Case) -> Case:
        """Write `case`, refusing with `ConflictError` when the file changed since it was loaded.

        On success `case.revision` and `case.updated_at` are advanced in place.
        """
        if case.id <= 0:
            raise ValueError("save() needs a case created by the store")
        self._write_case(case, check_revision=True)
        return case

    def create(self, case: Case) -> Case:
        """Give `case` a new id and write it. Returns the same object."""
        with locks.exclusive(self.locks_dir / "index.lock"):
            (case.id,) = self._allocate_ids(1)
        case.revision = 0
        case.created_at = utcnow()
        self._write_case(case, check_revision=False)
        return case

    def import_cases(self, cases: Iterable[Case]) -> list[int]:
        """Add many cases at once under new ids (one index write, one file per case).

        All or nothing: every file is written to a hidden folder first, then linked into
        place; anything that stops it (an error, a full disk, ctrl+c) takes the cases already
        placed away again, so the store is as it was (only the ids are used up).
        """
        batch = list(cases)
        with locks.exclusive(self.locks_dir / "index.lock"):
            ids = self._allocate_ids(len(batch))
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.cases_dir))
        placed: list[Path] = []
        try:
            for case, new_id in zip(batch, ids):
                case.id = new_id
                case.revision = 0
                # One sync at the end instead of two fsyncs a file: 5,000 cases in seconds.
                tables, written = _next_revision(case)
                atomic_write_bytes(staging / f"{new_id}.json", dumps(tables),
                                   keep_backup=False, durable=False)
                written()
            os.sync()
            for new_id in ids:
                target = self.case_path(new_id)
                os.link(staging / f"{new_id}.json", target)  # never over an existing file
                placed.append(target)
            fsync_dir(self.cases_dir)
        except BaseException as error:
            for target in placed:
                target.unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise WriteFailedError(Path(error.filename or staging), error) from error
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return ids

    def delete(self, case_id: int) -> Path:
        """Move the case file to `trash/` and return where it went."""
        path = self.case_path(case_id)
        if not path.exists():
            raise CaseNotFoundError(case_id)
        ensure_private_dir(self.trash_dir)
        target = self.trash_dir / f"{case_id}-{utcnow().strftime('%Y%m%dT%H%M%SZ')}.json"
        with locks.exclusive(self._write_lock(case_id)):
            os.replace(path, target)
            path.with_name(path.name + ".bak").unlink(missing_ok=True)
        self.refresh_index()
        return target

    # -- changing a case: the one retry loop ------------------------------------------------

    def write_retrying(self, case: Case, *, on_conflict: Callable[[Case], Case]) -> Case:
        """Save `case`; when another writer got there first, save `on_conflict(theirs)` instead.

        `on_conflict` gets the case as it now is on disk and returns what to write in its place
        (a three-way merge for an editing session, the change applied again for `update`). This
        is the only retry loop for saving a case: a write that keeps meeting newer revisions
        gives up after `WRITE_ATTEMPTS` tries with a `StoreError` that says so.
        """
        for _ in range(WRITE_ATTEMPTS):
            try:
                return self.save(case)
            except ConflictError:
                case = on_conflict(self.load(case.id))
        raise StoreError(f"Case {case.id} keeps changing in another session; "
                         f"nothing was saved this time.")

    def update(self, case_id: int, change: Callable[[Case], T]) -> tuple[Case, T]:
        """Load case `case_id`, apply `change`, save; on a conflict load and apply it again.

        For writers without an editing session (the CLI, the case list's keys). Returns the
        case as saved and what `change` returned.
        """
        case = self.load(case_id)
        outcome = [change(case)]

        def again(theirs: Case) -> Case:
            outcome[0] = change(theirs)
            return theirs

        saved = self.write_retrying(case, on_conflict=again)
        return saved, outcome[0]

    def all_cases(self) -> list[Case]:
        return [self.load(case_id) for case_id in self.case_ids()]

    # -- editing sessions --------------------------------------------------------------------

    def session_lock(self, case_id: int) -> locks.SessionLock:
        """An unacquired lock for editing `case_id`; `acquire()` raises `CaseLockedError`."""
        return locks.SessionLock(self.session_lock_path(case_id), case_id)

    def lock_holder(self, case_id: int) -> locks.LockHolder | None:
        """Who edits `case_id` right now, or None (a record left by a dead process is ignored)."""
        path = self.session_lock_path(case_id)
        return locks.read_holder(path) if locks.is_locked(path) else None
