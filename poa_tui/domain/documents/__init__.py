"""The plan as a document to send or file: Word (.docx), PDF or a self-contained HTML page.

`build_document` (in `model`) turns a case, or one of its attempts, into a header block and
three sections of blocks; `render` lays them out in one format. Each format's library is
imported only when that format is asked for. No Textual here.
"""

from __future__ import annotations

from poa_tui.domain.documents.fonts import FontNotFoundError
from poa_tui.domain.documents.model import Document, Letter, build_document, letter_text

DOCUMENT_FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("Word document", ".docx"),
    "pdf": ("PDF", ".pdf"),
    "html": ("Web page (HTML)", ".html"),
}
"""Format id -> (what to call it, file extension)."""

__all__ = ["DOCUMENT_FORMATS", "Document", "FontNotFoundError", "Letter", "build_document",
           "letter_text", "render"]


def render(document: Document, fmt: str) -> bytes:
    """The file's bytes in `fmt` (a key of DOCUMENT_FORMATS).

    Raises FontNotFoundError for a PDF when no font on the system can show the text.
    """
    if fmt == "docx":
        from poa_tui.domain.documents.word import render_docx
        return render_docx(document)
    if fmt == "pdf":
        from poa_tui.domain.documents.pdf import render_pdf
        return render_pdf(document)
    if fmt == "html":
        from poa_tui.domain.documents.html_page import render_html
        return render_html(document)
    raise ValueError(f"unknown document format {fmt!r}: use one of {', '.join(DOCUMENT_FORMATS)}")
