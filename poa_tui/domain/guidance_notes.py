"""What Amazon asks for each kind of violation, as notes beside the writing questions.

Facts about Amazon's own process (the routes, windows, costs and document rules) that decide
what an appeal needs, gathered from Seller Central help pages, seller-forum answers by Amazon
staff and practitioners. Each note is written to the reader, never
as a sentence for the plan: the readiness checks flag any of them pasted into a draft.
"""

from __future__ import annotations

from poa_tui.domain.vocab import ViolationType as V

HEALTH_ASSURANCE = (
    "Sellers in Account Health Assurance get 72 hours after Amazon flags a problem to put it "
    "right before any deactivation, and a dedicated contact: use both before writing a plan.")
"""Shown with every kind of violation that can cost the account."""

_METRIC = (
    "Amazon asks for the process behind the rate, not only the orders it lists: explain what "
    "produced the rate, and use the orders as examples of it.",
)

NOTES: dict[V, tuple[str, ...]] = {
    V.INAUTHENTIC: (
        "Invoices must be dated within the 365 days before the notice and show your business "
        "name and address exactly as in Seller Central.",
        "The supplier on the invoice must be one Amazon can verify: company name, street "
        "address, phone number and website.",
        "Quantities should cover the units of each cited ASIN sold; prices may be hidden, but "
        "nothing else may be altered, and a pro forma, an order confirmation or an edited "
        "document is refused.",
        "Stock in Amazon's warehouses that cannot be proven genuine may be destroyed or made "
        "ineligible for removal, so ask for removal early where it is still allowed.",
    ),
    V.IP_TRADEMARK: (
        "When the goods are genuine and the listing was right, the notice's dispute link comes "
        "first: send an invoice or an order id that shows where the goods came from.",
        "A retraction from the rights owner ends the complaint; it has to reach Amazon from "
        "them directly (email or their Brand Registry tool), never forwarded by you.",
        "An IP complaint that only removed a listing does not always need a plan of action: "
        "check whether Account Health asks for one before writing it.",
    ),
    V.IP_COPYRIGHT: (
        "A retraction works for copyright as for trademark: the rights owner sends it to "
        "Amazon directly, and the complaint is closed.",
        "A counter-notice is only for content that is truly yours; the complainant then has "
        "about ten business days to take the matter to court.",
        "An IP complaint that only removed a listing does not always need a plan of action: "
        "check whether Account Health asks for one before writing it.",
    ),
    V.IP_PATENT: (
        "For a United States utility patent the rights owner can start Amazon's neutral patent evaluation "
        "(APEX); you may opt in within about three weeks of the invitation.",
        "In APEX each side pays the evaluator a deposit of about $4,000 and the winner's "
        "deposit is returned; it is optional, and its window is not your appeal deadline.",
        "A retraction from the rights owner ends a patent complaint too, and an IP complaint "
        "that only removed a listing does not always need a plan of action.",
    ),
    V.PRODUCT_SAFETY: (
        "Test reports must come from a lab Amazon accepts for the marketplace: for children's "
        "products in the United States, a CPSC-accepted lab and a Children's Product Certificate.",
        "In the EU the General Product Safety Regulation applies: a responsible person in the "
        "EU, a batch or serial number on the product, and safety information in the local "
        "language.",
        "A safety outreach usually gives a set number of days (often seven) to answer, after "
        "which the case can be closed and the stock disposed of.",
    ),
    V.RESTRICTED_PRODUCTS: (
        "Before Amazon reviews again, every listing of the product must go, including inactive, "
        "suppressed and stranded ones: search the inventory with every filter.",
        "Dangerous goods need a safety data sheet, or an exemption sheet when the product is "
        "not hazardous, uploaded in the dangerous-goods review.",
        "A notice before deactivation for restricted products can leave as little as 72 hours "
        "to act, so close the listings first and write afterwards.",
    ),
    V.ORDER_DEFECT_RATE: (
        *_METRIC,
        "Dispute the defects that were not yours first (A-to-z appeal, feedback removal, "
        "chargeback response); then give each remaining kind of defect its own cause.",
    ),
    V.LATE_SHIPMENT_RATE: (
        *_METRIC,
        "Give the rate in both windows Amazon measures, 10 and 30 days, and the number of "
        "orders behind each.",
    ),
    V.CANCELLATION_RATE: (
        *_METRIC,
        "Only cancellations you made count; those buyers asked for do not, so take them out "
        "before explaining the rate.",
    ),
    V.VALID_TRACKING_RATE: (
        *_METRIC,
        "The rate is counted per product category: name the categories and the carriers whose "
        "numbers were missing or could not be scanned.",
    ),
    V.SECTION3_VERIFICATION: (
        "Identity verification is not answered with a plan of action: Amazon checks documents, "
        "and sometimes the person.",
        "Send identity documents of the primary contact and of each beneficial owner holding "
        "25% or more of the business.",
        "A bank account statement or credit card statement, recent (commonly within 180 days), "
        "in the account holder's name, and a business registry extract are the usual proofs.",
        "A letter of authorisation is needed when the contact on the account is not the "
        "company's legal representative.",
        "Some reviews add a video call: book it within the days the message allows, with the "
        "original documents to hand.",
        "Files go as PNG, TIFF, JPG or PDF; a document in a language Amazon does not list needs "
        "a notarised translation.",
    ),
    V.OTHER: (
        "Fair pricing needs no plan of action: bring the price in line with the item's recent "
        "prices, shipping included, and the offer comes back.",
        "Answer exactly what the notice asks; when it names a help page, the page lists the "
        "documents that settle the matter.",
    ),
}


def notes_for(violation: V) -> tuple[str, ...]:
    """The notes for one kind of violation, with the Account Health Assurance note where the
    account itself can be at stake."""
    own = NOTES.get(violation, ())
    if violation in (V.SECTION3_VERIFICATION, V.OTHER):
        return own
    return (*own, HEALTH_ASSURANCE)
