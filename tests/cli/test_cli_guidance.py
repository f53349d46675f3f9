"""`poa-tui guidance TYPE [--section S] [--json]`: the guidance and evidence list, outside the app."""

from __future__ import annotations

import json


def test_cli_guidance_prints_the_questions_the_notes_and_the_evidence(cli):
    result = cli("guidance", "ip_patent")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("IP: patent (ip_patent)\n")
    for heading in ("What Amazon asks", "Root Cause", "Immediate Remedy", "Systematic Changes",
                    "Evidence to gather"):
        assert f"\n{heading}\n" in out
    assert "APEX" in out and "patent_licence_or_opinion" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_cli_guidance_for_one_section_and_as_json(cli):
    one = cli("guidance", "inauthentic", "--section", "systematic_changes")
    assert one.code == 0
    assert "\nSystematic Changes\n" in one.out and "\nRoot Cause\n" not in one.out
    data = cli("guidance", "inauthentic", "--json", "--section", "root_cause")
    assert data.code == 0
    parsed = json.loads(data.out)
    assert parsed["violation"] == "inauthentic" and parsed["label"]
    assert list(parsed["questions"]) == ["root_cause"]
    assert {"key", "label", "detail"} <= set(parsed["evidence"][0])
    assert any("365" in note for note in parsed["notes"])


def test_cli_guidance_refuses_an_unknown_type_in_one_line(cli):
    result = cli("guidance", "parking_ticket")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("poa-tui: ") and result.err.count("\n") == 1
    assert "inauthentic" in result.err
