"""Identifiers in Amazon's notices: ASINs, order, complaint and case ids, and the marketplace.

Every finder returns ids in the order they first appear, without duplicates, upper-cased the
way Amazon writes them. The patterns use ASCII classes only (so no other script's digits or
look-alike letters slip in), bounded repeats, and look back a bounded distance, so a megabyte
of text costs milliseconds.

ASINs: `B0` + 8 capitals or digits anywhere. A ten-digit book ASIN (an ISBN-10) is taken only
where an ASIN would stand, and only when its check digit is right: after an `ASIN` label on the
same line with nothing but other ids between, or at the start of a line in a list under an
`ASIN` heading. Complaint ids, case ids and phone numbers are therefore never read as ASINs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice
from typing import Iterable, Iterator

__all__ = ["ascii_lower", "labelled_lines", "table_column", "find_asins", "find_case_ids", "find_complaint_ids",
           "find_marketplace", "find_order_ids", "is_isbn10"]

_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# The scanners below run on ascii_lower(text) and open with a character class or a literal, which
# the regex engine skips to quickly; word boundaries are then checked by hand (`_bounded`).
_TEN = re.compile(r"[0-9b][0-9a-z]{9}")
_TEN_SHAPE = re.compile(r"[0-9]{9}[0-9x]|b0[0-9a-z]{8}")
# A modern ASIN as Amazon prints it: capitals only, so hex strings in mail headers stay out.
_MODERN = re.compile(r"B0[0-9A-Z]{8}")
_ASIN_LABEL = re.compile(r"asins?(?![a-z])")
_LABEL_FILLER = frozenset({"s", "and", "or", "list", "number", "numbers", "no", "is", "are"})
_WORD = re.compile(r"[0-9a-z]+")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*\u2022]|[0-9]{1,3}[.)])?[ \t]*([0-9a-z]{10})(?![0-9a-z])")
_LOOKBACK = 300
"""How far back an `ASIN` label still counts for the id after it, in characters."""
_HEADING = 200
"""The longest line read as the heading of an ASIN list."""

_ORDER = re.compile(r"[0-9d][0-9]{2}-[0-9]{7}-(?:[ \t]*\n[ \t>]*)?[0-9]{7}(?!-[0-9])")
"""An order id; a mail client may have wrapped it after its second hyphen."""
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t>]*")
_COMPLAINT = re.compile(
    r"complaint[ \t]*(?:id|reference|ref|number|no)\.?(?:s|\(s\))?[ \t]*[:#.]?[ \t]*\n?[ \t]*"
    r"((?:[0-9]{5,15}(?![0-9a-z])[ \t]*(?:,|;|/|and)?[ \t]*)+)")
_CASE = re.compile(
    r"case[ \t]*(?:(?:id|number|no\.?|ref(?:erence)?)[ \t]*)?[:#]?[ \t]*#?[ \t]*\n?[ \t]*"
    r"([0-9]{8,12})(?![0-9a-z])")
_DIGITS = re.compile(r"[0-9]{5,15}")
_ISBN_SHAPE = re.compile(r"[0-9]{9}[0-9Xx]")
_WEIGHTS = range(10, 1, -1)
_MAX_MATCHES = 100_000
"""Matches looked at per pattern: far more than any real notice holds."""
_MAX_IDS = 5_000
"""Ids kept per kind; a hostile paste stops here instead of building huge lists."""


def labelled_lines(text: str, pattern: re.Pattern[str], marks: str = ":\uff1a",
                   limit: int = 5000) -> Iterator[re.Match[str]]:
    """Matches of `pattern` (anchored with `match`) at the start of lines holding one of
    `marks`; only the first `limit` such lines are tried, so a huge paste stays fast."""
    tried = 0
    pos = 0
    ahead = {mark: text.find(mark) for mark in marks}
    while tried < limit:
        ahead = {mark: (at if at >= pos else text.find(mark, pos)) for mark, at in ahead.items()
                 if at >= 0}
        ahead = {mark: at for mark, at in ahead.items() if at >= 0}
        if not ahead:
            return
        at = min(ahead.values())
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        tried += 1
        if match := pattern.match(text, start, end):
            yield match
        pos = end + 1


def ascii_lower(text: str) -> str:
    """`text` lowered for matching, with its length and every offset unchanged.

    `str.lower` is fast but can lengthen a few characters (U+0130, the Turkish dotted capital I,
    becomes two): that one is lowered to a plain i first; should another remain, only ASCII
    capitals are lowered, which is exact but slow on non-ASCII text (~50 ms a megabyte).
    """
    low = text.lower()
    if len(low) != len(text):  # most often a Turkish dotted capital I, lowered to two characters
        low = text.replace("\u0130", "i").lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _bounded(low: str, start: int, end: int) -> bool:
    """True when low[start:end] has no ASCII letter or digit right before or after it."""
    return ((start == 0 or low[start - 1] not in _ALNUM)
            and (end == len(low) or low[end] not in _ALNUM))


def is_isbn10(token: str) -> bool:
    """True when `token` is ten characters with a valid ISBN-10 check digit (X = 10, last only)."""
    if not _ISBN_SHAPE.fullmatch(token):
        return False
    digits = token.encode("ascii")
    check = 10 if digits[9] in b"Xx" else digits[9] - 48
    return (sum(w * (c - 48) for w, c in zip(_WEIGHTS, digits)) + check) % 11 == 0


def _unique(items: Iterable[str]) -> list[str]:
    """`items` without repeats, in first-seen order, at most _MAX_IDS of them."""
    seen: dict[str, None] = {}
    for item in items:
        seen[item] = None
        if len(seen) >= _MAX_IDS:
            break
    return list(seen)


def _matches(pattern: re.Pattern[str], low: str, whole: bool = True) -> Iterator[re.Match[str]]:
    """Matches of `pattern` in `low` that start a word and, if `whole`, end one too."""
    for match in islice(pattern.finditer(low), _MAX_MATCHES):
        if _bounded(low, match.start(), match.end() if whole else len(low)):
            yield match


def _follows_label(low: str, start: int, labels: list[int], anchor: int) -> bool:
    """True when only an `ASIN` label (or an id after one) and fillers stand before `start`."""
    i = bisect_right(labels, start) - 1
    ref = max(labels[i] if i >= 0 else -1, anchor)
    if ref < 0 or start - ref > _LOOKBACK:
        return False
    between = low[ref:start]
    return "\n" not in between and all(word in _LABEL_FILLER or len(word) == 10
                                       for word in _WORD.findall(between))


def _list_heads(low: str, labels: list[int]) -> set[int]:
    """Offsets of the ids that open the lines of a list under an `ASIN` heading."""
    heads: set[int] = set()
    walked = -1
    for at in labels:
        if at <= walked:
            continue
        line_start = low.rfind("\n", max(0, at - _HEADING), at) + 1
        line_end = low.find("\n", at, at + _HEADING)
        if (line_start == 0 and at > _HEADING) or line_end < 0:
            continue
        heading = low[line_start:line_end].strip()
        if not (heading.endswith(":") or len(heading) <= 40):
            continue
        pos = line_end + 1
        while pos < len(low):
            end = low.find("\n", pos)
            end = len(low) if end < 0 else end
            item = _LIST_ITEM.match(low, pos, end)
            if item:
                heads.add(item.start(1))
            elif low[pos:end].strip() and not low[pos:pos + 1].isspace():
                break  # prose ends the list; an indented line is a wrapped title
            pos = end + 1
        walked = pos
    return heads


def _labelled_asin(token: str) -> str | None:
    upper = token.upper()
    return upper if upper.startswith("B0") or is_isbn10(upper) else None


_CELL_SPLIT = re.compile(r"[ \t]*(?:\||\t|[ ]{2,})[ \t]*")
_RULE_ROW = re.compile(r"[ \t|:+-]*")
_TABLE_ROWS = 500
"""Rows read under one table heading."""


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset in line, text) of each cell of a `|`-, tab- or wide-space-separated row."""
    cells, pos = [], 0
    for sep in _CELL_SPLIT.finditer(line):
        cells.append((pos, line[pos:sep.start()]))
        pos = sep.end()
    cells.append((pos, line[pos:]))
    if line.lstrip().startswith("|"):
        cells = cells[1:]
    return [(at, cell) for at, cell in cells if cell or at == 0]


