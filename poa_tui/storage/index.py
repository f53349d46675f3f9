"""`SummaryIndex`: the index `poa.json`, which keeps a summary row per case for the case list.

The case files are the truth; the index is a cache of them, always rebuildable. `summaries()`
brings it up to date lazily: it compares each case file's size and mtime with what the index
last saw (a directory scan, a few ms at 5,000 cases) and reads only the files that moved, so a
save touches its own case file alone and its cost does not grow with the number of cases.

`CaseStore` builds on this class; it supplies the folders and `load`.
"""

from __future__ import annotations

import os
import re
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.errors import CaseNotFoundError, CorruptFileError, NewerSchemaError, StoreError
from poa_tui.domain.models import Case, RecordError, utcnow
from poa_tui.storage import locks
from poa_tui.storage.files import AtomicJSONStorage, ensure_private_dir, read_json_file
from poa_tui.storage.migrations import SCHEMA_VERSION

INDEX_NAME = "poa.json"
FULL_SCAN_SECONDS = 30.0
"""The longest a case file edited in place (the store itself always replaces files, which
changes the folder) can go unnoticed by `summaries()`."""
SETTLED_NS = 2_000_000_000
"""A folder changed more recently than this may change again within the same timestamp tick:
its modification time is not trusted to show the next change."""
CASE_FILE_NAME = re.compile(r"([1-9][0-9]{0,15})\.json", re.ASCII)
"""A case file's name, `<id>.json`: ASCII digits without a leading zero (use `fullmatch`), so
`-5.json`, `1_0.json`, `007.json` or other scripts' digits never pass for a case."""


def _index_shape_problem(data: dict[str, Any]) -> str | None:
    """What makes parsed index tables unlike those poa-tui writes, or None when they fit.
    Rows that do not fit are only dropped (each is read again from its case file)."""
    meta = data.get("meta")
    if meta is not None:
        info = meta.get("1")
        if info is not None:
            if not isinstance(info, dict):
                return "its meta table is not one poa-tui wrote"
            for name in ("schema_version", "next_id"):
                value = info.get(name, 1)
                if type(value) is not int or value < 1:
                    return f"its {name} ({str(value)[:20]}) is not one poa-tui wrote"
    rows = data.get("cases")
    if rows is not None:
        for key in [key for key, row in rows.items() if not isinstance(row, dict)]:
            del rows[key]
    return None


def damaged_title(path: Path) -> str:
    """A damaged case file's title, when that much can still be read; "" otherwise."""
    try:
        title = read_json_file(path)["case"]["1"]["title"]
    except (OSError, CorruptFileError, KeyError, TypeError, IndexError):
        return ""
    return title if isinstance(title, str) else ""


