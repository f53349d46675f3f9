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
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Iterator

from poa_tui.domain.identifiers import ascii_lower, labelled_lines

__all__ = ["DateReader", "Deadline", "LANGUAGES", "MAX_CANDIDATES", "Moment", "find_appeal_limit",
           "find_dates", "find_deadline", "find_deadline_moment", "find_notice_date",
           "find_notice_moment", "read_date_words", "snippet"]

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
        self.marketplace = marketplace

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


_HEADER_LABELS = {
    # label on a mail client's header line -> the languages whose clients print it
    "date": ("en", "fr"), "sent": ("en",), "received": ("en",), "dated": ("en",),
    "sent on": ("en",), "date sent": ("en",), "notification date": ("en",),
    "gesendet": ("de",), "datum": ("de", "nl", "sv"), "envoyé": ("fr",), "envoye": ("fr",),
    "fecha": ("es",), "enviado": ("es", "pt"), "enviado el": ("es",), "enviada em": ("pt",),
    "enviado em": ("pt",), "data": ("it", "pt", "pl"), "inviato": ("it",),
    "verzonden": ("nl",), "wysłano": ("pl",), "skickat": ("sv",), "tarih": ("tr",),
    "gönderildi": ("tr",), "gönderilme tarihi": ("tr",), "送信日時": ("ja",), "日付": ("ja",),
}
"""Date labels of mail clients in the marketplace languages, and the languages they imply."""
_LABEL_RE = "|".join(sorted((re.escape(k) for k in _HEADER_LABELS), key=len, reverse=True))
_HEADER = re.compile(rf"^[ \t>]*(?:(?P<label>{_LABEL_RE})[ \t]*[:\uff1a][ \t]*(.{{0,200}})"
                     r"|on[ \t](.{0,200})[ \t]wrote:[ \t]*)$", _I | re.MULTILINE)
"""A header line, or the "On <date>, <sender> wrote:" line a mail client puts over a quote."""
_FROM_AMAZON = re.compile(r"^[ \t>]*(?:from|von|de|da|van|od|från|kimden|差出人)[ \t]*[:\uff1a]"
                          r".{0,200}amazon", _I | re.MULTILINE)
_DATE_LINE_WORDS = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?|at|on|am|pm"
    r"|utc|gmt|bst|cet|cest|pst|pdt|est|edt|cst|cdt|mst|mdt|ist|aest|aedt|jst"
    r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[+-][0-9]{4}", _I)

LANGUAGES: dict[str, tuple[str, ...]] = {
    "amazon.de": ("de",), "amazon.fr": ("fr",), "amazon.ca": ("fr",), "amazon.es": ("es",),
    "amazon.com.mx": ("es",), "amazon.it": ("it",), "amazon.co.jp": ("ja",),
    "amazon.com.br": ("pt",), "amazon.nl": ("nl",), "amazon.com.be": ("fr", "nl"),
    "amazon.pl": ("pl",), "amazon.se": ("sv",), "amazon.com.tr": ("tr",), "amazon.ae": ("ar",),
    "amazon.sa": ("ar",), "amazon.eg": ("ar",),
}
"""The languages Amazon and sellers' mail clients write dates in on each marketplace, besides
English, which every marketplace gets."""
_MAX_PARSED = 12
"""Header values handed to dateparser per notice; each costs a millisecond or more."""
_HAS_DIGIT = re.compile(r"[0-9\uff10-\uff19]")


@dataclass(frozen=True)
class Moment:
    """When the notice was sent: its date, the line it was read from and, when the line gives
    one, the time (with its zone when the line names one)."""

    date: date
    line: str
    at: datetime | None = None


