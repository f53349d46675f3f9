"""Issue 12, finding 9: input that is too large, arguments that are not UTF-8, and an output
that cannot be written each end in one clear line (or, for a closed pipe, a quiet exit) and
write nothing to the store.

Every test runs the CLI as a real process, with real files, pipes and devices.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

LIMIT_WORDS = "10 MB"
MEMORY_CAP = 1024 ** 3
"""Address space for a process reading an endless input: enough for poa-tui, not for the
unbounded read it used to do (which then fails at once instead of filling the machine)."""
NOT_UTF8 = "Knife sets \udcff\udcfe"
"""How Python spells the bytes 0xff 0xfe of a command line; subprocess passes them as bytes."""


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.fixture
def poa(db, cli_env):
    """`poa(*args, stdin=..., stdout=...)`: the CLI as a process, with its streams chosen."""
    def run(*args: str, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(db), *args],
                              stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=120,
                              env=cli_env(), preexec_fn=_cap_memory)
    return run


def one_error_line(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode("utf-8", "replace").splitlines()
    assert len(lines) == 1 and lines[0].startswith("poa-tui: "), done.stderr
    return lines[0]


@pytest.mark.parametrize("args", [
    ("edit", "1", "--section", "root_cause", "--from", "/dev/zero"),
    ("edit", "1", "--notice", "/dev/zero"),
    ("reply", "1", "--from", "/dev/zero"),
    ("new", "--title", "Endless notice", "--notice", "/dev/zero"),
    ("parse-notice", "/dev/zero"),
    ("classify-reply", "/dev/zero"),
], ids=lambda args: " ".join(args[:3]))
def test_an_endless_input_file_is_refused_at_the_limit(poa, cli, new_case, unchanged,
                                                       args) -> None:
    new_case("Capped case")
    assert cli("submit", "1").code == 2  # (an empty draft: reply's refusal comes from the size)
    with unchanged():
        started = time.monotonic()
        done = poa(*args)
        took = time.monotonic() - started
    assert done.returncode == 2
    line = one_error_line(done)
    assert "/dev/zero" in line and LIMIT_WORDS in line
    assert took < 30, f"refusing took {took:.1f} s"


def test_standard_input_over_the_limit_is_refused(poa, new_case, unchanged, tmp_path) -> None:
    new_case("Capped case")
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    with unchanged(), open(big, "rb") as source:
        done = poa("edit", "1", "--section", "root_cause", "--from", "-", stdin=source)
    assert done.returncode == 2
    line = one_error_line(done)
    assert "standard input" in line and LIMIT_WORDS in line


def test_text_just_under_the_limit_is_taken(poa, cli, new_case, tmp_path) -> None:
    new_case("Large case")
    text = tmp_path / "large.md"
    text.write_bytes(b"word " * (2 * 1024 * 1024 - 10))  # 10 MB less 50 bytes
    done = poa("edit", "1", "--section", "root_cause", "--from", str(text))
    assert done.returncode == 0, done.stderr
    assert len(cli("show", "1", "--json").json()["sections"]["root_cause"]) > 10_000_000


def test_an_endless_import_is_refused(poa, unchanged) -> None:
    with unchanged():
        done = poa("import", "/dev/zero")
    assert done.returncode == 2
    assert "/dev/zero" in one_error_line(done) and "MB" in one_error_line(done)


@pytest.mark.parametrize("verb", ["edit", "new", "reply", "parse-notice", "classify-reply",
                                  "import"])
def test_help_names_the_size_limit(cli, verb) -> None:
    shown = " ".join(cli(verb, "--help").out.split())
    assert "MB" in shown, shown


@pytest.mark.parametrize("args", [
    ("new", "--title", NOT_UTF8),
    ("new", "--title", "Fine title", "--seller", NOT_UTF8),
    ("edit", "1", "--title", NOT_UTF8),
    ("edit", "1", "--marketplace", NOT_UTF8),
    ("submit", "1", "--note", NOT_UTF8),
], ids=lambda args: " ".join(args[:-1]))
def test_an_argument_that_is_not_utf8_is_refused_and_nothing_is_written(
        cli, new_case, unchanged, args) -> None:
    new_case("Existing case")
    assert cli("edit", "1", "--section", "root_cause", "--from", "-", stdin="Draft.").code == 0
    with unchanged():
        done = cli(*args)
    assert done.code == 2
    assert "UTF-8" in done.error_line
    # No case id was used up by the refused `new`.
    assert cli("new", "--title", "Next case").out == "2\n"


def test_stdout_on_a_full_device_is_one_error_line(poa, new_case) -> None:
    new_case("Listed case")
    with open("/dev/full", "wb") as full:
        done = poa("list", stdout=full)
    assert done.returncode == 2
    assert "standard output" in one_error_line(done)


@pytest.mark.parametrize("verb", [("list",), ("show", "1"), ("dump",), ("export", "1")])
def test_a_closed_pipe_on_stdout_ends_quietly(poa, cli, new_case, verb) -> None:
    new_case("Listed case")
    assert cli("edit", "1", "--section", "root_cause", "--from", "-", stdin="Draft.").code == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader went away before poa-tui wrote a byte
    try:
        done = poa(*verb, stdout=write_end)
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 0


def test_a_path_that_is_not_utf8_is_printed_without_a_traceback(db, cli_env, tmp_path) -> None:
    # A locale whose standard output is strict UTF-8, as most people's is.
    odd = tmp_path / "store-\udcff"
    done = subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(odd), "locate"],
                          capture_output=True, timeout=120,
                          env=cli_env(PYTHONIOENCODING="utf-8:strict"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    # The byte that is not UTF-8 shows as the replacement mark, like any other odd character.
    assert "store-\ufffd".encode() in done.stdout


def test_an_error_with_standard_error_on_a_full_device_still_exits_2(db, cli_env) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(db), "show", "5"],
                              stdout=subprocess.PIPE, stderr=full, timeout=120, env=cli_env())
    assert done.returncode == 2


@pytest.mark.parametrize("verb", [("list",), ("show", "1"), ("due",), ("dump",), ("doctor",),
                                  ("backup",)], ids=lambda verb: verb[0])
def test_a_pipe_among_the_case_files_never_stops_a_command(db, cli_env, new_case, verb) -> None:
    # A FIFO named like a case file (left by a sync tool, or planted) used to block every
    # command on its first read, forever: nothing ever writes to it.
    new_case("Readable case")
    os.mkfifo(db / "cases" / "5.json")
    try:
        done = subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(db), *verb],
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=30,
                              env=cli_env())
    except subprocess.TimeoutExpired:
        pytest.fail(f"`poa-tui {verb[0]}` hung on a pipe in cases/")
    assert "Traceback" not in done.stderr.decode()
    if verb[0] == "show":
        assert done.returncode == 0 and "Readable case" in done.stdout.decode()
    elif verb[0] == "doctor":  # set aside, with no previous version to put back
        assert not (db / "cases" / "5.json").exists()
        assert "named pipe (FIFO)" in done.stdout.decode()
    elif done.returncode != 0:  # named, until doctor sets it aside
        assert "5.json" in one_error_line(done) and "named pipe (FIFO)" in done.stderr.decode()