class SummaryIndex:
    """The case list's rows, read from `poa.json` and kept in step with the case files."""

    index_path: Path
    cases_dir: Path
    locks_dir: Path
    load: Callable[[int], Case]

    def __init__(self) -> None:
        self.problems: list[StoreError] = []
        """What went wrong during the last `summaries()` call: case files that could not be
        read (each also listed as a damaged row), an unreadable index, an index that could
        not be written (a full disk, a read-only store)."""
        self.index_problem: CorruptFileError | None = None
        """Why the index could not be read the last time it was, or None. While it stands the
        list is read from the case files, and the index is not written over."""
        self._seen: dict[str, tuple[int, int, CaseSummary | None]] = {}
        """The last scan: case file -> (mtime_ns, size, its summary or None if unreadable)."""
        self._sorted: dict[bool, list[CaseSummary]] = {}
        """`summaries()` of the last scan, by `include_archived`."""
        self._folder_at_scan: tuple[int, int] | None = None
        """`cases/`'s mtime and inode at the last scan, when settled enough to be trusted."""
        self._scanned_at = 0.0
        self._index_at_open: tuple[tuple[int, int, int] | None, dict[str, Any]] | None = None
        """The index as read on open, kept for the first `summaries()` (one parse, not two)."""

    # -- reading and writing poa.json -------------------------------------------------------

    def _index_db(self) -> TinyDB:
        return TinyDB(self.index_path, storage=AtomicJSONStorage)

    def _index_stamp(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.index_path)
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size, stat.st_ino

    def _load_index_file(self) -> dict[str, Any]:
        """The index file's tables as they are, checked to be the shape poa-tui writes; {} when
        there is none, or when it cannot be read (then `index_problem` says why)."""
        try:
            data = self._index_db().storage.read() or {}
        except FileNotFoundError:
            data = {}
        except CorruptFileError as error:
            self.index_problem = error
            return {}
        problem = _index_shape_problem(data)
        self.index_problem = None if problem is None else CorruptFileError(self.index_path, problem)
        return {} if problem else data

    def _read_index(self) -> dict[str, dict[str, Any]]:
        kept, self._index_at_open = self._index_at_open, None
        if kept is not None and kept[0] is not None and kept[0] == self._index_stamp():
            data = kept[1]  # unchanged since the store was opened (the app's first list)
        else:
            data = self._load_index_file()
        data.setdefault("meta", {}).setdefault("1", {"schema_version": SCHEMA_VERSION, "next_id": 1})
        data.setdefault("cases", {})
        return data

    def _write_index(self, data: dict[str, dict[str, Any]]) -> None:
        if self.index_problem is not None:
            raise self.index_problem  # never write over an index that could not be read
        # One atomic write of both tables; TinyDB's per-table calls would write the file once
        # per row changed.
        self._index_db().storage.write(data)

    # -- the list ----------------------------------------------------------------------------

    def _folder_stamp(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.cases_dir)
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_ino

    def _scan_case_files(self) -> dict[str, tuple[int, int]]:
        """Every case file's (mtime_ns, size), by the id in its name."""
        stats: dict[str, tuple[int, int]] = {}
        try:
            entries = list(os.scandir(self.cases_dir))
        except FileNotFoundError:
            try:
                ensure_private_dir(self.cases_dir)
            except OSError:
                pass  # a read-only store without a cases folder: no cases
            return stats
        for entry in entries:
            match = CASE_FILE_NAME.fullmatch(entry.name)
            if not match:
                continue
            try:
                stat = entry.stat()
            except OSError:  # gone since the listing, or a link that leads nowhere
                continue
            stats[match.group(1)] = (stat.st_mtime_ns, stat.st_size)
        return stats

    def refresh_index(self, verify: bool = True) -> list[CaseSummary]:
        """Bring the index up to date with the case files; return every summary.

        `verify=False` on the first call takes the index's rows as the store last wrote them,
        without looking at the case files (the case list's first frame: a scan of 1,000 files
        is ~3 ms); the next call checks them.

        What the last call found stays in memory, with each case file's size and mtime. Every
        write replaces a case file, which changes the `cases/` folder: while the folder is as it
        was, the last summaries stand (one `stat`, where a scan of 5,000 files takes ~18 ms, a
        pause every time the list re-reads). A full scan still runs every `FULL_SCAN_SECONDS`,
        for files edited in place; after one, summaries of unchanged files are reused as they are.
        """
        seen = self._seen
        if not verify and not seen:
            unchecked = self._index_rows()
            if unchecked is not None:
                return unchecked
        folder = self._folder_stamp()
        if (seen and folder is not None and folder == self._folder_at_scan
                and time.monotonic() - self._scanned_at < FULL_SCAN_SECONDS):
            return [summary for *_, summary in seen.values() if summary is not None]
        stats = self._scan_case_files()
        self._scanned_at = time.monotonic()
        settled = folder is not None and time.time_ns() - folder[0] > SETTLED_NS
        self._folder_at_scan = folder if settled else None
        if seen and len(stats) == len(seen) and all(
                seen.get(key, (None, None))[:2] == stat for key, stat in stats.items()):
            return [summary for *_, summary in seen.values() if summary is not None]
        problems: list[CorruptFileError] = []
        data = self._read_index()
        if self.index_problem is not None:
            problems.append(self.index_problem)
        rows: dict[str, dict[str, Any]] = data["cases"]
        fresh: dict[str, tuple[int, int, CaseSummary | None]] = {}
        changed = False
        for key, (mtime_ns, size) in stats.items():
            row = rows.get(key)
            indexed = (bool(row) and row.get("_mtime_ns") == mtime_ns and row.get("_size") == size
                       and (not row.get("attempts") or "last_channel" in row))
            # (rows written before `last_channel` was kept are read again once, for it)
            known = seen.get(key)
            if (known is not None and known[:2] == (mtime_ns, size) and known[2] is not None
                    and not known[2].damaged):
                fresh[key] = known  # unchanged since the last scan: no parsing
                if not indexed:  # another process rebuilt the index meanwhile
                    rows[key] = {**known[2].to_row(), "_mtime_ns": mtime_ns, "_size": size}
                    changed = True
                continue
            if indexed:
                try:
                    summary = CaseSummary.from_row(row)  # type: ignore[arg-type]
                except RecordError:
                    summary = None  # a row this version did not write: read the file again
                if summary is not None and summary.id == int(key):
                    fresh[key] = (mtime_ns, size, summary)
                    continue
            try:
                case = self.load(int(key))
            except (CorruptFileError, NewerSchemaError) as error:
                problems.append(error)
                fresh[key] = (mtime_ns, size, self._damaged_row(int(key), error, mtime_ns))
                if rows.pop(key, None) is not None:
                    changed = True
                continue
            except CaseNotFoundError:
                continue
            summary = CaseSummary.of(case)
            rows[key] = {**summary.to_row(), "_mtime_ns": mtime_ns, "_size": size}
            fresh[key] = (mtime_ns, size, summary)
            changed = True
        for key in set(rows) - set(stats):
            del rows[key]
            changed = True
        if changed and self.index_problem is None:
            try:
                with locks.exclusive(self.locks_dir / "index.lock"):
                    index = self._read_index()
                    index["cases"] = rows
                    self._write_index(index)
            except (StoreError, OSError) as error:
                # A full disk or a read-only store: the rows read stand, the index catches up
                # on a later call.
                cause = getattr(error, "error", error)
                reason = cause.strerror if isinstance(cause, OSError) else None
                problems.append(StoreError(
                    f"Could not update the index {self.index_path}: {reason or error}; the "
                    f"cases were read from their own files instead."))
        self.problems = problems
        self._seen = fresh
        self._sorted = {}
        return [summary for *_, summary in fresh.values() if summary is not None]

    def _index_rows(self) -> list[CaseSummary] | None:
        """The index's rows as they are, remembered for the next call to check; None when the
        index has none (a new or rebuilt index), or rows this version cannot read."""
        fresh: dict[str, tuple[int, int, CaseSummary | None]] = {}
        try:
            for key, row in self._read_index()["cases"].items():
                fresh[key] = (row["_mtime_ns"], row["_size"], CaseSummary.from_row(row))
        except (KeyError, TypeError, ValueError):
            return None
        if self.index_problem is not None:
            return None
        if not fresh:
            return None
        self._seen, self._sorted, self._folder_at_scan = fresh, {}, None
        return [summary for *_, summary in fresh.values() if summary is not None]

    def _damaged_row(self, case_id: int, error: StoreError, mtime_ns: int) -> CaseSummary:
        """The list's row for a case whose file cannot be read: its title if that much reads,
        and why (the list says `poa-tui doctor` repairs it)."""
        try:
            changed = datetime.fromtimestamp(mtime_ns / 1e9, timezone.utc).replace(microsecond=0)
        except (OverflowError, ValueError, OSError):
            changed = utcnow()
        reason = getattr(error, "reason", None) or str(error)
        return CaseSummary.of_damaged(case_id, damaged_title(self.cases_dir / f"{case_id}.json"),
                                      reason, changed)

    def summaries(self, include_archived: bool = False,
                  verify: bool = True) -> list[CaseSummary]:
        """Case list rows, most recent activity first (`verify`: see `refresh_index`)."""
        rows = self.refresh_index(verify)
        ordered = self._sorted.get(include_archived)
        if ordered is None:
            if not include_archived:
                rows = [row for row in rows if not row.archived]
            rows.sort(key=lambda row: (row.last_activity, row.id), reverse=True)
            ordered = self._sorted[include_archived] = rows
        return list(ordered)

    # -- check results kept for the case list -----------------------------------------------

    def kept_checks(self) -> dict[int, tuple[list[Any], dict[str, int]]]:
        """The check results the index keeps (its `checks` table): case id -> (the key they
        were worked out under, their counts by severity). Entries that do not read as that
        are left out."""
        kept: dict[int, tuple[list[Any], dict[str, int]]] = {}
        try:
            table = self._index_db().storage.read() or {}
        except (FileNotFoundError, CorruptFileError):
            return kept
        for key, entry in (table.get("checks") or {}).items():
            try:
                kept[int(key)] = (list(entry["key"]), {str(k): int(v) for k, v in
                                                        entry["counts"].items()})
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        return kept

    def keep_checks(self, results: dict[int, tuple[list[Any], dict[str, int]]],
                    listed: set[int] | None = None) -> None:
        """Add check results to the index's `checks` table (`listed`: drop the entries of
        cases not in it). A cache like the rest of the index: losing it costs a re-check."""
        with locks.exclusive(self.locks_dir / "index.lock"):
            data = self._read_index()
            table = data.setdefault("checks", {})
            if listed is not None:
                for key in [key for key in table if not key.isdigit() or int(key) not in listed]:
                    del table[key]
            for case_id, (key, counts) in results.items():
                table[str(case_id)] = {"key": list(key), "counts": dict(counts)}
            self._write_index(data)

    def rebuild_index(self) -> int:
        """Throw the index rows away and read every case file again; returns the case count."""
        with locks.exclusive(self.locks_dir / "index.lock"):
            data = self._read_index()
            data["cases"] = {}
            self._write_index(data)
        self._seen = {}
        return len(self.refresh_index())
