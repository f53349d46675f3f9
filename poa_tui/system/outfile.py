"""Write an export to a file the user named: whole or not at all, and only over a regular file.

The bytes go to a temporary file in the target's own folder, which is renamed over the target
only once every byte is on disk. A full disk or a dropped connection mid-write therefore leaves
the previous file exactly as it was (and no half file when there was none). A target that exists
and is not a regular file (a device such as /dev/full, a pipe, a socket, a folder) is refused
before anything is opened: renaming over it would replace the node, and writing into it would
not leave a file.

Modes: a new file gets the mode the user's umask gives (0666 minus the umask), the same as
`poa-tui export 3 > file` would; an export is a document the user chose to put outside the
private store, usually to attach or hand on, and the umask is how they say who may read their
files (`umask 077` keeps every export private). A replaced file keeps its mode, and its owner
where the system allows, because the program did not create it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class OutputError(Exception):
    """The file could not be written; the message says why, and names the file."""


class OutputExistsError(OutputError):
    """The file exists and replacing it was not asked for."""


def write_file(path: Path, data: bytes, *, replace: bool) -> None:
    """Put `data` in `path`, all or nothing. Without `replace`, an existing file is refused."""
    # Through a symbolic link the file it points to is replaced, and the link stays.
    target = Path(os.path.realpath(path))
    existing = _existing(path, target)
    if existing is not None and not replace:
        raise OutputExistsError(f"{path} already exists")
    temp = target.parent / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        # O_EXCL: never open something that appeared under the temporary name.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                     0o600 if existing else 0o666)
        try:
            if existing is not None:
                _copy_owner_and_mode(fd, existing)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if existing is not None:
            os.replace(temp, target)
        else:
            _place_new(temp, target, path)
        _sync_folder(target.parent)
    except OutputError:
        _remove(temp)
        raise
    except OSError as error:
        _remove(temp)
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None


def _existing(path: Path, target: Path) -> os.stat_result | None:
    """The target's status when it exists; refuses anything but a regular file."""
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{path} is a folder: give a file name")
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(f"{path} is not a regular file (a device, pipe or socket): "
                          "give the name of a file")
    return status


def _copy_owner_and_mode(fd: int, existing: os.stat_result) -> None:
    try:
        os.fchown(fd, existing.st_uid, existing.st_gid)
    except OSError:
        pass  # only root may give a file away; the mode is what matters to the user
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))


def _place_new(temp: Path, target: Path, shown: Path) -> None:
    """Give the finished file its name, refusing a file that appeared meanwhile.

    A hard link fails when the name is taken, in the same system call (no race); where the file
    system has no hard links, check and rename.
    """
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputExistsError(f"{shown} already exists") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK,
                               errno.ENOSYS):
            raise
        if os.path.lexists(target):
            raise OutputExistsError(f"{shown} already exists") from None
        os.replace(temp, target)
        return
    _remove(temp)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder; the rename has happened
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
