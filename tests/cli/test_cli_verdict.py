"""`check` gives a verdict: --json adds it with a per-section summary, --strict exits 1 unless ready."""

from __future__ import annotations

from poa_tui.storage.demo import seed_demo

GENERIC = ("On 3 March 2025 our operations manager confirmed 61 late orders. We take this very "
           "seriously and apologise for any inconvenience.\n")


def test_a_ready_draft_passes_strict_and_says_so(cli, store_at) -> None:
    case = seed_demo(store_at())
    data = cli("check", str(case.id), "--json")
    assert data.code == 0 and data.json()["verdict"] == "ready"
    sections = data.json()["sections"]
    assert list(sections) == ["root_cause", "immediate_remedy", "systematic_changes"]
    assert all(s["specificity"] == "specific" and s["blockers"] == 0 for s in sections.values())
    assert cli("check", str(case.id), "--strict").code == 0


def test_warnings_a_reviewer_would_act_on_need_work(cli, new_case) -> None:
    case_id = str(new_case("Generic draft"))
    for section in ("root_cause", "immediate_remedy", "systematic_changes"):
        cli("edit", case_id, "--section", section, "--from", "-", stdin=GENERIC)
    plain = cli("check", case_id)
    assert plain.code == 0, plain.out
    assert plain.out.splitlines()[-1].endswith(
        "Needs work: nothing blocks sending, but a reviewer would act on the warnings.")
    assert cli("check", case_id, "--strict").code == 1
    data = cli("check", case_id, "--json").json()
    assert data["verdict"] == "needs_work"
    assert {f["id"] for f in data["findings"]} >= {"generic_opening", "empty_apology"}
    assert data["sections"]["root_cause"]["warnings"] >= 2


def test_a_blocked_draft_exits_1_either_way_and_names_thin_sections(cli, new_case) -> None:
    case_id = str(new_case("Thin draft"))
    cli("edit", case_id, "--section", "root_cause", "--from", "-",
        stdin="Some orders went out late because we were busy.\n")
    result = cli("check", case_id)
    assert result.code == 1
    assert "Root Cause (no specifics)\n" in result.out
    assert result.out.splitlines()[-1].endswith("Blocked: fix the blockers before sending.")
    data = cli("check", case_id, "--json").json()
    assert data["verdict"] == "blocked"
    assert data["sections"]["root_cause"]["specificity"] == "none"
    assert data["sections"]["immediate_remedy"]["specificity"] == "empty"
    assert cli("check", case_id, "--strict").code == 1
