"""Make untrusted text safe to show in a terminal and to send through OSC 52.

Two jobs, two kinds of function. On the way IN (typed, pasted, read by the CLI), `strip_controls`
removes escape sequences and control characters for good, so they never reach the store. On the
way OUT, text that reached the store some other way (a restored zip, a hand-edited case file, an
index row) is made inert without changing what is stored: `for_terminal` turns each control
character into a visible placeholder for the command line's output, and `for_screen` removes the
characters Textual counts as zero cells wide, so what the app draws keeps its layout.

Text pasted from an Amazon email or a web page can carry terminal escape sequences (colour codes,
window-title and hyperlink OSC strings, device-control strings) and stray control characters.
Shown as-is they can move the cursor, retitle the window or end an OSC 52 sequence early, so
every path that displays or copies such text goes through `strip_controls` first.

Bidirectional marks and overrides (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) are kept in
the STORED text on purpose. They are printable format characters, not terminal controls, and
sellers on the Arabic and Hebrew marketplaces need them for mixed-direction text to read in the
right order in the appeal form; `strip_controls` keeps them, and so do `export` to a file or a
pipe and JSON. Unicode line and paragraph separators (U+2028, U+2029) are kept for the same
reason.

On the way OUT to a terminal, though, the embeddings, overrides and isolates (U+202A-U+202E,
U+2066-U+2069, the "Trojan Source" set of CVE-2021-42574) are removed: a terminal that applies
them reorders the rest of the line, so a `list` row or an error naming a file could read as
something it is not. Without them the text shows in the order it is stored, which is what it
says. The marks LRM, RLM and ALM (U+200E, U+200F, U+061C) stay even there: they only place
neutral characters such as punctuation and digits beside a right-to-left word, cannot reverse a
run of text, and Arabic and Hebrew text needs them to read correctly.

No Textual here: the store, the CLI and the app all call this.
"""

from __future__ import annotations

import re

__all__ = ["UNDRAWABLE", "UNSAFE", "for_screen", "for_terminal", "json_inert", "one_line",
           "strip_controls"]

# Every C0 control except TAB (\x09) and LF (\x0a), plus DEL and the C1 range. CR is included:
# it is normalised to LF before this runs, so only stray ones inside sequences are left.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Escape sequences (ECMA-48 / ECMA-35), in their 7-bit (ESC ...) and 8-bit (C1) spellings:
# - control strings: OSC (ESC ] or 0x9d), DCS (ESC P, 0x90), SOS (ESC X, 0x98), PM (ESC ^, 0x9e)
#   and APC (ESC _, 0x9f), ended by BEL, ST (ESC \) or 8-bit ST (0x9c). The body stops at ESC or
#   another introducer, which keeps the scan linear on hostile input. An unterminated string is
#   not matched: only its introducer goes and the rest stays as text, so no user text vanishes.
# - CSI (ESC [ or 0x9b): parameters, intermediates, one final byte ("\x1b[1;31m", "\x1b[2J").
# - SS2/SS3 with the one character they shift ("\x1bOP" is the F1 key).
# - any other escape: ESC, intermediate bytes, one final byte ("\x1b(B", "\x1bc", "\x1b7").
# - a lone ESC followed by nothing a sequence can continue with.
# The pattern opens with one character set so the regex engine skips plain text quickly; the
# lookbehinds then pick the rule for the introducer found (10 ms instead of 28 ms on 1 MB with
# 120,000 colour codes).
_STRING = r"[^\x07\x1b\x90\x98\x9c-\x9f]*(?:\x07|\x1b\\|\x9c)"
_CSI = r"[0-?]*[ -/]*[@-~]"
_SEQUENCE = re.compile(
    r"[\x1b\x90\x98\x9b\x9d-\x9f]"
    r"(?:(?<=\x1b)(?:[\]PX^_]" + _STRING + r"|\[" + _CSI + r"|[NO][ -~]?|[ -/]*[0-~]|)"
    r"|(?<=\x9b)" + _CSI
    + r"|(?<=[\x90\x98\x9d-\x9f])" + _STRING
    + r")"
)


def strip_controls(text: str) -> str:
    """Return `text` without escape sequences or control characters, keeping `\\n` and `\\t`.

    `\\r\\n` and a lone `\\r` become `\\n`. Printable characters of any script, emoji and
    format characters such as bidi marks are left exactly as they were. Text with no control
    character at all is returned unchanged without copying (one regex scan: ~1.5 ms a megabyte).
    """
    if _CONTROL.search(text) is None:
        return text
    text = _SEQUENCE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must not reach a terminal as it is: C0 controls but TAB and LF, DEL, C1 controls, bidi
embeddings, overrides and isolates, and lone surrogates (which cannot even be encoded)."""

UNDRAWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""`UNSAFE`, TAB and LF: what must not be inside one drawn line of a full-screen app."""

_REPLACEMENT = "\ufffd"
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SURROGATES = range(0xD800, 0xE000)

_VISIBLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},  # Control Pictures: ESC is "␛"
    0x7F: "\u2421",  # "␡"
    **{code: _REPLACEMENT for code in range(0x80, 0xA0)},  # C1 has no pictures of its own
    **{code: "" for code in _BIDI},
    **{code: _REPLACEMENT for code in _SURROGATES},
}
del _VISIBLE[0x09], _VISIBLE[0x0A]

_ZERO_WIDTH: dict[int, str] = {
    **{code: "" for code in [*range(0x20), *range(0x7F, 0xA0), *_BIDI]},
    **{code: _REPLACEMENT for code in _SURROGATES},
}


def for_terminal(text: str) -> str:
    """`text` made inert for a terminal, for a person to read (the CLI's output).

    Each control character becomes a visible placeholder (ESC shows as "␛", BEL as "␇", a C1
    control or a lone surrogate as "�"), so what an escape sequence would have done is shown
    instead of done; bidi embeddings, overrides and isolates go (see the module's notes). TAB
    and LF stay; CR LF and a lone CR become LF, so no line can be overwritten. Text with none
    of these is returned unchanged without copying (one regex scan).
    """
    if UNSAFE.search(text) is None:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_VISIBLE)


def one_line(text: str) -> str:
    """`for_terminal` for a one-line field (a title, a seller) printed in a row or after a label:
    a line break shows as "␤" and a tab as a space, so stored text cannot start a row of its own
    and pass for another case."""
    text = for_terminal(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", "\u2424").replace("\t", " ")
    return text


def for_screen(text: str) -> str:
    """`text` made inert for a cell of a full-screen app, keeping its width in cells.

    Rich and Textual count every character `UNSAFE` matches as zero cells wide (a lone
    surrogate as one), and have laid the screen out so: those are removed (a surrogate becomes
    "�"), so the line the terminal draws is exactly as wide as the layout planned. TAB and LF
    go too: inside a drawn line they would move the cursor. Unchanged text is not copied.
    """
    if UNDRAWABLE.search(text) is None:
        return text
    return text.translate(_ZERO_WIDTH)


def json_inert(encoded: str) -> str:
    """JSON text with every `UNSAFE` character written as a `\\uXXXX` escape.

    `json.dumps(..., ensure_ascii=False)` escapes C0 controls but writes C1 controls, bidi
    controls and lone surrogates as they are. In JSON they can only occur inside strings, where
    the escape means the very same character: the data read back is unchanged, and the terminal
    never sees the character itself.
    """
    if UNSAFE.search(encoded) is None:
        return encoded
    return UNSAFE.sub(lambda found: f"\\u{ord(found[0]):04x}", encoded)
