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

from poa_tui.domain.vocab import SECTIONS, Channel, Outcome, Scope, Section, Status, ViolationType

_WORD = re.compile(r"\S+")

FIRST_YEAR = 1900
LAST_YEAR = 2999
"""Dates outside these years are refused when read: near year 1 or 9999 the clocks' sums (a
deadline's days left, a date in local time) overflow, and no appeal dates from then."""


class RecordError(ValueError):
    """A stored or imported record does not fit the model; the message names the field."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def usable_year(value: date) -> bool:
    """Whether a date (or a timestamp) falls within FIRST_YEAR..LAST_YEAR."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


YEARS_MESSAGE = f"dates must fall between the years {FIRST_YEAR} and {LAST_YEAR}"


def _in_range(value: date, text: object) -> None:
    if not usable_year(value):
        raise RecordError(f"{str(text)[:40]!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}")


def parse_datetime(value: str | datetime | None) -> datetime | None:
    """Read an ISO-8601 timestamp; a naive one is taken as UTC. Raises `ValueError` for text
    that is no timestamp and for a year outside FIRST_YEAR..LAST_YEAR."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        stamp = value
    elif isinstance(value, str):
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    else:
        raise RecordError(f"expected a date and time as text, not {_kind(value)}")
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    _in_range(stamp, value)
    return stamp.astimezone(timezone.utc)


def parse_date(value: str | date | None) -> date | None:
    """Read an ISO-8601 date (a timestamp's date part); `ValueError` as `parse_datetime`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        day = date.fromisoformat(value[:10])
    else:
        raise RecordError(f"expected a date as text, not {_kind(value)}")
    _in_range(day, value)
    return day


def _kind(value: object) -> str:
    """How a JSON value is called in a message: "a number", "a list"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {int: "a number", float: "a decimal number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


class Fields:
    """Typed access to one JSON object of a record, refusing values of the wrong type.

    A field left out or null takes its default; anything else must have the model's type
    (`"archived": "false"` is refused, not read as true). Errors name the field's path,
    e.g. `submissions[2].number`.
    """

    def __init__(self, data: object, where: str = "") -> None:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise RecordError(f"{f'`{where}`' if where else 'the record'} should be an object, "
                              f"not {_kind(data)}")
        self.data: dict[str, Any] = data
        self.where = where

    def path(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def fail(self, name: str, problem: str) -> RecordError:
        return RecordError(f"`{self.path(name)}` {problem}")

    def text(self, name: str) -> str:
        value = self.data.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(name, f"should be text, not {_kind(value)}")
        return value

    def optional_text(self, name: str) -> str | None:
        return self.text(name) if self.data.get(name) is not None else None

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.data.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(name, f"should be true or false, not {_kind(value)}")
        return value

    def number(self, name: str, low: int, high: int, default: int | None = None) -> int:
        value = self.data.get(name)
        if value is None and default is not None:
            return default
        if type(value) is not int:
            raise self.fail(name, f"should be a whole number, not {_kind(value)}")
        if not low <= value <= high:
            raise self.fail(name, f"should be between {low} and {high}, not {value}")
        return value

    def optional_number(self, name: str, low: int, high: int) -> int | None:
        return None if self.data.get(name) is None else self.number(name, low, high)

    def choice(self, name: str, kind: type[Any], default: Any) -> Any:
        value = self.data.get(name)
        if value is None or value == "":
            return default
        try:
            return kind(value)
        except ValueError:
            raise self.fail(name, f"holds {str(value)[:40]!r}, which poa-tui does not know"
                            ) from None

    def stamp(self, name: str) -> datetime | None:
        try:
            return parse_datetime(self.data.get(name))
        except (ValueError, OverflowError) as error:
            raise self.fail(name, f"is not a usable date and time: {error}") from None

    def day(self, name: str) -> date | None:
        try:
            return parse_date(self.data.get(name))
        except (ValueError, OverflowError) as error:
            raise self.fail(name, f"is not a usable date: {error}") from None

    def items(self, name: str) -> list[Any]:
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(name, f"should be a list, not {_kind(value)}")
        return value

    def texts(self, name: str) -> list[str]:
        values = self.items(name)
        for number, value in enumerate(values):
            if not isinstance(value, str):
                raise self.fail(f"{name}[{number}]", f"should be text, not {_kind(value)}")
        return list(values)

    def objects(self, name: str) -> list[Fields]:
        return [Fields(item, self.path(f"{name}[{number}]"))
                for number, item in enumerate(self.items(name))]

    def object(self, name: str) -> Fields:
        return Fields(self.data.get(name), self.path(name))


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
    def from_dict(cls, data: dict[str, Any] | None, where: str = "sections") -> Sections:
        fields = Fields(data, where)
        return cls(**{s.value: fields.text(s.value) for s in SECTIONS})


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
    def from_dict(cls, data: dict[str, Any] | Fields) -> Metric:
        fields = data if isinstance(data, Fields) else Fields(data, "metric")
        return cls(name=fields.text("name"), value=fields.text("value"),
                   target=fields.optional_text("target"), period=fields.optional_text("period"))


MAX_APPEALS = 99
"""The largest appeal limit a notice may state."""
MAX_ATTEMPT = 9999
"""The largest attempt number a case's history may hold."""


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
    def from_dict(cls, data: dict[str, Any] | None, where: str = "notice") -> Notice:
        fields = Fields(data, where)
        return cls(
            text=fields.text("text"),
            received=fields.day("received"),
            deadline=fields.day("deadline"),
            asins=fields.texts("asins"),
            order_ids=fields.texts("order_ids"),
            complaint_ids=fields.texts("complaint_ids"),
            case_ids=fields.texts("case_ids"),
            metrics=[Metric.from_dict(m) for m in fields.objects("metrics")],
            appeal_limit=fields.optional_number("appeal_limit", 1, MAX_APPEALS),
            language=fields.optional_text("language"),
        )


REQUEST_KINDS = ("detail", "document", "action", "call")


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
    def from_dict(cls, data: dict[str, Any] | Fields) -> Request:
        fields = data if isinstance(data, Fields) else Fields(data, "request")
        kind = fields.text("kind") or "detail"
        if kind not in REQUEST_KINDS:
            raise fields.fail("kind", f"holds {kind[:40]!r}, which poa-tui does not know")
        return cls(text=fields.text("text"), kind=kind, done=fields.flag("done"),
                   within=fields.optional_text("within"))


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
    def from_dict(cls, data: dict[str, Any] | None, where: str = "reply") -> Reply | None:
        if data is None or data == {}:
            return None
        fields = Fields(data, where)
        return cls(
            received_at=fields.stamp("received_at") or utcnow(),
            text=fields.text("text"),
            outcome=fields.choice("outcome", Outcome, Outcome.ACKNOWLEDGED),
            requests=[Request.from_dict(r) for r in fields.objects("requests")],
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
    def from_dict(cls, data: dict[str, Any] | Fields, position: int | None = None) -> Submission:
        """`position` (counted from 1) stands in for a number left out."""
        fields = data if isinstance(data, Fields) else Fields(data, "submission")
        return cls(
            number=fields.number("number", 1, MAX_ATTEMPT, default=position),
            submitted_at=fields.stamp("submitted_at") or utcnow(),
            channel=fields.choice("channel", Channel, Channel.ACCOUNT_HEALTH),
            sections=Sections.from_dict(fields.data.get("sections"), fields.path("sections")),
            note=fields.text("note"),
            reply=Reply.from_dict(fields.data.get("reply"), fields.path("reply")),
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
    def from_dict(cls, data: dict[str, Any] | Fields) -> EvidenceItem:
        fields = data if isinstance(data, Fields) else Fields(data, "evidence item")
        return cls(label=fields.text("label"), done=fields.flag("done"),
                   note=fields.text("note"), key=fields.text("key"))


MAX_CASE_ID = 2**53
"""Case ids and revisions stay within what any JSON reader holds exactly."""


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
        """Build a case from stored or imported data; fields left out take their defaults.

        This is the one check every record passes on its way in (a case file, an import, a
        restore): a value of the wrong type or out of range raises `RecordError` naming it.
        """
        now = utcnow()
        fields = Fields(data)
        submissions = [Submission.from_dict(attempt, position)
                       for position, attempt in enumerate(fields.objects("submissions"), 1)]
        numbers = [attempt.number for attempt in submissions]
        if len(set(numbers)) != len(numbers):
            twice = next(n for n in numbers if numbers.count(n) > 1)
            raise fields.fail("submissions", f"number attempt {twice} more than once")
        return cls(
            id=fields.number("id", 0, MAX_CASE_ID, default=0),
            title=fields.text("title"),
            seller=fields.text("seller"),
            marketplace=fields.text("marketplace"),
            scope=fields.choice("scope", Scope, Scope.ACCOUNT),
            violation_type=fields.choice("violation_type", ViolationType, ViolationType.OTHER),
            notice=Notice.from_dict(data.get("notice")),
            sections=Sections.from_dict(data.get("sections")),
            notes=fields.text("notes"),
            evidence=[EvidenceItem.from_dict(e) for e in fields.objects("evidence")],
            submissions=submissions,
            archived=fields.flag("archived"),
            closed=fields.flag("closed"),
            created_at=fields.stamp("created_at") or now,
            updated_at=fields.stamp("updated_at") or now,
            revision=fields.number("revision", 0, MAX_CASE_ID, default=0),
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
