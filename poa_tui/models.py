"""The domain model: a case, its notice, its draft and every attempt sent to Amazon.

Plain dataclasses with `to_dict`/`from_dict` for storage and `--json` output. Timestamps are
timezone-aware UTC datetimes (ISO-8601 strings on disk); dates are `datetime.date`.
No Textual here: the CLI, the TUI and the tests all use these types directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any, Iterator

from .vocab import SECTIONS, Channel, Outcome, Scope, Section, Status, ViolationType

_WORD = re.compile(r"\S+")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def parse_datetime(value: str | datetime | None) -> datetime | None:
    """Read an ISO-8601 timestamp; a naive one is taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        stamp = value
    else:
        stamp = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc)


def parse_date(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass
class Sections:
    """The three POA sections as Markdown."""

    root_cause: str = ""
    immediate_remedy: str = ""
    systematic_changes: str = ""

    def __getitem__(self, section: Section | str) -> str:
        return getattr(self, Section(section).value)

    def __setitem__(self, section: Section | str, text: str) -> None:
        setattr(self, Section(section).value, text)

    def items(self) -> Iterator[tuple[Section, str]]:
        for section in SECTIONS:
            yield section, self[section]

    def with_text(self, section: Section | str, text: str) -> Sections:
        return replace(self, **{Section(section).value: text})

    def is_empty(self) -> bool:
        return not any(text.strip() for _, text in self.items())

    def to_dict(self) -> dict[str, str]:
        return {section.value: text for section, text in self.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Sections:
        data = data or {}
        return cls(**{s.value: str(data.get(s.value) or "") for s in SECTIONS})


@dataclass
class Metric:
    """A figure quoted in a notice, e.g. an order defect rate of 2.1 % against a 1 % target."""

    name: str
    value: str
    target: str | None = None
    period: str | None = None
    """The window the figure covers ("10 days", "30 days") when the notice names one."""

    def to_dict(self) -> dict[str, Any]:
        data = {"name": self.name, "value": self.value, "target": self.target}
        return data | ({"period": self.period} if self.period else {})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metric:
        period = data.get("period")
        return cls(name=str(data.get("name", "")), value=str(data.get("value", "")),
                   target=data.get("target"), period=str(period) if period else None)


@dataclass
class Notice:
    """Amazon's notice and what was read from it."""

    text: str = ""
    received: date | None = None
    deadline: date | None = None
    asins: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    complaint_ids: list[str] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    appeal_limit: int | None = None
    """How many attempts the notice allows before the decision becomes final, when it says."""
    language: str | None = None
    """The ISO 639-1 code of the language the notice is written in, when it was told."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "received": _iso(self.received),
            "deadline": _iso(self.deadline),
            "asins": list(self.asins),
            "order_ids": list(self.order_ids),
            "complaint_ids": list(self.complaint_ids),
            "case_ids": list(self.case_ids),
            "metrics": [m.to_dict() for m in self.metrics],
            "appeal_limit": self.appeal_limit,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Notice:
        data = data or {}
        return cls(
            text=str(data.get("text") or ""),
            received=parse_date(data.get("received")),
            deadline=parse_date(data.get("deadline")),
            asins=[str(a) for a in data.get("asins") or []],
            order_ids=[str(o) for o in data.get("order_ids") or []],
            complaint_ids=[str(c) for c in data.get("complaint_ids") or []],
            case_ids=[str(c) for c in data.get("case_ids") or []],
            metrics=[Metric.from_dict(m) for m in data.get("metrics") or []],
            appeal_limit=data.get("appeal_limit"),
            language=data["language"] if isinstance(data.get("language"), str) else None,
        )


@dataclass
class Request:
    """One thing Amazon asked for in a reply: more detail, a document, an action or a call."""

    text: str
    kind: str = "detail"
    """`detail`, `document`, `action` or `call`."""
    done: bool = False
    within: str | None = None
    """The time Amazon gave for it ("14 days", "72 hours"), when the reply names one."""

    def to_dict(self) -> dict[str, Any]:
        data = {"text": self.text, "kind": self.kind, "done": self.done}
        return data | ({"within": self.within} if self.within else {})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Request:
        within = data.get("within")
        return cls(text=str(data.get("text", "")), kind=str(data.get("kind") or "detail"),
                   done=bool(data.get("done", False)), within=str(within) if within else None)


@dataclass
class Reply:
    """Amazon's answer to one attempt."""

    received_at: datetime
    text: str
    outcome: Outcome
    requests: list[Request] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "received_at": _iso(self.received_at),
            "text": self.text,
            "outcome": self.outcome.value,
            "requests": [r.to_dict() for r in self.requests],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Reply | None:
        if not data:
            return None
        return cls(
            received_at=parse_datetime(data.get("received_at")) or utcnow(),
            text=str(data.get("text") or ""),
            outcome=Outcome(data.get("outcome") or Outcome.ACKNOWLEDGED),
            requests=[Request.from_dict(r) for r in data.get("requests") or []],
        )


@dataclass
class Submission:
    """One attempt: exactly what was sent, where and when, and Amazon's reply.

    `sections` is a snapshot taken when the attempt was recorded and is never edited afterwards.
    """

    number: int
    submitted_at: datetime
    channel: Channel
    sections: Sections
    note: str = ""
    reply: Reply | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "submitted_at": _iso(self.submitted_at),
            "channel": self.channel.value,
            "sections": self.sections.to_dict(),
            "note": self.note,
            "reply": self.reply.to_dict() if self.reply else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Submission:
        return cls(
            number=int(data.get("number") or 0),
            submitted_at=parse_datetime(data.get("submitted_at")) or utcnow(),
            channel=Channel(data.get("channel") or Channel.ACCOUNT_HEALTH),
            sections=Sections.from_dict(data.get("sections")),
            note=str(data.get("note") or ""),
            reply=Reply.from_dict(data.get("reply")),
        )


@dataclass
class EvidenceItem:
    """A document or proof the appeal needs, ticked off when it is in hand."""

    label: str
    done: bool = False
    note: str = ""
    key: str = ""
    """Id of the guidance item it was seeded from; empty for items the user added."""

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "done": self.done, "note": self.note, "key": self.key}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvidenceItem:
        return cls(label=str(data.get("label", "")), done=bool(data.get("done", False)),
                   note=str(data.get("note") or ""), key=str(data.get("key") or ""))


@dataclass
class Case:
    """One suspension: the notice, the draft POA and every attempt with Amazon's reply."""

    id: int = 0
    title: str = ""
    seller: str = ""
    marketplace: str = ""
    scope: Scope = Scope.ACCOUNT
    violation_type: ViolationType = ViolationType.OTHER
    notice: Notice = field(default_factory=Notice)
    sections: Sections = field(default_factory=Sections)
    notes: str = ""
    evidence: list[EvidenceItem] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    archived: bool = False
    closed: bool = False
    """Closed by hand (given up, or won and filed away)."""
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    revision: int = 0
    """Bumped by the store on every write; used to detect a write from another process."""

    @property
    def status(self) -> Status:
        return derive_status(self)

    @property
    def asins(self) -> list[str]:
        return self.notice.asins

    @property
    def order_ids(self) -> list[str]:
        return self.notice.order_ids

    @property
    def last_submission(self) -> Submission | None:
        return self.submissions[-1] if self.submissions else None

    def submission(self, number: int) -> Submission:
        for attempt in self.submissions:
            if attempt.number == number:
                return attempt
        raise KeyError(number)

    def record_submission(self, channel: Channel, when: datetime | None = None,
                          note: str = "") -> Submission:
        """Snapshot the current draft as a new attempt and return it."""
        number = max((s.number for s in self.submissions), default=0) + 1
        attempt = Submission(number=number, submitted_at=when or utcnow(), channel=channel,
                             sections=replace(self.sections), note=note)
        self.submissions.append(attempt)
        return attempt

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "seller": self.seller,
            "marketplace": self.marketplace,
            "scope": self.scope.value,
            "violation_type": self.violation_type.value,
            "status": self.status.value,
            "notice": self.notice.to_dict(),
            "sections": self.sections.to_dict(),
            "notes": self.notes,
            "evidence": [e.to_dict() for e in self.evidence],
            "submissions": [s.to_dict() for s in self.submissions],
            "archived": self.archived,
            "closed": self.closed,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "revision": self.revision,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Case:
        """Build a case from stored or imported data; fields left out take their defaults."""
        now = utcnow()
        return cls(
            id=int(data.get("id") or 0),
            title=str(data.get("title") or ""),
            seller=str(data.get("seller") or ""),
            marketplace=str(data.get("marketplace") or ""),
            scope=Scope(data.get("scope") or Scope.ACCOUNT),
            violation_type=ViolationType(data.get("violation_type") or ViolationType.OTHER),
            notice=Notice.from_dict(data.get("notice")),
            sections=Sections.from_dict(data.get("sections")),
            notes=str(data.get("notes") or ""),
            evidence=[EvidenceItem.from_dict(e) for e in data.get("evidence") or []],
            submissions=[Submission.from_dict(s) for s in data.get("submissions") or []],
            archived=bool(data.get("archived", False)),
            closed=bool(data.get("closed", False)),
            created_at=parse_datetime(data.get("created_at")) or now,
            updated_at=parse_datetime(data.get("updated_at")) or now,
            revision=int(data.get("revision") or 0),
        )


_STATUS_AFTER_REPLY = {
    Outcome.REINSTATED: Status.REINSTATED,
    Outcome.INSUFFICIENT_POA: Status.NEEDS_REVISION,
    Outcome.DENIED: Status.NEEDS_REVISION,
    Outcome.DOCUMENTS_REQUESTED: Status.DOCUMENTS_NEEDED,
    Outcome.ACTION_REQUIRED: Status.ACTION_REQUIRED,
    Outcome.FINAL: Status.CLOSED,
    Outcome.ACKNOWLEDGED: Status.AWAITING_REPLY,
}


def derive_status(case: Case) -> Status:
    """Where the case stands, read from its history."""
    if case.closed:
        return Status.CLOSED
    last = case.last_submission
    if last is None:
        return Status.DRAFTING
    if last.reply is None:
        return Status.AWAITING_REPLY
    return _STATUS_AFTER_REPLY[last.reply.outcome]
