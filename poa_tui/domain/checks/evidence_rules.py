"""Facts a plan must carry for its kind of violation, read from the text and the checklist.

An authenticity plan stands on a supplier Amazon can verify and invoices covering the right
period; an IP plan on who complained and what changed in the listing; a plan for a metric on
the rate as measured and the process behind it. Each fact is looked for in the plan's text.
When the text is silent, the case's evidence checklist decides how bad that is: a ticked item
means the document is in hand and only the plan fails to say so (a warning); nothing ticked
means neither the plan nor the papers show it yet (a blocker for the facts without which such
an appeal is refused, a warning for the others). A fact the plan states while its checklist item
is still unticked gets a hint: the document should be in hand before the plan leans on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from poa_tui.domain.checks.findings import Finding, Severity
from poa_tui.domain.models import Case
from poa_tui.domain.vocab import Section, ViolationType

_COMPANY = re.compile(
    r"\b[A-Z][\w&'\u2019.-]*(?:\s+[A-Z][\w&'\u2019.-]*){0,4}\s+(?:Ltd|Limited|LLC|L\.L\.C\.|Inc"
    r"|GmbH|Co|Corp|Corporation|S\.?A|S\.?L|B\.?V|Pty|PLC|plc|AB|SRL|Srl|S\.r\.l|Oy|AG|KG|SAS"
    r"|Wholesale|Distribution|Distributors|Trading|Supplies|Supply|Group)\b\.?")
"""A company's name: capitalised words ending in a legal form or a trade word."""
_SUPPLIER = re.compile(
    r"(?i:supplier|distributor|manufacturer|wholesaler|vendor|bought\s+from|came\s+from"
    r"|purchased\s+from|sourced\s+from)[\s,:]+(?:is\s+|was\s+)?(?:the\s+)?[A-Z][\w&-]+")
_INVOICE_PERIOD = re.compile(
    r"invoice[^.\n]{0,160}?(?:\b(?:19|20)\d\d\b|\b(?:january|february|march|april|may|june|july"
    r"|august|september|october|november|december)\b|\d{1,2}/\d{1,2}/\d{2,4}|365\s+days"
    r"|\d+\s+months|dated|covering|between)"
    r"|(?:\b(?:19|20)\d\d\b|dated|covering|between|365\s+days|\d+\s+months)[^.\n]{0,160}?invoice",
    re.IGNORECASE)
_RIGHTS_OWNER = re.compile(
    r"(?i:rights?[\s-]+(?:owner|holder)|brand\s+owner|(?:trademark|patent|copyright|mark)\s+"
    r"(?:owner|holder)|owner\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}(?:trademark|patent|copyright|mark"
    r"|brand)|complainant\b[^.\n]{0,40}?[A-Z])")
_LISTING_CHANGE = re.compile(
    r"(?:removed|deleted|edited|changed|replaced|rewrote|rewritten|closed|took\s+down|taken\s+down"
    r"|corrected|amended|updated)\b[^.\n]{0,120}?\b(?:title|bullet|bullets|image|images|photo"
    r"|photos|description|search\s+terms|keywords|listing|listings|asin|asins|sku|skus|content"
    r"|artwork|packaging|product)\b"
    r"|\b(?:title|bullet|image|photo|description|search\s+terms|keywords|listing|asin|sku)s?\b"
    r"[^.\n]{0,80}?\b(?:removed|deleted|edited|changed|replaced|rewritten|closed|taken\s+down"
    r"|corrected)\b", re.IGNORECASE)
_DATE_OR_ID = re.compile(r"\d|\b(?:january|february|march|april|june|july|august|september"
                         r"|october|november|december)\b", re.IGNORECASE)
_RATE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)"
                   r"|\b\d[\d,]*\s+(?:of|out\s+of)\s+(?:our\s+|the\s+|all\s+)?\d[\d,]*\s+(?:\w+\s+)?"
                   r"(?:orders|shipments|parcels)", re.IGNORECASE)