def read_date_words(value: str, languages: tuple[str, ...], order: str | None
                    ) -> datetime | None:
    """A date (and time) written in any of `languages` or English, or None.

    Uses dateparser restricted to those languages, with day, month and year all required and
    ambiguous numbers read in `order` ("dmy" or "mdy", day first when None).
    """
    import dateparser  # a tenth of a second to load, so only when a date needs it

    value = " ".join(value.split())[:120]
    if not _HAS_DIGIT.search(value):
        return None
    try:
        found = dateparser.parse(
            value, languages=list(dict.fromkeys((*languages, "en"))),
            settings={"DATE_ORDER": (order or "dmy").upper(), "PREFER_DAY_OF_MONTH": "first",
                      "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError):
        return None
    if found is None or not 1990 <= found.year <= 2100:
        return None
    return found


def _languages(marketplace: str | None, label: str | None) -> tuple[str, ...]:
    """The marketplace's languages and those of the header label; every known one when the
    notice names no marketplace and the label is English."""
    langs = list(LANGUAGES.get(marketplace or "", ()))
    langs += _HEADER_LABELS.get((label or "").lower(), ())
    if marketplace is None and set(langs) <= {"en", "fr"}:
        langs += [lang for group in LANGUAGES.values() for lang in group]
    return tuple(dict.fromkeys(langs))


def _sent_by_amazon(text: str, header: re.Match[str]) -> bool:
    """True when the header's block (or its "On ... wrote:" line) names Amazon as the sender."""
    if header.group(3) is not None:
        return "amazon" in header.group(3).lower()
    top = text.rfind("\n\n", max(0, header.start() - 2000), header.start())
    bottom = text.find("\n\n", header.end(), header.end() + 2000)
    end = bottom if bottom >= 0 else header.end() + 2000
    return bool(_FROM_AMAZON.search(text, max(top, header.start() - 2000, 0), end))


def _header_moment(text: str, match: re.Match[str], dates: DateReader, parse: bool
                   ) -> tuple[date | None, datetime | None]:
    """The date on one header line (and its time, when `parse` lets dateparser read it)."""
    body = 2 if match.group(2) is not None else 3
    hit = dates.first_in(match.start(body), match.end(body))
    if not parse:
        return (hit[1] if hit else None), None
    value = match.group(body)
    if body == 3:
        value = value.split(",", 1)[0] if hit is None and value.count(",") > 2 else value
    at = read_date_words(value, _languages(dates.marketplace, match.group("label")), dates.order)
    if hit and at and at.date() != hit[1]:
        at = None  # dateparser read another date than the one found: trust the plain reading
    return (hit[1] if hit else (at.date() if at else None)), at


def find_notice_moment(text: str, dates: DateReader) -> tuple[Moment | None, str | None]:
    """When the notice was sent, and the header line holding a date that could not be read.

    Of the header lines, the one in the block sent by Amazon wins, else the first readable one;
    when the winning line (or every line) cannot be read, it comes back as the second item.
    """
    headers: list[tuple[re.Match[str], date | None, datetime | None]] = []
    for count, match in enumerate(labelled_lines(text, _HEADER)):
        if count >= 50:
            break
        body = match.group(2) if match.group(2) is not None else match.group(3)
        if not _HAS_DIGIT.search(body):
            continue
        headers.append((match, *_header_moment(text, match, dates, len(headers) < _MAX_PARSED)))
    line = lambda match: " ".join(match.group().split())  # noqa: E731
    for match, value, at in headers:
        if _sent_by_amazon(text, match):
            if value is None:
                return None, line(match)
            return Moment(value, line(match), at), None
    for match, value, at in headers:
        if value is not None:
            return Moment(value, line(match), at), None
    unread = line(headers[0][0]) if headers else None
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
            return Moment(value, " ".join(text[line_start:line_end].split())), None
    if unread is None and (letter := _letter_date(text, dates)):
        return letter, None
    return None, unread


_LETTER_DATE = re.compile(r"^[ \t]*(?:(?:le|den|il|el|em|op|w dniu)[ \t]+)?([^\n]{0,36}?"
                          r"(?:19|20)[0-9]{2})[ \t]*$", re.IGNORECASE | re.MULTILINE)
"""A line holding only a date, as a letter or a PDF copy of one opens ("Le 3 novembre 2025")."""
_LETTER_LINES = 15


def _letter_date(text: str, dates: DateReader) -> Moment | None:
    """The date a letter opens with: a line of its own near the top, in the marketplace's
    languages (`read_date_words`), when the notice has no header date."""
    top = text[:sum(len(line) + 1 for line in text.split("\n", _LETTER_LINES)[:_LETTER_LINES])]
    for match in islice(_LETTER_DATE.finditer(top), 4):
        if len(match.group(1).split()) > 5:
            continue
        found = read_date_words(match.group(1), _languages(dates.marketplace, None), dates.order)
        if found is not None:
            return Moment(found.date(), " ".join(match.group().split()))
    return None


def find_notice_date(text: str, dates: DateReader) -> tuple[date, str] | None:
    """The date the notice was sent, and the line it was read from."""
    moment, _ = find_notice_moment(text, dates)
    return (moment.date, moment.line) if moment else None


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
    r"|created|generated|opened|ordered|submitted)[ \t\n]+$", _I)
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
                          r"|response|plan of action|appeal|documents|information|take action"
                          r"|complete|book|schedule|fix|correct|remove|verify|reply|contact us)\b",
                          _I)