def table_column(low: str, label: re.Pattern[str]) -> list[int]:
    """Offsets of the cells under a column headed by `label` in `|`, tab or space tables.

    The heading row has at least two cells, one of them `label`. Rows follow until a blank line
    or a line of plain prose; a rule row (`|---|`) is skipped, and so is a row whose cell in
    that column is empty (a cell of the row above wrapped onto its own line).
    """
    found: list[int] = []
    done = -1
    for match in islice(label.finditer(low), 200):
        if match.start() < done:
            continue
        line_start = low.rfind("\n", max(0, match.start() - _HEADING), match.start()) + 1
        line_end = low.find("\n", match.end(), match.end() + _HEADING)
        done = line_end
        if line_end < 0 or (line_start == 0 and match.start() > _HEADING):
            done = low.find("\n", match.end())
            done = len(low) if done < 0 else done
            continue
        heading = _cells(low[line_start:line_end])
        if len(heading) < 2:
            continue
        column = next((i for i, (at, cell) in enumerate(heading)
                       if line_start + at <= match.start() < line_start + at + max(1, len(cell))
                       and label.fullmatch(cell.strip())), None)
        if column is None:
            continue
        pos = line_end + 1
        for _ in range(_TABLE_ROWS):
            if pos >= len(low):
                break
            end = low.find("\n", pos)
            end = len(low) if end < 0 else end
            row = low[pos:end]
            if not row.strip() or len(row) > 4 * _HEADING:
                break
            cells = _cells(row)
            if _RULE_ROW.fullmatch(row):
                pass
            elif len(cells) == 1 and not row[:1].isspace():
                break
            elif column < len(cells) and cells[column][1].strip():
                found.append(pos + cells[column][0])
            pos = end + 1
    return found