_PROCESS = re.compile(
    r"\b(?:process|procedure|workflow|routine|step|software|system|tool|integration|sync"
    r"|rota|schedule|handling\s+time|cut-?off|checklist|template|setting|settings|warehouse"
    r"|staffing|label|labels)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """One fact a kind of plan must carry."""

    name: str
    pattern: re.Pattern[str]
    section: Section
    """Where it belongs, and where the finding points."""
    evidence_keys: tuple[str, ...]
    """Checklist items that show the document is in hand."""
    advice: str
    essential: bool = False
    """Without it (in the text and on the checklist) Amazon refuses the appeal outright."""
    needs_date_or_id: bool = False
    """The sentence must also say when or which, not just that it happened."""
    anywhere: bool = True
    """Found in any section; False: only in `section` (the rate and its cause are a root cause)."""


_AUTHENTICITY = (
    Fact("the supplier", _COMPANY, Section.ROOT_CAUSE, ("supplier_contact",),
         "Name the supplier the units came from (its company name), and say whether it is the "
         "brand or an authorised distributor.", essential=True),
    Fact("the invoice period", _INVOICE_PERIOD, Section.ROOT_CAUSE, ("invoices_365d",),
         "Say which invoices cover the units and the period they span (dates within the 365 "
         "days before the notice).", essential=True),
)
_IP = (
    Fact("the rights owner", _RIGHTS_OWNER, Section.ROOT_CAUSE, (),
         "Name who complained: the rights owner (the company behind the trademark, copyright or "
         "patent) and, when the notice gives one, the registration number."),
    Fact("the listing change", _LISTING_CHANGE, Section.IMMEDIATE_REMEDY,
         ("listing_edits", "listings_removed"),
         "Say exactly what changed in the listing: which field (title, bullets, images, search "
         "terms) of which ASIN was edited or removed, and on which date.", needs_date_or_id=True),
)
_METRIC = (
    Fact("the measured rate", _RATE, Section.ROOT_CAUSE, (),
         "Give the rate as Amazon measured it and what it is made of, e.g. 9.4% (61 of 649 "
         "orders) in the 30 days to 14 March.", anywhere=False),
    Fact("the process behind the rate", _PROCESS, Section.ROOT_CAUSE, (),
         "Name the step in your own process that produced the rate (confirmation, stock sync, "
         "carrier labels, handling time), not only the orders it touched.", anywhere=False),
)
FACTS: dict[ViolationType, tuple[Fact, ...]] = {
    ViolationType.INAUTHENTIC: _AUTHENTICITY,
    ViolationType.IP_TRADEMARK: _IP,
    ViolationType.IP_COPYRIGHT: _IP,
    ViolationType.IP_PATENT: _IP,
    ViolationType.ORDER_DEFECT_RATE: _METRIC,
    ViolationType.LATE_SHIPMENT_RATE: _METRIC,
    ViolationType.CANCELLATION_RATE: _METRIC,
    ViolationType.VALID_TRACKING_RATE: _METRIC,
}
METRIC_TYPES = frozenset({ViolationType.ORDER_DEFECT_RATE, ViolationType.LATE_SHIPMENT_RATE,
                          ViolationType.CANCELLATION_RATE, ViolationType.VALID_TRACKING_RATE})
"""Account metrics: Amazon asks for the process behind the rate, not every order."""


def _carried(fact: Fact, text: str) -> bool:
    for match in fact.pattern.finditer(text):
        if not fact.needs_date_or_id:
            return True
        start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        end = text.find(".", match.end())
        if _DATE_OR_ID.search(text, start, len(text) if end < 0 else end):
            return True
    return False


def evidence_findings(case: Case) -> Iterator[Finding]:
    """A finding for each fact the violation type needs that the plan does not carry."""
    facts = FACTS.get(case.violation_type, ())
    if not facts:
        return
    whole = "\n".join(text for _, text in case.sections.items())
    if not whole.strip():
        return  # the empty sections are reported already
    ticked = {item.key for item in case.evidence if item.done and item.key}
    listed = {item.key for item in case.evidence if item.key}
    for fact in facts:
        if _carried(fact, whole if fact.anywhere else case.sections[fact.section]):
            unticked = [key for key in fact.evidence_keys if key in listed and key not in ticked]
            if unticked and len(unticked) == len([k for k in fact.evidence_keys if k in listed]):
                yield Finding("evidence_unticked", Severity.HINT, fact.section,
                              f"The plan states {fact.name}, but the evidence checklist has not "
                              "ticked the document behind it yet: make sure it is in hand and "
                              "attached, then tick it (ctrl+t).")
            continue
        in_hand = [key for key in fact.evidence_keys if key in ticked]
        if in_hand:
            yield Finding("evidence_fact_missing", Severity.WARNING, fact.section,
                          f"The plan never states {fact.name}, though the evidence checklist "
                          f"has it ticked. {fact.advice}")
        else:
            severity = Severity.BLOCKER if fact.essential else Severity.WARNING
            papers = (" Neither the plan nor the evidence checklist shows it yet."
                      if fact.evidence_keys else "")
            yield Finding("evidence_fact_missing", severity, fact.section,
                          f"The plan does not state {fact.name}.{papers} {fact.advice}")
