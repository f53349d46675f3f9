"""The screenshot script draws real screens holding the words they should, and refuses the rest.

A snapshot of a blank or zero-width widget still "passes" a plain file comparison, so the script
reads every SVG back as lines of text; these tests check that reading and run two real shots.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from rich.console import Console

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import screenshots  # noqa: E402
from screenshots import Count, Shot, problems_in, screen_lines  # noqa: E402


def _svg(*lines: str, width: int = 40) -> str:
    """An SVG in the format Textual writes (Rich's exporter), holding `lines`."""
    console = Console(record=True, width=width, file=io.StringIO(), color_system="truecolor")
    for line in lines:
        console.print(line, markup=False, highlight=False)
    return console.export_svg(title="test")


def test_screen_lines_keep_the_gaps_between_words() -> None:
    svg = _svg("Id  Title        Status", "[bold]not markup[/]  ·  ✓ saved")
    assert screen_lines(svg)[:2] == ["Id  Title        Status", "[bold]not markup[/]  ·  ✓ saved"]


def test_problems_name_missing_text_and_short_counts() -> None:
    svg = _svg("Root Cause · 12 words", "On 3 March our carrier", "Preview")
    assert problems_in(svg, ["Root Cause", "Preview"]) == []
    found = problems_in(svg, ["Systematic Changes", Count("On 3 March", 2)])
    assert found == ["expected 'Systematic Changes', not on screen",
                     "expected 'On 3 March' 2 times, found 1"]


def test_first_words_skip_list_markers_and_markdown() -> None:
    assert screenshots.first_words("1. **Supplier approval.** Since 16 March") == "Supplier approval."
    assert screenshots.first_words("- **8 March 2025:** closed both") == "8 March 2025:"
    assert screenshots.first_words("On 15 January 2025 our distributor") == "On 15 January"


def test_every_shot_has_a_unique_name_and_a_terminal_size() -> None:
    assert {"case-list", "editor", "submission-log"} <= set(screenshots.SHOTS)
    for name, shot in screenshots.SHOTS.items():
        assert shot.name == name
        assert shot.size[0] >= 80 and shot.size[1] >= 24


@pytest.mark.slow
def test_list_and_editor_shots_show_the_sample_case(tmp_path: Path) -> None:
    tz_before = os.environ.get("TZ")
    results = screenshots.take(["case-list-80x24", "editor-80x24"], tmp_path / "out",
                               png=False, failed_dir=tmp_path / "failed")
    assert [(r.name, r.problems, r.skipped) for r in results] == [
        ("case-list-80x24", [], ""), ("editor-80x24", [], "")]
    assert os.environ.get("TZ") == tz_before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "case-list-80x24.svg", "editor-80x24.svg"]

    listing = screen_lines((tmp_path / "out" / "case-list-80x24.svg").read_text())
    assert len(listing) == 24 and all(len(line) <= 80 for line in listing)
    assert any("Marlow Kitchen: UK account" in line and "in 5 d" in line for line in listing)

    editor = "\n".join(screen_lines((tmp_path / "out" / "editor-80x24.svg").read_text()))
    for label in ("F2 Root Cause", "F3 Immediate Remedy", "F4 Systematic Changes"):
        assert label in editor
    assert "Root Cause · " in editor and "On 15 January" in editor


@pytest.mark.slow
def test_a_shot_missing_its_text_fails_and_keeps_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "broken.svg").write_text("the good screenshot from last time")
    shot = Shot("broken", (80, 24), (),
                lambda sample: [sample.demo.title, "Words this screen never shows"])
    monkeypatch.setitem(screenshots.SHOTS, "broken", shot)

    results = screenshots.take(["broken"], out, png=False, failed_dir=tmp_path / "failed")

    assert results[0].problems == ["expected 'Words this screen never shows', not on screen"]
    assert (out / "broken.svg").read_text() == "the good screenshot from last time"
    assert results[0].kept_at == tmp_path / "failed" / "broken.svg"
    assert screenshots.report(results) == 1
    assert "FAILED   broken" in capsys.readouterr().err
