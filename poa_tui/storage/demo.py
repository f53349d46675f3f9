"""One complete sample case, so a newcomer (and every screenshot) sees the whole tool at work.

A UK kitchenware seller lost its account over authenticity complaints. The case holds Amazon's
notice, a finished three-part draft, a first attempt that Amazon turned down as not detailed
enough, the reply that said so, and a second, stronger attempt still waiting for an answer.
Every date is set relative to `today`, so the deadline always lies a few days ahead.
No Textual here: `poa-tui --demo`, the screenshot script and the tests all call `seed_demo`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from poa_tui.domain.models import Case, EvidenceItem, Notice, Reply, Request, Sections, Submission
from poa_tui.domain.vocab import Channel, Outcome, Scope, ViolationType
from poa_tui.storage.store import CaseStore

SELLER = "Marlow Kitchen Supply Ltd"
ASINS = ("B0C7K2MQ4R", "B09XWT3N6L")
ORDER_ID = "202-4817365-0093721"
NOTICE_TO_TODAY = 12
"""The notice arrived this many days before `today`."""
DAYS_TO_APPEAL = 17


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.utc)


def _notice(received: date) -> Notice:
    text = f"""Hello,

Your Amazon.co.uk selling account has been deactivated and your listings have been removed.
Funds in your account will be held while the account is deactivated.

Why is this happening?
Customers have told us that items they bought from you were not authentic. Selling
inauthentic products breaks Amazon's policies. The affected ASINs are listed at the end of
this message. One of the orders concerned is {ORDER_ID}.

How do I reactivate my account?
Send us a plan of action that explains:
- the root cause of the complaints,
- the actions you have taken to resolve them, and
- the steps you have taken to stop them from happening again.
Include invoices from your suppliers that cover the last 365 days of sales of each ASIN.

How do I submit the required information?
Use the Reactivate your account button on the Account Health page in Seller Central.

What happens if I do not send the required information?
If we do not receive a plan of action within {DAYS_TO_APPEAL} days, your account will stay
deactivated.

Has your account been deactivated in error?
If you believe your items are authentic, send us evidence that your account complies with
our policies.

ASIN: {ASINS[0]}
ASIN: {ASINS[1]}

Seller Performance Team
"""
    return Notice(text=text, received=received, deadline=received + timedelta(days=DAYS_TO_APPEAL),
                  asins=list(ASINS), order_ids=[ORDER_ID])


def _first_attempt() -> Sections:
    """The thin first plan that Amazon sent back: no names, no numbers, promises in the future."""
    return Sections(
        root_cause=(
            "When our usual distributor ran out of stock, we bought a batch of Korvan knife sets "
            "and skillets from a new wholesaler. We did not check whether the wholesaler was "
            "authorised by Korvan. Some buyers then said the items did not look genuine."
        ),
        immediate_remedy=(
            "- We closed the two listings.\n"
            "- We stopped buying from the wholesaler.\n"
            "- We refunded the buyers who complained.\n"
            "- We asked Amazon to dispose of the remaining units.\n"
        ),
        systematic_changes=(
            "- We will only buy from authorised suppliers from now on.\n"
            "- We will keep all of our invoices.\n"
            "- We will check our products more carefully before sending them to Amazon.\n"
        ),
    )


def _draft(received: date) -> Sections:
    """The reworked plan: every fact has a date, an owner or a number."""
    bought = received - timedelta(days=52)
    complaints_from = received - timedelta(days=25)
    complaints_to = received - timedelta(days=8)

    def on(days: int) -> str:
        return _day(received + timedelta(days=days))

    root_cause = f"""\
On {_day(bought)} our authorised Korvan distributor, Brightline Housewares UK, could not fill \
our order for the Korvan 3-piece santoku knife set ({ASINS[0]}) and the Korvan 26 cm cast-iron \
skillet ({ASINS[1]}). To keep both listings in stock, our purchasing lead, Daniel Reyes, bought \
140 units (80 knife sets and 60 skillets) from Eastgate Trade Wholesale, a clearance wholesaler \
we had never used before.

Three failures in our own process let those units reach buyers:

1. **No authorisation check.** We approved Eastgate on price and on its website alone. Korvan \
publishes a list of its authorised UK distributors; Eastgate is not on it, and nobody checked.
2. **Mixed stock.** The Eastgate units went into FBA under the same SKUs as the Brightline \
units, so once they were in stock we could not tell the two batches apart.
3. **Incomplete paperwork.** Eastgate's invoice read "assorted cookware, 140 pcs", with no \
model numbers, so it could not show what we had bought.

Between {_day(complaints_from)} and {_day(complaints_to)}, the buyers of 3 orders, including \
{ORDER_ID}, reported knife sets without Korvan's hologram seal and with a different box insert. \
All 3 orders were filled from the Eastgate batch.
"""
    immediate_remedy = f"""\
