"""`check`, `log` and the clock columns of `list`, through a real process.

Clocks count from today, so cases are set up with dates relative to the real today, at local
noon, the way an attempt sent that day would be stored.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from poa_tui.domain.clocks import add_business_days, log_dict
from poa_tui.domain.models import Case, Notice, Reply, Request, Sections
from poa_tui.domain.vocab import Channel, Outcome
from poa_tui.storage.demo import seed_demo

TODAY = date.today()
BAD_ROOT = "We think maybe [supplier] was the problem!!!\nIt was a mistake. TODO\n"


def days_ago(days: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days), time(12)).astimezone()


def write_settings(text: str) -> None:
    Path(os.environ["POA_TUI_CONFIG"]).parent.mkdir(parents=True, exist_ok=True)
    Path(os.environ["POA_TUI_CONFIG"]).write_text(text, encoding="utf-8")


def add_case(store, title: str, *, sent_days_ago: int | None = None,
             deadline_in: int | None = None, outcome: Outcome | None = None,
             requests: list[Request] | None = None, appeal_limit: int | None = None) -> Case:
    """A case with a written draft, optionally one attempt and Amazon's answer to it."""
    case = Case(title=title, sections=Sections("Root.", "Remedy.", "Changes."))
    deadline = TODAY + timedelta(deadline_in) if deadline_in is not None else None
    case.notice = Notice(text="Your account has been deactivated.", received=TODAY - timedelta(30),
                         deadline=deadline, appeal_limit=appeal_limit)
    if sent_days_ago is not None:
        attempt = case.record_submission(Channel.ACCOUNT_HEALTH, when=days_ago(sent_days_ago))
        if outcome is not None:
            attempt.reply = Reply(days_ago(sent_days_ago - 1), "Amazon's answer.", outcome,
                                  requests or [])
    return store.create(case)


# ------------------------------------------------------------------------------------- check
def test_check_on_a_ready_draft_exits_0(cli, store_at, unchanged) -> None:
    case = seed_demo(store_at())
    with unchanged():
        text = cli("check", str(case.id))
        data = cli("check", str(case.id), "--json")
    assert (text.code, text.out) == (0, f"Case {case.id}: no problems found. Ready to send.\n")
    assert (data.code, data.json()["findings"], data.json()["verdict"]) == (0, [], "ready")


def test_check_groups_findings_by_section_with_positions_and_quotes(cli, new_case) -> None:
    case_id = str(new_case("Bad draft"))
    cli("edit", case_id, "--section", "root_cause", "--from", "-", stdin=BAD_ROOT)
    result = cli("check", case_id)
    assert result.code == 1, result.err
    out = result.out
    assert out.startswith("Root Cause (")
    assert "\n  blocker  1:16  \"[supplier]\"\n    Placeholder left in" in out
    assert '  warning  1:42  "!!!"\n' in out
    assert '  blocker  2:19  "TODO"\n' in out
    assert "\nImmediate Remedy\n  blocker  (the whole section)\n    Immediate Remedy is empty." \
        in out
    assert out.index("Root Cause") < out.index("Immediate Remedy") < out.index("Systematic Changes")
    assert out.splitlines()[-1].startswith(f"Case {case_id}: ")
    assert out.endswith("Blocked: fix the blockers before sending.\n")
    assert all(len(line) <= 80 for line in out.splitlines())


def test_check_json_offsets_point_at_the_offending_text(cli, new_case) -> None:
    case_id = str(new_case("Bad draft"))
    cli("edit", case_id, "--section", "root_cause", "--from", "-", stdin=BAD_ROOT)
    cli("edit", case_id, "--notice", "-", stdin="Amazon has deactivated your selling account "
        "because of complaints about ASIN B07QX4LMN2.")
    result = cli("check", case_id, "--json")
    assert result.code == 1
    findings = result.json()["findings"]
    assert all(list(f) == ["id", "severity", "section", "message", "start", "end"]
               for f in findings)
    placeholders = [f for f in findings if f["id"] == "placeholder"]
    assert [BAD_ROOT[f["start"]:f["end"]] for f in placeholders] == ["[supplier]", "TODO"]
    whole = [f for f in findings if f["section"] is None]
    assert whole and "B07QX4LMN2" in whole[0]["message"]
    assert cli("check", case_id).out.count("\nWhole plan\n  warning\n") == 1


