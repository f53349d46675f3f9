"""File locks between processes: short write locks and long editing-session locks.

Both use `flock` on small sidecar files in the store's `locks/` folder. The kernel drops an
flock when its process dies, so a lock left by a crashed or killed session is free again at
once; the holder record it leaves behind is simply overwritten by the next session.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from poa_tui.domain.errors import StoreError
from poa_tui.domain.models import parse_datetime, utcnow
from poa_tui.storage.files import FILE_MODE, ensure_private_dir


@dataclass(frozen=True)
class LockHolder:
    """Who holds a case open for editing."""

    user: str
    host: str
    pid: int
    since: datetime

    @classmethod
    def me(cls) -> LockHolder:
        import getpass  # here: only taking a lock needs it (~0.5 ms of start-up, with termios)

        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = str(os.getuid())
        return cls(user=user, host=socket.gethostname(), pid=os.getpid(), since=utcnow())

    def describe(self) -> str:
        when = self.since.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{self.user}@{self.host} (process {self.pid}) since {when}"

    def to_dict(self) -> dict[str, object]:
        return {"user": self.user, "host": self.host, "pid": self.pid,
                "since": self.since.isoformat()}

    @classmethod
    def from_json(cls, raw: str) -> LockHolder | None:
        try:
            data = json.loads(raw)
            return cls(user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"]),
                       since=parse_datetime(data["since"]) or utcnow())
        except (ValueError, KeyError, TypeError):
            return None


class CaseLockedError(StoreError):
    def __init__(self, case_id: int, holder: LockHolder | None) -> None:
        self.case_id = case_id
        self.holder = holder
        who = holder.describe() if holder else "another session"
        super().__init__(f"Case {case_id} is open for editing by {who}.")


class LockTimeoutError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"Another poa-tui process kept {path.name} locked for too long; try again.")


def _open_lock_file(path: Path) -> int:
    """The lock file, opened (and made if need be); -1 when the store cannot be written at all
    (a read-only store, a full disk): then there is no writer to keep out, and reads go on."""
    try:
        ensure_private_dir(path.parent)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    except OSError as error:
        if error.errno not in _READ_ONLY:
            raise
    try:
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # flock needs no write
    except OSError:
        return -1


_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}


@contextmanager
def exclusive(path: Path, timeout: float = 10.0) -> Iterator[None]:
    """Hold an exclusive flock on `path` for a short critical section."""
    fd = _open_lock_file(path)
    if fd < 0:
        yield
        return
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeoutError(path) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)


class SessionLock:
    """An editing session's hold on one case, kept until `release()` or the process ends."""

    def __init__(self, path: Path, case_id: int) -> None:
        self.path = path
        self.case_id = case_id
        self._fd: int | None = None
        self.holder: LockHolder | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> SessionLock:
        fd = _open_lock_file(self.path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise CaseLockedError(self.case_id, read_holder(self.path)) from None
        self.holder = LockHolder.me()
        payload = json.dumps(self.holder.to_dict()).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, payload, 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> SessionLock:
        return self.acquire() if not self.held else self

    def __exit__(self, *exc: object) -> None:
        self.release()


def read_holder(path: Path) -> LockHolder | None:
    try:
        return LockHolder.from_json(path.read_text(encoding="utf-8"))
    except OSError:
        return None


def is_locked(path: Path) -> bool:
    """True when some process holds the flock on `path` right now."""
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
