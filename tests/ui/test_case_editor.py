"""The case editor against a real store in tmp: focus, keys, autosave, preview, locks, merges."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

from editor_support import editor_app, eventually, long_sections, open_editor, written_case
from textual import events
from textual.widgets import Footer

from poa_tui.domain.errors import WriteFailedError
from poa_tui.domain.guidance import SECTION_HINTS
from poa_tui.domain.models import Case
from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.storage.store import CaseStore
from poa_tui.tui.dialogs.text_view import TextViewScreen
from poa_tui.tui.screens.case_editor import CaseEditorScreen
from poa_tui.tui.screens.case_list import CaseListScreen
from poa_tui.tui.screens.submission_log import SubmissionLogScreen

REPO = Path(__file__).resolve().parents[2]


def shown_text(screen: CaseEditorScreen) -> str:
    """Every text the preview's block widgets show, in order."""
    parts = []
    for widget in screen.preview.document.query("*"):
        content = getattr(widget, "content", None)
        if content is not None:
            parts.append(str(content))
    return "\n".join(parts)


def change_elsewhere(tmp_path: Path) -> None:
    """Another session writes case 1's Systematic Changes."""
    other = CaseStore(tmp_path / "store")
    theirs = other.load(1)
    theirs.sections.systematic_changes = "Changed by a script."
    other.save(theirs)


async def wait_for_save(pilot, screen: CaseEditorScreen) -> None:
    await eventually(pilot, lambda: not screen.unsaved or screen.session.save_problem is not None)


