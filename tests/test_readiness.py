"""Readiness: the checks with the user's limits, run again only when their inputs change."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from poa_tui.domain.checks import Finding, Severity, Verdict
from poa_tui.domain.models import Case, Notice, Reply, Sections
from poa_tui.domain.readiness import Readiness, ReadinessCache, next_finding
from poa_tui.domain.vocab import Channel, Outcome, Section


@dataclass
class Limits:
    soft_limit_words: int = 500


def _case(**sections: str) -> Case:
    case = Case(id=7, sections=Sections(**sections))
    case.notice = Notice(asins=["B07XJ8C8F5"])
    return case


WRITTEN = dict(root_cause="Our returns desk restocked opened units on 3 March without a check. "
                          "B07XJ8C8F5 was affected.",
               immediate_remedy="On 5 March we pulled 40 units and refunded 12 buyers.",
               systematic_changes="Since 6 March Ana Ruiz inspects every return each morning.")


def test_summary_and_marker_count_blockers_first() -> None:
    empty = Readiness.of(_case())
    assert empty.blockers == 3
    assert empty.short == "blocked"
    assert empty.summary.startswith("3 blockers")
    assert Readiness.of(_case(**WRITTEN)).short == "ready"
    generic = dict(WRITTEN, systematic_changes=WRITTEN["systematic_changes"] + " We take this "
                   "very seriously and apologise for any inconvenience.")
    assert Readiness.of(_case(**generic)).short == "needs work"


def test_each_section_says_how_specific_it_is() -> None:
    thin = dict(WRITTEN, systematic_changes="Since 6 March every return is inspected.")
    ready = Readiness.of(_case(**thin))
    assert ready.specificity(Section.ROOT_CAUSE) == "specific"
    assert ready.specificity(Section.SYSTEMATIC_CHANGES) == "thin: no owner"
    assert Readiness.of(_case(**dict(WRITTEN, root_cause="We were busy."))).specificity(
        Section.ROOT_CAUSE) == "no specifics"
    summary = ready.sections_summary(_case(**thin))
    assert summary["systematic_changes"]["specificity"] == "thin"
    assert summary["systematic_changes"]["missing"] == ["no owner"]
    assert summary["systematic_changes"]["warnings"] == 1
    assert summary["root_cause"]["specifics"]["identifiers"] is True


def test_the_section_limit_comes_from_the_settings() -> None:
    long_text = " ".join(["Ana checked every unit on 3 March."] * 20)
    case = _case(**{**WRITTEN, "root_cause": long_text + " B07XJ8C8F5"})
    def too_long(limit: int) -> bool:
        return any(f.id == "section_too_long" and f.section == Section.ROOT_CAUSE
                   for f in Readiness.of(case, Limits(soft_limit_words=limit)).findings)

    assert too_long(50)
    assert not too_long(5000)


def test_the_cache_runs_the_checks_only_when_an_input_changed() -> None:
    cache = ReadinessCache()
    case = _case(**WRITTEN)
    first = cache.get(case, Limits())
    assert cache.get(case, Limits()) is first
    assert cache.runs == 1
    case.sections.root_cause += " [insert date]"
    assert cache.get(case, Limits()).blockers == 1
    assert cache.runs == 2
    cache.get(case, Limits(soft_limit_words=100))
    assert cache.runs == 3


def test_a_rejected_attempt_changes_the_fingerprint() -> None:
    cache = ReadinessCache()
    case = _case(**WRITTEN)
    cache.get(case)
    attempt = case.record_submission(Channel.ACCOUNT_HEALTH)
    cache.get(case)
    attempt.reply = Reply(attempt.submitted_at, "Not enough.", Outcome.INSUFFICIENT_POA)
    repeated = cache.get(case)
    assert cache.runs == 3
    assert any(f.severity is not Severity.HINT for f in repeated.findings)


def test_forget_drops_cases_no_longer_listed() -> None:
    cache = ReadinessCache()
    one, two = _case(**WRITTEN), _case()
    two.id = 8
    cache.get(one), cache.get(two)
    cache.forget([8])
    cache.get(one)
    cache.get(two)
    assert cache.runs == 3


def _finding(section: Section | None, start: int) -> Finding:
    return Finding("x", Severity.WARNING, section, "m", start, start + 1)


def test_next_finding_moves_forward_and_wraps() -> None:
    rc, ir = Section.ROOT_CAUSE, Section.IMMEDIATE_REMEDY
    found = [_finding(ir, 4), _finding(rc, 10), _finding(None, 0), _finding(rc, 2)]
    assert next_finding(found, rc, 0) == _finding(rc, 2)
    assert next_finding(found, rc, 2) == _finding(rc, 2), "a finding at the bare cursor"
    assert next_finding(found, rc, 2, 3) == _finding(rc, 10)
    assert next_finding(found, rc, 50) == _finding(ir, 4)
    assert next_finding(found, Section.SYSTEMATIC_CHANGES, 0) == _finding(rc, 2)
    assert next_finding(found, None, 0) == _finding(rc, 2)
    assert next_finding(found, rc, 10, 11, backwards=True) == _finding(rc, 2)
    assert next_finding(found, rc, 2, 3, backwards=True) == _finding(ir, 4)
    assert next_finding([_finding(None, 0)], rc, 0) is None


def test_findings_at_the_same_word_are_each_reached() -> None:
    short = Finding("future", Severity.WARNING, Section.IMMEDIATE_REMEDY, "m", 3, 7)
    long = Finding("vague", Severity.WARNING, Section.IMMEDIATE_REMEDY, "m", 3, 17)
    section = Section.IMMEDIATE_REMEDY
    assert next_finding([long, short], section, 3, 7) == long
    assert next_finding([long, short], section, 3, 17, backwards=True) == short


def test_stored_drafts_are_remembered_by_their_counts_only(tmp_path) -> None:
    """The case list checks thousands of drafts: what it keeps of each must stay small."""
    import gc
    import tracemalloc

    from poa_tui.storage.store import CaseStore

    store = CaseStore(tmp_path / "store")
    long = " ".join(f"On {n} March we checked lot {n} by hand." for n in range(400))
    long += " Signed by [insert name]."
    ids = []
    for _ in range(20):
        case = store.create(_case(root_cause=long, immediate_remedy=long, systematic_changes=long))
        case.record_submission(Channel.ACCOUNT_HEALTH)
        store.save(case)
        ids.append((case.id, case.revision))
    cache = ReadinessCache()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    results = [cache.for_stored(store, case_id, revision) for case_id, revision in ids]
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert all(ready.short == "blocked" and ready.blockers == 3 for ready in results)
    assert kept / len(ids) < 2_000, f"{kept / len(ids):.0f} bytes kept per draft"
    assert cache.known(ids[0][0], ids[0][1]) is results[0]
    assert cache.runs == len(ids)


@pytest.mark.parametrize("verdict", list(Verdict))
def test_a_kept_result_keeps_its_verdict_across_launches(verdict) -> None:
    from poa_tui.domain.readiness import ReadinessCache, kept_counts

    ready = Readiness(counts={Severity.BLOCKER: 0, Severity.WARNING: 2, Severity.HINT: 1},
                      verdict=verdict)
    cache = ReadinessCache()
    cache.remember(4, 7, None, kept_counts(ready))
    known = cache.known(4, 7)
    assert known is not None and known.verdict is verdict and known.counts == ready.counts
