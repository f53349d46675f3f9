"""Synthetic but realistic stores for the benchmark: cases with three ~400-word sections and
three attempts, each with its snapshot and Amazon's reply (about 5,400 words a case)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from poa_tui.domain.models import Case, Notice, Reply, Request, Sections
from poa_tui.domain.vocab import Channel, Outcome, Scope, ViolationType
from poa_tui.storage.store import CaseStore

SENTENCES = [
    "On {d} our warehouse lead checked every unit of {asin} against the supplier's packing list.",
    "We traced {n} complaints to a single shipment that arrived with damaged outer cartons.",
    "Our listing described the item as new although {n} units had been returned and restocked.",
    "We removed {n} units from sale and asked for their disposal through the removal order tool.",
    "The operations manager now signs off each inbound shipment before it is listed.",
    "We refunded all {n} buyers in full on {d} and wrote to each of them personally.",
    "Invoices from our authorised distributor cover {n} units bought in the last twelve months.",
    "A second person now checks product titles and images against the brand's guidelines.",
    "We added a weekly audit of returns, graded by condition, owned by our returns clerk.",
    "Staff completed training on the condition guidelines on {d}, and the notes are on file.",
    "Since {d} every listing change passes a checklist kept in our shared drive.",
    "We stopped buying from the wholesaler that could not show an authorisation letter.",
]
WORDS_PER_SECTION = 400
REPLY = ("Hello,\n\nWe received your submission but do not have enough information to reactivate "
         "your account at this time. Please send:\n- Greater detail on the root causes\n"
         "- Greater detail on the actions taken\n\nSeller Performance Team")


def paragraph(rng: random.Random, words: int) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES).format(
            d=(date(2024, 1, 1) + timedelta(days=rng.randrange(300))).isoformat(),
            asin="B0" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8)),
            n=rng.randrange(2, 400),
        )
        prefix = "- " if rng.random() < 0.3 else ""
        out.append(prefix + sentence)
        count += len(sentence.split())
    return "\n\n".join(out)


def sections(rng: random.Random, words: int = WORDS_PER_SECTION) -> Sections:
    return Sections(paragraph(rng, words), paragraph(rng, words), paragraph(rng, words))


def make_case(rng: random.Random, number: int) -> Case:
    sent = datetime(2024, 3, 1, tzinfo=timezone.utc) + timedelta(days=rng.randrange(200))
    case = Case(
        title=f"Case {number:05d} {rng.choice(['kitchen', 'garden', 'toys', 'audio', 'books'])}",
        seller=f"Seller {rng.randrange(500)} Ltd",
        marketplace=rng.choice(["amazon.com", "amazon.co.uk", "amazon.de", "amazon.ca"]),
        scope=Scope.ACCOUNT,
        violation_type=rng.choice(list(ViolationType)),
        notice=Notice(text=REPLY, received=sent.date(), deadline=sent.date() + timedelta(days=17),
                      asins=[f"B0{number:08d}"], order_ids=[f"{rng.randrange(100, 999)}-1234567-7654321"]),
    )
    for attempt in range(3):
        case.sections = sections(rng)
        submission = case.record_submission(Channel.ACCOUNT_HEALTH,
                                            when=sent + timedelta(days=attempt * 6))
        submission.reply = Reply(received_at=submission.submitted_at + timedelta(days=2), text=REPLY,
                                 outcome=Outcome.INSUFFICIENT_POA,
                                 requests=[Request("Greater detail on the root causes")])
    case.sections = sections(rng)
    return case


def build_store(path: Path, count: int, seed: int = 7) -> CaseStore:
    rng = random.Random(seed)
    store = CaseStore(path)
    store.import_cases(make_case(rng, n) for n in range(count))
    store.summaries()
    return store


def long_poa(words: int = 5000, seed: int = 3) -> Sections:
    """A POA of about `words` words, in the shape writers use (paragraphs and lists)."""
    return sections(random.Random(seed), words // 3)


def editor_store(path: Path, words: int = 5000) -> tuple[CaseStore, int]:
    """A store holding one realistic case whose draft is a POA of about `words` words."""
    rng = random.Random(11)
    case = make_case(rng, 1)
    case.sections = long_poa(words)
    store = CaseStore(path)
    (case_id,) = store.import_cases([case])
    return store, case_id


def long_case_store(path: Path) -> tuple[CaseStore, int]:
    """P7 and P8's case: a 5,000-word section, two of 2,500 words, ten attempts sent."""
    rng = random.Random(17)
    case = make_case(rng, 1)
    for attempt in range(3, 10):
        case.sections = sections(rng)
        submission = case.record_submission(
            Channel.ACCOUNT_HEALTH, when=case.submissions[-1].submitted_at + timedelta(days=6))
        submission.reply = Reply(received_at=submission.submitted_at + timedelta(days=2),
                                 text=REPLY, outcome=Outcome.INSUFFICIENT_POA,
                                 requests=[Request("Greater detail on the root causes")])
    case.sections = Sections(paragraph(rng, 5000), paragraph(rng, 2500), paragraph(rng, 2500))
    store = CaseStore(path)
    (case_id,) = store.import_cases([case])
    return store, case_id
