"""Readiness checks: each check fires on bad text, stays quiet on good text, and points at the words."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from poa_tui.domain.checks import (
    DEFAULT_SECTION_LIMIT,
    Finding,
    Severity,
    run_checks,
    summarise,
    summary_text,
)
from poa_tui.domain.guidance import SECTION_HINTS, guidance_for
from poa_tui.domain.models import Case, Notice, Reply, Sections
from poa_tui.domain.vocab import Channel, Outcome, Section, ViolationType

RC, IR, SC = Section.ROOT_CAUSE, Section.IMMEDIATE_REMEDY, Section.SYSTEMATIC_CHANGES
FILLER = "On 2 May 2024 the warehouse lead inspected all 41 returned units."

GOOD_ROOT_CAUSE = """\
Between 2 and 28 April 2024 we received 3 "used sold as new" complaints on ASINs B07QX4R2ZK
(steel water bottle, 750 ml) and B08L9MNP2T (insulated lunch box). We compared each order with
our warehouse records and found two causes:

1. **Returned units went back to stock without inspection.** Orders 114-3321907-5521034 and
   114-8812345-0098123 were filled with units that buyers had returned in March. Our returns
   procedure put every returned unit with an intact outer box straight back into sellable stock;
   nobody opened the box to check the product itself. Both units had scuffs on the base.
2. **Packaging did not protect the lunch box in transit.** Order 113-2219876-4410982 arrived with
   a crushed corner. We shipped the lunch box in its retail box only, with no outer carton, so the
   buyer received a dented box that looked used.

In total 41 returned units went through this route between January and April 2024: 3.2% of the
1,280 units we shipped in that period.
"""
GOOD_IMMEDIATE_REMEDY = """\
- On 30 April 2024 we refunded all 3 buyers in full and apologised by message; none of them had
  to send the item back.
- On 1 May 2024 we removed all 41 returned units from sellable stock. Our warehouse lead, Dana
  Kerr, opened and inspected each one: 29 were unused and went back to stock in new sealed bags,
  12 showed wear and moved to our used-goods channel outside Amazon.
- On 2 May 2024 we inspected the remaining 386 units of B07QX4R2ZK and 214 units of B08L9MNP2T in
  our warehouse and found no further worn or damaged units.
- On 3 May 2024 we switched the lunch box to a double-wall outer carton with corner protectors.
- On 3 May 2024 we compared the listing photos and descriptions of both ASINs with the product as
  shipped; they match, so no edits were needed.
"""
GOOD_SYSTEMATIC_CHANGES = """\
- **Returns inspection.** Since 1 May 2024 every returned unit is opened and graded by the
  warehouse lead against a written checklist (seal, scratches, smell, accessories, box). Only
  units graded "new" go back to sellable stock; the grade and the inspector's initials are logged
  per unit in our inventory system.
- **Packaging standard.** Since 3 May 2024 all lunch boxes ship in an outer carton with corner
  protectors. Our packing supervisor checks 10 outgoing parcels at random every day and records
  the result.
- **Weekly review.** Every Monday the operations manager, Sam Ortiz, reads all buyer messages,
  return reasons and feedback from the past 7 days. Any mention of "used", "scratched" or
  "damaged" starts a check of that unit and of the batch it came from.
- **Training.** On 6 May 2024 all 4 warehouse staff were trained on the grading checklist; the
  training is repeated every 6 months and for each new hire before the first shift.
- **Measure.** We track condition complaints per 1,000 orders. Since 1 May 2024 we have shipped
  310 orders with zero condition complaints.
"""
NOTICE = Notice(asins=["B07QX4R2ZK", "B08L9MNP2T"],
                order_ids=["114-3321907-5521034", "114-8812345-0098123", "113-2219876-4410982"],
                case_ids=["1234567890"])

BAD_ROOT_CAUSE = """\
Dear Seller Performance Team,

