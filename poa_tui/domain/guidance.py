"""Writing guidance for each section and each kind of violation.

Everything here is a question to think about or a note to the writer, never a sentence to paste
into a plan: the readiness checks flag any of these lines found in a draft. The evidence lists
seed a case's checklist; their keys are stable ids stored with each checklist item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from poa_tui.domain.guidance_notes import notes_for
from poa_tui.domain.models import EvidenceItem
from poa_tui.domain.vocab import SECTIONS, Section, ViolationType

SECTION_HINTS: dict[Section, str] = {
    Section.ROOT_CAUSE: (
        "Name the facts behind the problem: which orders, listings or suppliers, what broke in "
        "your own process, and when. Skip greetings, apologies and company history."
    ),
    Section.IMMEDIATE_REMEDY: (
        "List what is already done, in the past tense, with a date and a number for each item: "
        "listings fixed, stock pulled, buyers refunded."
    ),
    Section.SYSTEMATIC_CHANGES: (
        "Describe each lasting change: what the new check is, who runs it, how often, and since "
        "which date."
    ),
}


@dataclass(frozen=True)
class EvidenceSpec:
    """A document or proof an appeal of one kind usually needs."""

    key: str
    """Stable id, stored on checklist items seeded from it."""
    label: str
    detail: str


@dataclass(frozen=True)
class Guidance:
    """What to think through for one violation type, section by section, and what to gather."""

    questions: dict[Section, list[str]]
    evidence: list[EvidenceSpec]
    summary: str = ""
    """One line on what this kind of appeal turns on."""
    notes: list[str] = field(default_factory=list)
    """What Amazon itself asks for this kind of case: routes, windows, document rules."""


_GENERAL: dict[Section, tuple[str, ...]] = {
    Section.ROOT_CAUSE: (
        "What exactly happened, and on which dates?",
        "Which orders, listings or ASINs from the notice does each cause explain?",
        "Which step in your own process failed, was skipped or did not exist?",
        "If the notice names more than one problem, what caused each of them?",
        "Which figures show how big the problem was: units, orders, percentages?",
    ),
    Section.IMMEDIATE_REMEDY: (
        "What have you already done about each ASIN or order in the notice, and on which date?",
        "Which listings did you delete or edit, and which stock did you pull or inspect?",
        "Which buyers did you refund or contact, and how many of them?",
        "Which document backs up each of these actions?",
    ),
    Section.SYSTEMATIC_CHANGES: (
        "Which new check stops this before it reaches a buyer or Amazon?",
        "Who owns each check, how often does it run, and from which date?",
        "Which figure will show that the change works, and who looks at it?",
        "Which training did staff get, when, and how often is it repeated?",
    ),
}


def _spec(key: str, label: str, detail: str) -> EvidenceSpec:
    return EvidenceSpec(key=key, label=label, detail=detail)


_INVOICES = _spec(
    "invoices_365d", "Supplier invoices from the 365 days before the notice",
    "Issue dates inside that window, your name and address as in Seller Central, quantities "
    "covering what each cited ASIN sold, product names or model numbers visible; prices may be "
    "hidden, nothing else altered; PDF or image files, never Word, Excel or pro forma.")
_IP_DISPUTE = _spec(
    "dispute_documents", "Invoice or order id for the notice's dispute link",
    "When the goods are genuine and the listing was right: proof of where they came from.")
_RETRACTION = _spec(
    "retraction_request", "Retraction request to the rights owner",
    "Your message and any reply; the retraction has to reach Amazon from the rights owner "
    "directly.")
_SUPPLIER = _spec(
    "supplier_contact", "Supplier contact details",
    "Name, phone number, street address and website, so Amazon can reach and verify the supplier.")
_LISTING_EDITS = _spec(
    "listing_edits", "Before-and-after record of listing edits",
    "Screenshots or exports of titles, bullet points, images and keywords before and after.")
_LISTINGS_REMOVED = _spec(
    "listings_removed", "Proof the affected listings were closed or deleted",
    "Inventory report or screenshots dated after the change, covering every cited ASIN.")
_ORDER_LIST = _spec(
    "affected_orders", "List of the affected orders with the cause of each",
    "Order id, date, what went wrong and which root cause it belongs to.")
_TRACKING = _spec(
    "tracking_records", "Tracking numbers and proof of delivery",
    "Carrier records for the disputed or late orders.")

_DETAIL: dict[ViolationType, tuple[str, dict[Section, tuple[str, ...]], tuple[EvidenceSpec, ...]]] = {
    ViolationType.INAUTHENTIC: (
        "Show where every unit came from: the answer rests on invoices and a supplier Amazon can verify.",
        {Section.ROOT_CAUSE: (
            "Who sold you the units, and is that supplier the brand or an authorised distributor?",
            "Do your invoices cover every unit of each cited ASIN sold in the past 365 days?",
            "How did this supplier get approved, and which check was missing at the time?"),
         Section.IMMEDIATE_REMEDY: (
            "Which units could not be matched to an invoice, and what happened to them?",
            "Which invoices and supplier details have you gathered for each cited ASIN?"),
         Section.SYSTEMATIC_CHANGES: (
            "How is a new supplier verified now before the first purchase order?",
            "Where are invoices filed per ASIN so they can be produced within a day?")},
        (_INVOICES, _SUPPLIER,
         _spec("loa_chain", "Letter of authorisation or distributor chain",
               "A letter from the brand, or papers linking each step from the brand to your supplier."),
         _spec("unverified_stock_removed", "Removal or disposal record for unverified stock",
               "Removal order ids or disposal confirmations for units without matching invoices."))),
    ViolationType.IP_TRADEMARK: (
        "Pin down where the mark was used, fix every listing, and ask the rights owner to retract.",
        {Section.ROOT_CAUSE: (
            "Where did the brand name appear: title, bullets, images, backend keywords, or a "
            "listing you joined?",
            "Was the complaint sent by the rights owner, or raised by Amazon itself?"),
         Section.IMMEDIATE_REMEDY: (
            "Which listings did you edit or delete, and on which date?",
            "Did you contact the rights owner and ask for a retraction, and what was the answer?"),
         Section.SYSTEMATIC_CHANGES: (
            "How is a trademark search done before a new listing goes live, and by whom?",
            "How often are existing listings audited for brand names you have no right to use?")},
        (_LISTING_EDITS, _RETRACTION, _IP_DISPUTE,
         _spec("brand_authorisation", "Licence or authorisation from the brand, if any",
               "Only when you are allowed to use the mark."),
         _spec("trademark_search", "Record of the trademark search routine",
               "Which registers are searched and how the result is filed."))),
    ViolationType.IP_COPYRIGHT: (
        "Prove the content is yours or licensed, or show it has been taken down.",
        {Section.ROOT_CAUSE: (
            "Which image, text or artwork was reported, and where did it come from?",
            "Who created it, and do you hold the files or a licence to prove it?"),
         Section.IMMEDIATE_REMEDY: (
            "Which content did you remove or replace, and when?",
            "Is a counter-notice justified, or is removal the honest answer?"),
         Section.SYSTEMATIC_CHANGES: (
            "How is the source of every image and text now checked before upload?",)},
        (_LISTING_EDITS, _RETRACTION, _IP_DISPUTE,
         _spec("own_content_proof", "Proof you own or licensed the content",
               "Original photo files with metadata, a photographer's contract or a licence."),
         _spec("counter_notice", "Counter-notice, only if nothing infringes",
               "Worth sending only when you are sure the content is yours."))),
    ViolationType.IP_PATENT: (
        "Stop the sales first, then show a licence, a non-infringement opinion or a better clearance routine.",
        {Section.ROOT_CAUSE: (
            "Which patent was cited, and how was the product chosen without spotting it?",),
         Section.IMMEDIATE_REMEDY: (
            "When were the listings removed and the remaining stock held back?",
            "Do you hold a licence or a written opinion that the product does not infringe?"),
         Section.SYSTEMATIC_CHANGES: (
            "Which patent search is run before sourcing a new product, and by whom?",)},
        (_LISTINGS_REMOVED, _RETRACTION,
         _spec("patent_licence_or_opinion", "Patent licence or non-infringement opinion",
               "Signed licence, or a written opinion from a patent attorney."),
         _spec("apex_decision", "Answer to a neutral patent evaluation (APEX), if invited",
               "Optional: opt in within about three weeks; each side deposits about $4,000, "
               "returned to the winner."),
         _spec("patent_search", "Record of the patent clearance search",
               "Databases searched, date and result, per product."))),
    ViolationType.CONDITION_USED_SOLD_AS_NEW: (
        "Go through every complaint order by order and find where a used-looking unit slipped through.",
        {Section.ROOT_CAUSE: (
            "For each complaint: was the unit a resold return, damaged in transit, or unlike the "
            "listing photos?",
            "How were returned units graded before they went back into stock?"),
         Section.IMMEDIATE_REMEDY: (
            "Which buyers were refunded, and which units were inspected or pulled from stock?",
            "Which listing photos or descriptions did you correct?"),
         Section.SYSTEMATIC_CHANGES: (
            "Who grades returns now, against which written criteria?",
            "What changed in the packaging, and since which shipment?")},
        (_ORDER_LIST, _INVOICES,
         _spec("returns_grading", "Written returns grading procedure",
               "The criteria deciding new, used or unsellable, and who applies them."),
         _spec("packaging_photos", "Photos of the improved packaging",
               "Current packaging next to the old one."))),
    ViolationType.PRODUCT_SAFETY: (
        "Back the product with test reports and certificates, and account for every affected unit.",
        {Section.ROOT_CAUSE: (
            "Was the fault in design, manufacturing, quality control, labelling or missing paperwork?",
            "Which standard or regulation applies to this product in this marketplace?"),
         Section.IMMEDIATE_REMEDY: (
            "How many units were removed, quarantined or destroyed, and when?",
            "Which tests were ordered, from which accredited lab, and with what result?"),
         Section.SYSTEMATIC_CHANGES: (
            "Which certificates must a product have before it is listed, and who checks them?",)},
        (_spec("test_reports", "Test reports from an accredited lab",
               "From a lab accepted for the marketplace (CPSC-accepted for children's "
               "products in the United States), naming the product, model and the standard it "
               "was tested against."),
         _spec("eu_gpsr", "EU product safety details (GPSR), when selling in the EU",
               "The responsible person in the EU, batch or serial number on the product, safety "
               "information in the local language."),
         _spec("compliance_certificates", "Compliance certificates",
               "Children's Product Certificate, CE or UKCA declaration, as the product requires."),
         _spec("six_side_photos", "Photos of all six sides of product and packaging",
               "Labels, warnings and markings readable."),
         _spec("recall_removal", "Proof recalled or unsafe units were removed",
               "Removal orders, disposal records or destruction certificates."),
         _spec("manufacturer_letter", "Manufacturer's compliance letter",
               "On letterhead, naming the product and the standards met."))),
    ViolationType.RESTRICTED_PRODUCTS: (
        "Close every restricted listing across the catalogue, not only the ones named: Amazon checks again.",
        {Section.ROOT_CAUSE: (
            "Which claim, keyword or ingredient made the product restricted?",
            "Does the rule differ between the marketplaces you sell in?"),
         Section.IMMEDIATE_REMEDY: (
            "Have you searched your whole inventory for the same claim, and how many listings did "
            "you close?",),
         Section.SYSTEMATIC_CHANGES: (
            "How is a new listing screened against the restricted-products rules before it goes live?",)},
        (_LISTINGS_REMOVED,
         _spec("removed_claims", "List of the claims and keywords removed",
               "Per SKU, with the date of the edit."),
         _spec("permitted_proof", "Proof the product is allowed, if the restriction was a mistake",
               "Safety data sheet, registration number or the law that permits it."),
         _spec("hidden_listings_closed", "Inactive, suppressed and stranded listings closed too",
               "An inventory search with every filter, dated after the clean-up."),
         _spec("dangerous_goods_sheet", "Safety data sheet or exemption sheet, for dangerous goods",
               "Uploaded in the dangerous-goods review for each affected ASIN."))),
    ViolationType.ORDER_DEFECT_RATE: (
        "Split the defects into their kinds and give each kind its own cause and fix.",
        {Section.ROOT_CAUSE: (
            "How many defects were negative feedback, A-to-z claims and chargebacks?",
            "What caused each kind: non-delivery, lateness, damage, wrong or incomplete items?",
            "Which defects were invalid, and were they disputed before writing the plan?"),
         Section.IMMEDIATE_REMEDY: (
            "Which buyers were refunded or contacted, and which claims were appealed?",),
         Section.SYSTEMATIC_CHANGES: (
            "What changed in carriers, tracking, quality checks or buyer messaging?",
            "How fast are buyer messages answered now, and who watches the defect rate?")},
        (_ORDER_LIST, _TRACKING,
         _spec("disputes_filed", "Disputes for invalid defects",
               "A-to-z appeals, feedback removal requests and chargeback responses, with dates."),
         _spec("refund_records", "Refund and buyer-contact records",
               "Per order: what was refunded or replaced, and when."))),
    ViolationType.LATE_SHIPMENT_RATE: (
        "Find out why orders were confirmed late and make the handling time honest.",
        {Section.ROOT_CAUSE: (
            "Why were orders confirmed late: staffing, a holiday, a software sync, carrier pickups?",
            "Was the handling time realistic for the stock and staff you had?"),
         Section.IMMEDIATE_REMEDY: (
            "Which settings did you change: handling time, holiday mode, order limits?",),
         Section.SYSTEMATIC_CHANGES: (
            "Who confirms shipments each day, and what happens when that person is away?",)},
        (_ORDER_LIST, _TRACKING,
         _spec("handling_time_settings", "Screenshot of the new handling-time settings",
               "Showing the values and the date of the change."))),
    ViolationType.CANCELLATION_RATE: (
        "Trace each cancellation back to the stock or price error that caused it.",
        {Section.ROOT_CAUSE: (
            "Why did orders arrive for stock you did not have: sync delays, other channels, "
            "pricing-feed errors?",),
         Section.IMMEDIATE_REMEDY: (
            "Which listings were paused or corrected, and how many buyers were contacted?",),
         Section.SYSTEMATIC_CHANGES: (
            "How often does stock sync now, and what buffer is held back per SKU?",)},
        (_ORDER_LIST,
         _spec("inventory_sync_fix", "Record of the inventory sync fix",
               "Software settings, sync frequency and buffer rules."))),
    ViolationType.VALID_TRACKING_RATE: (
        "Show that every shipment now carries a valid, scannable tracking number.",
        {Section.ROOT_CAUSE: (
            "Which carrier or shipping method sent orders without valid tracking?",),
         Section.IMMEDIATE_REMEDY: (
            "Which tracking numbers were corrected or added, and for how many orders?",),
         Section.SYSTEMATIC_CHANGES: (
            "Is every label now bought through Buy Shipping or an integrated carrier?",)},
        (_ORDER_LIST,
         _spec("carrier_integration", "Proof of carrier integration or Buy Shipping use",
               "Account settings or a sample of recent orders with valid tracking."))),
    ViolationType.REVIEW_MANIPULATION: (
        "Disclose every review-related activity in full; anything Amazon finds that you left out sinks the appeal.",
        {Section.ROOT_CAUSE: (
            "Which incentives, insert cards, agencies, review groups or related-party reviews were involved?",
            "Who arranged them, over which period, and for which ASINs?"),
         Section.IMMEDIATE_REMEDY: (
            "Which contracts were ended, and which inserts or messages were withdrawn?",),
         Section.SYSTEMATIC_CHANGES: (
            "Which review programmes are still used, and who approves any buyer contact?",)},
        (_spec("review_activity", "Full list of review-related activity",
               "Each incentive, insert, agency or group, with dates and ASINs."),
         _spec("contracts_ended", "Termination notices to review services",
               "Sent and acknowledged, with dates."),
         _spec("current_inserts", "Photos of current packaging inserts",
               "Showing that no incentive or review request remains."))),
    ViolationType.RELATED_ACCOUNTS: (
        "Name the linked account and the link; if that account is suspended, it usually has to be resolved first.",
        {Section.ROOT_CAUSE: (
            "Which account is linked, and through what: bank, address, device, network, staff or logins?",
            "What is that account's status, and why was it enforced?"),
         Section.IMMEDIATE_REMEDY: (
            "Which shared details, logins or devices were separated, and when?",),
         Section.SYSTEMATIC_CHANGES: (
            "How are user permissions and devices managed now so the accounts stay apart?",)},
        (_spec("linked_account", "Details of the linked account and the link",
               "Account name, what it shares with this one, and its current status."),
         _spec("separation_proof", "Evidence the accounts are separate",
               "Bank letters, changed addresses, removed user permissions."))),
    ViolationType.SECTION3_VERIFICATION: (
        "Identity verification is settled with documents, not a plan of action: gather files whose "
        "names and addresses match Seller Central exactly.",
        {Section.ROOT_CAUSE: (
            "Which documents did Amazon ask for, and in which file formats?",
            "Do the name and address on each document match Seller Central letter for letter?"),
         Section.IMMEDIATE_REMEDY: (
            "Is the utility bill dated within the past 90 days, and is it a full scan rather than "
            "a screenshot?",
            "Is any document in a language Amazon does not accept without a certified translation?"),
         Section.SYSTEMATIC_CHANGES: (
            "Which details in Seller Central need updating so they match your documents?",)},
        (_spec("photo_id", "Government-issued photo ID",
               "Valid, in colour, every corner visible."),
         _spec("utility_bill_90d", "Utility bill from the past 90 days",
               "Name and address exactly as in Seller Central; PDF, PNG, JPEG or GIF, no screenshots."),
         _spec("business_licence", "Business licence or registration",
               "Matching the legal business name on the account."),
         _spec("card_statement", "Statement for the credit card on the account",
               "Same name as the account holder."),
         _spec("certified_translation", "Notarised translation, when needed",
               "For documents not in a language the marketplace accepts."),
         _spec("owner_ids", "Identity documents of each beneficial owner",
               "Passport or national ID for the primary contact and every owner of 25% or more."),
         _spec("bank_statement", "Bank account statement",
               "Recent (commonly within 180 days), in the account holder's name."),
         _spec("registry_extract", "Business registry extract",
               "Legal name and address exactly as entered in Seller Central."),
         _spec("authorisation_letter", "Letter of authorisation, when needed",
               "When the contact on the account is not the legal representative."),
         _spec("video_call", "Video call, when asked",
               "Booked within the days the message allows; original documents to hand."))),
    ViolationType.DROP_SHIPPING: (
        "Show that you are the seller of record on everything the buyer receives.",
        {Section.ROOT_CAUSE: (
            "Whose name appeared on packing slips, invoices or packaging?",),
         Section.IMMEDIATE_REMEDY: (
            "Which supplier terms were changed so that only your name is shown?",),
         Section.SYSTEMATIC_CHANGES: (
            "How is each supplier shipment checked for third-party branding?",)},
        (_TRACKING,
         _spec("seller_of_record", "Packing slips and invoices naming you",
               "Samples from shipments after the change."),
         _spec("supplier_agreement", "Agreement with the supplier",
               "Terms covering blind shipping and returns."))),
    ViolationType.LISTING_POLICY: (
        "Name the exact rule, show the edits, and describe who approves listings from now on.",
        {Section.ROOT_CAUSE: (
            "Which rule was broken, and in which field of which listings?",),
         Section.IMMEDIATE_REMEDY: (
            "Which listings were corrected, and how many?",),
         Section.SYSTEMATIC_CHANGES: (
            "Who approves a new or changed listing, and against which checklist?",)},
        (_LISTING_EDITS,
         _spec("listing_checklist", "Written listing approval checklist",
               "The rules checked and who signs off."))),
    ViolationType.OTHER: (
        "Answer exactly what the notice asks, cause by cause, with facts you can document.",
        {},
        (_spec("notice_documents", "Every document the notice names",
               "Read the notice again and tick off each one."),
         _spec("supporting_records", "Records behind each fact in the plan",
               "Orders, emails, screenshots or reports that prove what you state."))),
}


def guidance_for(violation: ViolationType | str) -> Guidance:
    """Questions per section and the evidence to gather for one kind of violation."""
    kind = ViolationType(violation)
    summary, specific, evidence = _DETAIL[kind]
    general = {} if kind is ViolationType.SECTION3_VERIFICATION else _GENERAL
    questions = {section: [*general.get(section, ()), *specific.get(section, ())]
                 for section in SECTIONS}
    return Guidance(questions=questions, evidence=list(evidence), summary=summary,
                    notes=list(notes_for(kind)))


def seed_evidence(violation: ViolationType | str) -> list[EvidenceItem]:
    """Fresh checklist items for a new case of this kind."""
    return [EvidenceItem(label=spec.label, key=spec.key) for spec in guidance_for(violation).evidence]


def guidance_markdown(violation: ViolationType | str, section: Section | str | None = None) -> str:
    """The guidance as Markdown for a side panel: one section's questions, or all of them."""
    kind = ViolationType(violation)
    guide = guidance_for(kind)
    shown = SECTIONS if section is None else (Section(section),)
    lines = [f"**{kind.label}.** {guide.summary}", ""]
    if guide.notes:
        lines += ["### What Amazon asks", ""]
        lines += [f"- {note}" for note in guide.notes]
        lines.append("")
    for part in shown:
        lines += [f"### {part.label}", "", f"*{SECTION_HINTS[part]}*", ""]
        lines += [f"- {question}" for question in guide.questions[part]]
        lines.append("")
    lines += ["### Evidence to gather", ""]
    lines += [f"- **{spec.label}**: {spec.detail}" for spec in guide.evidence]
    return "\n".join(lines).rstrip() + "\n"
