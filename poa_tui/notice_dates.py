"""Dates and clocks in a pasted notice: the notice date, the deadline and the appeal limit.

Every search here is bounded: patterns use limited repeats and at most `MAX_CANDIDATES`
candidates are looked at in context, so hostile or huge text stays fast.

The notice date comes from an email header line (`Date:`, `Sent:`, `Received:`; in a pasted
thread, the header block whose `From:` line names Amazon wins), else from the first line that
holds only a date (with weekday, time or zone), else nothing (the caller falls back to the day
the notice was received).

Numeric dates: `dd.mm.yyyy` is day first and `yyyy-mm-dd` is ISO. In `a/b/yyyy` or `a-b-yyyy`
a part above 12 settles the order. When both parts are 12 or less, the order shown by another
numeric date in the same text wins; else month first for amazon.com and day first for any other
marketplace; with no marketplace, the reading on or before `received` closest to it; else day
first.

Deadlines: "within 17 days", "within seventy-two (72) hours", "in the next 7 days", "you have 7
days to", counted from the notice date (hours round up to whole days), and dates introduced by
"by", "before", "no later than", "until". A candidate is dropped when it looks back ("within the
last 90 days"), counts business days, is measured from another event ("within 60 days of
deactivation"), describes an item ("a bill issued within 90 days"), is Amazon's or a rights
owner's clock ("expect a reply within two days"), is an option rather than a demand ("you can
remove feedback within 60 days"), concerns funds or removal orders, lies before the notice date
or more than a year after it, or sits in a sentence that asks nothing of the seller. When several
remain, the earliest wins: a wrong deadline is worse than none, and an early one is the safer
mistake.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Iterator

from .identifiers import ascii_lower

__all__ = ["DateReader", "MAX_CANDIDATES", "find_appeal_limit", "find_dates", "find_deadline",
           "find_notice_date", "snippet"]

_I = re.IGNORECASE
MAX_CANDIDATES = 400
"""How many candidates of one kind are examined in context; real notices hold a few dozen."""
_SNIP = 160
_LINE = 120
"""A line longer than this is prose, never a date line."""


def snippet(text: str, start: int, end: int, pad: int = 50) -> str:
    """The words around text[start:end], on one line, at most _SNIP characters."""
    lo, hi = max(0, start - pad), min(len(text), end + pad)
    space = text.find(" ", lo, start) if lo else -1
    lo = space + 1 if space >= 0 else lo
    cut = text.rfind(" ", end, hi) if hi < len(text) else -1
    piece = " ".join(text[lo:cut if cut > 0 else hi].split())
    return piece if len(piece) <= _SNIP else piece[:_SNIP - 1] + "\u2026"


# ------------------------------------------------------------------------------------- dates
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th)?"
_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?:(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})"
    r"|(?P<na>[0-9]{1,2})(?P<sep>[/.-])(?P<nb>[0-9]{1,2})(?P=sep)(?P<ny>[0-9]{4})"
    rf"|(?P<dd>{_DAY})(?:[ \t]{{1,3}}|-)(?:of[ \t]{{1,3}})?(?P<dm>{_MON})(?:,?[ \t]{{1,3}}|-)"
    r"(?P<dy>[0-9]{4})"
    rf"|(?P<mm>{_MON})[ \t]{{1,3}}(?P<md>{_DAY}),?[ \t]{{1,3}}(?P<my>[0-9]{{4}})"
    r")(?![0-9]|[/.-][0-9])", _I | re.ASCII)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    day_first: date | None
    month_first: date | None
    """The two readings; equal unless the date is numeric and ambiguous."""


def _make(year: str, month: int, day: str) -> date | None:
    try:
        value = date(int(year), month, int(re.sub(r"\D", "", day)))
    except ValueError:
        return None
    return value if 1990 <= value.year <= 2100 else None


def _read(m: re.Match[str]) -> _Found:
    g = m.groupdict()
    if g["iy"]:
        one = _make(g["iy"], int(g["im"]), g["id"])
        return _Found(m.start(), m.end(), one, one)
    if g["na"]:
        a, b = int(g["na"]), int(g["nb"])
        day_first = _make(g["ny"], b, str(a))
        month_first = None if g["sep"] == "." else _make(g["ny"], a, str(b))
        return _Found(m.start(), m.end(), day_first, month_first)
    name, day, year = (g["dm"], g["dd"], g["dy"]) if g["dd"] else (g["mm"], g["md"], g["my"])
    one = _make(year, _MONTHS.index(name[:3].lower()) + 1, day)
    return _Found(m.start(), m.end(), one, one)


# Fast scanners over ascii_lower(text): each opens with a digit or a month's literal name, which
# the regex engine skips to quickly; _DATE then reads the fields of each hit.
_MON_LOW = _MON.replace(r"\.?", "")
_SCANNERS = [re.compile(r"[0-9](?<![0-9a-z][0-9])[0-9]{0,3}(?:[/.-][0-9]{1,2}[/.-][0-9]{1,4}"
                        r"|(?:st|nd|rd|th)?(?:[ \t]{1,3}|-)(?:of[ \t]{1,3})?"
                        rf"{_MON_LOW}\.?(?:,?[ \t]{{1,3}}|-)[0-9]{{4}})")]
_SCANNERS += [re.compile(rf"{name}[a-z]{{0,6}}\.?[ \t]{{1,3}}[0-3]?[0-9](?:st|nd|rd|th)?,?"
                         r"[ \t]{1,3}[0-9]{4}") for name in _MONTHS]


def _hits(low: str) -> Iterator[re.Match[str]]:
    runs = (islice(scanner.finditer(low), MAX_CANDIDATES * 5) for scanner in _SCANNERS)
    return heapq.merge(*runs, key=lambda m: m.start())


def find_dates(text: str) -> list[tuple[int, int, date | None, date | None]]:
    """Every date-shaped span: (start, end, day-first reading, month-first reading)."""
    found = []
    for hit in _hits(ascii_lower(text)):
        match = _DATE.match(text, hit.start())
        if match and (not found or match.start() >= found[-1][1]):
            f = _read(match)
            found.append((f.start, f.end, f.day_first, f.month_first))
        if len(found) >= MAX_CANDIDATES * 5:
            break
    return found


class DateReader:
    """The dates in one text, with one rule for ambiguous numeric ones."""

    def __init__(self, text: str, marketplace: str | None, received: date | None) -> None:
        self.spans = [_Found(*item) for item in find_dates(text)]
        shown = {("dmy" if f.month_first is None else "mdy")
                 for f in self.spans if (f.day_first is None) != (f.month_first is None)}
        self.order = shown.pop() if len(shown) == 1 else None
        if self.order is None and marketplace:
            self.order = "mdy" if marketplace == "amazon.com" else "dmy"
        self.received = received

    def value(self, f: _Found) -> date | None:
        """The reading of `f` under the rule in the module docstring."""
        if f.day_first == f.month_first or None in (f.day_first, f.month_first):
            return f.day_first or f.month_first
        if self.order:
            return f.day_first if self.order == "dmy" else f.month_first
        if self.received:
            before = [d for d in (f.day_first, f.month_first) if d <= self.received]
            if before:
                return max(before)
        return f.day_first

    def first_in(self, start: int, end: int) -> tuple[_Found, date] | None:
        """The first readable date lying wholly inside text[start:end]."""
        for f in self.spans:
            if f.start >= start and f.end <= end and (value := self.value(f)):
                return f, value
        return None


_HEADER = re.compile(r"^[ \t>]*(?:(?:date|sent|received|dated|sent on|date sent|notification date)"
                     r"[ \t]*:[ \t]*(.{0,200})|on[ \t](.{0,200})[ \t]wrote:[ \t]*)$",
                     _I | re.MULTILINE)
"""A header line, or the "On <date>, <sender> wrote:" line a mail client puts over a quote."""
_FROM_AMAZON = re.compile(r"^[ \t>]*from[ \t]*:.{0,200}amazon", _I | re.MULTILINE)
_DATE_LINE_WORDS = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?|at|on|am|pm"
    r"|utc|gmt|bst|cet|cest|pst|pdt|est|edt|cst|cdt|mst|mdt|ist|aest|aedt|jst"
    r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[+-][0-9]{4}", _I)


def _sent_by_amazon(text: str, header: re.Match[str]) -> bool:
    """True when the header's block (or its "On ... wrote:" line) names Amazon as the sender."""
    if header.group(2) is not None:
        return "amazon" in header.group(2).lower()
    top = text.rfind("\n\n", max(0, header.start() - 2000), header.start())
    bottom = text.find("\n\n", header.end(), header.end() + 2000)
    end = bottom if bottom >= 0 else header.end() + 2000
    return bool(_FROM_AMAZON.search(text, max(top, header.start() - 2000, 0), end))