async def test_opening_a_case_focuses_root_cause(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        assert "Late shipments in March" in str(screen.query_one("#case-title").content)
        assert "Drafting" in str(screen.query_one("#case-state").content)
        editor = screen.editor(Section.ROOT_CAUSE)
        assert editor.title_text == "Root Cause · 11 words · 66 chars · ✓ saved"
        assert not screen.read_only


async def test_an_empty_section_explains_what_belongs_there(tmp_path: Path) -> None:
    app = editor_app(tmp_path, Case(title="Fresh"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        for section in SECTIONS:
            assert screen.editor(section).placeholder == SECTION_HINTS[section]


async def test_a_first_keystroke_marks_the_title_without_restyling(tmp_path: Path) -> None:
    """The unsaved mark is coloured by the title's markup: a CSS class changed on the first
    keystroke after every save restyled the editor and split the redraw over two frames."""
    app = editor_app(tmp_path, written_case(), autosave=5.0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("f2")
        await pilot.pause(0.2)
        editor = screen.editor(Section.ROOT_CAUSE)
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def recording(nodes, *args, **kwargs) -> None:
            nodes = list(nodes)
            restyled.extend(nodes)
            update_nodes(nodes, *args, **kwargs)

        app.stylesheet.update_nodes = recording  # type: ignore[method-assign]
        classes = set(editor.classes)
        await pilot.press("Q")
        await pilot.pause()
        assert editor.title_text == "Root Cause · 11 words · 66 chars · ● unsaved"
        assert "[$text-warning]● unsaved" in editor.border_title
        assert set(editor.classes) == classes and editor not in restyled
        await eventually(pilot, lambda: "F2 Root Cause ●" in str(
            screen.query_one("#section-tabs").render()))


async def test_a_closed_case_editor_is_let_go(tmp_path: Path) -> None:
    """Textual keeps a closed text area's watch on the app's theme, and with it the whole
    screen: a long case stayed in memory for each time it was opened."""
    import gc
    import weakref

    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        gone = weakref.ref(screen)
        del screen
        await pilot.press("escape")
        await eventually(pilot, lambda: isinstance(app.screen, CaseListScreen))
        await pilot.pause(0.2)
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        assert gone() is None


async def test_the_footer_keeps_no_closed_keys(tmp_path: Path) -> None:
    """Textual's footer rebuilds its keys as focus moves, and each old key stayed watched."""
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_editor(app, pilot)
        footer = screen.query_one(Footer)
        for key in ("f3", "f4", "f5", "f2", "f3", "f2"):
            await pilot.press(key)
            await pilot.pause()
        watchers = getattr(footer, "__watchers", {})
        watching = [node for entries in watchers.values() for node, _ in entries]
        assert watching and all(node.is_attached for node in watching)


async def test_text_typed_with_f4_in_one_burst_goes_to_that_section(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case(), autosave=5.0)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_editor(app, pilot)
        for key, char in (("f4", None), ("Q", "Q")):
            app.post_message(events.Key(key, char))  # both queued before the first is handled
        await pilot.pause(0.2)
        assert screen.editor(Section.SYSTEMATIC_CHANGES).text.startswith("Q")
        assert not screen.editor(Section.ROOT_CAUSE).text.startswith("Q")


async def test_typing_in_each_section_reaches_the_preview_and_the_disk(tmp_path: Path) -> None:
    app = editor_app(tmp_path, Case(title="Fresh"), autosave=2.0)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_editor(app, pilot)
        words = {Section.ROOT_CAUSE: "Our supplier shipped **used** units.",
                 Section.IMMEDIATE_REMEDY: "1. Removed the listing on 3 March.",
                 Section.SYSTEMATIC_CHANGES: "- Every return is inspected twice."}
        for key, section in zip(("f2", "f3", "f4"), SECTIONS):
            await pilot.press(key)
            assert app.focused is screen.editor(section)
            screen.editor(section).insert(words[section])
        await pilot.pause()
        editor = screen.editor(Section.SYSTEMATIC_CHANGES)
        assert editor.title_text.endswith("● unsaved")
        assert app.store.load(1).sections.root_cause == ""  # not inside the keystroke
        await screen.preview.settle()
        shown = shown_text(screen)
        assert "Our supplier shipped used units." in shown
        assert "Removed the listing on 3 March." in shown
        assert "Every return is inspected twice." in shown
        await wait_for_save(pilot, screen)
        stored = app.store.load(1).sections
        assert stored.root_cause == words[Section.ROOT_CAUSE]
        assert stored.systematic_changes == words[Section.SYSTEMATIC_CHANGES]
        await eventually(pilot, lambda: editor.title_text.endswith("✓ saved"))
        await eventually(pilot, lambda: "· 5 words · " in editor.title_text)  # after a pause


async def test_function_keys_at_80x24_reach_every_part(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        assert screen.has_class("-single") and screen.has_class("-narrow")
        assert screen.query_one(Footer).region.height == 1
        for key, section in zip(("f2", "f3", "f4"), SECTIONS):
            await pilot.press(key)
            await pilot.pause()
            editor = screen.editor(section)
            assert app.focused is editor
            assert editor.region.height >= 10 and editor.region.width >= 70
            others = [screen.editor(s) for s in SECTIONS if s != section]
            assert all(other.region.height == 0 for other in others)
        await pilot.press("f5")
        await pilot.pause()
        assert app.focused is screen.preview
        assert screen.preview.region.height >= 10 and screen.preview.region.width >= 70
        await screen.preview.settle()
        assert "Our carrier stopped weekend pickups" in shown_text(screen)
        await pilot.press("f5")
        await pilot.pause()
        assert app.focused is screen.editor(Section.SYSTEMATIC_CHANGES)
        assert screen.preview.region.height == 0
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, SubmissionLogScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_wide_terminals_show_all_sections_beside_the_preview(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_editor(app, pilot)
        assert screen.has_class("-wide") and not screen.has_class("-single")
        regions = [screen.editor(s).region for s in SECTIONS]
        assert all(r.height >= 10 for r in regions)
        assert regions[0].y < regions[1].y < regions[2].y
        assert screen.preview.region.x >= regions[0].right
        await pilot.press("f5")
        assert app.focused is screen.preview
        await pilot.press("f5")
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        assert screen.has_class("-medium") and screen.preview.region.height == 0


async def test_escape_saves_and_goes_back(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        screen.editor(Section.ROOT_CAUSE).insert("Typed just before leaving. ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        assert app.store.load(1).sections.root_cause.startswith("Typed just before leaving. ")
        assert app.store.lock_holder(1) is None


async def test_quitting_with_pending_edits_saves_them(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case(), settings="")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        screen.editor(Section.IMMEDIATE_REMEDY).insert("Typed a moment before quitting. ")
        await pilot.press("ctrl+q")
    stored = CaseStore(tmp_path / "store").load(1)
    assert stored.sections.immediate_remedy.startswith("Typed a moment before quitting. ")


async def test_pasted_text_loses_control_characters(tmp_path: Path) -> None:
    app = editor_app(tmp_path, Case(title="Paste"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        editor = screen.editor(Section.ROOT_CAUSE)
        editor.post_message(events.Paste("Dear seller,\x1b[31m we\x07 removed\x00 it."))
        await pilot.pause()
        assert editor.text == "Dear seller, we removed it."


HOLDER = """
import pathlib, sys, time
from poa_tui.storage.store import CaseStore
lock = CaseStore(sys.argv[1]).session_lock(int(sys.argv[2])).acquire()
print("locked", flush=True)
while not pathlib.Path(sys.argv[3]).exists():
    time.sleep(0.02)
"""


async def test_a_case_held_by_another_process_opens_read_only(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    release = tmp_path / "release"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "store"), "1",
                               str(release)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_editor(app, pilot)
            assert screen.read_only
            banner = str(screen.query_one("#lock-banner").content)
            assert f"process {holder.pid}" in banner and "Read-only" in banner
            editor = screen.editor(Section.ROOT_CAUSE)
            assert editor.read_only and editor.title_text.endswith("read-only")
            await pilot.press("x")
            assert "x" not in editor.text
            release.touch()
            holder.wait(timeout=10)
            screen.refresh_from_store()
            await pilot.pause()
            assert not screen.read_only and not editor.read_only
            assert not screen.query_one("#lock-banner").display
    finally:
        release.touch()
        holder.wait(timeout=10)


async def test_a_write_from_elsewhere_is_merged(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        other = CaseStore(tmp_path / "store")
        theirs = other.load(1)
        theirs.sections.immediate_remedy = "Written by the other session."
        other.save(theirs)
        screen.editor(Section.ROOT_CAUSE).insert("Mine: ")
        await wait_for_save(pilot, screen)
        stored = app.store.load(1)
        assert stored.sections.root_cause.startswith("Mine: Our carrier")
        assert stored.sections.immediate_remedy == "Written by the other session."
        assert screen.editor(Section.IMMEDIATE_REMEDY).text == "Written by the other session."
        assert not screen.unsaved
        messages = [n.message for n in app._notifications]
        assert any("Took the other session's Immediate Remedy" in m for m in messages)


def refuse_writes(app, monkeypatch):
    """Make the store refuse every save as a full disk does; returns the real `save`."""
    real_save = app.store.save
    full = WriteFailedError(app.store.case_path(1), OSError(errno.ENOSPC, "No space left on device"))

    def refuse(case):
        raise full

    monkeypatch.setattr(app.store, "save", refuse)
    return real_save


async def test_a_refused_write_keeps_the_text_and_retries(tmp_path: Path, monkeypatch) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        real_save = refuse_writes(app, monkeypatch)
        editor = screen.editor(Section.ROOT_CAUSE)
        editor.insert("Kept on screen. ")
        await wait_for_save(pilot, screen)
        await pilot.pause()
        strip = screen.query_one("#save-problem")
        assert strip.display and "No space left on device" in str(strip.content)
        assert editor.text.startswith("Kept on screen. ")
        assert editor.title_text.endswith("● unsaved")
        monkeypatch.setattr(app.store, "save", real_save)
        editor.insert("More. ")  # the next pause retries
        await eventually(pilot, lambda: not screen.unsaved)
        assert app.store.load(1).sections.root_cause.startswith("Kept on screen. More. ")
        assert not strip.display and editor.title_text.endswith("✓ saved")


async def test_a_refused_autosave_is_retried_by_itself(tmp_path: Path, monkeypatch) -> None:
    """The autosave writes in a thread; when the disk refuses, the retry timer it starts (from
    the screen's own context) saves once writing works, with no key pressed."""
    from poa_tui.tui.screens import editor_saving

    monkeypatch.setattr(editor_saving, "RETRY_SECONDS", 0.2)
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        real_save = refuse_writes(app, monkeypatch)
        screen.editor(Section.ROOT_CAUSE).insert("Kept on screen. ")
        await eventually(pilot, lambda: screen.session.save_problem is not None)
        monkeypatch.setattr(app.store, "save", real_save)
        await eventually(pilot, lambda: not screen.unsaved)
        assert app.store.load(1).sections.root_cause.startswith("Kept on screen. ")


async def test_f7_copies_the_whole_plan_through_the_app(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case(), settings='copy_format = "markdown"\n')
    copied: list[tuple[str, str]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        real_copy = app.copy_text

        def spy(text: str, what: str):
            copied.append((text, what))
            return real_copy(text, what)

        app.copy_text = spy  # type: ignore[method-assign]
        await open_editor(app, pilot)
        await pilot.press("f7")
        await pilot.pause()
        text, what = copied[-1]
        assert what == "Whole POA as Markdown"
        assert "## Root Cause" in text and "**4 March**" in text
        assert any(n.title == "Copy: Whole POA as Markdown" for n in app._notifications)
        app.screen.copy(Section.IMMEDIATE_REMEDY, fmt="text")
        assert copied[-1] == ("1. Switched carrier on 6 March.\n2. Refunded 31 delayed orders.",
                              "Immediate Remedy only")


async def test_the_final_text_opens_in_a_read_only_view(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        screen.view_final_text()
        await pilot.pause()
        view = app.screen
        assert isinstance(view, TextViewScreen)
        assert "Root Cause\nOur carrier stopped weekend pickups on 4 March" in view.text
        await pilot.press("escape")
        assert app.screen is screen


async def test_palette_offers_the_editor_commands(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        titles = [command.title for command in screen.palette_commands()]
        for title in ("copy: Whole POA", "copy: Root Cause only", "copy: Immediate Remedy only",
                      "copy: Systematic Changes only", "view: Final text", "export: To file",
                      "attempt: Record submission", "attempt: Record reply",
                      "case: Submission log"):
            assert title in titles


async def test_the_preview_opens_at_the_section_being_written(tmp_path: Path) -> None:
    app = editor_app(tmp_path, Case(title="Long", sections=long_sections(1500)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("f4")
        await pilot.press("f5")
        preview = screen.preview

        def heading_in_view() -> bool:
            heading = preview.section_heading(Section.SYSTEMATIC_CHANGES)
            return heading is not None and preview.region.contains_region(heading.region)

        await eventually(pilot, heading_in_view)
        assert app.focused is preview


async def test_a_clean_editor_follows_a_write_made_elsewhere(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        change_elsewhere(tmp_path)
        screen.refresh_from_store()
        await pilot.pause()
        editor = screen.editor(Section.SYSTEMATIC_CHANGES)
        assert editor.text == "Changed by a script."
        assert not screen.unsaved and editor.title_text.endswith("✓ saved")


async def test_the_heading_states_the_deadline_in_plain_words_and_fits_80_columns(tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    from editor_support import TODAY

    from poa_tui.domain.models import Notice
    from poa_tui.domain.vocab import Channel

    late = written_case(notice=Notice(deadline=TODAY - timedelta(days=2)))
    late.record_submission(Channel.EMAIL, when=datetime(2025, 3, 12, 12, tzinfo=timezone.utc))
    soon = written_case("Soon", notice=Notice(deadline=TODAY + timedelta(days=5)))
    app = editor_app(tmp_path, late, soon)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        state = screen.query_one("#case-state")
        text = str(state.content)
        # Awaiting Amazon: the seller has done their part, so the deadline has passed rather
        # than being overdue (the list's and the log's word).
        assert text.endswith(" · deadline passed") and "overdue" not in text
        assert "sent" not in text  # the log has the count; status and deadline stay whole
        assert state.size.width >= len(text)
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert str(state.content).endswith(" · deadline passed · 1 sent")
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_editor(app, pilot, case_id=2)
        assert str(screen.query_one("#case-state").content).endswith(" · due in 5 d")


async def test_escape_closes_a_covering_preview_before_leaving_the_case(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        assert screen.active_bindings["escape"].binding.action == "back"
        await pilot.press("f5")
        await pilot.pause()
        assert app.focused is screen.preview and screen.preview.region.height > 0
        escape = screen.active_bindings["escape"].binding
        assert (escape.action, escape.description) == ("close_preview", "Close preview")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.preview.region.height == 0
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        assert screen.active_bindings["escape"].binding.action == "back"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)


async def test_ctrl_s_and_f10_save_at_once(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case(), autosave=30.0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        for key, words in (("ctrl+s", "First. "), ("f10", "Second. ")):
            screen.editor(Section.ROOT_CAUSE).insert(words)
            await pilot.pause()
            assert screen.unsaved
            await pilot.press(key)
            await pilot.pause()
            assert not screen.unsaved
            assert words in app.store.load(1).sections.root_cause
            assert [n.message for n in app._notifications][-1] == "Saved."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == "Everything is already saved."


async def test_ctrl_home_and_ctrl_end_go_to_the_ends_of_a_section(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        editor = screen.editor(Section.IMMEDIATE_REMEDY)
        editor.focus()
        editor.move_cursor((1, 3))
        await pilot.press("ctrl+end", "!")
        assert editor.text.endswith("31 delayed orders.!")
        await pilot.press("ctrl+home", "X")
        assert editor.text.startswith("X1. Switched")
        await pilot.press("ctrl+shift+end")
        assert editor.selected_text == editor.text[1:]
        await pilot.press("ctrl+shift+home")
        assert editor.selected_text == editor.text[:1]


async def test_an_idle_editor_does_not_read_the_case_again(tmp_path: Path) -> None:
    """Following other sessions costs one look at the file's stamp while nothing changes,
    not a read of the whole case every few seconds."""
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        loads: list[int] = []
        load = app.store.load

        def counting(case_id: int) -> Case:
            loads.append(case_id)
            return load(case_id)

        app.store.load = counting  # type: ignore[method-assign]
        for _ in range(3):
            screen.refresh_from_store()
        assert loads == []
        screen.editor(Section.ROOT_CAUSE).insert("Mine: ")
        assert screen.save()
        screen.refresh_from_store()  # our own write is not news
        assert loads == []
        change_elsewhere(tmp_path)
        screen.refresh_from_store()
        await pilot.pause()
        assert loads == [1]
        assert screen.editor(Section.SYSTEMATIC_CHANGES).text == "Changed by a script."


async def test_the_cursor_is_steady_so_an_idle_editor_draws_nothing(tmp_path: Path) -> None:
    """A blinking cursor redrew the focused editor twice a second while nobody typed: most of
    the app's idle CPU with a case open, and a stream of bytes over SSH."""
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        assert not any(editor.cursor_blink for editor in screen.editors)


async def test_autosave_writes_off_the_ui_thread_one_save_at_a_time_in_order(
        tmp_path: Path) -> None:
    """The autosave's file work runs in a thread: the screen keeps taking keys while the disk
    is slow, and a change made meanwhile is saved after the first write, not beside it."""
    import threading

    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        editor = screen.editor(Section.ROOT_CAUSE)
        slow_disk = threading.Event()
        saves: list[tuple[str, str]] = []
        save = app.store.save

        def slow_save(case: Case) -> Case:
            saves.append((threading.current_thread().name, case.sections.root_cause))
            slow_disk.wait(timeout=10)
            return save(case)

        app.store.save = slow_save  # type: ignore[method-assign]
        editor.insert("First. ")
        await eventually(pilot, lambda: len(saves) == 1)
        assert saves[0][0] != threading.main_thread().name
        editor.insert("Second. ")  # typed while the first save is still on its way
        await pilot.pause()
        assert editor.text.startswith("First. Second. ")
        slow_disk.set()
        await wait_for_save(pilot, screen)
        assert [text[:15] for _, text in saves] == ["First. Our carr", "First. Second. "]
        stored = CaseStore(tmp_path / "store").load(1)
        assert stored.sections.root_cause.startswith("First. Second. Our carrier")
        assert stored.revision == screen.case.revision
        assert not [n for n in app._notifications if "elsewhere" in (n.title or "")]


async def test_an_edit_far_down_is_readable_in_the_preview_without_waiting_for_scrolling(
        tmp_path: Path) -> None:
    """The preview scrolls to the paragraph that changed and builds the blocks around it at
    once: waiting for the scroll to settle (as after the user's own scrolling) left the
    paragraph among blank rows for a while."""
    from editor_support import long_sections

    from poa_tui.tui.widgets.block_markdown import BlockSpacer

    app = editor_app(tmp_path, Case(title="Long", sections=long_sections(3000)))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("f5")
        await screen.preview.settle()
        await pilot.press("f4")
        preview = screen.preview
        preview._scrolled.delay = 3600  # scrolling never settles within the test
        editor = screen.editor(Section.SYSTEMATIC_CHANGES)
        row = editor.document.line_count - 1
        editor.move_cursor((row, len(editor.document[row])))
        editor.insert(" Zebra-crossing.")

        def readable() -> bool:
            view = preview.content_region
            shown = [w for w in preview.document.query("*")
                     if "Zebra-crossing." in str(getattr(w, "content", "")) and w.region]
            return bool(shown) and view.contains_region(shown[0].region) and not any(
                isinstance(child, BlockSpacer) and child.region.overlaps(view)
                for child in preview.document.children)

        await eventually(pilot, readable)