- **{on(0)}:** closed both listings and cancelled our open order with Eastgate Trade \
Wholesale (Daniel Reyes).
- **{on(1)}:** refunded the 3 buyers in full, including order {ORDER_ID}, and sent each a \
prepaid return label (Priya Shah, customer service).
- **{on(1)}:** asked Amazon to dispose of all 97 units of the two ASINs still at FBA \
(62 knife sets, 35 skillets), since we could not prove which of them came from Eastgate.
- **{on(5)}:** matched every unit of both ASINs sold in the 365 days before the notice to an \
invoice. Brightline invoices cover 412 of the 455 units sold; the other 43 were Eastgate units.
- **{on(6)}:** received a letter from Brightline Housewares UK confirming that it is an \
authorised Korvan distributor, and attached it with the invoices.
- **{on(7)}:** checked the sources of the other 86 ASINs in our catalogue. Each one was bought \
from its brand or an authorised distributor, with an invoice on file.
"""
    systematic_changes = f"""\
1. **Supplier approval.** Since {on(8)}, no purchase order goes to a new supplier until our \
operations manager, Helen Marsh, has approved it. She checks that the supplier is on the \
brand's list of authorised distributors or holds a letter of authorisation, and files that proof.
2. **One SKU per supplier.** Stock from each supplier now gets its own SKU, so every FBA unit \
can be traced to its invoice.
3. **Invoices filed per ASIN.** Each invoice must name the model and the quantity, and is \
filed under its ASIN within 2 working days of delivery. On the first working day of each \
month Priya Shah checks that the filed invoices cover every unit sold.
4. **Inbound inspection.** Before labelling, we open 5 % of each delivery (at least 10 units) \
and compare seals, inserts and markings with the brand's reference photos. A single mismatch \
stops the whole delivery.
5. **Training.** On {on(8)} the four people who buy stock or prepare shipments completed a \
one-hour session on Amazon's anti-counterfeiting policy and these steps. It is repeated every \
six months; the next session is booked for {_day(received + timedelta(days=8 + 182))}.
"""
    return Sections(root_cause=root_cause, immediate_remedy=immediate_remedy,
                    systematic_changes=systematic_changes)


def _rejection(received_at: datetime) -> Reply:
    text = f"""Hello,

Thank you for your appeal for your Amazon.co.uk selling account. We reviewed the information
you sent, but we do not have enough information to reactivate your account at this time.

To reactivate your account, please send a revised plan of action that includes:

- Greater detail on the root causes of the complaints, including where the affected units
  came from and how that supplier was approved.
- Greater detail on the steps you have taken to prevent these issues, including who carries
  out each step and since when.

ASIN: {ASINS[0]}
ASIN: {ASINS[1]}

You can send your revised plan from the Account Health page in Seller Central.

Seller Performance Team
"""
    requests = [
        Request("Greater detail on the root causes, including where the units came from and "
                "how the supplier was approved", kind="detail", done=True),
        Request("Greater detail on the prevention steps, including who carries out each step "
                "and since when", kind="detail", done=True),
    ]
    return Reply(received_at=received_at, text=text, outcome=Outcome.INSUFFICIENT_POA,
                 requests=requests)


def _evidence(received: date) -> list[EvidenceItem]:
    return [
        EvidenceItem("Supplier invoices from the 365 days before the notice", done=True,
                     key="invoices_365d",
                     note="Brightline invoices for 412 of the 455 units sold, filed per ASIN."),
        EvidenceItem("Supplier contact details", done=True, key="supplier_contact",
                     note="Brightline Housewares UK, Unit 4 Caxton Park, Leicester LE4 9JD, "
                          "0116 496 0321, accounts manager Sam Okafor."),
        EvidenceItem("Letter of authorisation or distributor chain", done=True, key="loa_chain",
                     note=f"Brightline's letter dated {_day(received + timedelta(days=6))}."),
        EvidenceItem("Removal or disposal record for unverified stock",
                     key="unverified_stock_removed",
                     note="Disposal confirmed for the 62 knife sets; the 35 skillets are still "
                          "listed as pending."),
    ]


def demo_case(today: date | None = None) -> Case:
    """The sample case, not yet stored; dates are relative to `today` (default: the real today)."""
    today = today or date.today()
    received = today - timedelta(days=NOTICE_TO_TODAY)
    first = Submission(number=1, submitted_at=_at(received + timedelta(days=2), 16, 5),
                       channel=Channel.ACCOUNT_HEALTH, sections=_first_attempt(),
                       reply=_rejection(_at(received + timedelta(days=4), 8, 31)))
    draft = _draft(received)
    second = Submission(number=2, submitted_at=_at(today - timedelta(days=1), 10, 42),
                        channel=Channel.ACCOUNT_HEALTH, sections=Sections(**draft.to_dict()),
                        note="Sent with the Brightline invoices and authorisation letter attached.")
    return Case(
        title="Marlow Kitchen: UK account",
        seller=SELLER,
        marketplace="amazon.co.uk",
        scope=Scope.ACCOUNT,
        violation_type=ViolationType.INAUTHENTIC,
        notice=_notice(received),
        sections=draft,
        notes=(f"Call with Sam Okafor at Brightline on {_day(received + timedelta(days=6))}: "
               "they can send their Korvan distributor agreement if Amazon asks for the full "
               "supply chain."),
        evidence=_evidence(received),
        submissions=[first, second],
        created_at=_at(received, 9, 12),
        updated_at=_at(today - timedelta(days=1), 10, 40),
    )


def seed_demo(store: CaseStore, today: date | None = None) -> Case:
    """Add the sample case to `store` and return it as stored (with its new id)."""
    (case_id,) = store.import_cases([demo_case(today)])
    return store.load(case_id)
