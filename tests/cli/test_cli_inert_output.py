"""Issue 12, finding 1: stored text never drives the terminal the CLI writes to.

A case whose text reached the store other than by typing (a restored zip, a file edited by
hand) can hold escape sequences. Every verb's output, and every error line that names a file,
must reach the terminal inert: these tests read the very bytes the process writes.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
import tty
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from poa_tui.domain.assembly import assemble
from poa_tui.domain.models import Case, EvidenceItem, Notice, Reply, Request, Sections
from poa_tui.domain.textsafety import UNSAFE
from poa_tui.domain.vocab import Channel, Outcome, Section

# Retitles the window, writes the clipboard through OSC 52, clears the screen, a C1 CSI, a
# right-to-left override, a C1 next-line and a carriage return that would overwrite the line.
HOSTILE = ("\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\u202eevil\u202c"
           "\x85\x1bP+q\x1b\\\rOK")


def hostile(label: str) -> str:
    return f"{label} {HOSTILE} end"


def assert_inert(data: bytes) -> str:
    """`data` decoded, checked to hold nothing a terminal would act on but TAB and LF."""
    assert b"\x1b" not in data and b"\x07" not in data
    text = data.decode("utf-8")
    found = UNSAFE.search(text)
    assert found is None, f"{found[0]!r} at {found.start()} in {text!r}"
    assert "\r" not in text
    return text


@pytest.fixture
def run(db: Path, cli_env):
    """`run(*args)`: poa-tui on this test's store, its output as the bytes it wrote."""
    def call(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(db), *args],
                              stdin=subprocess.DEVNULL, capture_output=True, env=cli_env(),
                              timeout=120)
    return call


@pytest.fixture
def hostile_case(store_at) -> Case:
    """A case with escape sequences in every text the CLI prints, as a hand-edited file has."""
    sent = datetime.now(timezone.utc) - timedelta(days=3)
    case = Case(
        title=hostile("Title"), seller=hostile("Seller"), marketplace=hostile("Market"),
        notice=Notice(text=hostile("Notice"), asins=[hostile("B0ASIN")],
                      order_ids=[hostile("123-order")]),
        sections=Sections(root_cause=hostile("It was not\x0bour fault. Root"),
                          immediate_remedy=hostile("Remedy"),
                          systematic_changes=hostile("Changes")),
        notes=hostile("Notes"),
        evidence=[EvidenceItem(label=hostile("Invoice"), note=hostile("Note"))],
    )
    attempt = case.record_submission(Channel.ACCOUNT_HEALTH, when=sent, note=hostile("Sent"))
    attempt.reply = Reply(sent + timedelta(days=1), hostile("Reply"), Outcome.INSUFFICIENT_POA,
                          [Request(hostile("Send invoices"), "document")])
    return store_at().create(case)


def exported(case: Case, section: Section) -> str:
    """What `export --section` writes: the user's text as the appeal form takes it."""
    return assemble(case.sections, fmt="text", only=section).rstrip("\n") + "\n"


@pytest.mark.parametrize("verb", [
    ["list"], ["list", "--all"], ["list", "--json"], ["show", "{id}"], ["show", "{id}", "--json"],
    ["log", "{id}"], ["log", "{id}", "--json"], ["check", "{id}"], ["check", "{id}", "--json"],
    ["dump"],
])
def test_every_verb_writes_stored_text_inert(run, hostile_case: Case,
                                             verb: list[str]) -> None:
    done = run(*[word.format(id=hostile_case.id) for word in verb])
    assert done.returncode in (0, 1), done.stderr
    out = assert_inert(done.stdout)
    assert_inert(done.stderr)
    if "--json" not in verb and verb != ["dump"]:
        assert "Title" in out or "Case" in out
        if verb[0] in ("show", "list"):
            assert "␛]0;pwned␇" in out  # what the sequence would have done is shown instead


@pytest.mark.parametrize("verb", [["show", "{id}", "--json"], ["dump"]])
def test_json_keeps_the_stored_text_exactly(run, hostile_case: Case,
                                            verb: list[str]) -> None:
    done = run(*[word.format(id=hostile_case.id) for word in verb])
    data = json.loads(assert_inert(done.stdout))
    case = data[0] if isinstance(data, list) else data
    assert case["title"] == hostile_case.title
    assert case["sections"]["root_cause"] == hostile_case.sections.root_cause


def test_export_to_a_pipe_keeps_the_users_text(run, hostile_case: Case) -> None:
    done = run("export", str(hostile_case.id), "--section", "immediate_remedy")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert out == exported(hostile_case, Section.IMMEDIATE_REMEDY)
    assert "\x1b]0;pwned\x07" in out


