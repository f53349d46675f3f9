"""Crash-safe files for TinyDB.

TinyDB's stock JSONStorage truncates and rewrites its file in place, so a crash or a dropped SSH
connection mid-write leaves half a file. `AtomicJSONStorage` writes a temporary file in the same
folder, fsyncs it, keeps the previous version as `<name>.bak` (a hard link, so it costs no copy),
swaps the new file in with `os.replace` and fsyncs the folder: a reader only ever sees the old
or the new file, whole. A file that does not parse is never overwritten: `read()` raises, and
TinyDB always reads before it writes.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from poa_tui.domain.errors import CorruptFileError, UnreadableFileError, WriteFailedError

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(path: Path) -> None:
    """Create `path`, and any missing folder above it, as 0700.

    A folder that already exists keeps its mode, whoever made it: it may be a shared parent
    (`/tmp` is 1777, a team folder 2775) or a store folder the user opened up on purpose.
    """
    if path.is_dir():
        return
    if not path.parent.is_dir():
        # mkdir(parents=True) would give the parents the umask's mode, not ours.
        ensure_private_dir(path.parent)
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, keep_backup: bool = True,
                       durable: bool = True) -> None:
    """Replace `path` with `data` so that readers see either the old or the new file, whole.

    `durable=False` skips the fsyncs (the rename is still atomic); a bulk import uses it and
    syncs once at the end.
    """
    folder = path.parent
    # os.urandom(4).hex() is what secrets.token_hex(4) returns; importing `secrets` would bring
    # hmac and hashlib along, ~1.7 ms of the app's start-up.
    temp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        ensure_private_dir(folder)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and path.exists():
            _link_backup(path)
        os.replace(temp, path)
        if durable:
            fsync_dir(folder)
    except OSError as error:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        raise WriteFailedError(path, error) from error


def _link_backup(path: Path) -> None:
    """Keep the current file as `<name>.bak` without copying it."""
    backup = path.with_name(path.name + ".bak")
    staging = path.with_name(f".{path.name}.{os.urandom(4).hex()}.bak")
    try:
        os.link(path, staging)
        os.replace(staging, backup)
    except OSError:
        staging.unlink(missing_ok=True)


_SPECIAL = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
            (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def special_file_kind(mode: int) -> str | None:
    """"a folder", "a named pipe (FIFO)"...: what a file that is not a regular one is."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


def read_file_bytes(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes. Anything else (a FIFO, a socket, a folder) raises
    `CorruptFileError` at once: opened non-blocking, a pipe nobody writes to cannot hang us.
    The system refusing the read (permissions, I/O) raises `UnreadableFileError`; more than
    `limit` bytes raises `CorruptFileError`. A missing file raises FileNotFoundError."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as error:
        try:
            kind = special_file_kind(os.stat(path).st_mode)
        except OSError:
            kind = None
        if kind is not None:
            raise CorruptFileError(path, f"it is {kind}, not a data file") from error
        raise UnreadableFileError(path, (error.strerror or str(error)).lower()) from error
    try:
        kind = special_file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise CorruptFileError(path, f"it is {kind}, not a data file")
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if limit is not None and size > limit:
                raise CorruptFileError(path, f"it is larger than {limit // (1 << 20)} MB")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFileError(path, (error.strerror or str(error)).lower()) from error
    finally:
        os.close(fd)


def read_json_file(path: Path) -> Any:
    """Parse a JSON data file, raising `CorruptFileError` (never anything else) when it is bad."""
    return parse_json_bytes(path, read_file_bytes(path))


def parse_json_bytes(path: Path, raw: bytes) -> Any:
    """Parse the bytes of the data file `path` (as `read_json_file`, for bytes in hand)."""
    if not raw.strip():
        raise CorruptFileError(path, "the file is empty")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CorruptFileError(path, f"it is not UTF-8 text (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise CorruptFileError(
            path, f"it is not valid JSON (line {error.lineno}, column {error.colno})"
        ) from error
    except RecursionError as error:
        raise CorruptFileError(path, "its JSON is nested too deeply") from error


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically (see module docstring)."""

    def __init__(self, path: str | os.PathLike[str], create: bool = True,
                 keep_backup: bool = True, durable: bool = True) -> None:
        self.path = Path(path)
        self.create = create
        self.keep_backup = keep_backup
        self.durable = durable

    def read(self) -> dict[str, Any] | None:
        try:
            data = read_json_file(self.path)
        except FileNotFoundError:
            if not self.create:
                raise
            return None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise CorruptFileError(self.path, "it does not hold TinyDB tables")
        return data

    def write(self, data: dict[str, Any]) -> None:
        atomic_write_bytes(self.path, dumps(data), keep_backup=self.keep_backup,
                           durable=self.durable)

    def close(self) -> None:
        pass
