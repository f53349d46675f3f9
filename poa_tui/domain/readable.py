"""The readable text of a message as it was saved or pasted: a raw email, an HTML page, plain text.

`readable_text` takes what the user gave and returns the text a person would read:

- a saved email (`.eml`: header lines, a blank line, a body) is read with the standard library's
  email parser, so quoted-printable, base64, encoded headers, charsets and multipart messages are
  decoded; its From, Sent/Date, To and Subject headers are kept on top as plain header lines (the
  notice reader takes the date from them), then the plain-text part, else the HTML part as text;
- HTML (a page or a mail body pasted with its tags) becomes text with the standard library's
  `html.parser`: block tags and `<br>` break lines, table cells are separated by tabs, entities
  are decoded, scripts and styles are dropped;
- anything else is returned as it came.

No HTML-to-text library fits better here: the well-kept ones either pull in lxml or render
Markdown, and a notice needs only line breaks, cells and entities. Nothing here raises on bad
input: an email that cannot be decoded falls back to its raw text. No Textual here.
"""

from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser

__all__ = ["html_text", "looks_like_email", "looks_like_html", "readable_text"]

_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,40}:[ \t]?[^\n]*|[ \t]+\S[^\n]*")
_EMAIL_MARKERS = re.compile(r"^(?:mime-version|content-type|content-transfer-encoding|message-id"
                            r"|return-path|dkim-signature):", re.IGNORECASE | re.MULTILINE)
_TAG = re.compile(r"<(?:/?(?:p|div|br|html|body|table|tr|td|th|span|b|i|strong|em|a|ul|ol|li"
                  r"|h[1-6]|font|head|meta|style)\b[^>]{0,500}>|!--)", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:nbsp|amp|lt|gt|quot|#[0-9]{1,6}|#x[0-9a-f]{1,6});", re.IGNORECASE)
_BLOCKS = frozenset({"p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4",
                     "h5", "h6", "blockquote", "pre", "hr", "section", "article", "header",
                     "footer", "dt", "dd", "title"})
_CELLS = frozenset({"td", "th"})
_ROWS = frozenset({"tr", "li", "dt", "dd"})
"""Tags that start a new line but never leave a blank one, so a table stays one block."""
_HIDDEN = frozenset({"script", "style", "head"})
_KEPT_HEADERS = (("From", "From"), ("Date", "Date"), ("To", "To"), ("Subject", "Subject"))
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_MAX_HEADER_LINES = 200


def looks_like_email(text: str) -> bool:
    """True when `text` opens with a header block that a saved email has (MIME or transport)."""
    head = text.lstrip("\r\n")[:20_000].replace("\r\n", "\n")
    block, blank, _ = head.partition("\n\n")
    if not blank:
        return False
    lines = block.split("\n")[:_MAX_HEADER_LINES]
    return (len(lines) >= 2 and all(_HEADER_LINE.fullmatch(line) for line in lines)
            and bool(_EMAIL_MARKERS.search(block)))


def looks_like_html(text: str) -> bool:
    """True when `text` holds HTML tags or entities enough to be markup rather than prose."""
    sample = text[:200_000]
    tags = sum(1 for _ in zip(range(3), _TAG.finditer(sample)))
    return tags >= 2 or (tags >= 1 and _ENTITY.search(sample) is not None)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _ROWS and self.parts and self.parts[-1].strip(" ") == "":
            self.parts.append("" if self.parts[-1].endswith("\n") else "\n")
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS and tag not in _ROWS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(" ".join(data.split("\n")) if "\n" in data else data)


def html_text(markup: str) -> str:
    """The text of an HTML fragment or page, with line breaks where blocks and `<br>` were."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        cells = [_SPACES.sub(" ", cell).strip() for cell in line.split("\t")]
        lines.append("\t".join(cell for cell in cells if cell))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def _body(message: EmailMessage) -> str:
    """The plain-text part of `message`, else its HTML part as text, else ""."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        content = part.get_content()
    except (LookupError, ValueError, KeyError, AttributeError):
        payload = message.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html" or looks_like_html(content):
        return html_text(content)
    return content


def email_text(raw: bytes) -> str:
    """The readable text of a saved email: its main headers, a blank line, its body."""
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    lines = []
    for name, label in _KEPT_HEADERS:
        try:
            value = message.get(name)
        except (ValueError, IndexError, TypeError):
            value = None
        if value:
            lines.append(f"{label}: {' '.join(str(value).split())}")
    body = _body(message).replace("\r\n", "\n")
    return "\n".join(lines) + "\n\n" + body


def readable_text(data: bytes | str) -> str:
    """What a person would read in `data`: see the module docstring."""
    if isinstance(data, bytes):
        text = data.decode("utf-8-sig", "replace")
        raw = data
    else:
        text = data
        raw = data.encode("utf-8", "replace")
    if looks_like_email(text):
        try:
            return email_text(raw)
        except Exception:  # noqa: BLE001 - any malformed email falls back to its raw text
            return text
    if looks_like_html(text):
        return html_text(text)
    return text
