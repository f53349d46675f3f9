"""Readiness checks: what in a draft Plan of Action is likely to get it rejected.

`run_checks(case)` reads the three sections against the case's notice, its rejected attempts,
its evidence checklist and the writing guidance, and returns findings with character offsets
the editor can jump to. `check_case` returns the same findings with how specific each section
is (`Specifics`), and `verdict_of` sums the findings up as ready, needs work or blocked. It is
cheap enough to run on every pause in typing (a 5,000-word section takes well under 50 ms on a
busy two-core machine; `tests/test_checks_consultant.py` holds it to that) and never raises on
any text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from poa_tui.domain.checks import case_rules, coverage, section_rules
from poa_tui.domain.checks.evidence_rules import METRIC_TYPES, evidence_findings
from poa_tui.domain.checks.findings import (
    Finding,
    Severity,
    Verdict,
    summarise,
    summary_text,
    verdict_of,
)
from poa_tui.domain.checks.specificity import Specifics, section_specifics, specificity_findings
from poa_tui.domain.checks.text import lowered, sentences
from poa_tui.domain.models import Case, Sections, word_count
from poa_tui.domain.vocab import SECTIONS, Section

__all__ = [
    "CHECKS_VERSION", "DEFAULT_SECTION_LIMIT", "DEFAULT_TOTAL_LIMIT", "Finding", "Report",
    "Severity", "Specifics", "Verdict", "check_case", "run_checks", "section_specifics",
    "summarise", "summary_text", "verdict_of",
]

CHECKS_VERSION = 2
"""The rules' version. Check results are kept in the store's index under it (and each case's
revision), so the case list does not check every draft again at each launch: raise it whenever
a change to the rules can change what they find, and the kept results are worked out anew."""

DEFAULT_SECTION_LIMIT = 500
"""Words per section before a length warning: about a page, what a reviewer reads in a minute or two."""
DEFAULT_TOTAL_LIMIT = 1200
"""Words for the whole plan before a length warning: the one-to-two pages consultants advise."""

_SECTION_ORDER = {section: index for index, section in enumerate(SECTIONS)}


@dataclass(frozen=True)
class Report:
    """The findings on a draft, and how specific each of its sections is."""

    findings: tuple[Finding, ...] = ()
    specifics: dict[Section, Specifics] = field(default_factory=dict)
    """Per written section (an empty one has no entry)."""

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.findings)


def _check_section(case: Case, section: Section, text: str, soft_limit_words: int,
                   rejected: case_rules.RejectedText) -> tuple[list[Finding], Specifics | None]:
    """The section's findings, and its specifics (None for an empty section)."""
    if section_rules.is_empty(text):
        return [section_rules.empty_section(section)], None
    parts = sentences(text)
    low = lowered(text)
    specifics = section_specifics(text, low)
    return [
        *section_rules.placeholders(section, text),
        *section_rules.phrase_rules(section, text, low, parts),
        *case_rules.support_case_ids(case, section, text),
        *section_rules.exclamations(section, text),
        *section_rules.shouting(section, text),
        *section_rules.sentence_rules(section, low, parts, case_rules.guidance_sentences()),
        *section_rules.length(section, text, soft_limit_words),
        *specificity_findings(section, specifics),
        *rejected.findings(section, text, parts),
    ], specifics


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep one finding where several of the same kind cover the same words."""
    kept: list[Finding] = []
    reach: dict[tuple[Section | None, str], int] = {}
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        key = (finding.section, finding.id)
        if finding.end > finding.start and finding.start < reach.get(key, -1):
            continue
        reach[key] = max(reach.get(key, -1), finding.end)
        kept.append(finding)
    return kept


def _order(finding: Finding) -> tuple[int, int, int, int, str]:
    section = _SECTION_ORDER[finding.section] if finding.section is not None else len(SECTIONS)
    return (section, finding.start, finding.severity.rank, finding.end, finding.id)


def check_case(case: Case, *, soft_limit_words: int = DEFAULT_SECTION_LIMIT,
               soft_limit_total: int = DEFAULT_TOTAL_LIMIT,
               rejected: list[Sections] | None = None) -> Report:
    """Check the case's draft; findings come in section order, then by position.

    `rejected` defaults to the snapshots of the attempts Amazon turned down. Findings about the
    whole case (`section` None) come last. A limit of 0 turns that length check off.
    """
    draft = case.sections
    previous = case_rules.RejectedText(case_rules.rejected_attempts(case, rejected))
    found: list[Finding] = []
    specifics: dict[Section, Specifics] = {}
    for section, text in draft.items():
        section_found, specific = _check_section(case, section, text, soft_limit_words, previous)
        found += section_found
        if specific is not None:
            specifics[section] = specific
    found += evidence_findings(case)
    found += coverage.unchecked_sections(draft)
    found += case_rules.notice_ids_missing(case, draft,
                                           orders=case.violation_type not in METRIC_TYPES)
    found += case_rules.total_length([word_count(t) for _, t in draft.items()],
                                     soft_limit_total)
    return Report(tuple(sorted(_without_overlaps(found), key=_order)), specifics)


def run_checks(case: Case, *, soft_limit_words: int = DEFAULT_SECTION_LIMIT,
               soft_limit_total: int = DEFAULT_TOTAL_LIMIT,
               rejected: list[Sections] | None = None) -> list[Finding]:
    """The findings of `check_case`, as a list."""
    return list(check_case(case, soft_limit_words=soft_limit_words,
                           soft_limit_total=soft_limit_total, rejected=rejected).findings)
