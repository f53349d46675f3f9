"""Opening the app: the no-terminal refusal, `--demo`, `--version`, `--help`, light imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from poa_tui import __version__
from poa_tui.domain.checks import run_checks
from poa_tui.domain.vocab import Outcome, Status, ViolationType
from poa_tui.storage.demo import ASINS, ORDER_ID, seed_demo

VERBS = ("list", "new", "show", "edit", "export", "submit", "reply", "dump", "import", "locate",
         "doctor", "backup", "restore", "due", "calendar")


@pytest.mark.parametrize("flags", [[], ["--demo"]])
def test_without_a_terminal_the_app_refuses_and_says_use_ssh_t(db, tmp_path, cli_env,
                                                              flags) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    store = [] if flags else ["--db", str(db)]
    result = subprocess.run([sys.executable, "-m", "poa_tui", *store, *flags],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=cli_env(TMPDIR=str(scratch)), timeout=60)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.count("\n") == 1 and message.startswith("poa-tui: ")
    assert "use ssh -t" in message
    assert result.stdout == b""
    assert not db.exists()
    assert list(scratch.iterdir()) == []  # no demo store was left behind


def test_demo_and_db_do_not_mix(cli) -> None:
    result = cli("--demo")
    assert result.code == 2
    assert "leave out --db" in result.error_line


def test_version(cli) -> None:
    result = cli("--version")
    assert (result.code, result.out) == (0, f"poa-tui {__version__}\n")


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help_with_a_description_and_an_example(cli, verb) -> None:
    result = cli(verb, "--help")
    assert result.code == 0
    lines = result.out.splitlines()
    description = lines[lines.index("") + 1]
    assert description.endswith(".") and len(description) < 100
    example = lines[lines.index("example:") + 1]
    assert example.strip().startswith(("poa-tui", "pbpaste |"))
    assert verb in example


def test_the_top_level_help_lists_every_verb(cli) -> None:
    out = cli("--help").out
    for verb in VERBS:
        assert f"\n    {verb} " in out


def test_list_does_not_import_textual(db, cli_env) -> None:
    code = (
        "import sys\n"
        "from poa_tui.cli import main\n"
        f"status = main(['--db', {str(db)!r}, 'list'])\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(status, len(leaked), leaked[:3], file=sys.stderr)\n"
        "sys.exit(status or len(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=cli_env(),
                            timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode().startswith("0 0 []")


def test_seed_demo_builds_one_complete_realistic_case(store) -> None:
    today = date(2025, 6, 20)
    case = seed_demo(store, today=today)
    assert case.id == 1
    assert store.load(case.id).to_dict() == case.to_dict()
    assert [row.id for row in store.summaries()] == [1]

    assert case.violation_type is ViolationType.INAUTHENTIC
    assert case.marketplace == "amazon.co.uk"
    assert case.notice.asins == list(ASINS) and case.notice.order_ids == [ORDER_ID]
    for asin in (*ASINS, ORDER_ID):
        assert asin in case.notice.text
    assert case.notice.received < today < case.notice.deadline

    for section, text in case.sections.items():
        assert len(text.split()) > 120, section
        assert "[" not in text and "XXX" not in text.upper()
    assert "2025" in case.sections.immediate_remedy  # dated actions
    assert case.sections.immediate_remedy.count("\n- ") >= 4

    first, second = case.submissions
    assert first.reply is not None and first.reply.outcome is Outcome.INSUFFICIENT_POA
    assert "Greater detail" in first.reply.text
    assert first.sections != second.sections
    assert second.sections == case.sections and second.reply is None
    assert first.submitted_at < first.reply.received_at < second.submitted_at
    assert second.submitted_at.date() == today - timedelta(days=1)
    assert case.status is Status.AWAITING_REPLY
    assert len(case.evidence) >= 3 and any(item.done for item in case.evidence)
    assert not all(item.done for item in case.evidence)
    # The draft is the example to follow: the app's own readiness checks find nothing in it.
    assert run_checks(case) == []


def test_demo_dates_follow_today(store) -> None:
    early = seed_demo(store, today=date(2025, 1, 10))
    late = seed_demo(store, today=date(2025, 9, 10))
    assert (late.notice.deadline - early.notice.deadline).days == 243
    assert early.sections.root_cause != late.sections.root_cause
