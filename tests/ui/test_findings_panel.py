"""The findings panel: rows that read without colour, cheap updates, and a message on select."""

from __future__ import annotations

from help_panels_support import HostApp, drafted_case
from textual.containers import Vertical
from textual.widgets import Input

from poa_tui.domain.checks import Finding, Severity, run_checks
from poa_tui.domain.vocab import Section
from poa_tui.tui.widgets.findings_panel import (
    NOTHING_FOUND,
    FindingsPanel,
    FindingsStrip,
    finding_prompt,
)


def _host(findings=(), texts=None) -> HostApp:
    def widgets():
        panel = FindingsPanel(id="findings")
        if findings:
            panel.update_findings(findings, texts)
        return [Vertical(Input(id="before"), panel)]
    return HostApp(widgets=widgets)


def _rows(panel: FindingsPanel) -> list[str]:
    return [str(option.prompt) for option in panel.options]


async def test_each_row_names_severity_section_line_and_message() -> None:
    case = drafted_case()
    findings = run_checks(case)
    app = _host(findings, dict(case.sections.items()))
    async with app.run_test(size=(100, 30)):
        panel = app.query_one(FindingsPanel)
        rows = _rows(panel)
        assert len(rows) == len(findings)
        placeholder = next(r for r in rows if "Placeholder" in r)
        assert placeholder.startswith("✖ blocker  Root Cause, line 2  ")
        assert any(r.startswith("! warning  Immediate Remedy, line 1") for r in rows)
        assert any(r.startswith("✖ blocker  Systematic Changes  ") for r in rows)
        assert any(r.startswith("! warning  Whole plan  ") for r in rows)
        assert panel.border_subtitle == "2 blockers, 5 warnings"


async def test_severity_colours_come_from_the_theme() -> None:
    blocker = Finding("placeholder", Severity.BLOCKER, Section.ROOT_CAUSE, "Fill it in.", 0, 3)
    hint = Finding("long_sentence", Severity.HINT, Section.ROOT_CAUSE, "Shorter.", 4, 9)
    styles = [str(span.style) for span in finding_prompt(blocker).spans]
    assert any("$text-error" in style for style in styles)
    assert any("$text-muted" in str(span.style) for span in finding_prompt(hint).spans)


async def test_selecting_a_row_posts_the_finding() -> None:
    findings = run_checks(drafted_case())
    app = _host(findings)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(FindingsPanel).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [m.finding for m in app.messages] == [findings[1]]
        assert app.messages[0].control is app.query_one(FindingsPanel)


async def test_an_update_with_the_same_findings_changes_nothing() -> None:
    case = drafted_case()
    findings = run_checks(case)
    app = _host(findings)
    async with app.run_test(size=(100, 30)):
        panel = app.query_one(FindingsPanel)
        options = list(panel.options)
        assert panel.update_findings(list(findings)) is False
        assert list(panel.options) == options


async def test_the_highlight_follows_its_finding_when_others_come_and_go() -> None:
    case = drafted_case()
    app = _host(run_checks(case))
    async with app.run_test(size=(100, 30)):
        panel = app.query_one(FindingsPanel)
        panel.highlighted = 1
        chosen = panel.highlighted_finding
        assert chosen is not None and chosen.id == "placeholder"
        case.sections.root_cause = case.sections.root_cause.replace("The buyer lied about "
                                                                    "the product. ", "")
        moved = run_checks(case)
        assert panel.update_findings(moved) is True
        now = panel.highlighted_finding
        assert now is not None and now.id == "placeholder" and now.start < chosen.start


async def test_no_findings_shows_a_calm_line_and_selects_nothing() -> None:
    app = _host()
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.query_one(FindingsPanel)
        assert _rows(panel) == [NOTHING_FOUND]
        assert panel.border_subtitle == "no problems found"
        panel.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.messages == []


async def test_the_strip_names_the_finding_at_the_cursor_else_the_counts() -> None:
    case = drafted_case()
    findings = run_checks(case)
    app = HostApp(widgets=lambda: [FindingsStrip(id="strip")])
    async with app.run_test(size=(80, 10)):
        strip = app.query_one(FindingsStrip)
        placeholder = next(f for f in findings if f.id == "placeholder")
        strip.show(findings, Section.ROOT_CAUSE, placeholder.start + 2, hint="F8 next")
        assert strip.shown == placeholder
        assert str(strip.render()).startswith("✖ Placeholder left in")
        strip.show(findings, Section.ROOT_CAUSE, 0, hint="F8 next")
        assert strip.shown is None
        assert str(strip.render()) == "✖ 2 blockers  ! 5 warnings  ·  F8 next"
        strip.show([], Section.ROOT_CAUSE, 0, hint="ctrl+g guidance")
        assert str(strip.render()) == "✓ no problems found  ·  ctrl+g guidance"
        strip.show([], Section.ROOT_CAUSE, 0)
        assert str(strip.render()) == "✓ no problems found"


async def test_several_case_wide_findings_at_the_same_place_all_show() -> None:
    from textual.app import App, ComposeResult

    from poa_tui.domain.checks import Finding, Severity
    from poa_tui.tui.widgets.findings_panel import FindingsPanel

    same_place = [Finding("notice_id_missing", Severity.WARNING, None, f"{asin} is not mentioned", 0, 0)
                  for asin in ("B07QX4LMN2", "B08ZK3TR71", "0306406152")]

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield FindingsPanel(same_place)

    async with Host().run_test() as pilot:
        await pilot.pause()
        assert pilot.app.query_one(FindingsPanel).option_count == 3


async def test_the_strip_takes_a_second_row_for_a_long_finding_at_80_columns() -> None:
    from poa_tui.domain.checks import Finding, Severity
    words = ("Rework it around the facts: which orders, which supplier, what broke in your own "
             "process and on which date.")
    long = Finding("vague", Severity.WARNING, Section.ROOT_CAUSE, words, 0, 10)
    app = HostApp(widgets=lambda: [FindingsStrip(id="strip")])
    async with app.run_test(size=(80, 10)) as pilot:
        strip = app.query_one(FindingsStrip)
        strip.show([long], Section.ROOT_CAUSE, 2)
        await pilot.pause()
        assert strip.size.height == 2  # whole, not "Rework it arou…"
        strip.show([long], Section.ROOT_CAUSE, 40)
        await pilot.pause()
        assert strip.size.height == 1