def find_notice_date(text: str, dates: DateReader) -> tuple[date, str] | None:
    """The date the notice was sent, and the line it was read from."""
    headers = []
    for match in _HEADER.finditer(text):
        body = 1 if match.group(1) is not None else 2
        hit = dates.first_in(match.start(body), match.end(body))
        if hit:
            headers.append((match, hit[1]))
        if len(headers) >= 50:
            break
    for match, value in headers:
        if _sent_by_amazon(text, match):
            return value, " ".join(match.group().split())
    if headers:
        return headers[0][1], " ".join(headers[0][0].group().split())
    for f in dates.spans[:MAX_CANDIDATES]:
        line_start = text.rfind("\n", max(0, f.start - _LINE), f.start) + 1
        line_end = text.find("\n", f.end, f.end + _LINE)
        if (line_start == 0 and f.start > _LINE) or (line_end < 0 and len(text) - f.end > _LINE):
            continue
        line_end = len(text) if line_end < 0 else line_end
        rest = (text[line_start:f.start] + " " + text[f.end:line_end]).strip(" \t,.-()")
        value = dates.value(f)
        if value and len(rest) <= 40 and all(
                _DATE_LINE_WORDS.fullmatch(word) for word in re.findall(r"[^\s,()]+", rest)):
            return value, " ".join(text[line_start:line_end].split())
    return None


