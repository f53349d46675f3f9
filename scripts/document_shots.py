"""Render the demo case's documents to pictures for `screenshots/`: what a reader opens.

    .venv/bin/python scripts/document_shots.py

Writes `screenshots/export-pdf.png` (the PDF's first page, drawn by pdftoppm from
poppler-utils) and, when LibreOffice is installed, `screenshots/export-docx.png` (the Word
file's first page as LibreOffice lays it out). The demo case is seeded with the same fixed
"today" as `scripts/screenshots.py`, so the pictures only change when the layout does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from poa_tui.domain.documents import build_document, render  # noqa: E402
from poa_tui.storage.demo import seed_demo  # noqa: E402
from poa_tui.storage.store import CaseStore  # noqa: E402

OUT = ROOT / "screenshots"
WIDTH = 900
"""Pixels across a page: readable, and the PNG stays near 100 KB."""


def first_page_png(pdf: Path, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1",
                    "-scale-to", str(WIDTH), str(pdf), str(stem)], check=True)


def main() -> int:
    from screenshots import TODAY  # the app shots' fixed day

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        case = seed_demo(CaseStore(work / "store"), today=TODAY)
        document = build_document(case, today=TODAY)
        pdf = work / "demo.pdf"
        pdf.write_bytes(render(document, "pdf"))
        first_page_png(pdf, OUT / "export-pdf.png")
        print(OUT / "export-pdf.png")
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office is None:
            print("LibreOffice is not installed: export-docx.png was not redrawn", file=sys.stderr)
            return 0
        word = work / "demo.docx"
        word.write_bytes(render(document, "docx"))
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir",
                        str(work / "office"), str(word)], check=True, capture_output=True,
                       timeout=180)
        first_page_png(work / "office" / "demo.pdf", OUT / "export-docx.png")
        print(OUT / "export-docx.png")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
