"""Read a pasted Amazon notice: violation type, marketplace, scope, dates, ids and metrics.

`parse_notice` never raises and stays linear on hostile input: escape sequences and control
characters become spaces first, every pattern uses bounded repeats, and the steps that look at
candidates in context stop after a fixed number. Dates, deadlines and the appeal limit are read
by `notice_dates` (its docstring gives the rules); ids and the marketplace by `identifiers`.

Violation type: each rule (a phrase, a help-page id, an "Infringement type:" line) adds its
weight for up to three hits; the type with the highest score wins if it reaches 4. A text that
names Amazon and a policy action but fits no type is `other`; any other text gives None, so the
UI can say the notice was not recognised.
"""

from __future__ import annotations

import datetime
import functools
import heapq
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Iterator

from poa_tui.domain import identifiers
from poa_tui.domain import notice_phrases_i18n as i18n
from poa_tui.domain.identifiers import ascii_lower
from poa_tui.domain.language import READ_LANGUAGES, detect_language, language_name
from poa_tui.domain.models import Metric, Notice
from poa_tui.domain.notice_dates import (
    MAX_CANDIDATES,
    DateReader,
    find_appeal_limit,
    find_deadline_moment,
    find_notice_moment,
    snippet,
)
from poa_tui.domain.notice_parties import find_parties
from poa_tui.domain.readable import readable_text
from poa_tui.domain.vocab import Scope, ViolationType

__all__ = ["ParsedNotice", "Unread", "clean_text", "parse_notice"]

_I = re.IGNORECASE

