"""Amazon's emails reflowed for reading: lines a mail program broke at 70-80 columns joined again.

A reply pasted from an email arrives hard-wrapped. In a pane narrower than the wrap, every line
wraps a second time and the text reads ragged ("... does not contain enough information" /
"for us to reinstate your account."). `reflow_for_display` joins the lines of a paragraph so the
pane can wrap it once, at its own width. It is for the screen only: the stored reply, and
anything copied or exported from it, keep the text exactly as pasted.

Only lines that were clearly broken by wrapping are joined: a line is a wrapped one when the
next line's first word would not have fitted after it (against the widest line of the text), or
when the next line carries on a sentence in lower case. Everything whose line break means
something stays as it is: blank lines, list items (their indented continuation lines join the
item), "ASIN: ..." and other "Label: value" lines, lines holding only an ASIN or order id,
greetings and sign-offs, short headings, quoted ("> ") lines, separators and table rows.

No Textual here: it is a plain function of the text.
"""

from __future__ import annotations

import re

__all__ = ["reflow_for_display"]

MIN_WRAP = 60
"""A text whose widest wrapped-looking line is narrower than this was not wrapped by a mailer."""
MAX_WRAP = 100
"""A line longer than this was never wrapped: it is a paragraph written on one line."""
LOWER_CASE_CARRY = 40
"""A line at least this long, followed by one starting in lower case, is one sentence broken."""
HEADING_WORDS = 5
"""A line of at most this many words, without a full stop, after a sentence reads as a heading."""

_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022\u2023\u2043\u25aa\u25cf\u25e6\u00b7\u2013\u2014]"
                        r"|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z][.)])[ \t]+\S")
_LABEL = re.compile(r"[ \t]*[A-Z][A-Za-z0-9#&/().' -]{0,30}:(?:[ \t]|$)")
_IDENTIFIER = re.compile(r"[ \t]*(?:B0[0-9A-Z]{8}|[0-9]{3}-[0-9]{7}-[0-9]{7})[ \t,;.]*")
_GREETING = re.compile(r"(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening))\b"
                       r"[^.!?:;]{0,30}[,!]?", re.IGNORECASE)
_SIGN_OFF = re.compile(r"(?:(?:(?:kind|best|warm|warmest|many)\s+)?regards|sincerely|yours"
                       r"(?:\s+(?:sincerely|faithfully|truly))?|respectfully|best wishes|cheers)"
                       r"(?:,\s*[^!?:;]{0,40})?[,.!]?"
                       r"|thank you|thanks(?: again)?|with thanks", re.IGNORECASE)
_SEPARATOR = re.compile(r"[ \t]*(?:[-=_*~#]{3,}.*|[\W_]+)")
_TABLE_GAP = re.compile(r"[^\s.!?:;,] {2,}(?=\S)")
_BOX = re.compile(r"[|\u2500-\u257f]")
_SENTENCE_END = ".!?"


def _is_table_row(line: str) -> bool:
    """Columns: a tab inside the line, two or more runs of spaces, or bars and box lines."""
    body = line.strip()
    return ("\t" in body or len(_TABLE_GAP.findall(body)) >= 2
            or len(_BOX.findall(body)) >= 2)


def _stands_alone(line: str) -> bool:
    """A line whose break means something: never joined to the line before or after it."""
    body = line.strip()
    return (body.startswith(">") or _is_table_row(line) or bool(_SEPARATOR.fullmatch(line))
            or bool(_IDENTIFIER.fullmatch(line)) or bool(_GREETING.fullmatch(body))
            or bool(_SIGN_OFF.fullmatch(body)))


def _starts_line(line: str) -> bool:
    """A line that begins something of its own: a list item or a "Label: value" line."""
    return bool(_LIST_ITEM.match(line) or _LABEL.match(line))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _reads_as_heading(line: str) -> bool:
    words = line.split()
    return len(words) <= HEADING_WORDS and line.rstrip()[-1] not in _SENTENCE_END


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, judged by its widest line followed by more prose."""
    widths = [len(line.rstrip()) for line, after in zip(lines, lines[1:])
              if line.strip() and after.strip() and not _stands_alone(line)
              and not _stands_alone(after) and not _starts_line(after)
              and not line.rstrip().endswith(":") and len(line.rstrip()) <= MAX_WRAP]
    width = max(widths, default=0)
    return width if width >= MIN_WRAP else None


def _carries_on(before: str, line: str, width: int | None) -> bool:
    """Whether `line` continues the prose of the line `before` it, broken only by wrapping."""
    previous, current = before.rstrip(), line.strip()
    if previous.endswith(":"):
        return False
    if previous[-1] in _SENTENCE_END and _reads_as_heading(current):
        return False
    if (current[0].islower() and previous[-1] not in _SENTENCE_END
            and len(previous.strip()) >= LOWER_CASE_CARRY):
        return True
    first_word = current.split()[0]
    return (width is not None and len(previous) <= width
            and len(previous) + 1 + len(first_word) > width)


def _joined(paragraph: str, line: str) -> str:
    """`line` after `paragraph`: one space between, none after a word broken at its hyphen."""
    head, tail = paragraph.rstrip(), line.strip()
    if len(head) >= 2 and head[-1] == "-" and head[-2].isalpha() and tail[0].islower():
        return head + tail
    return f"{head} {tail}"


def reflow_for_display(text: str) -> str:
    """`text` with the lines of each hard-wrapped paragraph joined into one line.

    Blank lines, list items, labels, identifiers, greetings, sign-offs, headings, quotes and
    tables keep their own lines; no word is changed, added or dropped.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    width = _wrap_width(lines)
    shown: list[str] = []
    # The physical line before this one when it is prose that this line may carry on, else "".
    before = ""
    # The indent of the list item being shown, or None: its more indented lines continue it.
    item_indent: int | None = None
    for line in lines:
        if not line or _stands_alone(line):
            shown.append(line)
            before, item_indent = "", None
            continue
        starts = _starts_line(line)
        hangs = item_indent is not None and not starts and _indent(line) > item_indent
        if before and not starts and (hangs or _carries_on(before, line, width)):
            shown[-1] = _joined(shown[-1], line)
        else:
            shown.append(line)
            item_indent = _indent(line) if _LIST_ITEM.match(line) else None
        before = line
    return "\n".join(shown)
