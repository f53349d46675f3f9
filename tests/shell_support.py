"""Helpers for the shell's UI tests: fixed sample cases, a fixed "today" and an app over tmp.

The cases cover every status the list colours (drafting, awaiting reply, needs revision,
documents needed, reinstated, closed and archived) with deadlines before, on and after
`TODAY`, so the day counts and colours in the snapshots never change with the calendar.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from poa_tui.domain.models import Case, Notice, Reply
from poa_tui.domain.vocab import Channel, Outcome, Scope, ViolationType
from poa_tui.storage.store import CaseStore
from poa_tui.tui.app import PoaApp, make_app

TODAY = date(2025, 3, 20)


def _noon(day: str) -> datetime:
    # Noon UTC is the same calendar day in every time zone from UTC-11 to UTC+11.
    return datetime.fromisoformat(f"{day}T12:00:00+00:00")


def _case(title: str, seller: str, market: str, violation: ViolationType, *,
          deadline: str | None = None, sent: tuple[str, ...] = (),
          replies: tuple[Outcome, ...] = (), scope: Scope = Scope.ACCOUNT,
          asins: tuple[str, ...] = (), orders: tuple[str, ...] = (),
          archived: bool = False, closed: bool = False) -> Case:
    case = Case(title=title, seller=seller, marketplace=market, violation_type=violation,
                scope=scope, archived=archived, closed=closed,
                notice=Notice(text=f"Notice about {title}.",
                              deadline=date.fromisoformat(deadline) if deadline else None,
                              asins=list(asins), order_ids=list(orders)))
    case.sections.root_cause = "Returns went back on sale without an inspection."
    for number, day in enumerate(sent):
        attempt = case.record_submission(Channel.ACCOUNT_HEALTH, when=_noon(day))
        if number < len(replies):
            attempt.reply = Reply(_noon(day), "Thank you for your appeal.", replies[number])
    return case


def sample_cases() -> list[Case]:
    """Eight cases, oldest first (the list shows the newest, id 8, at the top)."""
    return [
        _case("Listing policy: old bundle ASINs", "Oak Lane Kitchen", "amazon.fr",
              ViolationType.LISTING_POLICY, archived=True, closed=True),
        _case("Order defect rate 1.8 % in January", "Maple & Thread", "amazon.com",
              ViolationType.ORDER_DEFECT_RATE, deadline="2025-02-10",
              sent=("2025-02-05", "2025-02-27"),
              replies=(Outcome.INSUFFICIENT_POA, Outcome.REINSTATED)),
        _case("Pesticide claim on bamboo cutting boards", "Oak Lane Kitchen", "amazon.fr",
              ViolationType.RESTRICTED_PRODUCTS, scope=Scope.LISTING),
        _case("Related accounts: second storefront", "Sunrise Trading LLC", "amazon.com",
              ViolationType.RELATED_ACCOUNTS, deadline="2025-03-22", sent=("2025-03-10",),
              replies=(Outcome.DOCUMENTS_REQUESTED,)),
        _case("Used sold as new: restocked returns", "Blue Harbor Books", "amazon.ca",
              ViolationType.CONDITION_USED_SOLD_AS_NEW, deadline="2025-03-20",
              orders=("702-5523187-4410233",)),
        _case("Trademark claim on [Kestrel] phone cases", "Kestrel Mobile GmbH", "amazon.de",
              ViolationType.IP_TRADEMARK, scope=Scope.ASIN, deadline="2025-03-28",
              sent=("2025-03-12", "2025-03-19"), replies=(Outcome.DENIED,),
              asins=("B0C2KX7Q4M",)),
        _case("Late shipment rate 6.2 % (seller-fulfilled)", "Northwind Outdoor",
              "amazon.co.uk", ViolationType.LATE_SHIPMENT_RATE,
              scope=Scope.SELLER_FULFILLED_OFFERS, deadline="2025-03-18",
              sent=("2025-03-17",), replies=(Outcome.INSUFFICIENT_POA,),
              orders=("114-3941689-8772232",)),
        _case("Acme blender: inauthentic complaint", "Acme Home Goods", "amazon.com",
              ViolationType.INAUTHENTIC, deadline="2025-03-25", asins=("B07XJ8C8F5",)),
    ]


def seed(store: CaseStore) -> list[Case]:
    """Store the sample cases one by one (ids 1-8 in a new store)."""
    return [store.create(case) for case in sample_cases()]


def shell_app(tmp_path: Path, *, seeded: bool = True, settings: str | None = None,
              refresh_seconds: float | None = None) -> PoaApp:
    """An app over a store in `tmp_path`, with `TODAY` as its clock and its own settings file.

    `settings` is written to the settings file first (TOML text) when given.
    """
    store = CaseStore(tmp_path / "store")
    if seeded:
        seed(store)
    settings_path = tmp_path / "config" / "settings.toml"
    if settings is not None:
        settings_path.parent.mkdir(parents=True, exist_ok=True)
        settings_path.write_text(settings, encoding="utf-8")
    app = make_app(store=store, settings_path=settings_path, today=lambda: TODAY)
    if refresh_seconds is not None:
        app.refresh_seconds = refresh_seconds
    return app
