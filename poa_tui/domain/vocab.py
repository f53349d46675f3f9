"""Stable vocabulary ids used in the database, the CLI and `--json` output.

The ids never change once released: scripts and stored cases rely on them. The labels are what
people read and may be reworded freely.
"""

from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    """The three parts of a Plan of Action, in the order Amazon reads them."""

    ROOT_CAUSE = "root_cause"
    IMMEDIATE_REMEDY = "immediate_remedy"
    SYSTEMATIC_CHANGES = "systematic_changes"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


SECTION_LABELS = {
    Section.ROOT_CAUSE: "Root Cause",
    Section.IMMEDIATE_REMEDY: "Immediate Remedy",
    Section.SYSTEMATIC_CHANGES: "Systematic Changes",
}
SECTIONS: tuple[Section, ...] = tuple(Section)


class ViolationType(StrEnum):
    INAUTHENTIC = "inauthentic"
    IP_TRADEMARK = "ip_trademark"
    IP_COPYRIGHT = "ip_copyright"
    IP_PATENT = "ip_patent"
    CONDITION_USED_SOLD_AS_NEW = "condition_used_sold_as_new"
    PRODUCT_SAFETY = "product_safety"
    RESTRICTED_PRODUCTS = "restricted_products"
    ORDER_DEFECT_RATE = "order_defect_rate"
    LATE_SHIPMENT_RATE = "late_shipment_rate"
    CANCELLATION_RATE = "cancellation_rate"
    VALID_TRACKING_RATE = "valid_tracking_rate"
    REVIEW_MANIPULATION = "review_manipulation"
    RELATED_ACCOUNTS = "related_accounts"
    SECTION3_VERIFICATION = "section3_verification"
    DROP_SHIPPING = "drop_shipping"
    LISTING_POLICY = "listing_policy"
    OTHER = "other"

    @property
    def label(self) -> str:
        return VIOLATION_LABELS[self]


VIOLATION_LABELS = {
    ViolationType.INAUTHENTIC: "Inauthentic / counterfeit",
    ViolationType.IP_TRADEMARK: "IP: trademark",
    ViolationType.IP_COPYRIGHT: "IP: copyright",
    ViolationType.IP_PATENT: "IP: patent",
    ViolationType.CONDITION_USED_SOLD_AS_NEW: "Used sold as new",
    ViolationType.PRODUCT_SAFETY: "Product safety",
    ViolationType.RESTRICTED_PRODUCTS: "Restricted products",
    ViolationType.ORDER_DEFECT_RATE: "Order defect rate",
    ViolationType.LATE_SHIPMENT_RATE: "Late shipment rate",
    ViolationType.CANCELLATION_RATE: "Cancellation rate",
    ViolationType.VALID_TRACKING_RATE: "Valid tracking rate",
    ViolationType.REVIEW_MANIPULATION: "Review manipulation",
    ViolationType.RELATED_ACCOUNTS: "Related accounts",
    ViolationType.SECTION3_VERIFICATION: "Section 3 verification",
    ViolationType.DROP_SHIPPING: "Drop shipping",
    ViolationType.LISTING_POLICY: "Listing policy",
    ViolationType.OTHER: "Other",
}


class Scope(StrEnum):
    ACCOUNT = "account"
    ACCOUNT_AT_RISK = "account_at_risk"
    LISTING = "listing"
    ASIN = "asin"
    SELLER_FULFILLED_OFFERS = "seller_fulfilled_offers"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]


SCOPE_LABELS = {
    Scope.ACCOUNT: "Whole account",
    Scope.ACCOUNT_AT_RISK: "Account at risk",
    Scope.LISTING: "Listing",
    Scope.ASIN: "Single ASIN",
    Scope.SELLER_FULFILLED_OFFERS: "Seller-fulfilled offers",
}


class Outcome(StrEnum):
    """What Amazon answered to one attempt."""

    REINSTATED = "reinstated"
    INSUFFICIENT_POA = "insufficient_poa"
    DOCUMENTS_REQUESTED = "documents_requested"
    ACTION_REQUIRED = "action_required"
    DENIED = "denied"
    FINAL = "final"
    ACKNOWLEDGED = "acknowledged"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def next_step(self) -> str:
        return OUTCOME_NEXT_STEPS[self]

    @property
    def is_rejection(self) -> bool:
        """True when Amazon turned this attempt down (the text must not be sent again as is)."""
        return self in REJECTIONS


OUTCOME_LABELS = {
    Outcome.REINSTATED: "Reinstated",
    Outcome.INSUFFICIENT_POA: "Plan not detailed enough",
    Outcome.DOCUMENTS_REQUESTED: "Documents requested",
    Outcome.ACTION_REQUIRED: "Action required",
    Outcome.DENIED: "Denied",
    Outcome.FINAL: "Final decision",
    Outcome.ACKNOWLEDGED: "Acknowledged",
}
OUTCOME_NEXT_STEPS = {
    Outcome.REINSTATED: "Selling is restored: close the case as won.",
    Outcome.INSUFFICIENT_POA: "Rework the sections Amazon named, with more specific facts.",
    Outcome.DOCUMENTS_REQUESTED: "Collect the documents Amazon named before sending again.",
    Outcome.ACTION_REQUIRED: "Carry out the action Amazon asked for, then confirm it.",
    Outcome.DENIED: "Rethink the root cause before another attempt; consider escalating.",
    Outcome.FINAL: "Amazon calls this final: stop, or escalate only with a much stronger plan.",
    Outcome.ACKNOWLEDGED: "No decision yet: wait, and follow up once the stated time has passed.",
}
REJECTIONS = frozenset(
    {Outcome.INSUFFICIENT_POA, Outcome.DOCUMENTS_REQUESTED, Outcome.ACTION_REQUIRED,
     Outcome.DENIED, Outcome.FINAL}
)


class Channel(StrEnum):
    """Where an attempt was sent."""

    ACCOUNT_HEALTH = "account_health"
    EMAIL = "email"
    ESCALATION = "escalation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    Channel.ACCOUNT_HEALTH: "Account Health",
    Channel.EMAIL: "Email",
    Channel.ESCALATION: "Escalation",
    Channel.OTHER: "Other",
}


class Status(StrEnum):
    """Where a case stands; derived from its history, never stored by hand."""

    DRAFTING = "drafting"
    AWAITING_REPLY = "awaiting_reply"
    NEEDS_REVISION = "needs_revision"
    DOCUMENTS_NEEDED = "documents_needed"
    ACTION_REQUIRED = "action_required"
    REINSTATED = "reinstated"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def needs_action(self) -> bool:
        return self in {Status.DRAFTING, Status.NEEDS_REVISION, Status.DOCUMENTS_NEEDED,
                        Status.ACTION_REQUIRED}


STATUS_LABELS = {
    Status.DRAFTING: "Drafting",
    Status.AWAITING_REPLY: "Awaiting reply",
    Status.NEEDS_REVISION: "Needs revision",
    Status.DOCUMENTS_NEEDED: "Documents needed",
    Status.ACTION_REQUIRED: "Action required",
    Status.REINSTATED: "Reinstated",
    Status.CLOSED: "Closed",
}
