"""The evidence checklist: seeded from the violation type, every change saved at once, and a
change made in another session never overwritten."""

from __future__ import annotations

from pathlib import Path

from help_panels_support import HostApp, drafted_case, store_with
from textual.widgets import Input, OptionList, Select

from poa_tui.domain.evidence_changes import follow_violation
from poa_tui.domain.guidance import seed_evidence
from poa_tui.domain.models import EvidenceItem
from poa_tui.domain.vocab import ViolationType
from poa_tui.editing.session import CaseSession
from poa_tui.tui.dialogs.case_form import CaseDetails, CaseFormScreen
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.evidence import EvidenceScreen


def _app(tmp_path: Path, **changes):
    store, case = store_with(tmp_path, drafted_case(**changes))
    return HostApp(store, screen=lambda: EvidenceScreen(CaseSession(store, case.id).open())), \
        store, case


def _labels(app) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one(OptionList).options]


async def test_a_case_without_a_checklist_shows_the_suggestions_and_saves_nothing(tmp_path) -> None:
    app, store, case = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        expected = [item.label for item in seed_evidence(ViolationType.INAUTHENTIC)]
        assert [label.removeprefix("[ ] ") for label in _labels(app)] == expected
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert store.load(case.id).revision == case.revision
    assert store.load(case.id).evidence == []


async def test_space_ticks_and_saves_at_once(tmp_path) -> None:
    app, store, case = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "space")
        await pilot.pause()
        saved = store.load(case.id).evidence
        assert [item.done for item in saved] == [False, True, False, False]
        assert _labels(app)[1].startswith("[✓] ")
        await pilot.press("space")
        await pilot.pause()
        assert not any(item.done for item in store.load(case.id).evidence)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results[0].revision == store.load(case.id).revision


async def test_enter_writes_a_note_and_escape_cancels_one(tmp_path) -> None:
    app, store, case = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        note = app.screen.query_one("#evidence-input", Input)
        assert app.focused is note
        note.value = "Asked Brightlane Supply for 2024 invoices on 4 March"
        await pilot.press("enter")
        await pilot.pause()
        assert store.load(case.id).evidence[0].note.startswith("Asked Brightlane")
        assert "Asked Brightlane" in _labels(app)[0]
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")
        app.screen.query_one("#evidence-input", Input).value = "never saved"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert store.load(case.id).evidence[0].note.startswith("Asked Brightlane")


