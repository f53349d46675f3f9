"""Documents from the app: the palette's export commands and the export dialog's formats."""

from __future__ import annotations

from pathlib import Path

import docx
from editor_support import TODAY, editor_app, eventually, open_editor, written_case
from textual.command import CommandPalette
from textual.widgets import Input, Select

from poa_tui.domain.models import Notice
from poa_tui.domain.vocab import Channel, Section
from poa_tui.tui.dialogs.export_form import ExportFormScreen
from poa_tui.tui.screens.submission_log import SubmissionLogScreen


def form_ready(app) -> bool:
    """The export form is up and has suggested a file name."""
    screen = app.screen
    return isinstance(screen, ExportFormScreen) and bool(
        screen.query("#path") and screen.query_one("#path", Input).value)


async def test_the_palette_exports_a_word_document_of_the_draft(tmp_path: Path) -> None:
    case = written_case(seller="Zoë Kitchen Ltd",
                        notice=Notice(asins=["B0C7K2MQ4R"], order_ids=["202-1234567-7654321"]))
    app = editor_app(tmp_path, case)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot)
        editor.editor(Section.ROOT_CAUSE).text = "Typed just now, **not saved** yet."
        await pilot.press("ctrl+p")
        await eventually(pilot, lambda: isinstance(app.screen, CommandPalette))
        app.screen.query_one(Input).value = "export: Word document"
        await eventually(pilot, lambda: "Word document" in str(
            app.screen.query_one("CommandList").get_option_at_index(0).prompt)
            if app.screen.query_one("CommandList").option_count else False)
        await pilot.press("enter")
        await eventually(pilot, lambda: form_ready(app))
        form = app.screen
        assert form.query_one("#format", Select).value == "docx"
        path = form.query_one("#path", Input).value
        assert path == f"~/poa-1-late-shipments-in-march-{TODAY.isoformat()}.docx"
        await pilot.press("ctrl+s")
        written = Path(path).expanduser()
        await eventually(pilot, written.exists)
    texts = [p.text for p in docx.Document(str(written)).paragraphs]
    assert texts[0] == "Plan of Action: Late shipments in March"
    assert "Seller: Zoë Kitchen Ltd" in texts and "ASIN: B0C7K2MQ4R" in texts
    assert "Typed just now, not saved yet." in texts
    assert "Attempt: 1 (draft, not sent yet)" in texts and f"Date: {TODAY.isoformat()}" in texts


async def test_the_log_exports_what_an_attempt_sent_as_a_letter(tmp_path: Path) -> None:
    case = written_case(seller="Zoë Kitchen Ltd")
    case.record_submission(Channel.EMAIL)
    case.sections = case.sections.with_text("root_cause", "Rewritten after the attempt.")
    app = editor_app(tmp_path, case, settings='letter_greeting = "Hello team,"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("f6")
        await eventually(pilot, lambda: isinstance(app.screen, SubmissionLogScreen))
        await pilot.press("x")
        await eventually(pilot, lambda: form_ready(app))
        form = app.screen
        form.query_one("#format", Select).value = "html"
        form.query_one("#frame", Select).value = "letter"
        await pilot.pause()
        path = Path(form.query_one("#path", Input).value).expanduser()
        assert path.name.endswith("-attempt-1-" + TODAY.isoformat() + ".html")
        await pilot.press("ctrl+s")
        await eventually(pilot, path.exists)
    page = path.read_text(encoding="utf-8")
    assert "Our carrier stopped weekend pickups" in page and "Rewritten" not in page
    assert '<p class="letter">Hello team,</p>' in page
    assert "Kind regards,\nZoë Kitchen Ltd" in page
    assert "<dt>Attempt</dt><dd>1, sent via Email</dd>" in page


async def test_a_pdf_without_fonts_is_explained_in_the_form(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("POA_TUI_FONT_PATH", str(tmp_path / "no-fonts"))
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot)
        editor.export()
        await eventually(pilot, lambda: form_ready(app))
        form = app.screen
        form.query_one("#format", Select).value = "pdf"
        await pilot.pause()
        path = Path(form.query_one("#path", Input).value).expanduser()
        await pilot.press("ctrl+s")
        error = form.query_one("#form-error")
        await eventually(pilot, lambda: "no Unicode font" in str(error.render()))
        assert isinstance(app.screen, ExportFormScreen) and not path.exists()
        assert app.focused is form.query_one("#format", Select)
        # With the fonts back, the same form writes the PDF (off the event loop) and closes.
        monkeypatch.delenv("POA_TUI_FONT_PATH")
        await pilot.press("ctrl+s")
        await eventually(pilot, lambda: not isinstance(app.screen, ExportFormScreen))
        assert path.read_bytes().startswith(b"%PDF-")
