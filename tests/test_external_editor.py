"""The $EDITOR round trip, with a real editor: a small Python script run exactly as a user's
editor would be (no shell), from a folder whose name has a space in it."""

from __future__ import annotations

import json
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from poa_tui.system.external_editor import EditorProblem, edit_text, editor_argv, editor_name

EDITOR_SCRIPT = '''\
import json, os, stat, sys
path = sys.argv[-1]
mode, content, exit_code, raw = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:-1]
with open(path, "rb") as handle:
    before = handle.read().decode("utf-8")
record = {"path": path, "mode": stat.S_IMODE(os.stat(path).st_mode), "before": before,
          "argv": sys.argv[1:]}
with open(os.environ["EDITOR_RECORD"], "w") as out:
    json.dump(record, out)
if mode == "replace":
    with open(path, "wb") as handle:
        handle.write(content.encode("utf-8"))
elif mode == "append":
    with open(path, "ab") as handle:
        handle.write(content.encode("utf-8"))
elif mode == "latin1":
    with open(path, "wb") as handle:
        handle.write(content.encode("latin-1"))
sys.exit(exit_code)
'''


@pytest.fixture(autouse=True)
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary files go to a folder of the test's own, so leftovers can be seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "my editors"
    folder.mkdir()
    script = folder / "fake editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    record = tmp_path / "record.json"
    monkeypatch.setenv("EDITOR_RECORD", str(record))

    def command(mode: str = "keep", content: str = "", exit_code: int = 0) -> list[str]:
        value = f"{sys.executable} '{script}' {mode} '{content}' {exit_code}"
        return editor_argv({"EDITOR": value})

    command.record = lambda: json.loads(record.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    return command


def test_visual_wins_over_editor_and_blank_values_are_skipped() -> None:
    assert editor_argv({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_argv({"VISUAL": "  ", "EDITOR": "vim -c 'set tw=72'"}) == ["vim", "-c",
                                                                             "set tw=72"]


def test_no_editor_set_says_what_to_set() -> None:
    with pytest.raises(EditorProblem, match=r"\$VISUAL or \$EDITOR"):
        editor_argv({})
    with pytest.raises(EditorProblem, match="quotes"):
        editor_argv({"EDITOR": "vim 'unclosed"})


def test_editor_name_is_the_program_name() -> None:
    assert editor_name(["/usr/bin/nvim", "-p"]) == "nvim"


def test_the_edited_text_comes_back_and_the_private_md_file_is_removed(editor, scratch) -> None:
    outcome = edit_text("Old root cause.", editor("replace", "New root cause, with facts.\n"),
                        label="Root Cause")
    assert outcome.text == "New root cause, with facts."
    assert outcome.changed and outcome.error is None
    record = editor.record()
    assert record["mode"] == stat.S_IRUSR | stat.S_IWUSR
    assert record["path"].endswith(".md") and "root-cause" in Path(record["path"]).name
    assert record["before"] == "Old root cause.\n"
    assert Path(record["path"]).parent == scratch
    assert not list(scratch.iterdir())


def test_an_unchanged_file_reports_no_change(editor) -> None:
    outcome = edit_text("Line one\n\nLine two", editor("keep"))
    assert outcome.text == "Line one\n\nLine two"
    assert not outcome.changed


def test_a_final_newline_is_kept_when_the_text_had_one(editor) -> None:
    outcome = edit_text("ends with a newline\n", editor("append", "more\n"))
    assert outcome.text == "ends with a newline\nmore\n"


def test_the_value_is_never_run_through_a_shell(editor, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    argv = editor("keep") + [";", "touch", str(marker)]
    outcome = edit_text("text", argv)
    assert outcome.error is None
    assert not marker.exists()
    assert ";" in editor.record()["argv"]


def test_control_characters_from_the_editor_are_removed(editor) -> None:
    outcome = edit_text("x", editor("replace", "clean\x1b[31m red\x07 text\r\nnext"))
    assert outcome.text == "clean red text\nnext"


def test_an_editor_error_after_changes_keeps_the_file(editor) -> None:
    outcome = edit_text("draft", editor("replace", "half-written thought", 3))
    assert outcome.text is None
    assert "exit status 3" in (outcome.error or "")
    assert outcome.kept_file is not None and outcome.kept_file.read_text() == "half-written thought"
    assert str(outcome.kept_file) in (outcome.error or "")
    outcome.kept_file.unlink()


def test_an_editor_error_without_changes_leaves_nothing_behind(editor, scratch) -> None:
    outcome = edit_text("draft", editor("keep", "", 1))
    assert outcome.text is None and outcome.kept_file is None
    assert "left as it was" in (outcome.error or "")
    assert not list(scratch.iterdir())


def test_a_file_saved_in_another_encoding_is_refused_and_kept(editor) -> None:
    outcome = edit_text("draft", editor("latin1", "caf\u00e9"))
    assert outcome.text is None and "UTF-8" in (outcome.error or "")
    assert outcome.kept_file is not None
    outcome.kept_file.unlink()


def test_a_missing_editor_is_named(tmp_path: Path, scratch: Path) -> None:
    outcome = edit_text("draft", [str(tmp_path / "no-such-editor")])
    assert outcome.text is None
    assert "no-such-editor" in (outcome.error or "") and "not found" in (outcome.error or "")
    assert not list(scratch.iterdir())
