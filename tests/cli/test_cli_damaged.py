"""A damaged case, an interrupted import and a bad backup, as a user of the CLI meets them:
one line on stderr naming what is wrong, exit 2, every other case still listed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import environment


def damage(db: Path, case_id: int, **changes: object) -> None:
    path = db / "cases" / f"{case_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["case"]["1"].update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("changes, reason", [
    ({"sections": 7}, "`sections` should be an object, not a number"),
    ({"schema": 0}, "its data version (0) is not one poa-tui ever wrote"),
    ({"notice": {"appeal_limit": "three"}}, "`notice.appeal_limit` should be a whole number"),
    ({"submissions": [{"number": 1, "submitted_at": "9999-12-31T23:59:00+00:00",
                       "channel": "account_health"}]}, "outside the years 1900 to 2999"),
])
def test_a_damaged_case_is_listed_and_named_by_every_verb(cli, new_case, db, changes,
                                                          reason) -> None:
    new_case("Sound before")
    new_case("Broken one")
    new_case("Sound after")
    damage(db, 2, **changes)
    listed = cli("list")
    assert listed.code == 2
    (row,) = [line for line in listed.out.splitlines() if line.lstrip().startswith("2 ")]
    assert "DAMAGED" in row and "Broken one" in row and reason in row
    assert "`poa-tui doctor` repairs it" in row
    assert "Sound before" in listed.out and "Sound after" in listed.out
    assert "Traceback" not in listed.err
    for verb in (["show", "2"], ["edit", "2", "--title", "x"], ["dump"], ["log", "2"]):
        result = cli(*verb)
        assert result.code == 2, verb
        assert f"Cannot read case 2 ({db / 'cases' / '2.json'}): " in result.error_line
        assert reason in result.error_line
    assert cli("show", "3").code == 0
    as_json = {row["id"]: row for row in cli("list", "--json").json()}
    assert reason in as_json[2]["damaged"] and as_json[3]["damaged"] == ""
    assert cli("doctor").code == 2  # set aside; no earlier version to put back
    assert cli("list").code == 0


def test_a_fifo_in_cases_hangs_no_command(cli, new_case, db) -> None:
    new_case("Sound")
    os.mkfifo(db / "cases" / "2.json")
    archive = str(db.parent / "copy.zip")
    for verb in (["list"], ["show", "2"], ["dump"], ["backup"], ["backup", archive], ["doctor"]):
        result = cli(*verb)  # run_cli gives up after 120 s: a hang fails the test
        assert "Traceback" not in result.err, verb
    assert not (db / "cases" / "2.json").exists()  # doctor set it aside
    assert cli("list").code == 0


def test_import_names_the_record_that_holds_a_bad_date(cli, new_case, unchanged) -> None:
    new_case()
    payload = json.dumps([{"title": "one"}, {"title": "two"},
                          {"title": "three", "notice": {"deadline": "9999-12-31"}}])
    with unchanged():
        result = cli("import", "-", stdin=payload)
    assert result.code == 2
    assert "case 3 of 3 in standard input" in result.error_line
    assert "`notice.deadline` is not a usable date" in result.error_line


def test_an_import_stopped_part_way_writes_nothing_and_says_so(db, tmp_path: Path) -> None:
    # ctrl+c while the files are put in place: the ones placed are taken away again.
    source = tmp_path / "many.json"
    source.write_text(json.dumps([{"title": f"case {n}"} for n in range(200)]), encoding="utf-8")
    script = (
        "import os, sys\n"
        "from poa_tui.cli import main\n"
        "real, seen = os.link, []\n"
        "def link(*args, **kwargs):\n"
        "    seen.append(1)\n"
        "    if len(seen) == 150:\n"
        "        raise KeyboardInterrupt\n"
        "    return real(*args, **kwargs)\n"
        "os.link = link\n"
        f"sys.exit(main(['--db', {str(db)!r}, 'import', {str(source)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=environment(), timeout=120)
    assert result.returncode == 128 + signal.SIGINT
    assert result.stderr == "poa-tui: interrupted; nothing was imported.\n"
    assert [p.name for p in (db / "cases").iterdir()] == []


def test_restore_of_a_bad_backup_says_nothing_was_restored(cli, new_case, unchanged,
                                                           tmp_path: Path) -> None:
    new_case()
    source = tmp_path / "bad.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("cases/7.json", json.dumps({"case": {"1": {"id": 1, "title": "x"}}}))
    with unchanged():
        result = cli("restore", str(source), "--yes")
    assert result.code == 2
    assert result.error_line == (
        f"poa-tui: {source}: cases/7.json cannot be restored: it holds case 1, not case 7. "
        f"Nothing was restored.")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_import_ended_by_a_signal_writes_nothing_and_says_so(db, tmp_path: Path,
                                                                 signum) -> None:
    source = tmp_path / "many.json"
    source.write_text(json.dumps([{"title": f"case {n}", "notes": "x" * 2000}
                                  for n in range(3000)]), encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "poa_tui", "--db", str(db), "import",
                              str(source)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=environment())
    cases = db / "cases"
    # Wait for the files to be written out of sight, then stop the import.
    while child.poll() is None and not any(cases.glob(".staging-*/*.json")):
        time.sleep(0.005)  # poll interval of a condition wait
    assert child.poll() is None, "the import ended before it could be stopped"
    child.send_signal(signum)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 128 + signum
    assert err == "poa-tui: interrupted; nothing was imported.\n"
    assert [p.name for p in cases.iterdir()] == []
