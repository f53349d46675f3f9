"""run_checks never raises, and every finding points inside the text it is about."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poa_tui.domain.checks import Finding, Severity, run_checks, summarise, summary_text
from poa_tui.domain.models import Case, Notice, Reply, Sections, Submission
from poa_tui.domain.vocab import SECTIONS, Channel, Outcome

# Fragments that exercise every check, mixed with arbitrary text.
FRAGMENTS = [
    "[insert ASIN]", "[...]", "TODO", "B0XXXXXXXX", "<seller>", "{date}", "123-XXXXXXX-XXXXXXX",
    "the buyer lied", "Amazon's mistake", "please please", "WE DID NOTHING WRONG", "!!!", "!",
    "we will do better", "going to", "case ID 12345678", "?", "We were not aware", "Dear team",
    "B07QX4R2ZK", "114-3321907-5521034", "\n", "\n\n", "- ", "1. ", "# ", "**", "e.g.", "Ltd.",
    ". ", "very", "\u0130", "\u2028", "\r\n", "\t", "'ll", "\u2019", "\x00", "\U0001f600",
    "What exactly happened, and on which dates?",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join),
)
sections = st.builds(Sections, texts, texts, texts)
identifiers = st.lists(st.one_of(st.sampled_from(["B07QX4R2ZK", "114-3321907-5521034", "", " ", "(.*"]),
                                 st.text(max_size=12)), max_size=4)


def _assert_in_bounds(case: Case, findings: list[Finding]) -> None:
    for finding in findings:
        assert isinstance(finding.severity, Severity)
        if finding.section is None:
            assert (finding.start, finding.end) == (0, 0)
        else:
            text = case.sections[finding.section]
            assert 0 <= finding.start <= finding.end <= len(text), finding
        assert set(finding.to_dict()) == {"id", "severity", "section", "message", "start", "end"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draft=sections, asins=identifiers, orders=identifiers, case_ids=identifiers,
       previous=st.lists(sections, max_size=2), limit=st.integers(min_value=-5, max_value=60))
def test_run_checks_never_raises_and_positions_stay_inside_the_text(draft, asins, orders, case_ids,
                                                                   previous, limit):
    case = Case(sections=draft, notice=Notice(asins=asins, order_ids=orders, case_ids=case_ids))
    for number, snapshot in enumerate(previous, start=1):
        reply = Reply(received_at=datetime(2024, 5, 2, tzinfo=timezone.utc), text="",
                      outcome=Outcome.DENIED)
        case.submissions.append(Submission(number=number, channel=Channel.EMAIL, sections=snapshot,
                                           submitted_at=datetime(2024, 5, 1, tzinfo=timezone.utc),
                                           reply=reply))
    findings = run_checks(case, soft_limit_words=limit, soft_limit_total=limit * 2)
    _assert_in_bounds(case, findings)
    order = [(SECTIONS.index(f.section) if f.section else len(SECTIONS), f.start) for f in findings]
    assert order == sorted(order)
    assert sum(summarise(findings).values()) == len(findings)
    assert summary_text(findings)


@settings(max_examples=100, deadline=None)
@given(draft=sections, rejected=st.lists(sections, max_size=3))
def test_explicit_rejected_texts_never_break_the_checks(draft, rejected):
    case = Case(sections=draft)
    _assert_in_bounds(case, run_checks(case, rejected=rejected))
