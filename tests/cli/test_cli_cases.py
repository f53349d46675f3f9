"""`new`, `list`, `show`, `edit` and `locate` through a real process."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_new_prints_the_id_alone_and_show_json_has_the_contract_shape(cli, new_case) -> None:
    first = new_case("Knife sets: authenticity", "--seller", "Marlow Kitchen Supply Ltd",
                     "--marketplace", "amazon.co.uk", "--violation", "inauthentic",
                     "--scope", "listing")
    second = new_case("Second case")
    assert (first, second) == (1, 2)

    shown = cli("show", "1", "--json")
    assert shown.code == 0, shown.err
    case = shown.json()
    assert case["id"] == 1
    assert case["title"] == "Knife sets: authenticity"
    assert case["seller"] == "Marlow Kitchen Supply Ltd"
    assert case["marketplace"] == "amazon.co.uk"
    assert case["violation_type"] == "inauthentic"
    assert case["scope"] == "listing"
    assert case["status"] == "drafting"
    assert set(case["sections"]) == {"root_cause", "immediate_remedy", "systematic_changes"}
    assert case["submissions"] == []
    # The evidence checklist starts as in the app: what this kind of appeal usually needs.
    keys = [item["key"] for item in case["evidence"]]
    assert "invoices_365d" in keys and not any(item["done"] for item in case["evidence"])


def test_edit_violation_brings_the_checklist_along(cli, new_case) -> None:
    case_id = new_case("Knife sets", "--violation", "inauthentic")
    before = cli("show", str(case_id), "--json").json()["evidence"]
    changed = cli("edit", str(case_id), "--violation", "condition_used_sold_as_new")
    assert changed.code == 0, changed.err
    assert "checklist now follows" in changed.err
    after = cli("show", str(case_id), "--json").json()["evidence"]
    assert "invoices_365d" in {item["key"] for item in before}
    assert {item["key"] for item in after} != {item["key"] for item in before}
    same = cli("edit", str(case_id), "--title", "Knife sets, renamed")
    assert same.code == 0 and "checklist" not in same.err


def test_new_takes_defaults_and_tidies_the_title(cli, new_case) -> None:
    case_id = new_case("  Late   shipments\tin March ")
    case = cli("show", str(case_id), "--json").json()
    assert case["title"] == "Late shipments in March"
    assert (case["violation_type"], case["scope"], case["seller"]) == ("other", "account", "")


def test_list_shows_cases_newest_first_and_json_rows(cli, new_case) -> None:
    assert cli("list").out.startswith("No cases yet")
    assert cli("list", "--json").json() == []
    new_case("Older case")
    new_case("Newer case", "--violation", "order_defect_rate")

    text = cli("list")
    assert text.code == 0
    lines = text.out.splitlines()
    assert lines[0].split()[:3] == ["ID", "STATUS", "ATTEMPTS"]
    assert "Newer case" in lines[1] and "Order defect rate" in lines[1]
    assert "Older case" in lines[2]

    rows = cli("list", "--json").json()
    assert [row["title"] for row in rows] == ["Newer case", "Older case"]
    assert {"id", "title", "status", "attempts", "deadline", "violation_type"} <= set(rows[0])


def test_list_all_includes_archived_cases(cli, new_case, store_at) -> None:
    new_case("Still open")
    archived = new_case("Filed away")
    store = store_at()
    case = store.load(archived)
    case.archived = True
    store.save(case)

    assert [r["title"] for r in cli("list", "--json").json()] == ["Still open"]
    both = cli("list", "--all")
    assert "Filed away  [archived]" in both.out and "Still open" in both.out


def test_edit_replaces_a_section_from_a_file_and_from_stdin(cli, new_case, tmp_path) -> None:
    case_id = str(new_case())
    draft = tmp_path / "root.md"
    draft.write_text("Our listing used the brand name **Korvan** in its title.\n", encoding="utf-8")
    assert cli("edit", case_id, "--section", "root_cause", "--from", str(draft)).code == 0
    piped = cli("edit", case_id, "--section", "immediate_remedy", "--from", "-",
                stdin="- Removed the brand name on 3 March.\n")
    assert piped.code == 0, piped.err

    sections = cli("show", case_id, "--json").json()["sections"]
    assert sections["root_cause"] == "Our listing used the brand name **Korvan** in its title.\n"
    assert sections["immediate_remedy"] == "- Removed the brand name on 3 March.\n"
    assert sections["systematic_changes"] == ""


def test_edit_strips_terminal_controls_and_reads_utf8(cli, new_case) -> None:
    case_id = str(new_case())
    hostile = "Caf\u00e9 \x1b[31mred\x1b[0m \x1b]0;owned\x07title\r\nnext\x00 line\n"
    result = cli("edit", case_id, "--section", "root_cause", "--from", "-", stdin=hostile)
    assert result.code == 0, result.err
    text = cli("show", case_id, "--json").json()["sections"]["root_cause"]
    assert text == "Caf\u00e9 red title\nnext line\n"


def test_edit_changes_details(cli, new_case) -> None:
    case_id = str(new_case())
    result = cli("edit", case_id, "--title", "Renamed", "--seller", "Harbour Goods",
                 "--violation", "ip_trademark", "--scope", "asin")
    assert result.code == 0, result.err
    case = cli("show", case_id, "--json").json()
    assert (case["title"], case["seller"], case["violation_type"], case["scope"]) == (
        "Renamed", "Harbour Goods", "ip_trademark", "asin")


def test_show_text_names_the_case_and_its_parts(cli, new_case) -> None:
    case_id = str(new_case("Suppressed listing", "--violation", "product_safety"))
    cli("edit", case_id, "--section", "root_cause", "--from", "-", stdin="Three words here.")
    out = cli("show", case_id).out
    assert f"Case {case_id}: Suppressed listing" in out
    assert "Product safety" in out
    assert "Root Cause          3 words" in out
    assert "Immediate Remedy    empty" in out
    assert "none yet" in out


def test_locate_prints_each_place_without_creating_anything(cli, db) -> None:
    result = cli("locate")
    assert result.code == 0
    places = dict(line.split(":", 1) for line in result.out.splitlines())
    assert places["data"].split()[0] == str(db)
    assert places["cases"].split()[0] == str(db / "cases")
    assert places["backups"].split()[0] == str(db / "backups")
    assert places["settings"].strip().endswith("settings.toml")
    assert places["recovery"].split()[0].endswith("poa-tui/recovery")
    assert not db.exists()


def test_read_only_verbs_create_no_store(cli, db) -> None:
    assert cli("list").code == 0
    assert cli("dump").out.strip() == "[]"
    assert cli("show", "1").code == 2
    assert not db.exists()


def test_db_option_is_accepted_after_the_verb(tmp_path: Path, cli) -> None:
    other = tmp_path / "other"
    made = cli("new", "--title", "Elsewhere", "--db", str(other))
    assert made.code == 0
    assert (other / "cases" / "1.json").exists()


def test_store_path_comes_from_the_environment(tmp_path: Path, monkeypatch, cli_without_db) -> None:
    target = tmp_path / "from-env"
    monkeypatch.setenv("POA_TUI_DB", str(target))
    assert cli_without_db("new", "--title", "Via the environment").code == 0
    assert (target / "cases" / "1.json").exists()


@pytest.mark.parametrize("args, expected", [
    (["show", "7"], "There is no case 7."),
    (["show", "zero"], "case id must be a whole number above 0"),
    (["edit", "1", "--section", "summary", "--from", "-"], "unknown section 'summary'"),
    (["edit", "1", "--section", "root_cause"], "--section and --from go together"),
    (["edit", "1"], "nothing to change"),
    (["edit", "1", "--title", "   "], "the title is empty"),
    (["edit", "1", "--section", "root_cause", "--from", "missing.md"],
     "cannot read missing.md: there is no such file"),
    (["edit", "1", "--violation", "fraud"], "unknown violation type 'fraud'"),
    (["edit", "1", "--scope", "planet"], "unknown scope 'planet'"),
    (["new", "--title", " \t "], "the title is empty"),
    (["new"], "the following arguments are required: --title"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_mistakes_are_one_line_exit_2_and_write_nothing(cli, new_case, unchanged, tmp_path,
                                                         args, expected) -> None:
    new_case()
    with unchanged():
        result = cli(*args, cwd=tmp_path)
    assert result.code == 2
    assert expected in result.error_line
    assert result.out == ""


def test_a_file_that_is_not_utf8_is_refused(cli, new_case, unchanged, tmp_path) -> None:
    case_id = str(new_case())
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\u00e9".encode("latin-1"))
    with unchanged():
        result = cli("edit", case_id, "--section", "root_cause", "--from", str(latin))
    assert result.code == 2
    assert "not UTF-8 text" in result.error_line


def test_a_corrupt_case_file_is_named_in_one_paragraph(cli, new_case, unchanged, db) -> None:
    new_case("Healthy")
    broken = new_case("Broken")
    path = db / "cases" / f"{broken}.json"
    path.write_text('{"case": {"1": {"title": "Brok', encoding="utf-8")
    with unchanged():
        shown = cli("show", str(broken))
        edited = cli("edit", str(broken), "--title", "Fixed?")
    for result in (shown, edited):
        assert result.code == 2
        assert str(path) in result.error_line

    listed = cli("list")
    assert listed.code == 2
    assert "Healthy" in listed.out and "Broken" not in listed.out
    assert str(path) in listed.error_line


def test_a_corrupt_index_is_reported_not_overwritten(cli, new_case, unchanged, db) -> None:
    new_case()
    (db / "poa.json").write_text("not json at all", encoding="utf-8")
    with unchanged():
        result = cli("list")
    assert result.code == 2
    assert str(db / "poa.json") in result.error_line
