"""One row per case for the case list, kept in the store's index so the list opens fast."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property
from typing import Any

from poa_tui.domain.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Case,
    RecordError,
    parse_date,
    parse_datetime,
)
from poa_tui.domain.vocab import Channel, Outcome, Status

_STATUSES = {status.value: status for status in Status}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_CHANNELS = {channel.value: channel for channel in Channel}


def _stamp(value: Any) -> datetime | None:
    """A timestamp from an index row. `to_row` writes UTC ISO 8601, which `fromisoformat` reads
    straight away (the list reads thousands at start); anything else goes the general way."""
    if type(value) is str:
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            return parse_datetime(value)
        if stamp.tzinfo is timezone.utc and FIRST_YEAR <= stamp.year <= LAST_YEAR:
            return stamp
    return parse_datetime(value)


def _count(value: Any) -> int | None:
    if value is None or type(value) is int:
        return value
    raise RecordError(f"expected a whole number, not {str(value)[:20]!r}")


@dataclass
class CaseSummary:
    id: int
    title: str
    seller: str
    marketplace: str
    violation_type: str
    scope: str
    status: Status
    attempts: int
    last_submitted_at: datetime | None
    last_outcome: Outcome | None
    deadline: date | None
    appeal_limit: int | None
    archived: bool
    created_at: datetime
    updated_at: datetime
    asins: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    revision: int = 0
    last_channel: Channel | None = None
    """Where the last attempt went: an unanswered escalation is chased, not escalated again."""
    damaged: str = ""
    """Why the case file cannot be read, for a row that stands in for a damaged case (its
    title is what could still be read, its other fields are defaults); "" for a sound case."""

    @classmethod
    def of_damaged(cls, case_id: int, title: str, reason: str,
                   changed_at: datetime) -> CaseSummary:
        """The row of a case whose file cannot be read, so the list can say so."""
        return cls(id=case_id, title=title, seller="", marketplace="", violation_type="other",
                   scope="account", status=Status.DRAFTING, attempts=0, last_submitted_at=None,
                   last_outcome=None, deadline=None, appeal_limit=None, archived=False,
                   created_at=changed_at, updated_at=changed_at, damaged=reason)

    @classmethod
    def of(cls, case: Case) -> CaseSummary:
        last = case.last_submission
        return cls(
            id=case.id,
            title=case.title,
            seller=case.seller,
            marketplace=case.marketplace,
            violation_type=case.violation_type.value,
            scope=case.scope.value,
            status=case.status,
            attempts=len(case.submissions),
            last_submitted_at=last.submitted_at if last else None,
            last_outcome=last.reply.outcome if last and last.reply else None,
            deadline=case.notice.deadline,
            appeal_limit=case.notice.appeal_limit,
            archived=case.archived,
            created_at=case.created_at,
            updated_at=case.updated_at,
            asins=list(case.notice.asins),
            order_ids=list(case.notice.order_ids),
            revision=case.revision,
            last_channel=last.channel if last else None,
        )

    @property
    def last_activity(self) -> datetime:
        if self.last_submitted_at and self.last_submitted_at > self.updated_at:
            return self.last_submitted_at
        return self.updated_at

    @cached_property
    def haystack(self) -> str:
        """What the list's filter searches, casefolded: title, seller, ASINs and order ids.

        Made once per summary, so filtering 5,000 cases is 5,000 substring tests (~1 ms).
        """
        return " ".join([self.title, self.seller, *self.asins, *self.order_ids]).casefold()

    def matches(self, needle: str) -> bool:
        """Case-insensitive match on title, seller, ASINs and order ids (the list's filter)."""
        return needle.strip().casefold() in self.haystack

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        for key in ("last_submitted_at", "created_at", "updated_at", "deadline"):
            row[key] = row[key].isoformat() if row[key] else None
        row["status"] = self.status.value
        row["last_outcome"] = self.last_outcome.value if self.last_outcome else None
        row["last_channel"] = self.last_channel.value if self.last_channel else None
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CaseSummary:
        """A row of the index; `RecordError` when it is not one poa-tui wrote (the index is a
        cache: such a row is read again from its case file)."""
        try:
            summary = cls._from_row(row)
        except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
            raise RecordError(f"an index row does not fit: {error}") from None
        if summary.created_at is None or summary.updated_at is None or summary.damaged:
            raise RecordError("an index row lacks its dates")
        return summary

    @classmethod
    def _from_row(cls, row: dict[str, Any]) -> CaseSummary:
        return cls(
            id=_count(row["id"]) or 0,
            title=str(row.get("title", "")),
            seller=str(row.get("seller", "")),
            marketplace=str(row.get("marketplace", "")),
            violation_type=str(row.get("violation_type", "other")),
            scope=str(row.get("scope", "account")),
            status=_STATUSES.get(row.get("status")) or Status(row.get("status", Status.DRAFTING)),
            attempts=_count(row.get("attempts", 0)) or 0,
            last_submitted_at=_stamp(row.get("last_submitted_at")),
            last_outcome=(_OUTCOMES.get(row["last_outcome"]) or Outcome(row["last_outcome"])
                          if row.get("last_outcome") else None),
            deadline=parse_date(row.get("deadline")),
            appeal_limit=_count(row.get("appeal_limit")),
            archived=row.get("archived") is True,
            created_at=_stamp(row.get("created_at")),  # type: ignore[arg-type]
            updated_at=_stamp(row.get("updated_at")),  # type: ignore[arg-type]
            asins=[item for item in row.get("asins") or [] if isinstance(item, str)],
            order_ids=[item for item in row.get("order_ids") or [] if isinstance(item, str)],
            revision=_count(row.get("revision", 0)) or 0,
            last_channel=_CHANNELS.get(row.get("last_channel")),  # type: ignore[arg-type]
        )
