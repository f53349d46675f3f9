"""Readiness checks: what in a draft Plan of Action is likely to get it rejected.

`run_checks(case)` reads the three sections against the case's notice, its rejected attempts and
the writing guidance, and returns findings with character offsets the editor can jump to. It is
cheap enough to run on every pause in typing (a 5,000-word plan takes about 20 ms on a busy
two-core machine) and never raises on any text.
"""

from __future__ import annotations

from ..models import Case, Sections, word_count
from ..vocab import SECTIONS, Section
from . import case_rules, coverage, section_rules
from .findings import Finding, Severity, summarise, summary_text
from .text import lowered, sentences

__all__ = [
    "DEFAULT_SECTION_LIMIT", "DEFAULT_TOTAL_LIMIT", "Finding", "Severity", "run_checks",
    "summarise", "summary_text",
]

DEFAULT_SECTION_LIMIT = 500
"""Words per section before a length warning: about a page, what a reviewer reads in a minute or two."""
DEFAULT_TOTAL_LIMIT = 1200
"""Words for the whole plan before a length warning: the one-to-two pages consultants advise."""

_SECTION_ORDER = {section: index for index, section in enumerate(SECTIONS)}


def _check_section(case: Case, section: Section, text: str, soft_limit_words: int,
                   rejected: case_rules.RejectedText) -> list[Finding]:
    if section_rules.is_empty(text):
        return [section_rules.empty_section(section)]
    parts = sentences(text)
    low = lowered(text)
    return [
        *section_rules.placeholders(section, text),
        *section_rules.phrase_rules(section, text, low),
        *case_rules.support_case_ids(case, section, text),
        *section_rules.exclamations(section, text),
        *section_rules.shouting(section, text),
        *section_rules.sentence_rules(section, low, parts, case_rules.guidance_sentences()),
        *section_rules.length(section, text, soft_limit_words),
        *rejected.findings(section, text, parts),
    ]


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


def run_checks(case: Case, *, soft_limit_words: int = DEFAULT_SECTION_LIMIT,
               soft_limit_total: int = DEFAULT_TOTAL_LIMIT,
               rejected: list[Sections] | None = None) -> list[Finding]:
    """Check the case's draft; findings come in section order, then by position.

    `rejected` defaults to the snapshots of the attempts Amazon turned down. Findings about the
    whole case (`section` None) come last. A limit of 0 turns that length check off.
    """
    draft = case.sections
    previous = case_rules.RejectedText(case_rules.rejected_attempts(case, rejected))
    found: list[Finding] = []
    for section, text in draft.items():
        found += _check_section(case, section, text, soft_limit_words, previous)
    found += coverage.unchecked_sections(draft)
    found += case_rules.notice_ids_missing(case, draft)
    found += case_rules.total_length([word_count(t) for _, t in draft.items()],
                                     soft_limit_total)
    return sorted(_without_overlaps(found), key=_order)
