"""Keep a draft the store refused (a full disk, a read-only folder) in a file elsewhere.

When the app has to stop (a hang-up, SIGTERM, SIGINT, or quitting past a failed save) and a
case's text could not be written, it goes to a new Markdown file in `paths.recovery_dir()`, or,
when that cannot be written either, in a private folder under the system's temporary folder.
Files are created 0600 in folders created 0700; a folder that exists but is not this user's
alone is never written into.
"""

from __future__ import annotations

import os
import stat
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from poa_tui.domain.models import Sections
from poa_tui.storage.files import FILE_MODE, ensure_private_dir
from poa_tui.system.paths import recovery_dir


class NothingKeptError(OSError):
    """No recovery folder could be written."""


def recovery_folders() -> list[Path]:
    """Where a draft may be kept, in the order they are tried."""
    fallback = Path(tempfile.gettempdir()) / f"poa-tui-recovery-{os.getuid()}"
    return [recovery_dir(), fallback]


def recovery_text(case_id: int, title: str, sections: Sections, reason: str) -> str:
    when = datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
    out = [f"# Case {case_id}: {title}", "",
           f"Kept here at {when} because it could not be saved in the case: {reason}",
           f"Copy what you need back, for example with `poa-tui edit {case_id} --section "
           f"root_cause --from FILE` (one section at a time).", ""]
    for section, text in sections.items():
        out += [f"## {section.label}", "", text.rstrip("\n"), ""]
    return "\n".join(out)


def _private(folder: Path) -> bool:
    """True when `folder` is a real folder owned by this user and closed to everyone else."""
    info = folder.lstat()
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and stat.S_IMODE(info.st_mode) & 0o077 == 0)


def keep_draft(case_id: int, title: str, sections: Sections, reason: str) -> Path:
    """Write the draft to a new recovery file and return its path.

    Raises `NothingKeptError` (an `OSError`) when no folder would take it.
    """
    data = recovery_text(case_id, title, sections, reason).encode("utf-8")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    errors: list[str] = []
    for folder in recovery_folders():
        path = folder / f"case-{case_id}-{stamp}.md"
        try:
            ensure_private_dir(folder)
            if not _private(folder):
                errors.append(f"{folder} is open to other users")
                continue
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
            errors.append(f"{folder}: {error.strerror or error}")
            continue
        return path
    raise NothingKeptError("; ".join(errors))