We have been selling on Amazon since 2012 and we are a small family business. The buyer lied about
the condition and this was Amazon's mistake!!! We were not aware of the policy. The carrier lost
the parcel anyway. [insert root cause here] for ASIN B0XXXXXXXX.
"""
BAD_IMMEDIATE_REMEDY = """\
We will refund the buyers and we are going to check the stock. As I mentioned in my case
1234567890, this complaint is fake. Why was my account suspended? PLEASE REINSTATE MY ACCOUNT NOW,
my family depends on it. We beg you. Otherwise we will take legal action. TODO
"""
BAD_SYSTEMATIC_CHANGES = """\
Going forward we will be more careful. We will do better. Which new check stops this before it
reaches a buyer or Amazon?
"""


def make_case(**texts: str) -> Case:
    """A case whose sections are FILLER except the ones given."""
    sections = Sections(FILLER, FILLER, FILLER)
    for name, text in texts.items():
        sections[name] = text
    return Case(violation_type=ViolationType.CONDITION_USED_SOLD_AS_NEW, sections=sections)


def found(section: Section, text: str, check_id: str, **kwargs) -> list[Finding]:
    return [f for f in run_checks(make_case(**{section.value: text}), **kwargs)
            if f.id == check_id and f.section is section]


def good_case() -> Case:
    return Case(violation_type=ViolationType.CONDITION_USED_SOLD_AS_NEW, notice=NOTICE,
                sections=Sections(GOOD_ROOT_CAUSE, GOOD_IMMEDIATE_REMEDY, GOOD_SYSTEMATIC_CHANGES))


# (check id, section, bad text, the words the finding must point at, good text)
CASES = [
    ("empty_section", RC, " \n\n  ", "", "We shipped 12 units late."),
    ("empty_section", SC, "#\n- \n", "", "- The lead checks 10 parcels every day."),
    ("placeholder", RC, "The supplier is [insert supplier name].", "[insert supplier name]",
     "See [the invoice list](https://example.com/list) for supplier Acme Ltd."),
    ("placeholder", RC, "We refunded order [...] on time.", "[...]", "We refunded order 114-3321907-5521034."),
    ("placeholder", RC, "Root cause: TODO", "TODO", "Root cause: late pickups on 3 days."),
    ("placeholder", RC, "Invoices arrive TBD.", "TBD", "Invoices arrived on 2 May 2024."),
    ("placeholder", RC, "We sold XXX units.", "XXX", "We sold 310 units."),
    ("placeholder", RC, "ASIN B0XXXXXXXX was affected.", "B0XXXXXXXX", "ASIN B07QX4R2ZK was affected."),
    ("placeholder", RC, "Order 123-XXXXXXX-XXXXXXX arrived late.", "123-XXXXXXX-XXXXXXX",
     "Order 114-3321907-5521034 arrived late."),
    ("placeholder", RC, "Signed by <seller name>.", "<seller name>",
     "Contact <ops@example.com> or <https://example.com>; the rate fell <1% and >0.5%."),
    ("placeholder", RC, "Shipped on {date}.", "{date}", "Shipped on 2 May 2024."),
    ("placeholder", IR, "We refunded (insert number) buyers.", "(insert number)",
     "- [x] refunded 3 buyers\n- [ ] nothing else left"),
    ("blames_others", RC, "The buyer lied about the scratch.", "buyer lied",
     "The buyer reported a scratch, which our inspection on 2 May 2024 confirmed."),
    ("blames_others", RC, "The customer abused our returns policy.", "customer abused",
     "The customer returned the unit on 3 March 2024."),
    ("blames_others", RC, "This was Amazon's mistake.", "Amazon's mistake",
     "Amazon's notice listed 2 ASINs."),
    ("blames_others", RC, "The carrier lost 4 parcels.", "carrier lost",
     "We chose a carrier without tracking for 4 parcels."),
    ("blames_others", RC, "A competitor sabotaged our listing.", "competitor sabotaged",
     "A rights owner reported our listing on 2 May 2024."),
    ("blames_others", RC, "It was a fake complaint.", "fake complaint",
     "The complaint named order 114-3321907-5521034."),
    ("blames_others", RC, "It was not our fault.", "not our fault", "It was our process that failed."),
    ("emotive_language", RC, "Please please reinstate us.", "Please please",
     "Please find the 3 invoices attached."),
    ("emotive_language", RC, "We beg you to look again.", "beg", "We checked 41 units again."),
    ("emotive_language", RC, "We are desperate.", "desperate", "We are a team of 4."),
    ("emotive_language", RC, "My family depends on this.", "My family", "Our staff of 4 pack orders."),
    ("emotive_language", RC, "The suspension is unfair.", "unfair", "The suspension began on 2 May 2024."),
    ("emotive_language", RC, "Our lawyer will contact you.", "Our lawyer will",
     "A trademark lawyer now reviews each new listing before it goes live."),
    ("emotive_language", RC, "Otherwise we will sue.", "sue", "We issued 3 refunds."),
    ("emotive_language", RC, "We are ready to take legal action.", "legal action",
     "We took action on 2 May 2024."),
    ("emotive_language", RC, "If not, we will escalate this to Jeff.", "we will escalate",
     "The lead checks 10 parcels every day."),
    ("exclamation_marks", RC, "We fixed it!!", "!!", "We fixed it on 2 May 2024!"),
    ("exclamation_marks", RC, "Done! Fixed! Checked!", "!", "Done on 2 May 2024. Checked on 3 May."),
    ("all_caps", RC, "WE DID NOTHING WRONG with order 5.", "WE DID NOTHING WRONG",
     "ROOT CAUSE\n\nWe sent FBA ASIN SKU data by UPS to the EU; supplier SHENZHEN GOODS CO LTD."),
    ("all_caps", RC, "This was NEVER intended.", "NEVER", "This was never intended."),
    ("vague_promise", SC, "We will do better.", "will do better",
     "From 6 May 2024 the operations manager reviews all listings every Monday."),
    ("vague_promise", SC, "We will make sure this never happens again.", "will make sure",
     "We will review all listings every Monday."),
    ("vague_promise", SC, "Going forward we will be more careful.",
     "Going forward we will be more careful", "Going forward, the packing supervisor checks 10 parcels daily."),
    ("vague_promise", SC, "We will try to check listings.", "will try",
     "The listing manager checks new listings before launch."),
    ("future_tense_remedy", IR, "We will contact every buyer.", "will",
     "We contacted all 3 buyers on 30 April 2024."),
    ("future_tense_remedy", IR, "We are going to remove the listings.", "going to",
     "We removed the 2 listings on 1 May 2024."),
    ("future_tense_remedy", IR, "We plan to refund the buyers.", "plan to", "We refunded 3 buyers."),
    ("support_case_reference", RC, "See case ID 1234567890 for details.", "case ID 1234567890",
     "In case of a crushed box, the unit is set aside."),
    ("support_case_reference", RC, "I opened a support case about this.", "support case",
     "In my case the supplier was new."),
    ("support_case_reference", RC, "As I mentioned in my case, stock was checked.",
     "As I mentioned in my case", "As the table shows, stock was checked."),
    ("support_case_reference", RC, "Case #55512345 has the photos.", "Case #55512345",
     "Each case of 12 units is weighed."),
    ("question_in_plan", RC, "Why was my account suspended?", "Why was my account suspended?",
     "The buyer's question about sizing was answered within 2 hours; see https://example.com/?q=1 ."),
    ("unaware_of_policy", RC, "We were not aware of the policy.", "We were not aware",
     "Our listing process had no step that compared claims with the pesticide rules."),
    ("unaware_of_policy", RC, "I didn't know this was restricted.", "I didn't know",
     "Nobody on our team checked the restricted-products list."),
    ("unaware_of_policy", RC, "We were unfamiliar with the rules.", "unfamiliar with",
     "Our checklist did not cover the rules."),
    ("business_introduction", RC, "We have been selling on Amazon since 2015.",
     "We have been selling on Amazon since", "Since 2 May 2024 the lead checks each parcel."),
    ("business_introduction", RC, "We are a small family business.", "We are a small family business",
     "We are a team of 4 with one warehouse."),
    ("business_introduction", RC, "Dear Seller Performance Team,\nWe shipped 3 units.",
     "Dear Seller Performance Team,", "We shipped 3 units to dear friends of the brand."),
    ("long_sentence", RC, " ".join(["word"] * 45) + ".", "word", " ".join(["word"] * 30) + "."),
    ("vague_wording", RC, "We made very big changes.", "very", "We made 4 changes."),
    ("vague_wording", RC, "We answer messages as soon as possible.", "as soon as possible",
     "We answer messages within 12 hours."),
]


@pytest.mark.parametrize(("check_id", "section", "bad", "words", "good"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_check_fires_on_bad_text_and_points_at_it(check_id, section, bad, words, good):
    hits = found(section, bad, check_id)
    assert hits, f"{check_id} stayed quiet on {bad!r}"
    if words:
        assert any(bad[f.start:f.end] == words or words in bad[f.start:f.end] for f in hits), \
            [bad[f.start:f.end] for f in hits]
    assert found(section, good, check_id) == []


def test_empty_section_is_a_blocker_about_the_whole_section():
    (finding,) = found(IR, "", "empty_section")
    assert (finding.severity, finding.start, finding.end) == (Severity.BLOCKER, 0, 0)
    assert "Immediate Remedy" in finding.message


def test_placeholders_are_blockers_and_each_one_is_reported_once():
    hits = found(RC, "ASIN [B0XXXXXXXX] and TODO", "placeholder")
    assert [h.severity for h in hits] == [Severity.BLOCKER, Severity.BLOCKER]


def test_future_tense_is_only_a_problem_in_immediate_remedy():
    assert found(SC, "The lead will check 10 parcels every day.", "future_tense_remedy") == []


def test_support_case_id_from_the_notice_is_flagged_where_it_appears():
    case = make_case(root_cause="Details are in 1234567890, sent on 2 May.")
    case.notice.case_ids = ["1234567890"]
    (hit,) = [f for f in run_checks(case) if f.id == "support_case_reference"]
    assert case.sections.root_cause[hit.start:hit.end] == "1234567890"


def test_guidance_pasted_fires_on_a_question_or_hint_and_not_on_an_answer():
    question = guidance_for(ViolationType.INAUTHENTIC).questions[RC][-1]
    hint = SECTION_HINTS[IR]
    text = f"We bought from Acme Ltd.\n{question}\n{hint}"
    hits = found(RC, text, "guidance_pasted")
    assert text[hits[0].start:hits[0].end] == question
    assert " ".join(text[h.start:h.end] for h in hits[1:]) == hint
    assert found(RC, text, "question_in_plan") == []
    assert found(RC, "Acme Ltd, an authorised distributor, sold us all 310 units.", "guidance_pasted") == []


def test_vague_promise_with_a_date_or_owner_is_accepted():
    for text in ("We will make sure every parcel is weighed from 6 May 2024.",
                 "The warehouse manager will make sure every parcel is weighed.",
                 "We will review all listings weekly."):
        assert found(SC, text, "vague_promise") == [], text


def test_section_too_long_points_at_the_first_word_past_the_limit():
    text = " ".join(f"w{i}" for i in range(DEFAULT_SECTION_LIMIT + 10)) + "."
    (hit,) = found(RC, text, "section_too_long")
    assert text[hit.start:].startswith(f"w{DEFAULT_SECTION_LIMIT} ")
    assert hit.end == len(text)
    assert found(RC, " ".join(["w"] * 400), "section_too_long") == []


def test_section_limit_is_configurable_and_zero_turns_it_off():
    text = " ".join(["word"] * 60)
    assert found(RC, text, "section_too_long", soft_limit_words=50)
    assert found(RC, text, "section_too_long", soft_limit_words=0) == []


def test_plan_too_long_counts_all_three_sections():
    long = " ".join(["word"] * 450) + "."
    case = make_case(root_cause=long, immediate_remedy=long, systematic_changes=long)
    hits = [f for f in run_checks(case) if f.id == "plan_too_long"]
    assert len(hits) == 1 and hits[0].section is None and "1350" in hits[0].message
    assert not [f for f in run_checks(case) if f.id == "section_too_long"]
    short = " ".join(["word"] * 300) + "."
    case = make_case(root_cause=short, immediate_remedy=short, systematic_changes=short)
    assert not [f for f in run_checks(case) if f.id == "plan_too_long"]
    assert [f for f in run_checks(case, soft_limit_total=800) if f.id == "plan_too_long"]


def test_no_list_hint_on_long_prose_only():
    prose = " ".join(["word"] * 160) + "."
    (hit,) = found(SC, prose, "no_list")
    assert hit.severity is Severity.HINT
    bullets = "\n".join("- " + " ".join(["word"] * 16) for _ in range(10))
    assert found(SC, bullets, "no_list") == []
    numbered = "\n".join(f"{i}. " + " ".join(["word"] * 16) for i in range(1, 11))
    assert found(SC, numbered, "no_list") == []
    assert found(SC, " ".join(["word"] * 100), "no_list") == []


def _with_attempt(case: Case, outcome: Outcome | None) -> Case:
    attempt = case.record_submission(Channel.ACCOUNT_HEALTH,
                                     when=datetime(2024, 5, 1, tzinfo=timezone.utc))
    if outcome is not None:
        attempt.reply = Reply(received_at=datetime(2024, 5, 3, tzinfo=timezone.utc), text="",
                              outcome=outcome)
    return case


def test_whole_section_resent_after_a_rejection_is_flagged_with_the_attempt():
    case = _with_attempt(good_case(), Outcome.DENIED)
    hits = [f for f in run_checks(case) if f.id == "repeated_from_rejected"]
    assert {f.section for f in hits} == {RC, IR, SC}
    assert all("attempt 1" in f.message and f.start == 0 for f in hits)
    assert hits[0].end == len(GOOD_ROOT_CAUSE)


def test_long_run_of_sentences_carried_over_is_flagged():
    case = _with_attempt(good_case(), Outcome.INSUFFICIENT_POA)
    case.sections.root_cause = "On 4 May 2024 we found a third cause.\n\n" + GOOD_ROOT_CAUSE
    hits = [f for f in run_checks(case) if f.id == "repeated_from_rejected" and f.section is RC]
    assert len(hits) == 1
    assert case.sections.root_cause[hits[0].start:].startswith("Between 2 and 28 April")
    assert "already sent in attempt 1" in hits[0].message


def test_text_sent_without_a_rejection_is_not_flagged():
    for outcome in (None, Outcome.ACKNOWLEDGED, Outcome.REINSTATED):
        case = _with_attempt(good_case(), outcome)
        assert not [f for f in run_checks(case) if f.id == "repeated_from_rejected"], outcome


def test_rewritten_sections_are_not_flagged_and_short_repeats_are_tolerated():
    case = _with_attempt(good_case(), Outcome.DENIED)
    case.sections = Sections("Our returns process had no inspection step. We shipped 3 units.",
                             "We refunded 3 buyers.", "The lead inspects each return.")
    assert not [f for f in run_checks(case) if f.id == "repeated_from_rejected"]


def test_explicit_rejected_texts_are_used_and_named():
    case = good_case()
    hits = [f for f in run_checks(case, rejected=[case.sections.with_text(RC, "other")])
            if f.id == "repeated_from_rejected"]
    assert {f.section for f in hits} == {IR, SC}
    assert "rejected text 1" in hits[0].message


def test_every_notice_id_missing_from_the_plan_gets_one_warning():
    case = make_case()
    case.notice = Notice(asins=["B07QX4R2ZK", "B08L9MNP2T", "B07QX4R2ZK"], order_ids=["114-3321907-5521034"])
    case.sections.root_cause = "ASIN b07qx4r2zk was affected."
    hits = [f for f in run_checks(case) if f.id == "notice_id_missing"]
    assert [(f.section, f.start, f.end) for f in hits] == [(None, 0, 0)] * 2
    assert "B08L9MNP2T" in hits[0].message and "114-3321907-5521034" in hits[1].message
    case.sections.systematic_changes = "B08L9MNP2T and 114-3321907-5521034 are covered."
    assert not [f for f in run_checks(case) if f.id == "notice_id_missing"]


def test_a_longer_identifier_does_not_count_as_a_mention():
    case = make_case(root_cause="ASIN B07QX4R2ZK1 was affected.")
    case.notice = Notice(asins=["B07QX4R2ZK"])
    assert [f for f in run_checks(case) if f.id == "notice_id_missing"]


def test_good_plan_has_no_blockers_or_warnings():
    findings = run_checks(good_case())
    serious = [f.to_dict() for f in findings if f.severity is not Severity.HINT]
    assert serious == []
    assert summary_text(findings) == "no problems found"


def test_bad_plan_produces_many_kinds_of_findings():
    case = Case(violation_type=ViolationType.CONDITION_USED_SOLD_AS_NEW, notice=NOTICE,
                sections=Sections(BAD_ROOT_CAUSE, BAD_IMMEDIATE_REMEDY, BAD_SYSTEMATIC_CHANGES))
    findings = run_checks(case)
    kinds = {f.id for f in findings}
    assert kinds >= {"business_introduction", "blames_others", "exclamation_marks", "unaware_of_policy",
                     "placeholder", "future_tense_remedy", "support_case_reference", "question_in_plan",
                     "all_caps", "emotive_language", "vague_promise", "guidance_pasted",
                     "notice_id_missing"}
    assert summarise(findings)[Severity.BLOCKER] >= 2
    assert summarise(findings)[Severity.WARNING] >= 15


def test_findings_are_sorted_by_section_then_position_with_case_findings_last():
    case = Case(notice=NOTICE, sections=Sections(BAD_ROOT_CAUSE, BAD_IMMEDIATE_REMEDY, ""))
    findings = run_checks(case)
    order = [(list(Section).index(f.section) if f.section else 3, f.start) for f in findings]
    assert order == sorted(order)
    assert findings[-1].section is None


def test_finding_to_dict_has_exactly_the_documented_keys():
    finding = run_checks(make_case(root_cause=""))[0]
    assert finding.to_dict() == {"id": "empty_section", "severity": "blocker", "section": "root_cause",
                                 "message": finding.message, "start": 0, "end": 0}
    case_level = Finding("notice_id_missing", Severity.WARNING, None, "m")
    assert case_level.to_dict()["section"] is None


def test_summarise_and_summary_text():
    findings = [Finding("a", Severity.BLOCKER, RC, ""), Finding("b", Severity.BLOCKER, IR, ""),
                Finding("c", Severity.WARNING, None, ""), Finding("d", Severity.HINT, SC, "")]
    assert summarise(findings) == {Severity.BLOCKER: 2, Severity.WARNING: 1, Severity.HINT: 1}
    assert summary_text(findings) == "2 blockers, 1 warning"
    assert summary_text(findings, hints=True) == "2 blockers, 1 warning, 1 hint"
    assert summarise([]) == {Severity.BLOCKER: 0, Severity.WARNING: 0, Severity.HINT: 0}
    assert summary_text(findings[3:]) == "no problems found"


def test_a_5000_word_plan_is_checked_whole():
    # How long it takes is measured by scripts/bench.py (P15@checks), not here.
    body = (GOOD_ROOT_CAUSE + BAD_ROOT_CAUSE + GOOD_IMMEDIATE_REMEDY + BAD_SYSTEMATIC_CHANGES) * 5
    case = _with_attempt(good_case(), Outcome.DENIED)
    case.sections = Sections(body, body.replace("\n\n", "\n"), body)
    words = sum(len(t.split()) for _, t in case.sections.items())
    assert 4500 < words < 6000
    findings = run_checks(case)
    assert {f.section for f in findings} >= {Section.ROOT_CAUSE, Section.SYSTEMATIC_CHANGES}


# Realistic wording that looks close to a problem but is not one.
QUIET = [
    ("vague_promise", SC, "We will continue to monitor the defect rate daily."),
    ("vague_promise", SC, "The compliance officer will ensure all new suppliers are verified."),
    ("emotive_language", SC, "Our warehouse lead, Sue Park, checks 10 parcels a day."),
    ("emotive_language", RC, "We sell our family of kitchen brands in 3 marketplaces."),
    ("emotive_language", RC, "Water ruined the labels on 12 units."),
    ("all_caps", RC, "Supplier: SHENZHEN HUAQIANG ELECTRONICS TRADING CO LTD, invoice 2024-118."),
    ("all_caps", RC, "## ROOT CAUSE ANALYSIS\n\nWe shipped 3 units."),
    ("question_in_plan", RC, "### Why did it happen?\n\nThe returns step had no inspection."),
    ("question_in_plan", RC, "**What went wrong?**\n\nThe returns step had no inspection."),
    ("blames_others", RC, "3 customers were wrongly sent the 500 ml version by our packer."),
    ("blames_others", RC, "The buyer was sent the wrong colour on 2 May 2024."),
    ("support_case_reference", RC, "In our case, the supplier had no website."),
    ("placeholder", RC, "Only size XXL was affected, see note [1] and order 114-3321907-5521034."),
]


@pytest.mark.parametrize(("check_id", "section", "text"), QUIET, ids=[q[0] for q in QUIET])
def test_check_stays_quiet_on_realistic_wording(check_id, section, text):
    assert found(section, text, check_id) == []


def test_vague_promise_about_every_order_without_owner_or_date_still_fires():
    assert found(SC, "We will make sure every order is checked.", "vague_promise")


def test_lines_are_split_at_sentence_ends_even_after_abbreviations():
    text = "We bought from Acme Ltd.\nWhat exactly happened, and on which dates?"
    (hit,) = found(RC, text, "guidance_pasted")
    assert text[hit.start:hit.end] == "What exactly happened, and on which dates?"
    question = "Is it true, e.g. for bottles, that Acme Ltd. in Leeds sold them?"
    (hit,) = found(RC, question, "question_in_plan")
    assert (hit.start, hit.end) == (0, len(question))


def test_positions_survive_letters_that_grow_when_lower_cased():
    text = "\u0130stanbul \u0130\u0130: the buyer lied about it."
    (hit,) = found(RC, text, "blames_others")
    assert text[hit.start:hit.end] == "buyer lied"