_ASIN_COLUMN = re.compile(r"asins?")


def find_asins(text: str) -> list[str]:
    """ASINs in `text`: every `B0...` one, and ISBN-10 ones where an ASIN is expected."""
    return _unique(_asins(text))


def _asins(text: str) -> Iterator[str]:
    low = ascii_lower(text)
    labels = [m.end() for m in _matches(_ASIN_LABEL, low)]
    heads = _list_heads(low, labels) | set(table_column(low, _ASIN_COLUMN))
    checked: dict[str, str | None] = {}
    anchor = -1
    for match in _matches(_TEN, low):
        start, end = match.span()
        if not _TEN_SHAPE.fullmatch(low, start, end):
            continue
        labelled = _follows_label(low, start, labels, anchor)
        anchor = end if labelled else anchor
        token = text[start:end]
        if not token.isascii():
            continue
        if _MODERN.fullmatch(token):
            yield token
        elif labelled or start in heads:
            if token not in checked:
                checked[token] = _labelled_asin(token)
            if asin := checked[token]:
                yield asin


def find_order_ids(text: str) -> list[str]:
    """Order ids: `123-1234567-1234567`, and digital orders `D01-1234567-1234567`."""
    low = ascii_lower(text)
    return _unique(_LINE_BREAK.sub("", m.group()).upper() for m in _matches(_ORDER, low)
                   if m.group().isascii())


_COMPLAINT_COLUMN = re.compile(r"complaint[ \t]*(?:id|reference|ref|number|no)\.?")
_CELL_ID = re.compile(r"[0-9]{5,15}(?![0-9a-z])")


def find_complaint_ids(text: str) -> list[str]:
    """Numeric ids after a `Complaint ID:` (or `Complaint reference`, `Complaint number`) label,
    and in a table's `Complaint ID` column."""
    low = ascii_lower(text)
    found = [(match.start(1) + number.start(), number.group())
             for match in _matches(_COMPLAINT, low, whole=False)
             for number in _DIGITS.finditer(match.group(1))]
    found += [(at, cell.group()) for at in table_column(low, _COMPLAINT_COLUMN)
              if (cell := _CELL_ID.match(low, at))]
    return _unique(number for _, number in sorted(found))


def find_case_ids(text: str) -> list[str]:
    """Seller Support case ids (8-12 digits), only after `Case ID`, `case` or `Case #`."""
    return _unique(m.group(1) for m in _matches(_CASE, ascii_lower(text), whole=False))


_MARKET = re.compile(
    r"amazon\.(com\.(?:mx|br|au|be|tr)|co\.(?:uk|jp)|com|ca|de|fr|it|es|nl|se|pl|ie|sa|ae|eg|in|sg)"
    r"(?![0-9a-z])")
_COMPANY = re.compile(r",?[ \t]*(?:inc|llc|services|s\.?a\.?r\.?l)\b")
_NAMED_BEFORE = re.compile(r"\b(?:on|to|in|from|for|your|the)[ \t]+$")
_NAMED_AFTER = re.compile(r"[ \t]+(?:selling|seller|marketplace|store|account|customers?"
                          r"|buyers?)\b")


def find_marketplace(text: str) -> tuple[str, int, int] | None:
    """The marketplace a notice is about, as a domain (`amazon.co.uk`), and where it is named.

    A domain named as the place of selling ("your Amazon.de selling privileges", "selling on
    Amazon.com") counts most, Seller Central and shop links next, sender addresses least.
    `sellercentral-europe.amazon.com` names no single marketplace and company names such as
    "Amazon.com, Inc." name none at all, so both are skipped. Ties go to the first one seen.
    """
    low = ascii_lower(text)
    scores: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for match in islice(_matches(_MARKET, low), 2000):
        before = low[max(0, match.start() - 24):match.start()]
        after = low[match.end():match.end() + 24]
        if before.endswith("sellercentral-europe.") or _COMPANY.match(after):
            continue
        if before.endswith("@"):
            weight = 1
        elif _NAMED_AFTER.match(after) or _NAMED_BEFORE.search(before):
            weight = 4
        else:
            weight = 2
        domain = "amazon." + match.group(1)
        scores[domain] = scores.get(domain, 0) + weight
        first.setdefault(domain, match.span())
    if not scores:
        return None
    best = max(scores.values())
    domain = next(d for d in first if scores[d] == best)
    return domain, *first[domain]
