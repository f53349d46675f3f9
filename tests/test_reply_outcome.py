"""Changing a recorded outcome later: the status follows, the rest of the reply stays."""

from datetime import datetime, timezone

import pytest

from poa_tui.domain.models import Case, Reply
from poa_tui.domain.reply_outcome import NoReply, set_outcome
from poa_tui.domain.vocab import Channel, Outcome, Status


def _answered(outcome: Outcome) -> Case:
    case = Case(id=1, title="t")
    case.sections["root_cause"] = "x"
    attempt = case.record_submission(Channel.ACCOUNT_HEALTH)
    attempt.reply = Reply(received_at=datetime(2026, 1, 2, tzinfo=timezone.utc), text="words",
                          outcome=outcome)
    return case


def test_changing_a_final_decision_reopens_the_case() -> None:
    case = _answered(Outcome.FINAL)
    assert case.status is Status.CLOSED
    set_outcome(1, Outcome.INSUFFICIENT_POA)(case)
    assert case.status is Status.NEEDS_REVISION
    assert case.submissions[0].reply.text == "words"


def test_an_attempt_without_reply_has_no_outcome_to_change() -> None:
    case = _answered(Outcome.FINAL)
    case.submissions[0].reply = None
    with pytest.raises(NoReply):
        set_outcome(1, Outcome.REINSTATED)(case)
    with pytest.raises(NoReply):
        set_outcome(7, Outcome.REINSTATED)(case)