# ---------------------------------------------------------------------------------- cleaning
_CONTROL = re.compile(r"\x1b\[[0-?]{0,64}[ -/]{0,8}[@-~]|\x1b\][^\x07\x1b\n]{0,2048}(?:\x07|\x1b\\)"
                      r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
                      r"|[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_NEWLINE = re.compile(r"\r\n?|[\u2028\u2029]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def clean_text(text: str) -> str:
    """`text` with escape sequences, control characters and odd spaces turned into plain spaces."""
    text = _NEWLINE.sub("\n", text)
    return _TRAILING.sub("", _CONTROL.sub(" ", text))


# ---------------------------------------------------------------------------------- phrases
_LEADING_GROUP = re.compile(r"\(\?:([^\W_]?[\w '|-]*)\)(?![?*+{])")


def _alternatives(pattern: str) -> list[str]:
    """`pattern` split at its top-level `|`, with a leading `(?:a|b)` group spread out."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 2 if char == "\\" else 1
    parts.append(pattern[start:])
    spread = []
    for part in parts:
        group = _LEADING_GROUP.match(part)
        spread.extend([alt + part[group.end():] for alt in group.group(1).split("|")]
                      if group else [part])
    return spread


class _Phrases:
    """A lower-case pattern searched as alternatives that each open with a literal word.

    Python's regex engine jumps straight to a literal prefix but tries every branch of an
    alternation at every position: on a megabyte this is ~0.3 ms per branch instead of ~25 ms.
    A leading `\\b` is checked by hand for the same reason.
    """

    def __init__(self, pattern: str) -> None:
        self.parts = []
        for alt in _alternatives(pattern):
            bounded = alt.startswith(r"\b")
            alt = alt[2:] if bounded else alt
            if not alt[:1].isalnum():
                raise ValueError(f"phrase must open with a letter or digit: {alt!r}")
            self.parts.append((re.compile(alt), bounded))

    def _run(self, rx: re.Pattern[str], bounded: bool, low: str) -> Iterator[re.Match[str]]:
        for _, match in zip(range(MAX_CANDIDATES), rx.finditer(low)):
            at = match.start()
            if not (bounded and at and (low[at - 1].isalnum() or low[at - 1] == "_")):
                yield match

    def finditer(self, low: str) -> Iterator[re.Match[str]]:
        """Matches in text order (at most MAX_CANDIDATES tried per branch)."""
        return heapq.merge(*(self._run(rx, b, low) for rx, b in self.parts),
                           key=lambda m: m.start())

    def search(self, low: str) -> re.Match[str] | None:
        return next(self.finditer(low), None)


# ----------------------------------------------------------------------------- classification
V = ViolationType
_RULES: dict[ViolationType, list[tuple[int, str]]] = {
    V.INAUTHENTIC: [
        (6, r"infringement type:? ?counterfeit|complaint type:? ?(?:inauthentic|counterfeit)"),
        (4, r"\binauthentic|\bcounterfeit|\bauthenticity\b|\bnot authentic\b|201165970(?!\d)")],
    V.IP_TRADEMARK: [
        (6, r"infringement type:? ?trademark|trademark (?:registration )?number ?:"),
        (4, r"trademark (?:infringement|violation|rights|owner)|registered trademark"
            r"|infring\w* (?:on |upon )?(?:their|the|a) (?:registered )?trademark"),
        (2, r"\btrademarks?\b")],
    V.IP_COPYRIGHT: [
        (6, r"infringement type:? ?copyright"),
        (4, r"copyright (?:infringement|owner|holder|rights)|\bdmca\b"
            r"|infring\w* (?:on |upon )?(?:their|the|a) copyright"),
        (2, r"\bcopyright")],
    V.IP_PATENT: [
        (6, r"infringement type:? ?(?:utility |design )?patent|patent (?:number|no\.?) ?:"),
        (4, r"patent (?:infringement|owner|holder|rights)|neutral (?:patent )?evaluation|\bapex\b"
            r"|infring\w* (?:on |upon )?(?:their|the|a) (?:utility |design )?patent"),
        (2, r"\bpatent")],
    V.CONDITION_USED_SOLD_AS_NEW: [
        (6, r"used (?:items?|products?|goods)?(?: being| were| was)? sold as new"
            r"|complaint type:? ?(?:used|condition)"),
        (4, r"(?:did not|didn't|do not) (?:accurately )?match the (?:stated )?(?:condition"
            r"|description)|condition (?:complaints?|guidelines)")],
    V.PRODUCT_SAFETY: [
        (6, r"4qudflrx8gbfpvv|complaint type:? ?(?:product )?safety"),
        (4, r"product safety|safety (?:concerns?|complaints?|issues?|risks?|requirements)"
            r"|\brecall(?:ed|s)?\b|\bcpsc\b|children'?s product certificate|\bunsafe\b")],
    V.RESTRICTED_PRODUCTS: [
        (6, r"200164330(?!\d)"),
        (4, r"restricted products?|prohibited products?|\bpesticides?\b"
            r"|not (?:permitted|allowed) for sale")],
    V.ORDER_DEFECT_RATE: [
        (6, r"200285170(?!\d)|order defect rate|\bodr\b"),
        (1, r"a-to-z|negative feedback|chargeback")],
    V.LATE_SHIPMENT_RATE: [
        (6, r"late (?:shipment|dispatch) rate"),
        (4, r"(?:shipped|dispatched) late|late (?:shipments?|dispatch)\b")],
    V.CANCELLATION_RATE: [
        (6, r"cancel(?:lation)? rate"),
        (3, r"cancell?ed by (?:the )?seller|seller-cancell?ed")],
    V.VALID_TRACKING_RATE: [
        (6, r"valid tracking rate|\bvtr\b"),
        (3, r"valid tracking")],
    V.REVIEW_MANIPULATION: [
        (6, r"review manipulation|product reviews? polic(?:y|ies)"),
        (4, r"manipulat\w*[^.]{0,40}?\b(?:reviews?|ratings?|sales rank)|reviews? abuse|sales rank"
            r"|incentivi[sz]ed reviews?|(?:fake|paid|compensated) reviews?"),
        (1, r"\breviews?\b")],
    V.RELATED_ACCOUNTS: [
        (6, r"related to (?:another|an?|other|a separate) (?:\w+ )?(?:selling |seller )?accounts?"),
        (4, r"(?:separate|second|another|multiple|linked|related) (?:selling|seller) accounts?"
            r"|have a separate account")],
    V.SECTION3_VERIFICATION: [
        (6, r"identity verification|verify (?:your|the) identity|seller verification"),
        (4, r"(?:could not|cannot|can't|unable to) (?:be )?verif|know your customer|\bkyc\b"
            r"|verify the information you")],
    V.DROP_SHIPPING: [
        (6, r"drop[- ]?ship"),
        (3, r"seller of record")],
    V.LISTING_POLICY: [
        (6, r"listing polic(?:y|ies)|detail page (?:rules|polic(?:y|ies)|abuse|tampering)"),
        (4, r"code of conduct|keyword stuffing|search terms? (?:policy|abuse)|excessive"
            r" (?:contacts?|cases?)|inaccurate (?:product )?(?:information|keywords"
            r"|categori[sz]ation)|variation (?:policy|abuse)|misleading (?:title|claims?)")],
}
_RULE_PHRASES = [(kind, weight, _Phrases(pattern))
                 for kind, rules in _RULES.items() for weight, pattern in rules]
_ABOUT_AMAZON = _Phrases(r"amazon|seller ?central")
_ABOUT_POLICY = _Phrases(r"deactivat|suspen|polic(?:y|ies)|violat|selling privileges"
                         r"|account health|seller performance|complaint|reinstat|appeal"
                         r"|blocked|removed")
_CLASSIFY_MIN = 4
_REPEATS_COUNTED = 3


@functools.lru_cache(maxsize=16)
def _language_table(language: str | None) -> dict[str, list[tuple[Any, ...]]]:
    """The phrase tables of `notice_phrases_i18n` for `language`, compiled; empty for English."""
    table = i18n.TABLES.get(language or "", {})

    def compiled(pattern: str) -> _Phrases:
        if language in i18n.UNSPACED:
            return _Phrases(pattern)
        return _Phrases("|".join(r"\b" + alt for alt in _alternatives(pattern)))

    return {
        "types": [(ViolationType(kind), weight, compiled(pattern))
                  for kind, weight, pattern in table.get("types", [])],
        "scopes": [(Scope(scope), compiled(pattern)) for scope, pattern in table.get("scopes", [])],
        "metrics": [(name, compiled(pattern)) for name, pattern in table.get("metrics", [])],
        "targets": [re.compile("(?:" + "|".join(table["targets"]) + ")[^0-9%\n]{0,14}$", _I),
                    re.compile("[ \t]*(?:'\\w{1,4}[ \t]*)?(?:"
                               + "|".join(table.get("targets_after", ["(?!)"])) + ")", _I)]
        if table.get("targets") else [],
    }


def classify(flat: str, low: str, language: str | None = None
             ) -> tuple[ViolationType, str] | None:
    """The violation type with the highest score, `other` for an unrecognised Amazon policy
    notice, None when the text does not look like one. `low` is `ascii_lower(flat)`; the
    phrases of `language`, when poa-tui has them, count beside the English ones."""
    scores: dict[ViolationType, int] = {}
    first: dict[ViolationType, tuple[int, re.Match[str]]] = {}
    for kind, weight, phrases in _RULE_PHRASES + _language_table(language)["types"]:
        hits = list(islice(phrases.finditer(low), _REPEATS_COUNTED))
        if hits:
            scores[kind] = scores.get(kind, 0) + weight * len(hits)
            if kind not in first or weight > first[kind][0]:
                first[kind] = (weight, hits[0])
    best = max(scores.values(), default=0)
    if best >= _CLASSIFY_MIN:
        kind = next(k for k in ViolationType if scores.get(k) == best)
        match = first[kind][1]
        return kind, snippet(flat, match.start(), match.end())
    if _ABOUT_AMAZON.search(low) and (policy := _ABOUT_POLICY.search(low)):
        return V.OTHER, snippet(flat, policy.start(), policy.end())
    return None


# ------------------------------------------------------------------------------------- scope
_SCOPES: list[tuple[Scope, _Phrases]] = [
    (Scope.SELLER_FULFILLED_OFFERS, _Phrases(
        r"seller[- ]fulfill?ed (?:offers|listings)[^.]{0,60}?\b(?:deactivated|removed|suspended"
        r"|disabled)|(?:deactivated|removed|suspended|disabled)[^.]{0,40}?\bseller[- ]fulfill?ed"
        r" (?:offers|listings)")),
    (Scope.ACCOUNT, _Phrases(
        r"(?:selling|seller) account (?:has been|was|is|remains) (?:now )?(?:deactivated"
        r"|suspended|blocked)|(?:removed|suspended|deactivated) your (?:amazon[^ ]* )?(?:selling"
        r" privileges|seller account|selling account|account)|selling privileges (?:have been"
        r"|were|are|remain) (?:removed|suspended|deactivated|revoked)|\baccount (?:has been|was"
        r"|is|remains) (?:now )?(?:deactivated|suspended)")),
    (Scope.ACCOUNT_AT_RISK, _Phrases(
        r"(?:account|you) (?:is|are) (?:now |currently )?at risk of (?:being )?(?:deactivat"
        r"|suspen|los|block)")),
    (Scope.ASIN, _Phrases(
        r"\basin[- ]level|\basins? (?:has|have) been (?:removed|blocked|deactivated|suppressed)"
        r"|(?:removed|blocked|suppressed) (?:the following |the |this |these )?asins?\b")),
    (Scope.LISTING, _Phrases(
        r"listings? (?:has|have) been (?:removed|deactivated|suppressed|blocked|taken down)"
        r"|(?:removed|deactivated|suppressed|blocked) (?:the following |the |this |these |your "
        r"|some of your |[0-9]+ )?(?:listings?|offers?|detail pages?)\b"
        r"|listings? (?:was|were) (?:removed|deactivated)"
        r"|action taken:? (?:the )?listings? (?:removed|deactivated|suppressed|blocked)")),
]


_ACTION_COLUMN = re.compile(r"action(?: taken)?|status")
_LISTING_ACTION = re.compile(r"(?:listing|offer|asin)s? (?:removed|deactivated|suppressed|blocked)")


def find_scope(flat: str, low: str, text: str = "", language: str | None = None
               ) -> tuple[Scope, str] | None:
    """How much is affected, by the first rule that matches (the widest scope first, the
    phrases of `language` before the English ones); else, on an Account Health page, from an
    "Action taken" column saying a listing was removed."""
    for scope, phrases in _language_table(language)["scopes"] + _SCOPES:
        if match := phrases.search(low):
            return scope, snippet(flat, match.start(), match.end())
    text_low = ascii_lower(text)
    for at in identifiers.table_column(text_low, _ACTION_COLUMN):
        if match := _LISTING_ACTION.match(text_low, at):
            return Scope.LISTING, snippet(text, match.start(), match.end())
    return None


# ----------------------------------------------------------------------------------- metrics
_METRICS: list[tuple[str, _Phrases]] = [(name, _Phrases(pattern)) for name, pattern in [
    ("Order Defect Rate", r"order\s+defect\s+rate|\bodr\b"),
    ("Late Shipment Rate", r"late\s+(?:shipment|dispatch)\s+rate"),
    ("Pre-fulfilment Cancel Rate", r"cancel(?:lation)?\s+rate"),
    ("Valid Tracking Rate", r"valid\s+tracking\s+rate"),
    ("On-Time Delivery Rate", r"on-?time\s+delivery\s+rate"),
    ("Negative Feedback Rate", r"negative\s+feedback\s+rate"),
    ("A-to-z Claim Rate", r"a-to-z\s+(?:guarantee\s+)?claims?\s+rate"),
    ("Chargeback Rate", r"chargeback\s+(?:claims?\s+)?rate"),
    ("Total orders shipped", r"total\s+orders\s+shipped"),
    ("Total defective orders", r"total\s+defective\s+orders"),
    ("Defect rate", r"defect\s+rate"),
    ("Account Health Rating", r"account\s+health\s+rating"),
]]
_COUNTED = {"Total orders shipped", "Total defective orders", "Account Health Rating"}
_PERCENT = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:[.,][0-9]{1,3})?)[ \t]?%")
_COUNT = re.compile(r"[ \t]*(?:\([^)\n]{0,20}\))?[ \t]*(?:[:=-]|is|was|of)?[ \t]*"
                    r"([0-9][0-9,]{0,12})(?![0-9.%])", _I)
_TARGET_BEFORE = re.compile(r"(?:target|threshold|goal|limit|less than|lower than|under|below"
                            r"|above|more than|greater than|higher than|at least|exceed\w*"
                            r"|maximum|minimum|[<>\u2264\u2265])[^0-9%\n]{0,14}$", _I)
_TARGET_AFTER = re.compile(r"[ \t]*(?:target|threshold)", _I)


_PERCENT_FIRST = re.compile(r"(?<![0-9.,])%[ \t]?([0-9]{1,3}(?:[.,][0-9]{1,3})?)(?![0-9])")
"""A percentage written sign first, as Turkish does ("%1,7")."""


def _percents(segment: str, language: str | None = None) -> list[tuple[str, bool]]:
    """(value, is_target) for each percentage in a piece of text."""
    found, last = [], 0
    before = [_TARGET_BEFORE]
    after = [_TARGET_AFTER]
    if targets := _language_table(language)["targets"]:
        before.append(targets[0])
        after.append(targets[1])
    pattern = _PERCENT_FIRST if language == "tr" else _PERCENT
    for match in pattern.finditer(segment):
        window = segment[max(last, match.start() - 40):match.start()]
        target = (any(rx.search(window) for rx in before)
                  or any(rx.match(segment, match.end()) for rx in after))
        found.append((match.group(1).replace(",", ".") + "%", target))
        last = match.end()
    return found


def _tagged(index: int, matches: Iterator[re.Match[str]]
            ) -> Iterator[tuple[int, int, int, re.Match[str]]]:
    """Sort keys for merging: start, longest first, then the metric's index."""
    for match in matches:
        yield match.start(), -match.end(), index, match


def find_metrics(text: str, language: str | None = None) -> list[Metric]:
    """Figures quoted in a notice, one per metric, with the target the notice states; metric
    names in `language` count as the English ones they translate."""
    low = ascii_lower(text)
    metrics = _METRICS + _language_table(language)["metrics"]
    found = heapq.merge(*(_tagged(index, phrases.finditer(low))
                          for index, (_, phrases) in enumerate(metrics)))
    names: list[tuple[re.Match[str], str]] = []
    for start, _, index, match in islice(found, MAX_CANDIDATES):
        if not names or start >= names[-1][0].end():
            names.append((match, metrics[index][0]))
    values: dict[tuple[str, str | None], str] = {}
    targets: dict[tuple[str, str | None], str] = {}
    for i, (match, name) in enumerate(names):
        end = names[i + 1][0].start() if i + 1 < len(names) else len(text)
        start = names[i - 1][0].end() if i else 0
        ahead = text[match.end():min(end, match.end() + 300)].split("\n\n")[0]
        behind = text[max(start, match.start() - 300):match.start()].split("\n\n")[-1]
        key = (name, _period(behind, ahead))
        if name in _COUNTED:
            if (count := _COUNT.match(ahead)) and key not in values:
                values[key] = count.group(1).replace(",", "")
            continue
        for value, is_target in _percents(ahead, language):
            if is_target:
                targets.setdefault(key, value)
            else:
                values.setdefault(key, value)
        for value, is_target in _percents(behind, language):
            if is_target:
                targets.setdefault(key, value)
    by_name = {name: target for (name, _), target in reversed(targets.items())}
    return [Metric(name, value, targets.get((name, period), by_name.get(name)), period)
            for (name, period), value in values.items()]


_PERIOD_AFTER = re.compile(r"[ \t]*\(?[ \t]*(?:last[ \t]+|past[ \t]+)?([0-9]{1,3})[ \t-]*days?\b", _I)
_PERIOD_BEFORE = re.compile(r"\b([0-9]{1,3})[ \t-]*days?[ \t]+$", _I)


def _period(behind: str, ahead: str) -> str | None:
    """The window right next to a metric's name: "Late Shipment Rate (10 days)", "30-day ODR"."""
    found = _PERIOD_AFTER.match(ahead) or _PERIOD_BEFORE.search(behind[-20:])
    return f"{int(found.group(1))} days" if found else None


# ------------------------------------------------------------------------------------ result
_NOTICE_KEYS = ("deadline", "asins", "order_ids", "complaint_ids", "case_ids", "metrics",
                "appeal_limit")


@dataclass(frozen=True)
class Unread:
    """A field the notice seems to give but that could not be read: its name and the words."""

    field: str
    text: str


@dataclass
class ParsedNotice:
    """What could be read from a notice; None or empty where the text says nothing."""

    violation_type: ViolationType | None = None
    marketplace: str | None = None
    scope: Scope | None = None
    date: datetime.date | None = None
    deadline: datetime.date | None = None
    asins: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    complaint_ids: list[str] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    appeal_limit: int | None = None
    language: str | None = None
    """The ISO 639-1 code of the language the notice is written in, None when too short."""
    deadline_at: str | None = None
    """For a window counted in hours: the moment it ends (ISO, to the minute, with the notice's
    zone when the notice gave one)."""
    rights_owner: str | None = None
    rights_owner_email: str | None = None
    registration_numbers: list[str] = field(default_factory=list)
    """Trademark, patent or copyright registration numbers, as the notice writes them."""
    related_accounts: list[str] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    """Fields the notice seems to give but that could not be read, with the words."""
    evidence: dict[str, str] = field(default_factory=dict)
    """Field name -> the piece of text that decided it, to show the user why."""

    def to_dict(self) -> dict[str, Any]:
        """The `poa-tui parse-notice --json` shape; ids, dates, figures as `Notice` has them."""
        stored = self.to_notice("").to_dict()
        return {
            "violation_type": self.violation_type.value if self.violation_type else None,
            "marketplace": self.marketplace,
            "scope": self.scope.value if self.scope else None,
            "date": stored["received"],
            **{key: stored[key] for key in _NOTICE_KEYS},
            "deadline_at": self.deadline_at,
            "rights_owner": self.rights_owner,
            "rights_owner_email": self.rights_owner_email,
            "registration_numbers": list(self.registration_numbers),
            "related_accounts": list(self.related_accounts),
            "language": self.language,
            "unread": [{"field": item.field, "text": item.text} for item in self.unread],
        }

    def to_notice(self, text: str) -> Notice:
        """A `models.Notice` holding `text` and what was read from it."""
        return Notice(text=text, received=self.date, deadline=self.deadline,
                      asins=list(self.asins), order_ids=list(self.order_ids),
                      complaint_ids=list(self.complaint_ids), case_ids=list(self.case_ids),
                      metrics=list(self.metrics), appeal_limit=self.appeal_limit,
                      language=self.language)


def parse_notice(text: str, received: datetime.date | None = None) -> ParsedNotice:
    """Read `text`; `received` stands in for the notice date when the text gives none."""
    text = clean_text(readable_text(text or ""))
    result = ParsedNotice()
    evidence = result.evidence
    result.language = language = detect_language(text)
    as_written = " ".join(text.split())
    flat = " ".join(_unhyphenated(text, language).split())
    low = ascii_lower(flat)
    if language is not None and language not in READ_LANGUAGES:
        result.unread.append(Unread("language", f"written in {language_name(language)}, which "
                                                f"poa-tui does not read notices in"))
    if found := classify(flat, low, language):
        result.violation_type, evidence["violation_type"] = found
    if found := identifiers.find_marketplace(text):
        result.marketplace, start, end = found
        evidence["marketplace"] = snippet(text, start, end, 30)
    elif found := _implied_marketplace(flat, low, language):
        result.marketplace, quoted = found
        if quoted:
            evidence["marketplace"] = quoted
    if found := find_scope(flat, low, text, language):
        result.scope, evidence["scope"] = found
    if flat != as_written:  # words were joined: quote the notice as it was written
        for name in ("violation_type", "scope"):
            if name in evidence:
                evidence[name] = _as_written(evidence[name], as_written)
    dates = DateReader(text, result.marketplace, received)
    moment, unread_date = find_notice_moment(text, dates)
    if moment:
        result.date, evidence["date"] = moment.date, moment.line
    else:
        result.date = received
    if unread_date:
        result.unread.append(Unread("date", unread_date))
    deadline, unread_deadline = find_deadline_moment(text, dates, result.date,
                                                     moment.at if moment else None)
    if deadline:
        result.deadline, evidence["deadline"], result.deadline_at = (deadline.date, deadline.words,
                                                                     deadline.at)
    elif unread_deadline:
        result.unread.append(Unread("deadline", unread_deadline))
    if found := find_appeal_limit(text):
        result.appeal_limit, evidence["appeal_limit"] = found
    result.asins = identifiers.find_asins(text)
    result.order_ids = identifiers.find_order_ids(text)
    result.complaint_ids = identifiers.find_complaint_ids(text)
    result.case_ids = identifiers.find_case_ids(text)
    result.metrics = find_metrics(text, language)
    parties = find_parties(text)
    result.rights_owner, result.rights_owner_email = parties.rights_owner, parties.rights_owner_email
    result.registration_numbers = parties.registration_numbers
    result.related_accounts = parties.related_accounts
    evidence.update(parties.evidence)
    if result.violation_type in (None, V.OTHER) and (named := next(identifiers.labelled_lines(text, _NAMED_VIOLATION), None)):
        result.unread.append(Unread("violation_type", " ".join(named.group().split())))
    return result


_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_A-Z])")
"""A word split at a line end, as a PDF copy leaves it ("Urheber-\nrechtsverletzung")."""