_OPTIONAL = re.compile(r"\b(?:apex|evaluation|dispute|counter[- ]?notices?"
                       r"|counter[- ]?notifications?|retract\w*)\b", _I)
"""A window that belongs to a process the seller may choose (a patent evaluation, a dispute, a
counter-notice), never the appeal's deadline."""
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n|\n[ \t]*(?:[-*\u2022]|[0-9]{1,2}[.)])[ \t]")
_YEARLESS = re.compile(
    rf"(?<![0-9A-Za-z])(?:(?P<d1>{_DAY})(?:[ \t]{{1,3}}of)?[ \t]{{1,3}}(?P<m1>{_MON})"
    rf"|(?P<m2>{_MON})[ \t]{{1,3}}(?P<d2>{_DAY}))(?!,?[ \t]*[0-9]|[A-Za-z])", _I)
"""A day and month without a year ("by 28 February"), read only after a "by" that sets a
deadline; the year is the first that puts it on or after the notice date."""
_UNREAD_BY_WORDS = ("by", "before", "no later", "not later", "deadline")
_UNREAD_BY = re.compile(r"(?:\bby|\bbefore|\bno later than|\bnot later than|\bdeadline:?)"
                        r"[ \t\n]+(?:the[ \t]+)?(?:[0-9]|[^\W\d_]{3,12}\.?,?[ \t]+[0-9])"
                        r"[^\n.]{0,40}", _I)


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
    if _OPTIONAL.search(before) or _OPTIONAL.search(after):
        return False
    return bool(_ASKS_SELLER.search(f"{before} {text[start:end]} {after}"))


@dataclass(frozen=True)
class Deadline:
    """The deadline a notice sets: its day, the words that set it and, for a window counted in
    hours from a notice whose time is known, the moment (ISO, minutes, with the notice's zone
    when it gave one)."""

    date: date
    words: str
    at: str | None = None