def test_check_with_warnings_only_exits_0(cli, new_case) -> None:
    case_id = str(new_case("Nearly there"))
    for section in ("root_cause", "immediate_remedy", "systematic_changes"):
        cli("edit", case_id, "--section", section, "--from", "-",
            stdin="On 3 March 2025 our buyer Dana Reyes checked every invoice!!!\n")
    result = cli("check", case_id)
    assert result.code == 0, result.out
    assert "blocker" not in result.out
    assert result.out.splitlines()[-1].endswith("a reviewer would act on the warnings.")


def test_check_uses_the_word_limit_from_the_settings(cli, store_at) -> None:
    case = seed_demo(store_at())
    write_settings("soft_limit_words = 50\n")
    result = cli("check", str(case.id), "--json")
    assert result.code == 0, result.err
    assert {f["id"] for f in result.json()["findings"]} == {"section_too_long"}
    assert len(result.json()["findings"]) == 3


def test_a_broken_settings_file_is_one_warning_and_defaults_stand_in(cli, store_at) -> None:
    case = seed_demo(store_at())
    write_settings("soft_limit_words = 'many'\n")
    result = cli("check", str(case.id))
    assert result.code == 0
    assert result.err.startswith("poa-tui: warning: Some settings in ")
    assert result.err.count("\n") == 1
    assert "Ready to send." in result.out


@pytest.mark.parametrize("args, expected", [
    (["check", "8"], "There is no case 8."),
    (["check"], "the following arguments are required: ID"),
    (["log", "8"], "There is no case 8."),
    (["log", "one"], "case id must be a whole number above 0"),
    (["list", "--overdue"], "unrecognized arguments: --overdue"),
])
def test_mistakes_are_one_line_exit_2(cli, new_case, unchanged, args, expected) -> None:
    new_case()
    with unchanged():
        result = cli(*args)
    assert result.code == 2
    assert expected in result.error_line
    assert result.out == ""


# --------------------------------------------------------------------------------------- log
def test_log_shows_status_clocks_advice_and_timeline(cli, store_at) -> None:
    case = add_case(store_at(), "Waiting on Amazon", sent_days_ago=4, deadline_in=7,
                    appeal_limit=2)
    result = cli("log", str(case.id))
    assert result.code == 0, result.err
    sent, due = TODAY - timedelta(4), TODAY - timedelta(2)
    lines = result.out.splitlines()
    assert lines[0] == f"Case {case.id}: Waiting on Amazon"
    assert "Status     Awaiting reply" in lines
    assert "Attempts   1 of the 2 the notice allows (1 left)" in lines
    assert "Waiting    4 days since the last attempt" in lines
    assert f"Follow up  overdue since {due.isoformat()}" in lines
    escalate = add_business_days(sent, 5).isoformat()
    assert f"Escalate   not yet (advised from {escalate})" in lines
    assert f"Deadline   {(TODAY + timedelta(7)).isoformat()} (in 7 d)" in lines
    assert "  - No answer for 4 days: a polite follow-up is due." in lines
    timeline = lines[lines.index("Timeline") + 1:]
    assert timeline[0] == f"  {(TODAY - timedelta(30)).isoformat()}        Amazon's notice received"
    assert timeline[1] == f"  {sent.isoformat()} 12:00  Attempt 1 sent via Account Health"


