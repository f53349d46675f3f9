"""`dump` and `import`: every case as one JSON list, and back in under new ids."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from poa_tui.storage.demo import demo_case


def test_dump_is_a_list_in_the_show_json_shape(cli, new_case, store_at) -> None:
    from poa_tui.storage.demo import seed_demo

    new_case("Plain case")
    seeded = seed_demo(store_at())
    dumped = cli("dump")
    assert dumped.code == 0, dumped.err
    cases = dumped.json()
    assert [case["id"] for case in cases] == [1, seeded.id]
    assert cases[1] == cli("show", str(seeded.id), "--json").json()


def test_import_round_trips_a_dump_under_new_ids(cli, store_at, tmp_path) -> None:
    from poa_tui.storage.demo import seed_demo

    seed_demo(store_at())
    exported = tmp_path / "cases.json"
    exported.write_text(cli("dump").out, encoding="utf-8")
    result = cli("import", str(exported))
    assert (result.code, result.out) == (0, "Imported 1 case as id 2.\n")

    original, copy = cli("dump").json()
    assert copy["id"] == 2
    for key in ("id", "revision", "updated_at"):
        original.pop(key), copy.pop(key)
    assert copy == original


def test_import_from_stdin_fills_left_out_fields_with_defaults(cli) -> None:
    result = cli("import", "-", stdin=json.dumps([{"title": "Bare minimum"},
                                                  {"title": "With a type",
                                                   "violation_type": "late_shipment_rate"}]))
    assert result.code == 0, result.err
    assert "Imported 2 cases as ids 1 to 2." in result.out
    bare, typed = cli("dump").json()
    assert (bare["title"], bare["violation_type"], bare["scope"]) == ("Bare minimum", "other",
                                                                      "account")
    assert bare["sections"] == {"root_cause": "", "immediate_remedy": "", "systematic_changes": ""}
    assert bare["submissions"] == [] and bare["status"] == "drafting"
    assert typed["violation_type"] == "late_shipment_rate"


def test_import_strips_terminal_controls(cli) -> None:
    payload = json.dumps([{"title": "Evil\x1b]0;pwned\x07 title",
                           "sections": {"root_cause": "a\x1b[2Jb"}}])
    assert cli("import", "-", stdin=payload).code == 0
    case = cli("show", "1", "--json").json()
    assert (case["title"], case["sections"]["root_cause"]) == ("Evil title", "ab")


@pytest.mark.parametrize("payload, expected", [
    ("[{\"title\": \"ok\"}, ", "is not valid JSON"),
    ("\"just a string\"", "holds no list of cases"),
    ("[{\"title\": \"ok\"}, 7]", "case 2 of 2 in standard input is not a JSON object"),
    ('[{"title": "ok"}, {"seller": "no title"}]', "case 2 of 2 in standard input has no title"),
    ('[{"title": "ok", "violation_type": "fraud"}]', "`violation_type` holds 'fraud'"),
    ('[{"title": "ok", "submissions": [{"channel": "pigeon"}]}]', "'pigeon'"),
])
def test_a_bad_import_writes_nothing_at_all(cli, new_case, unchanged, payload, expected) -> None:
    new_case()
    with unchanged():
        result = cli("import", "-", stdin=payload)
    assert result.code == 2
    assert expected in result.error_line


def test_import_of_a_missing_file(cli, unchanged, tmp_path) -> None:
    with unchanged():
        result = cli("import", str(tmp_path / "nope.json"))
    assert result.code == 2
    assert "there is no such file" in result.error_line


@pytest.mark.slow
def test_import_of_2000_cases_in_one_go(cli, tmp_path) -> None:
    template = demo_case(date(2025, 3, 1)).to_dict()
    cases = [dict(template, title=f"Imported case {n}") for n in range(2000)]
    source = tmp_path / "many.json"
    source.write_text(json.dumps(cases), encoding="utf-8")  # ~23 MB

    started = time.perf_counter()
    result = cli("import", str(source))
    elapsed = time.perf_counter() - started
    assert result.code == 0, result.err
    assert result.out == "Imported 2000 cases as ids 1 to 2000.\n"
    # Measured here: 1.6-3.1 s for 2,000 cases (one fsync'd file each, one index write).
    print(f"import of 2,000 cases: {elapsed:.2f} s")
    assert elapsed < 60

    rows = cli("list", "--json").json()
    assert len(rows) == 2000
    assert {row["title"] for row in rows} == {f"Imported case {n}" for n in range(2000)}
    assert all(row["status"] == "awaiting_reply" and row["attempts"] == 2 for row in rows)
