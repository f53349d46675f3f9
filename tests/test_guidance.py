"""Writing guidance: every violation type and section covered, questions never pasteable text."""

from __future__ import annotations

import re

import pytest

from poa_tui.domain.checks import run_checks
from poa_tui.domain.guidance import (
    SECTION_HINTS,
    EvidenceSpec,
    Guidance,
    guidance_for,
    guidance_markdown,
    seed_evidence,
)
from poa_tui.domain.models import Case, EvidenceItem, Sections
from poa_tui.domain.vocab import SECTIONS, Section, ViolationType

ALL_TYPES = list(ViolationType)
FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|my)\b", re.IGNORECASE)


def test_every_section_has_a_one_line_hint():
    assert set(SECTION_HINTS) == set(SECTIONS)
    for hint in SECTION_HINTS.values():
        assert hint.strip() and "\n" not in hint
    assert "facts" in SECTION_HINTS[Section.ROOT_CAUSE]
    assert "past tense" in SECTION_HINTS[Section.IMMEDIATE_REMEDY]


@pytest.mark.parametrize("violation", ALL_TYPES)
def test_every_type_has_questions_for_every_section_and_evidence(violation):
    guide = guidance_for(violation)
    assert isinstance(guide, Guidance)
    assert set(guide.questions) == set(SECTIONS)
    for section in SECTIONS:
        assert guide.questions[section], (violation, section)
        assert len(set(guide.questions[section])) == len(guide.questions[section])
    assert guide.evidence and all(isinstance(e, EvidenceSpec) for e in guide.evidence)
    keys = [spec.key for spec in guide.evidence]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", key) for key in keys)
    assert guide.summary


@pytest.mark.parametrize("violation", ALL_TYPES)
def test_guidance_is_questions_to_the_writer_not_sentences_to_paste(violation):
    guide = guidance_for(violation)
    for questions in guide.questions.values():
        for question in questions:
            assert question.endswith("?"), question
    lines = [*SECTION_HINTS.values(), guide.summary, *(q for qs in guide.questions.values() for q in qs),
             *(f"{e.label}. {e.detail}" for e in guide.evidence)]
    for line in lines:
        assert not FIRST_PERSON.search(line), line


def test_general_questions_come_with_each_type_and_type_questions_differ():
    inauthentic = guidance_for(ViolationType.INAUTHENTIC).questions[Section.ROOT_CAUSE]
    trademark = guidance_for(ViolationType.IP_TRADEMARK).questions[Section.ROOT_CAUSE]
    shared = set(inauthentic) & set(trademark)
    assert shared and set(inauthentic) - shared and set(trademark) - shared
    assert any("supplier" in q for q in set(inauthentic) - shared)
    assert any("title" in q for q in set(trademark) - shared)


def test_inauthentic_evidence_follows_the_invoice_rules():
    specs = {spec.key: spec for spec in guidance_for(ViolationType.INAUTHENTIC).evidence}
    assert {"invoices_365d", "supplier_contact", "loa_chain"} <= set(specs)
    assert "365" in specs["invoices_365d"].label
    assert all(word in specs["supplier_contact"].detail for word in ("phone", "address", "website"))


@pytest.mark.parametrize(("violation", "keys"), [
    (ViolationType.IP_TRADEMARK, {"retraction_request", "listing_edits"}),
    (ViolationType.PRODUCT_SAFETY, {"test_reports", "six_side_photos"}),
    (ViolationType.ORDER_DEFECT_RATE, {"disputes_filed", "affected_orders"}),
    (ViolationType.RESTRICTED_PRODUCTS, {"listings_removed"}),
    (ViolationType.SECTION3_VERIFICATION, {"utility_bill_90d", "photo_id"}),
])
def test_type_specific_evidence(violation, keys):
    assert keys <= {spec.key for spec in guidance_for(violation).evidence}


def test_section3_verification_says_documents_not_a_plan():
    guide = guidance_for(ViolationType.SECTION3_VERIFICATION)
    assert "not a plan of action" in guide.summary
    general = set(guidance_for(ViolationType.OTHER).questions[Section.ROOT_CAUSE])
    assert not general & set(guide.questions[Section.ROOT_CAUSE])


def test_string_ids_are_accepted():
    assert guidance_for("ip_patent") == guidance_for(ViolationType.IP_PATENT)


def test_seed_evidence_gives_fresh_unticked_items_with_keys():
    items = seed_evidence(ViolationType.INAUTHENTIC)
    specs = guidance_for(ViolationType.INAUTHENTIC).evidence
    assert items == [EvidenceItem(label=s.label, key=s.key) for s in specs]
    assert not any(item.done for item in items)
    items[0].done = True
    assert not seed_evidence(ViolationType.INAUTHENTIC)[0].done


def test_markdown_for_one_section_shows_its_questions_and_the_evidence():
    text = guidance_markdown(ViolationType.INAUTHENTIC, Section.ROOT_CAUSE)
    assert "### Root Cause" in text and "### Immediate Remedy" not in text
    for question in guidance_for(ViolationType.INAUTHENTIC).questions[Section.ROOT_CAUSE]:
        assert f"- {question}" in text
    assert "### Evidence to gather" in text and "**Supplier contact details**" in text
    assert SECTION_HINTS[Section.ROOT_CAUSE] in text


def test_markdown_for_the_whole_plan_shows_every_section():
    text = guidance_markdown(ViolationType.LATE_SHIPMENT_RATE, None)
    for section in SECTIONS:
        assert f"### {section.label}" in text
    assert text.startswith("**Late shipment rate.**")


@pytest.mark.parametrize("violation", ALL_TYPES)
def test_pasting_the_guidance_into_a_draft_is_caught(violation):
    guide = guidance_for(violation)
    draft = Sections(**{s.value: "\n".join(guide.questions[s]) for s in SECTIONS})
    findings = [f for f in run_checks(Case(sections=draft)) if f.id == "guidance_pasted"]
    assert len(findings) == sum(len(q) for q in guide.questions.values())