def test_log_json_is_the_history_document(cli, store_at) -> None:
    store = store_at()
    case = add_case(store, "Long silence", sent_days_ago=9)
    result = cli("log", str(case.id), "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data == log_dict(store.load(case.id), TODAY)
    assert (data["days_waiting"], data["escalation_advised"], data["days_left"]) == (9, True, None)
    assert "consider escalating" in " ".join(data["advice"])
    assert [event["kind"] for event in data["timeline"]] == ["notice", "sent"]
    text = cli("log", str(case.id)).out
    assert "Escalate   advised now" in text and "Deadline   none given" in text


def test_log_lists_open_requests_and_leaves_out_done_ones(cli, store_at) -> None:
    case = add_case(store_at(), "Documents asked", sent_days_ago=3,
                    outcome=Outcome.DOCUMENTS_REQUESTED,
                    requests=[Request("Invoices from your supplier", "document"),
                              Request("Letter of authorization", "document", done=True)])
    result = cli("log", str(case.id))
    tail = result.out.split("Open requests from Amazon's last reply\n")[1]
    assert tail == "  - Invoices from your supplier (document)\n"
    data = cli("log", str(case.id), "--json").json()
    assert data["open_requests"] == [{"text": "Invoices from your supplier", "kind": "document",
                                      "done": False}]
    assert "Amazon answered attempt 1 after 1 d: Documents requested" in result.out


def test_log_follows_the_follow_up_setting(cli, store_at) -> None:
    case = add_case(store_at(), "Patient", sent_days_ago=4)
    write_settings("follow_up_days = 6\n")
    out = cli("log", str(case.id)).out
    assert f"Follow up  due after {(TODAY + timedelta(2)).isoformat()}" in out
    assert "Advice" not in out
    assert cli("log", str(case.id), "--json").json()["follow_up_due"] == \
        (TODAY + timedelta(2)).isoformat()


# -------------------------------------------------------------------------------------- list
@pytest.fixture
def mixed(store_at) -> dict[str, int]:
    store = store_at()
    return {
        "drafting": add_case(store, "Still drafting", deadline_in=-3).id,
        "quiet": add_case(store, "Sent yesterday", sent_days_ago=1, deadline_in=5).id,
        "chase": add_case(store, "Sent a while ago", sent_days_ago=6, deadline_in=-2).id,
        "won": add_case(store, "Won back", sent_days_ago=8, outcome=Outcome.REINSTATED,
                        deadline_in=-1).id,
    }


def test_list_shows_waiting_and_deadline_countdown(cli, mixed) -> None:
    result = cli("list")
    assert result.code == 0, result.err
    header, *rows = result.out.splitlines()
    assert header.split() == ["ID", "STATUS", "ATTEMPTS", "WAITING", "DEADLINE", "DUE",
                              "VIOLATION", "TITLE"]
    by_title = {row.split("  ")[-1]: row for row in rows}
    assert "3 d overdue" in by_title["Still drafting"]
    quiet = by_title["Sent yesterday"].split()
    assert quiet[quiet.index("reply") + 2:quiet.index("reply") + 6] == \
        ["1", "d", (TODAY + timedelta(5)).isoformat(), "in"]
    assert " 6 d " in by_title["Sent a while ago"] and " passed " in by_title["Sent a while ago"]
    assert "overdue" not in by_title["Won back"]
    assert by_title["Won back"].split()[3:5] == ["-", (TODAY - timedelta(1)).isoformat()]


def test_list_needs_action_keeps_cases_waiting_on_the_seller(cli, mixed) -> None:
    result = cli("list", "--needs-action")
    assert result.code == 0, result.err
    titles = [line.split("  ")[-1] for line in result.out.splitlines()[1:]]
    assert sorted(titles) == ["Sent a while ago", "Still drafting"]

    rows = cli("list", "--needs-action", "--json").json()
    assert sorted(row["id"] for row in rows) == sorted([mixed["drafting"], mixed["chase"]])


def test_list_json_rows_gain_the_clocks(cli, mixed) -> None:
    rows = {row["id"]: row for row in cli("list", "--json").json()}
    assert {"id", "title", "status", "attempts", "deadline", "violation_type", "archived",
            "days_waiting", "days_left", "needs_action"} <= set(rows[mixed["quiet"]])
    clocks = {name: (rows[i]["days_waiting"], rows[i]["days_left"], rows[i]["needs_action"])
              for name, i in mixed.items()}
    assert clocks == {"drafting": (None, -3, True), "quiet": (1, 5, False),
                      "chase": (6, -2, True), "won": (None, -1, False)}


def test_list_needs_action_says_so_when_nothing_waits(cli, store_at) -> None:
    add_case(store_at(), "Sent yesterday", sent_days_ago=1)
    result = cli("list", "--needs-action")
    assert (result.code, result.out) == (0, "No case needs action from you right now.\n")
    assert cli("list", "--needs-action", "--json").json() == []


# -------------------------------------------------------------------------------------- help
NEW_VERBS = ("parse-notice", "classify-reply", "check", "log")


@pytest.mark.parametrize("verb", NEW_VERBS)
def test_new_verbs_have_help_with_an_example_and_are_listed(cli, verb) -> None:
    result = cli(verb, "--help")
    assert result.code == 0
    lines = result.out.splitlines()
    summary = lines[lines.index("") + 1]
    assert summary.endswith(".") and len(summary) < 100
    example = lines[lines.index("example:") + 1].strip()
    assert example.startswith(("poa-tui", "pbpaste |")) and f" {verb} " in example
    assert "--json" in result.out
    assert f"\n    {verb}" in cli("--help").out
