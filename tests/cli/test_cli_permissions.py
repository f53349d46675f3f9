"""Issue 12, finding 7: poa-tui makes its own folders 0700 and files 0600, and never changes the
mode of a folder or file it did not create.

Real processes on real folders: the CLI runs as a subprocess, and the modes are read back with
`stat` afterwards.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def poa(cli_env):
    """`poa(*args, db=PATH)`: run the CLI as a process on the store at PATH."""
    def run(*args: str, db: Path, **popen) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(db), *args],
                              capture_output=True, text=True, timeout=120, env=cli_env(),
                              stdin=subprocess.DEVNULL, **popen)
    return run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def access(path: Path) -> int:
    """The read/write/search bits only: a folder made inside a setgid folder inherits the setgid
    bit from the kernel, which gives the group no access by itself."""
    return mode(path) & 0o777


def shared_folder(path: Path, bits: int) -> Path:
    path.mkdir()
    os.chmod(path, bits)  # chmod, not mkdir(mode=): the umask would clear the sticky/setgid bits
    assert mode(path) == bits
    return path


@pytest.mark.parametrize("bits", [0o1777, 0o2775], ids=["sticky 1777", "setgid 2775"])
def test_creating_a_store_leaves_the_folders_above_it_as_they_were(tmp_path: Path, bits: int,
                                                                   poa) -> None:
    parent = shared_folder(tmp_path / "shared", bits)
    db = parent / "team" / "store"
    result = poa("new", "--title", "Listing removed", db=db)
    assert result.returncode == 0, result.stderr
    assert mode(parent) == bits
    # What poa-tui made is private: the missing folder above the store, the store, its files.
    assert access(parent / "team") == 0o700
    made = [db, *db.rglob("*")]
    assert {access(p) for p in made if p.is_dir()} == {0o700}
    assert {access(p) for p in made if p.is_file()} == {0o600}


def test_a_store_folder_that_already_existed_keeps_its_mode(tmp_path: Path, poa) -> None:
    db = shared_folder(tmp_path / "store", 0o2775)
    assert poa("new", "--title", "Listing removed", db=db).returncode == 0
    assert poa("doctor", db=db).returncode == 0
    assert mode(db) == 0o2775
    assert access(db / "cases") == 0o700 and access(db / "cases" / "1.json") == 0o600


def test_doctor_tightens_the_stores_own_files_and_nothing_else(tmp_path: Path, poa) -> None:
    db = tmp_path / "store"
    assert poa("new", "--title", "Listing removed", db=db).returncode == 0
    case_file = db / "cases" / "1.json"
    os.chmod(case_file, 0o644)
    os.chmod(db / "cases", 0o755)
    # Things the user keeps beside the store: not poa-tui's to change.
    notes = db / "notes.txt"
    notes.write_text("my own notes", encoding="utf-8")
    os.chmod(notes, 0o644)
    own = shared_folder(db / "shared-with-team", 0o2775)
    (own / "plan.md").write_text("draft", encoding="utf-8")
    os.chmod(own / "plan.md", 0o664)
    stray = db / "cases" / "README"
    stray.write_text("put here by hand", encoding="utf-8")
    os.chmod(stray, 0o644)

    result = poa("doctor", db=db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert mode(case_file) == 0o600 and mode(db / "cases") == 0o700
    assert "permissions tightened on 2" in result.stdout
    assert mode(notes) == 0o644
    assert mode(own) == 0o2775 and mode(own / "plan.md") == 0o664
    assert mode(stray) == 0o644


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_backup_zip_that_fails_half_way_leaves_no_readable_partial_file(tmp_path: Path,
                                                                         poa) -> None:
    db = tmp_path / "store"
    assert poa("new", "--title", "Big case", db=db).returncode == 0
    # Text that does not compress, so the zip outgrows the file size limit set below.
    body = tmp_path / "body.md"
    body.write_text(os.urandom(150_000).hex(), encoding="utf-8")
    assert poa("edit", "1", "--section", "root_cause", "--from", str(body), db=db).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    # A file may not grow past 64 KB in this process: the zip's write fails with EFBIG, as a
    # full disk or a quota would make it fail (Python ignores SIGXFSZ, so it is an error).
    done = poa("backup", str(out / "keep.zip"), db=db,
               preexec_fn=_limit_file_size(64 * 1024))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("poa-tui: "), done.stderr
    assert "keep.zip" in lines[0]
    assert not (out / "keep.zip").exists()
    left = list(out.iterdir())
    assert all(mode(p) & 0o077 == 0 for p in left), [(p.name, oct(mode(p))) for p in left]
    assert left == [], "the unfinished zip was left behind"