def _as_written(piece: str, as_written: str) -> str:
    """`piece` of the joined text as the notice wrote it, with its line-end hyphens back."""
    if piece in as_written:
        return piece
    inner = piece.strip("\u2026")
    pattern = "(?:- )?".join(re.escape(char) for char in inner[:300])
    match = re.search(pattern, as_written)
    return piece.replace(inner, match.group()) if match else piece


def _unhyphenated(text: str, language: str | None) -> str:
    """`text` with words split at line ends joined again, for the phrase rules of a language
    other than English (where "seller-\nfulfilled" must keep its hyphen)."""
    if language in (None, "en", "ar"):
        return text
    return _LINE_END_HYPHEN.sub("", text)


_CURRENCIES = [(domain, re.compile(pattern)) for domain, pattern in i18n.CURRENCIES]


def _implied_marketplace(flat: str, low: str, language: str | None
                         ) -> tuple[str, str | None] | None:
    """The marketplace when no domain is named: from a currency only one marketplace uses (with
    the words that name it), else from the language (German means amazon.de; no words)."""
    for domain, pattern in _CURRENCIES:
        if match := pattern.search(low):
            return domain, snippet(flat, match.start(), match.end())
    if domain := i18n.LANGUAGE_MARKETPLACE.get(language or ""):
        return domain, None
    return None


_NAMED_VIOLATION = re.compile(
    r"^[ \t>|]*(?:infringement|complaint|violation|policy violation)(?:[ \t]+type)?[ \t]*:[ \t]*"
    r"\S[^\n]{0,100}$", _I | re.MULTILINE)
"""A line naming the violation, which the notice holds when its type could not be placed."""