# --------------------------------------------------------------------------------- deadlines
_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({"twenty-one": 21, "twenty-four": 24, "thirty": 30, "thirty-six": 36,
               "forty-eight": 48, "seventy-two": 72, "ninety": 90})
_NUM = "|".join(sorted(_WORDS, key=len, reverse=True)) + "|[0-9]{1,4}"
_RELATIVE = re.compile(
    rf"\b(?:within[ \t\n]+(?:the[ \t\n]+)?(?:next[ \t\n]+)?|in[ \t\n]+the[ \t\n]+next[ \t\n]+"
    rf"|you[ \t\n]+have[ \t\n]+)(?P<n>{_NUM})(?:[ \t]*\([0-9]{{1,4}}\))?[ \t\n-]{{1,3}}"
    rf"(?P<kind>(?:business|working|calendar)[ \t\n]+)?(?P<unit>days?|hours?)\b"
    r"(?P<tail>[ \t\n]+(?:of|after|from|following)[ \t\n]+"
    r"(?P<anchor>[a-z]+(?:[ \t]+[a-z]+){0,3}))?",
    _I)
_OWN_ANCHOR = re.compile(r"(?:this|today|receiving this|receipt of this|the date of this"
                         r"|the date on this)\b", _I)
_BY_DATE = re.compile(
    r"(?:\bby|\bbefore|\bno later than|\bnot later than|\buntil|\bdeadline(?: is| of)?:?)[ \t\n]+"
    r"(?:the[ \t]+)?(?:end of (?:the )?(?:business )?day[ \t]+(?:on[ \t]+)?)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?(?:the[ \t]+)?$", _I)
_DESCRIBES_ITEM = re.compile(
    r"\b(?:issued|dated|made|placed|purchased|bought|sold|shipped|delivered|filed|received"
    r"|created|generated|opened|ordered|submitted|invoices?)[ \t\n]+$", _I)