def test_export_to_a_terminal_is_inert(db: Path, hostile_case: Case, cli_env) -> None:
    leader, follower = pty.openpty()
    tty.setraw(follower)  # no "\n" -> "\r\n": the bytes read are the bytes written
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "poa_tui", "--db", str(db), "export", str(hostile_case.id)],
            stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE,
            env=cli_env())
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    finally:
        os.close(leader)
    out = assert_inert(b"".join(chunks))
    assert "Remedy ␛]0;pwned␇" in out


def test_export_to_a_file_keeps_the_users_text(run, hostile_case: Case,
                                               tmp_path: Path) -> None:
    target = tmp_path / "poa.txt"
    done = run("export", str(hostile_case.id), "--section", "root_cause", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().decode("utf-8") == exported(hostile_case, Section.ROOT_CAUSE)


@pytest.mark.parametrize("verb", [
    ["edit", "1", "--section", "root_cause", "--from", "{name}"],
    ["edit", "1", "--notice", "{name}"],
    ["reply", "1", "--from", "{name}"],
    ["parse-notice", "{name}"],
    ["classify-reply", "{name}"],
    ["import", "{name}"],
    ["restore", "{name}", "--yes"],
    ["new", "--title", "x", "--notice", "{name}"],
    ["export", "1", "-o", "{name}/poa.txt"],
    ["list", "--bogus", "{name}"],
])
def test_error_lines_show_file_names_inert(run, store_at, tmp_path: Path,
                                           verb: list[str]) -> None:
    # A written draft, so that export gets as far as the file it cannot write.
    store_at().create(Case(title="Plain", sections=Sections(root_cause="Written.")))
    name = str(tmp_path / f"missing{HOSTILE}.txt")
    done = run(*[word.format(name=name) for word in verb])
    assert done.returncode == 2
    err = assert_inert(done.stderr)
    assert err.startswith("poa-tui: ") and "missing" in err, err
    assert_inert(done.stdout)


def test_paths_the_cli_prints_are_inert(tmp_path: Path, cli_env) -> None:
    store = tmp_path / f"store{HOSTILE.replace('/', '')}"
    for verb in (["new", "--title", "Plain"], ["locate"], ["backup"], ["backup", "--list"],
                 ["backup", str(store.with_suffix(".zip"))]):
        done = subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(store), *verb],
                              stdin=subprocess.DEVNULL, capture_output=True, env=cli_env(),
                              timeout=120)
        assert done.returncode == 0, done.stderr
        assert_inert(done.stdout)
        assert_inert(done.stderr)
    assert "store␛]0;pwned␇" in done.stdout.decode("utf-8")


def test_a_stored_line_break_cannot_pass_for_another_row_or_field(run, store_at) -> None:
    fake_row = " 9  Reinstated         1        -  -           -    Other      All clear"
    store_at().create(Case(title=f"Real title\n{fake_row}", seller="Acme\rStatus    Reinstated",
                           marketplace="amazon.de\tx"))
    listed = assert_inert(run("list").stdout).splitlines()
    assert len(listed) == 2 and listed[1].endswith(f"Real title␤{fake_row}")
    shown = assert_inert(run("show", "1").stdout).splitlines()
    assert shown[0] == f"Case 1: Real title␤{fake_row}"
    assert "Seller     Acme␤Status    Reinstated on amazon.de x" in shown
    assert not any(line.startswith("Status    Reinstated") for line in shown)
    logged = assert_inert(run("log", "1").stdout).splitlines()
    assert logged[0] == f"Case 1: Real title␤{fake_row}"


def test_the_restore_question_names_files_inert(db: Path, store_at, tmp_path: Path,
                                                cli_env) -> None:
    """The one question the CLI asks, in a terminal: file names in it are shown inert."""
    store_at().create(Case(title="Plain"))
    archive = tmp_path / f"backup{HOSTILE.replace('/', '')}.zip"
    made = subprocess.run([sys.executable, "-m", "poa_tui", "--db", str(db), "backup",
                           str(archive)], capture_output=True, env=cli_env(), timeout=120)
    assert made.returncode == 0, made.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "poa_tui", "--db", str(db), "restore",
                                str(archive)], stdin=follower, stdout=follower, stderr=follower,
                               env=cli_env())
    os.close(follower)
    chunks: list[bytes] = []
    try:
        deadline = time.monotonic() + 60
        while b"[y/N]" not in b"".join(chunks):
            assert time.monotonic() < deadline, f"no question; so far: {b''.join(chunks)!r}"
            if select.select([leader], [], [], 0.5)[0]:
                chunks.append(os.read(leader, 65536))
        os.write(leader, b"n\n")
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 1
    finally:
        os.close(leader)
    # The terminal itself turns each "\n" into "\r\n" and echoes the answer.
    out = assert_inert(b"".join(chunks).replace(b"\r\n", b"\n"))
    assert "backup␛]0;pwned␇" in out and "Nothing was changed." in out
