"""`doctor`, `backup` and `restore` through a real process."""

from __future__ import annotations

import zipfile


def test_doctor_puts_back_the_previous_version_of_a_broken_case(cli, new_case, db) -> None:
    case_id = str(new_case("First title"))
    cli("edit", case_id, "--title", "Second title")
    path = db / "cases" / f"{case_id}.json"
    path.unlink()  # what a crash mid-copy by another tool could leave: a new, broken file
    path.write_text('{"case": {"1": {"title": "Trunc', encoding="utf-8")
    assert cli("show", case_id).code == 2

    result = cli("doctor")
    assert result.code == 0, result.out + result.err
    assert f"case {case_id}: its previous version" in result.out
    assert cli("show", case_id, "--json").json()["title"] == "First title"
    assert list((db / "cases").glob(f"{case_id}.json.corrupt-*"))


def test_doctor_reports_what_it_cannot_repair(cli, new_case, db) -> None:
    case_id = str(new_case())
    (db / "cases" / f"{case_id}.json").write_text("not json", encoding="utf-8")
    result = cli("doctor")
    assert result.code == 2
    assert "PROBLEM case 1: no readable previous version" in result.out
    assert "1 problem left that doctor could not repair" in result.error_line


def test_doctor_on_a_store_that_does_not_exist_yet(cli, db) -> None:
    result = cli("doctor")
    assert result.code == 0
    assert "does not exist yet" in result.out
    assert not db.exists()


def test_backup_snapshots_lists_and_archives(cli, new_case, db, tmp_path) -> None:
    new_case("One")
    new_case("Two")
    snap = cli("backup")
    assert snap.code == 0, snap.err
    assert snap.out.startswith("Saved 2 cases to " + str(db / "backups"))
    listed = cli("backup", "--list")
    assert "2 cases" in listed.out and str(db / "backups") in listed.out

    archive = tmp_path / "keep.zip"
    assert cli("backup", str(archive)).code == 0
    with zipfile.ZipFile(archive) as opened:
        assert {"poa.json", "cases/1.json", "cases/2.json"} <= set(opened.namelist())
    again = cli("backup", str(archive))
    assert again.code == 2 and "already exists" in again.error_line


def test_backup_of_no_store_writes_nothing(cli, db, tmp_path) -> None:
    result = cli("backup", str(tmp_path / "x.zip"))
    assert result.code == 2 and "nothing to back up" in result.error_line
    assert not db.exists() and not (tmp_path / "x.zip").exists()
    assert cli("backup", "--list").out == "No snapshots yet.\n"


def test_restore_needs_yes_without_a_terminal_then_brings_cases_back(cli, new_case, unchanged,
                                                                      tmp_path) -> None:
    new_case("Kept in the archive")
    archive = tmp_path / "keep.zip"
    cli("backup", str(archive))
    cli("edit", "1", "--title", "Changed after the backup")
    new_case("Created after the backup")

    with unchanged():
        refused = cli("restore", str(archive))
    assert refused.code == 2
    assert "restoring replaces the 2 cases" in refused.error_line and "--yes" in refused.error_line

    done = cli("restore", str(archive), "--yes")
    assert done.code == 0, done.err
    assert "Restored 1 case from" in done.out
    assert [row["title"] for row in cli("list", "--json").json()] == ["Kept in the archive"]


def test_restore_from_something_that_is_not_a_backup(cli, new_case, unchanged, tmp_path) -> None:
    new_case()
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello", encoding="utf-8")
    with unchanged():
        missing = cli("restore", str(tmp_path / "gone.zip"), "--yes")
        wrong = cli("restore", str(bogus), "--yes")
    assert "no such file or folder" in missing.error_line
    assert "neither a poa-tui backup folder nor a .zip backup" in wrong.error_line
