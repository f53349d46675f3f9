"""How specific each section is: dates, owners, numbers, identifiers and named documents.

A reviewer trusts a plan that can be checked: "on 3 May 2024 the warehouse lead inspected 41
units of B07QX4R2ZK" can be; "we improved our process" cannot. `section_specifics` counts each
kind it holds; `specificity_findings`
turns a section with none of them into a blocker (Root Cause, Systematic Changes) or a warning
(Immediate Remedy), and a section that lacks what its part of the plan needs into a warning
that names what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from poa_tui.domain.checks.findings import Finding, Severity
from poa_tui.domain.vocab import Section

_MONTHS = (r"january|february|march|april|june|july|august|september|october|november|december"
           r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_ROLES = (
    r"(?:operations|warehouse|purchasing|listing|account|compliance|quality|customer\s+service"
    r"|dispatch|shipping|inventory|general|office|sales|product|brand|logistics|returns)"
    r"\s+(?:manager|lead|supervisor|officer|director|coordinator|specialist|team\s+lead)"
    r"|manager|supervisor|team\s+lead|shift\s+lead|(?:the|our)\s+lead|(?:the|our)\s+officer"
    r"|director|head\s+of\s+\w+"
    r"|coordinator|specialist|auditor|inspector|accountant|bookkeeper|packer|copywriter"
    r"|ceo|coo|cfo|founder|co-founder|managing\s+director|owner\s+of\s+the\s+business"
    r"|business\s+owner|store\s+owner|compliance\s+team|qa\s+team|patent\s+attorney"
    r"|trademark\s+attorney|solicitor|pharmacist|engineer")
_DOCUMENTS = (
    r"invoices?|receipts?|test\s+reports?|lab\s+reports?|certificates?|letters?\s+of\s+"
    r"authori[sz]ation|loa|screenshots?|spreadsheets?|checklists?|sops?|logs?|rota|register"
    r"|safety\s+data\s+sheets?|sds|exemption\s+sheets?|removal\s+orders?|disposal\s+records?"
    r"|contracts?|agreements?|purchase\s+orders?|packing\s+slips?|(?:dispatch|defect|grading)"
    r"\s+sheets?|reports?|photos?|records?")
_KINDS: dict[str, re.Pattern[str]] = {
    "id": re.compile(
        r"\b\d{3}-\d{7}-\d{7}\b|\bb0[0-9a-z]{8}\b|\b\d{8,}\b"
        r"|\b(?=[a-z0-9-]*\d)[a-z]{1,5}[-_][a-z0-9][a-z0-9-]*\b"),
    "date": re.compile(
        r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
        rf"|\b(?:{_DAY}\s+)?(?:{_MONTHS})\b\.?(?:\s+{_DAY}\b)?(?:,?\s+\d{{4}}\b)?"
        rf"|\b{_DAY}\s+may\b(?:,?\s+\d{{4}}\b)?|\bmay\s+{_DAY}\b(?:,?\s+\d{{4}}\b)?"
        r"|\b(?:since|from|until|by|in)\s+(?:19|20)\d\d\b|\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\b"
        r"|\b\d{1,2}\s*(?:am|pm)\b"),
    "when": re.compile(
        r"\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|hourly|nightly"
        rf"|(?:every|each)\s+(?:\d+\s+)?(?:day|week|month|quarter|year|morning|evening|shift"
        rf"|order|shipment|parcel|return|hour|{_WEEKDAYS}|working\s+day|business\s+day)s?"
        rf"|{_WEEKDAYS}s|(?:once|twice)\s+a\s+\w+|within\s+\d+\s+(?:hours?|days?|minutes?))\b"),
    "owner": re.compile(rf"\b(?:{_ROLES})s?\b"),
    "number": re.compile(
        r"\b\d[\d,]*(?:\.\d+)?(?:\s*%)?|\b(?:two|three|four|five|six|seven|eight|nine|ten"
        r"|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)\b"),
    "document": re.compile(rf"\b(?:{_DOCUMENTS})\b"),
}
"""One pattern per kind: Python's engine skips ahead on a pattern's possible first letters,
which a single alternation of all six cannot offer (one pattern took twice as long)."""


_OWNER_VERBS = (r"checks|inspects|reviews|approves|confirms|signs|runs|owns|grades|packs"
                r"|answers|reads|audits|compares|keeps|files|searches|trains|tests|monitors"
                r"|handles|leads|manages|verifies|is\s+responsible|will|has\s+to|must")
_NAMED_OWNER = re.compile(
    rf"\b[A-Z][a-z]+\s+[A-Z][a-z'\u2019-]+\s+(?:now\s+|also\s+|personally\s+)?"
    rf"(?:{_OWNER_VERBS})\b"
    r"|\b(?:by|to|with)\s+[A-Z][a-z]+\s+[A-Z][a-z'\u2019-]+\b")
"""A person named as doing a step: "Ana Ruiz inspects", "signed off by Dana Kerr" (in the
text as written; lower case hides names)."""


class Specifics(NamedTuple):
    """Which kinds of checkable fact a text holds: 1 for each kind present, 0 for none."""

    dates: int = 0
    """Calendar dates, years after "since", times of day, and frequencies ("every Monday")."""
    owners: int = 0
    """Roles that own a step: manager, lead, bookkeeper..."""
    numbers: int = 0
    identifiers: int = 0
    """ASINs, order ids, SKUs, invoice and complaint numbers."""
    documents: int = 0
    """Invoices, reports, certificates, logs, screenshots..."""

    @property
    def total(self) -> int:
        return sum(self)

    def to_dict(self) -> dict[str, int]:
        return self._asdict()


def _has_number(low: str) -> bool:
    """A number that is not part of a date or an identifier ("6 May 2024" is a date)."""
    for match in _KINDS["number"].finditer(low):
        start, end = match.span()
        around = max(0, start - 12)
        if not any(m.start() <= start and m.end() >= end
                   for kind in ("date", "id") for m in _KINDS[kind].finditer(low, around, end + 12)):
            return True
    return False


def section_specifics(text: str, low: str | None = None) -> Specifics:
    """Which kinds of specifics `text` holds (1) and which it lacks (0); `low` is its
    lower-cased form when the caller has it.

    Only presence is worked out: each search stops at the first hit, so a long section that
    has every kind costs a few microseconds, and one that lacks a kind one scan (about 2 ms at
    5,000 words) of that kind's pattern.
    """
    low = text.lower() if low is None else low
    found = {kind: pattern.search(low) is not None for kind, pattern in _KINDS.items()
             if kind != "number"}
    owner = found["owner"] or _NAMED_OWNER.search(text) is not None
    return Specifics(dates=int(found["date"] or found["when"]), owners=int(owner),
                     numbers=int(_has_number(low)), identifiers=int(found["id"]),
                     documents=int(found["document"]))


_NEEDS: dict[Section, tuple[tuple[str, str], ...]] = {
    Section.ROOT_CAUSE: (("date", "no date: say when it happened"),
                         ("count", "no number or id: say how many orders or units, or which")),
    Section.IMMEDIATE_REMEDY: (("date", "no date: say when each action was done"),
                               ("count", "no number or id: say how many listings, units or "
                                         "buyers, or which")),
    Section.SYSTEMATIC_CHANGES: (("owner", "no owner: say who runs each step (a role is "
                                           "enough)"),
                                 ("date", "no date or frequency: say since when, and how often")),
}


def _lacking(section: Section, found: Specifics) -> list[str]:
    have = {"date": found.dates > 0, "owner": found.owners > 0,
            "count": found.numbers > 0 or found.identifiers > 0}
    return [text for kind, text in _NEEDS[section] if not have[kind]]


def missing(section: Section, found: Specifics) -> list[str]:
    """What `section` lacks of what its part of the plan needs: "no owner", "no date"..."""
    return [text.split(":")[0] for text in _lacking(section, found)]


def label(section: Section, found: Specifics) -> str:
    """A few words for the section's border: "specific", "thin: no owner", "no specifics"."""
    if found.total == 0:
        return "no specifics"
    lacking = missing(section, found)
    return "thin: " + ", ".join(lacking) if lacking else "specific"


def level(section: Section, found: Specifics) -> str:
    """"specific", "thin" or "none"."""
    if found.total == 0:
        return "none"
    return "thin" if missing(section, found) else "specific"


def specificity_findings(section: Section, found: Specifics) -> Iterator[Finding]:
    if found.total == 0:
        severity = Severity.WARNING if section is Section.IMMEDIATE_REMEDY else Severity.BLOCKER
        yield Finding("no_specifics", severity, section,
                      f"{section.label} has no date, no owner, no number, no id and no named "
                      "document: nothing a reviewer can check. Write the facts: when, who, how "
                      "many, which orders or ASINs, which record shows it.")
        return
    lacking = _lacking(section, found)
    if lacking:
        yield Finding("thin_specifics", Severity.WARNING, section,
                      f"{section.label} is thin. "
                      + " ".join(text[0].upper() + text[1:] + "." for text in lacking))