_OTHER_CLOCK = re.compile(
    r"\b(?:we|amazon|our (?:team|teams|reviewers?|specialists?))(?:'ll)?(?:\s+\w+){0,3}?\s+"
    r"(?:review|respond|reply|contact|get back|decide|process|reach|notify|update|evaluate"
    r"|investigate|release|reinstate|transfer|disburse|send|complete|aim)"
    r"|\bexpect (?:a|an|our|to)\b|\bhear (?:back )?from us\b"
    r"|\b(?:reviews?|processing|investigations?|evaluations?)\b[^.]{0,30}?\b(?:takes?"
    r"|is completed)\b"
    r"|\b(?:rights?|patent|trademark|copyright|brand) (?:owner|holder)s?\b|\bclaimant|\bcomplainant"
    r"|\bfunds?\b|\bdisburse|\bremoval order"
    r"|\byou (?:can|may|could|might) (?!(?:also )?(?:appeal|submit|send|provide|respond|reply)\b)",
    _I)
"""Words before a time span that make it someone else's clock, an option, or not the appeal's."""
_ASKS_SELLER = re.compile(r"\b(?:you|your|please|provide|send|submit|upload|confirm|delete|respond"
                          r"|response|plan of action|appeal|documents|information)\b", _I)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n|\n[ \t]*(?:[-*\u2022]|[0-9]{1,2}[.)])[ \t]")


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence around text[start:end], split there: (before, after)."""
    left = text[max(0, start - 400):start]
    cut = 0
    for cut_match in _SENTENCE_END.finditer(left):
        cut = cut_match.end()
    right = text[end:end + 400]
    stop = _SENTENCE_END.search(right)
    return left[cut:], right[:stop.start() if stop else len(right)]


def _acceptable(text: str, start: int, end: int) -> bool:
    before, after = _sentence(text, start, end)
    if _DESCRIBES_ITEM.search(before[-40:]) or _OTHER_CLOCK.search(before):
        return False
    return bool(_ASKS_SELLER.search(f"{before} {text[start:end]} {after}"))


def find_deadline(text: str, dates: DateReader, base: date | None) -> tuple[date, str] | None:
    """The earliest deadline the notice sets for the seller, and the words that set it.

    `base` is the notice date: relative deadlines need it, explicit dates are checked against it.
    """
    options: list[tuple[date, str]] = []
    for count, m in enumerate(_RELATIVE.finditer(text)):
        if count >= MAX_CANDIDATES or base is None:
            break
        if (m["kind"] or "").strip().lower() in ("business", "working"):
            continue
        if m["tail"] and not _OWN_ANCHOR.match(m["anchor"]):
            continue
        n = _WORDS.get(m["n"].lower())
        n = int(m["n"]) if n is None else n
        days = n if m["unit"].lower().startswith("day") else math.ceil(n / 24)
        if 0 < days <= 120 and _acceptable(text, m.start(), m.end()):
            options.append((base + timedelta(days=days), snippet(text, m.start(), m.end())))
    for f in dates.spans[:MAX_CANDIDATES]:
        value = dates.value(f)
        trigger = _BY_DATE.search(text[max(0, f.start - 60):f.start])
        if value is None or trigger is None:
            continue
        at = f.start - len(trigger.group())
        in_range = base is None or base <= value <= base + timedelta(days=365)
        if in_range and _acceptable(text, at, f.end):
            options.append((value, snippet(text, at, f.end)))
    return min(options) if options else None


_LIMIT = re.compile(rf"\b(?:after|following)[ \t\n]+(?P<n>{_NUM})[ \t\n]+(?:unsuccessful|failed"
                    r"|rejected|denied)[ \t\n]+(?:appeals?|attempts?|submissions?|plans?)\b", _I)


def find_appeal_limit(text: str) -> tuple[int, str] | None:
    """How many failed appeals make the decision final ("after two unsuccessful appeals")."""
    m = _LIMIT.search(text)
    if m is None:
        return None
    n = _WORDS.get(m["n"].lower())
    return (int(m["n"]) if n is None else n), snippet(text, m.start(), m.end(), 20)