async def test_add_rename_and_refuse_a_duplicate(tmp_path) -> None:
    app, store, case = _app(tmp_path, evidence=[EvidenceItem("Carrier letter")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one("#evidence-input", Input).value = "Photos of the   batch labels"
        await pilot.press("enter")
        await pilot.pause()
        assert [i.label for i in store.load(case.id).evidence] == ["Carrier letter",
                                                                   "Photos of the batch labels"]
        assert app.screen.query_one(OptionList).highlighted == 1
        await pilot.press("a")
        app.screen.query_one("#evidence-input", Input).value = "carrier LETTER"
        await pilot.press("enter")
        await pilot.pause()
        assert len(store.load(case.id).evidence) == 2
        assert app.screen.query_one("#evidence-edit").display
        await pilot.press("escape", "up", "r")
        app.screen.query_one("#evidence-input", Input).value = "Letter from the carrier"
        await pilot.press("enter")
        await pilot.pause()
        assert store.load(case.id).evidence[0].label == "Letter from the carrier"


async def test_remove_asks_first(tmp_path) -> None:
    app, store, case = _app(tmp_path, evidence=[EvidenceItem("One"), EvidenceItem("Two")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(store.load(case.id).evidence) == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [i.label for i in store.load(case.id).evidence] == ["Two"]


async def test_suggestions_fill_in_what_is_missing_after_a_type_change(tmp_path) -> None:
    seeded = seed_evidence(ViolationType.INAUTHENTIC)
    seeded[0].done = True
    app, store, case = _app(tmp_path, evidence=seeded,
                            violation_type=ViolationType.CONDITION_USED_SOLD_AS_NEW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        intro = app.screen.query_one("#evidence-intro")
        assert "Press s to add 3 more suggested for Used sold as new." in str(intro.render())
        await pilot.press("s")
        await pilot.pause()
        assert "Press s" not in str(intro.render())
        keys = [item.key for item in store.load(case.id).evidence]
        wanted = {item.key for item in seed_evidence(ViolationType.CONDITION_USED_SOLD_AS_NEW)}
        assert wanted <= set(keys)
        assert len(keys) == len(set(keys))
        assert store.load(case.id).evidence[0].done


async def test_a_change_from_another_session_is_kept(tmp_path) -> None:
    app, store, case = _app(tmp_path, evidence=seed_evidence(ViolationType.INAUTHENTIC))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        elsewhere = store.load(case.id)
        elsewhere.evidence[2].done = True
        elsewhere.evidence[3].note = "Removal order 12 filed"
        store.save(elsewhere)
        notes: list[str] = []
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("space")
        await pilot.pause()
        saved = store.load(case.id).evidence
        assert [item.done for item in saved] == [True, False, True, False]
        assert saved[3].note == "Removal order 12 filed"
        assert any("changed in another window" in note for note in notes)
        assert "[✓]" in _labels(app)[2]


async def test_read_only_shows_the_list_and_changes_nothing(tmp_path) -> None:
    store, case = store_with(tmp_path, drafted_case(evidence=[EvidenceItem("One")]))
    held = store.session_lock(case.id).acquire()  # another session is editing the case
    session = CaseSession(store, case.id).open()
    assert session.read_only
    app = HostApp(store, screen=lambda: EvidenceScreen(session))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "a", "delete", "s")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert "Read-only" in str(app.screen.query_one("#evidence-intro").render())
        assert list(app.screen.palette_commands()) == []
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert store.load(case.id).revision == case.revision
    held.release()


def _row_text(strip) -> str:
    return "".join(segment.text for segment in strip)


def _contrast(style) -> float:
    """WCAG contrast ratio between a segment's text and background colours."""
    def luminance(colour) -> float:
        def channel(value: int) -> float:
            value /= 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        red, green, blue = colour.triplet
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    light, dark = sorted((luminance(style.color), luminance(style.bgcolor)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _segment(strip, text: str):
    return next(segment for segment in strip if text in segment.text)


async def test_a_note_hangs_under_its_label_and_stays_legible_when_highlighted(tmp_path) -> None:
    note = ("Asked Brightlane Supply for every invoice of 2024 on 4 March; they promised the "
            "scans by Friday, with the batch numbers")
    app, _, _ = _app(tmp_path, evidence=[EvidenceItem("Supplier invoices", note=note),
                                         EvidenceItem("Carrier letter", note="Filed")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        lines = [_row_text(listing.render_line(y)) for y in range(4)]
        assert lines[0].lstrip().startswith("[ ] Supplier invoices")
        box_column = lines[0].index("[")
        assert lines[1].index("Asked") == box_column + 4
        wrapped = lines[2]
        assert wrapped.strip() and wrapped[:box_column + 4].strip() == ""
        assert lines[3].lstrip().startswith("[ ] Carrier letter")
        # A note is muted, yet reads as well as the label does on the highlighted row (the
        # theme's highlight has no contrast to spare), and well on a plain row.
        label = _contrast(_segment(listing.render_line(0), "Supplier").style)
        for y, text, wanted in ((1, "Asked", min(label, 4.5)), (4, "Filed", 4.5)):
            style = _segment(listing.render_line(y), text).style
            assert style.italic and _contrast(style) >= wanted, (y, style)
        plain_label = _segment(listing.render_line(3), "Carrier").style
        assert _contrast(_segment(listing.render_line(4), "Filed").style) < _contrast(plain_label)


def test_a_new_violation_type_brings_its_suggestions_and_keeps_the_users_work() -> None:
    old, new = ViolationType.INAUTHENTIC, ViolationType.CONDITION_USED_SOLD_AS_NEW
    items = seed_evidence(old)
    items[0].done = True
    items[1].note = "Asked the supplier"
    items[2].label = "Distributor letter, renamed"
    items.append(EvidenceItem("Photos of the batch labels"))
    followed = follow_violation(items, old, new)
    labels = [item.label for item in followed]
    assert labels[:4] == [items[0].label, items[1].label, "Distributor letter, renamed",
                          "Photos of the batch labels"]
    assert items[3].label not in labels  # an untouched suggestion for the old type only
    assert {item.key for item in seed_evidence(new)} <= {item.key for item in followed}
    assert followed[0].done and followed[1].note == "Asked the supplier"
    assert follow_violation(followed, new, old)[:4] == followed[:4]
    assert follow_violation([], old, new) == []
    assert follow_violation(items, old, old) == items


async def test_saving_a_changed_violation_updates_the_checklist_and_says_so(tmp_path) -> None:
    seeded = seed_evidence(ViolationType.INAUTHENTIC)
    seeded[0].done = True
    store, case = store_with(tmp_path, drafted_case(evidence=seeded))
    app = HostApp(store, screen=lambda: CaseFormScreen(store.load(case.id)))
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.pause()
        app.screen.query_one("#violation", Select).value = ViolationType.CONDITION_USED_SOLD_AS_NEW
        await pilot.press("ctrl+s")
        await pilot.pause()
    details: CaseDetails = app.results[0]
    assert any("now follows Used sold as new" in note for note in notes)
    saved = details.apply_to(store.load(case.id))
    assert saved.evidence[0].done and saved.evidence[0].key == seeded[0].key
    assert {item.key for item in seed_evidence(ViolationType.CONDITION_USED_SOLD_AS_NEW)} <= {
        item.key for item in saved.evidence}