def _yearless(text: str, base: date | None) -> Iterator[tuple[int, int, date]]:
    """(start, end, day) of each day-and-month without a year, after a deadline's "by"."""
    if base is None:
        return
    for count, m in enumerate(_YEARLESS.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        if not _BY_DATE.search(text[max(0, m.start() - 60):m.start()]):
            continue
        name, day = (m["m1"], m["d1"]) if m["d1"] else (m["m2"], m["d2"])
        month = _MONTHS.index(name[:3].lower()) + 1
        for year in (base.year, base.year + 1):
            value = _make(str(year), month, day)
            if value and value >= base:
                yield m.start(), m.end(), value
                break


# Deadline phrases in the marketplace languages: windows ("innerhalb von 17 Tagen", "17日以内")
# and dates after a word that sets a limit ("bis zum 20. November 2025", "avant le 20 novembre").
_FOREIGN_WITHIN_WORDS = ("innerhalb", "binnen", "dans", "sous", "en un plazo", "dentro de",
                         "en los pr", "entro", "nei prossimi", "no prazo", "nos pr", "w ci",
                         "inom")
_FOREIGN_WINDOW = re.compile(
    r"(?:innerhalb(?:[ \t]+von)?|binnen|dans[ \t]+les|dans[ \t]+un[ \t]+d[ée]lai[ \t]+de|sous"
    r"|en[ \t]+un[ \t]+plazo[ \t]+de|dentro[ \t]+de(?:[ \t]+(?:los|os)[ \t]+pr[óo]ximos)?"
    r"|en[ \t]+los[ \t]+pr[óo]ximos|entro|nei[ \t]+prossimi|no[ \t]+prazo[ \t]+de"
    r"|nos[ \t]+pr[óo]ximos|w[ \t]+ci[ąa]gu|inom)[ \t]+(?P<n>[0-9]{1,3})[ \t]*"
    r"(?P<unit>tagen|tage|stunden|jours|heures|d[íi]as|horas|giorni|ore|dagen|uur|dni"
    r"|godziny|godzin|dagar|timmar)(?![^\W\d_])", _I)
"""A window in another language ("innerhalb von 17 Tagen", "dans les 17 jours")."""
_FOREIGN_SUFFIX_WORDS = ("içinde", "以内")
_FOREIGN_SUFFIX = re.compile(r"(?<![0-9])(?P<n>[0-9]{1,3})[ \t]*(?P<unit>gün|saat|日|時間)[ \t]*"
                             r"(?:içinde|以内)$", _I)
"""A window written count first ("17 gün içinde", "17日以内"), matched back from its end."""
_FOREIGN_HOURS = ("stunden", "heures", "horas", "ore", "uur", "godzin", "timmar", "saat", "時間")
_FOREIGN_BY_WORDS = {"bis": "de", "avant": "fr", "d'ici": "fr", "au plus": "fr", "antes": "es",
                     "a más": "es", "a mas": "es", "hasta": "es", "entro": "it", "até": "pt",
                     "vóór": "nl", "voor": "nl", "uiterlijk": "nl", "do dnia": "pl",
                     "senast": "sv"}
"""First words of a date limit in other languages, and the language each belongs to."""
_FOREIGN_BY = re.compile(
    r"(?:bis(?:[ \t]+(?:zum|spätestens(?:[ \t]+zum)?))?|avant[ \t]+le|d'ici[ \t]+le"
    r"|au[ \t]+plus[ \t]+tard[ \t]+le|antes[ \t]+del?|a[ \t]+m[áa]s[ \t]+tardar[ \t]+el"
    r"|hasta[ \t]+el|entro[ \t]+il|até(?:[ \t]+(?:o[ \t]+)?dia)?|vóór|voor|uiterlijk(?:[ \t]+op)?"
    r"|do[ \t]+dnia|senast(?:[ \t]+den)?)[ \t]+(?=[0-9])", _I)
_FOREIGN_BY_AFTER = re.compile(r"[ \t]*(?:tarihine[ \t]+kadar|までに)", _I)
_JAPANESE_DATE = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
_OPTIONAL_ANY = re.compile(
    r"apex|evaluat|bewertung|évaluation|evaluación|valutazione|avaliação|beoordeling|ocen[ay]"
    r"|utvärdering|değerlendirme|評価|dispute|disputa|widerspruch|contest|impugn|bezwaar"
    r"|sprzeciw|itiraz|異議|counter", _I)


def _at_words(text: str, low: str, words: tuple[str, ...], pattern: re.Pattern[str],
              suffix: bool = False) -> list[re.Match[str]]:
    """Matches of `pattern` where one of `words` starts (or, with `suffix`, ends) in `low`,
    found with `str.find`, which is fast on any text; at most 200 places per word."""
    hits = []
    for word in words:
        pos = 0
        for _ in range(200):
            at = low.find(word, pos)
            if at < 0:
                break
            pos = at + 1
            if suffix:
                m = pattern.search(text, max(0, at - 12), at + len(word))
            elif at == 0 or not low[at - 1].isalnum():
                m = pattern.match(text, at)
            else:
                m = None
            if m:
                hits.append(m)
    return sorted({m.start(): m for m in hits}.values(), key=lambda m: m.start())


def _lowered(text: str) -> str:
    """`text` lowered with every offset kept."""
    low = text.lower()
    return low if len(low) == len(text) else ascii_lower(text)


def _window(n: int, hours: bool, words: str, base: date | None, sent: datetime | None
            ) -> Deadline | str | None:
    """The deadline a window of `n` days (or hours) sets: a `Deadline`, or its words when there
    is no notice date to count from, or None when the window is out of range (0 or > 120 days).
    Hours count from the notice's time when it is known, else round up to whole days."""
    days = math.ceil(n / 24) if hours else n
    if not 0 < days <= 120:
        return None
    if base is None:
        return words
    if hours and sent is not None and sent.date() == base:
        moment = sent + timedelta(hours=n)
        return Deadline(moment.date(), words, moment.isoformat(timespec="minutes"))
    return Deadline(base + timedelta(days=days), words)


def _foreign_sentence_ok(text: str, start: int, end: int) -> bool:
    """A window or date in another language counts unless its sentence is an optional process."""
    before, after = _sentence(text, start, end)
    return not (_OPTIONAL_ANY.search(before) or _OPTIONAL_ANY.search(after))


def _foreign_date_after(text: str, at: int, dates: DateReader, lang: str
                        ) -> tuple[int, date] | None:
    """The date written right after `at` in `lang` or the marketplace's languages."""
    words = text[at:at + 60].split("\n")[0].split()[:5]
    langs = (*LANGUAGES.get(dates.marketplace or "", ()), lang)
    for size in range(min(len(words), 4), 1, -1):
        piece = " ".join(words[:size]).rstrip(".,;:")
        found = read_date_words(piece, langs, dates.order)
        if found:
            return at + len(text[at:].split(words[size - 1], 1)[0]) + len(words[size - 1]), \
                found.date()
    return None


def _foreign_deadlines(text: str, dates: DateReader, base: date | None, sent: datetime | None
                       ) -> tuple[list[Deadline], str | None]:
    options: list[Deadline] = []
    unread: str | None = None
    low = _lowered(text)
    windows = (_at_words(text, low, _FOREIGN_WITHIN_WORDS, _FOREIGN_WINDOW)
               + _at_words(text, low, _FOREIGN_SUFFIX_WORDS, _FOREIGN_SUFFIX, suffix=True))
    for m in windows[:MAX_CANDIDATES]:
        start = m.start()
        if not _foreign_sentence_ok(text, start, m.end()):
            continue
        hours = m["unit"].lower().startswith(_FOREIGN_HOURS)
        window = _window(int(m["n"]), hours, snippet(text, start, m.end()), base, sent)
        if isinstance(window, Deadline):
            options.append(window)
        elif window:
            unread = unread or window
    for count, m in enumerate(_at_words(text, low, tuple(_FOREIGN_BY_WORDS), _FOREIGN_BY)):
        if count >= 5:
            break
        if not _foreign_sentence_ok(text, m.start(), m.end()):
            continue
        lang = next(v for k, v in _FOREIGN_BY_WORDS.items() if low.startswith(k, m.start()))
        found = _foreign_date_after(text, m.end(), dates, lang)
        if found is None:
            unread = unread or snippet(text, m.start(), m.end() + 20, 20)
        elif base is None or base <= found[1] <= base + timedelta(days=365):
            options.append(Deadline(found[1], snippet(text, m.start(), found[0])))
    for count, m in enumerate(_at_words(text, low, ("tarihine", "までに"), _FOREIGN_BY_AFTER)):
        if count >= 5:
            break
        head = text[max(0, m.start() - 40):m.start()]
        if (jp := _JAPANESE_DATE.search(head)) and (value := _make(jp[1], int(jp[2]), jp[3])):
            options.append(Deadline(value, snippet(text, m.start() - len(head) + jp.start(),
                                                   m.end())))
            continue
        words = head.split()
        for size in range(min(len(words), 4), 1, -1):
            found = read_date_words(" ".join(words[-size:]),
                                    (*LANGUAGES.get(dates.marketplace or "", ()), "tr"),
                                    dates.order)
            if found:
                options.append(Deadline(found.date(), snippet(text, m.start() - 20, m.end())))
                break
    return options, unread


def find_deadline_moment(text: str, dates: DateReader, base: date | None,
                         sent: datetime | None = None) -> tuple[Deadline | None, str | None]:
    """The earliest deadline the notice sets for the seller, and the words of one that looks
    like a deadline but could not be read (no notice date to count from, a date not understood).

    `base` is the notice date: relative deadlines need it, explicit dates are checked against it;
    `sent` is the notice's time, which hour windows are counted from.
    """
    options: list[Deadline] = []
    unread: str | None = None
    for count, m in enumerate(_RELATIVE.finditer(text)):
        if count >= MAX_CANDIDATES:
            break
        if (m["kind"] or "").strip().lower() in ("business", "working"):
            continue
        if m["tail"] and not _OWN_ANCHOR.match(m["anchor"]):
            continue
        n = _WORDS.get(m["n"].lower())
        n = int(m["n"]) if n is None else n
        if not _acceptable(text, m.start(), m.end()):
            continue
        hours = not m["unit"].lower().startswith("day")
        window = _window(n, hours, snippet(text, m.start(), m.end()), base, sent)
        if isinstance(window, Deadline):
            options.append(window)
        elif window:
            unread = unread or window
    explicit = [(f.start, f.end, dates.value(f)) for f in dates.spans[:MAX_CANDIDATES]]
    for start, end, value in [*explicit, *_yearless(text, base)]:
        trigger = _BY_DATE.search(text[max(0, start - 60):start])
        if value is None or trigger is None:
            continue
        at = start - len(trigger.group())
        in_range = base is None or base <= value <= base + timedelta(days=365)
        if in_range and _acceptable(text, at, end):
            options.append(Deadline(value, snippet(text, at, end)))
    foreign, foreign_unread = _foreign_deadlines(text, dates, base, sent)
    options += foreign
    unread = unread or (None if options else foreign_unread)
    if not options and unread is None:
        low = _lowered(text)
        for count, m in enumerate(_at_words(text, low, _UNREAD_BY_WORDS, _UNREAD_BY)):
            if count >= MAX_CANDIDATES:
                break
            if (_acceptable(text, m.start(), m.end()) and not _looks_like_time(m.group())
                    and not any(m.start() <= f.start < m.end() for f in dates.spans)):
                unread = snippet(text, m.start(), m.end(), 20)
                break
    return (min(options, key=lambda d: d.date) if options else None), unread


_CLOCK_ONLY = re.compile(r"[^0-9]{0,20}[0-9]{1,2}(?::[0-9]{2})?[ \t]*(?:am|pm|hours?|days?"
                         r"|business|working|p\.m\.|a\.m\.)", _I)


def _looks_like_time(words: str) -> bool:
    """True when "by ..." names a clock time or a span, not a day ("by 5 pm", "by 2 days")."""
    return bool(_CLOCK_ONLY.match(words.split(None, 1)[1] if " " in words else words))


def find_deadline(text: str, dates: DateReader, base: date | None) -> tuple[date, str] | None:
    """The earliest deadline the notice sets for the seller, and the words that set it."""
    found, _ = find_deadline_moment(text, dates, base)
    return (found.date, found.words) if found else None


_LIMIT = re.compile(rf"\b(?:after|following)[ \t\n]+(?P<n>{_NUM})[ \t\n]+(?:unsuccessful|failed"
                    r"|rejected|denied)[ \t\n]+(?:appeals?|attempts?|submissions?|plans?)\b", _I)


def find_appeal_limit(text: str) -> tuple[int, str] | None:
    """How many failed appeals make the decision final ("after two unsuccessful appeals")."""
    m = _LIMIT.search(text)
    if m is None:
        return None
    n = _WORDS.get(m["n"].lower())
    return (int(m["n"]) if n is None else n), snippet(text, m.start(), m.end(), 20)
