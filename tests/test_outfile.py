"""Writing an export to a file: all or nothing, never through a device, modes as promised."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from poa_tui.system import outfile
from poa_tui.system.outfile import OutputError, OutputExistsError, write_file


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write fails as it does on a full disk, after the file was opened."""
    def refuse(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(outfile.os, "write", refuse)


def test_a_failed_write_keeps_the_file_it_was_replacing(tmp_path, monkeypatch) -> None:
    target = tmp_path / "poa.txt"
    target.write_bytes(b"last week's plan\n")
    _full_disk(monkeypatch)
    with pytest.raises(OutputError, match="No space left on device"):
        write_file(target, b"new plan\n" * 1000, replace=True)
    assert target.read_bytes() == b"last week's plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poa.txt"]  # no temporary file left


def test_a_failed_write_of_a_new_file_leaves_nothing(tmp_path, monkeypatch) -> None:
    _full_disk(monkeypatch)
    with pytest.raises(OutputError):
        write_file(tmp_path / "poa.txt", b"plan\n", replace=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("replace", [False, True])
def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path, replace) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_file(fifo, b"plan\n", replace=replace)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(OutputError, match="is a folder"):
        write_file(tmp_path, b"plan\n", replace=replace)


def test_an_existing_file_needs_replace(tmp_path) -> None:
    target = tmp_path / "poa.txt"
    target.write_bytes(b"mine\n")
    with pytest.raises(OutputExistsError):
        write_file(target, b"plan\n", replace=False)
    assert target.read_bytes() == b"mine\n"


def test_a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path) -> None:
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.txt"
        write_file(fresh, b"plan\n", replace=False)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
        shared = tmp_path / "shared.txt"
        shared.write_bytes(b"old\n")
        os.chmod(shared, 0o664)
        write_file(shared, b"plan\n", replace=True)
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
        assert shared.read_bytes() == b"plan\n"
    finally:
        os.umask(old)


def test_a_link_is_followed_and_kept(tmp_path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_file(link, b"plan\n", replace=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"plan\n"


def test_the_bytes_are_written_exactly(tmp_path) -> None:
    data = "Zeile mit ü, “Anführung” und 1 €\r\nkeine Änderung\n".encode()
    target = tmp_path / "exact.txt"
    write_file(target, data, replace=False)
    assert target.read_bytes() == data


def test_the_apps_export_keeps_the_old_file_when_the_disk_is_full(tmp_path, monkeypatch) -> None:
    from poa_tui.tui.dialogs.export_form import write_export

    target = tmp_path / "poa.txt"
    target.write_bytes(b"sent yesterday\n")
    _full_disk(monkeypatch)
    with pytest.raises(OutputError):
        write_export(target, "new text", overwrite=True)
    assert target.read_bytes() == b"sent yesterday\n"
