"""Settings: defaults, a round trip, and broken files that must never stop the app."""

from __future__ import annotations

import sys
from pathlib import Path

from poa_tui.system.settings import Settings, set_aside


def test_missing_file_gives_defaults_and_no_problem(tmp_path: Path) -> None:
    settings, problem = Settings.load(tmp_path / "nope.toml")
    assert settings == Settings()
    assert problem is None
    assert settings.autosave_delay == 1.0
    assert settings.follow_up_days == 2
    assert settings.escalation_business_days == 5
    assert settings.backups_kept == 10
    assert settings.soft_limit_words == 500
    assert settings.copy_format == "text"


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.toml"
    original = Settings(theme="nord", keymap={"list.new_case": "ctrl+n", "app.help": "f1,f12"},
                        copy_format="markdown", autosave_delay=2.5, follow_up_days=3,
                        escalation_business_days=7, backups_kept=4, soft_limit_words=800)
    original.save(path)
    loaded, problem = Settings.load(path)
    assert problem is None
    assert loaded == original


def test_save_keeps_the_previous_file_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    Settings(theme="nord").save(path)
    Settings(theme="gruvbox").save(path)
    assert 'theme = "nord"' in path.with_name("settings.toml.bak").read_text()
    assert 'theme = "gruvbox"' in path.read_text()


def test_not_toml_gives_defaults_and_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("theme = \n[[[ what", encoding="utf-8")
    settings, problem = Settings.load(path)
    assert settings == Settings()
    assert problem is not None
    assert str(path) in problem and "not valid TOML" in problem


def test_not_utf8_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"theme = \"\xff\xfe\"\n")
    settings, problem = Settings.load(path)
    assert settings == Settings()
    assert problem is not None


def test_bad_entries_fall_back_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'theme = "nord"\n'
        'copy_format = "html"\n'
        'autosave_delay = "soon"\n'
        "follow_up_days = 0\n"
        "escalation_business_days = true\n"
        "backups_kept = 2.5\n"
        "soft_limit_words = 900\n"
        "colour = 1\n"
        "[keymap]\n"
        '"list.new_case" = "ctrl+n"\n'
        '"list.filter" = 5\n'
        '"list.archive" = " , "\n',
        encoding="utf-8",
    )
    settings, problem = Settings.load(path)
    assert settings.theme == "nord"
    assert settings.soft_limit_words == 900
    assert settings.keymap == {"list.new_case": "ctrl+n"}
    defaults = Settings()
    assert settings.copy_format == defaults.copy_format
    assert settings.autosave_delay == defaults.autosave_delay
    assert settings.follow_up_days == defaults.follow_up_days
    assert settings.escalation_business_days == defaults.escalation_business_days
    assert settings.backups_kept == defaults.backups_kept
    assert problem is not None
    for name in ("copy_format", "autosave_delay", "follow_up_days", "escalation_business_days",
                 "backups_kept", "colour", "list.filter", "list.archive"):
        assert name in problem
    for fine in ("soft_limit_words", "list.new_case"):
        assert fine not in problem


def test_whole_floats_are_accepted_for_day_counts(tmp_path: Path) -> None:
    settings, problems = Settings.from_dict({"follow_up_days": 4.0, "autosave_delay": 2})
    assert problems == []
    assert settings.follow_up_days == 4 and isinstance(settings.follow_up_days, int)
    assert settings.autosave_delay == 2.0 and isinstance(settings.autosave_delay, float)


def test_keymap_that_is_not_a_table(tmp_path: Path) -> None:
    settings, problems = Settings.from_dict({"keymap": "ctrl+n"})
    assert settings.keymap == {}
    assert problems and "keymap" in problems[0]


def test_keymap_keys_are_tidied() -> None:
    settings, problems = Settings.from_dict({"keymap": {"app.help": " f1 , f12 "}})
    assert problems == []
    assert settings.keymap == {"app.help": "f1,f12"}


def test_unreadable_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()  # a folder where the file should be: reading it fails on every user
    settings, problem = Settings.load(path)
    assert settings == Settings()
    assert problem is not None and "Could not read" in problem


def test_set_aside_keeps_the_first_broken_version_only(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("first broken", encoding="utf-8")
    kept = set_aside(path)
    assert kept == tmp_path / "settings.toml.invalid"
    path.write_text("second broken", encoding="utf-8")
    assert set_aside(path) is None
    assert kept.read_text() == "first broken"
    assert set_aside(tmp_path / "absent.toml") is None


def test_settings_module_does_not_import_textual() -> None:
    import subprocess

    code = "import sys, poa_tui.system.settings; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_letter_frame_is_text_and_a_wrong_type_keeps_the_default() -> None:
    settings, problems = Settings.from_dict({"letter_greeting": "  Hello team,  ",
                                             "letter_sign_off": 3})
    assert settings.letter_greeting == "Hello team,"
    assert settings.letter_sign_off == "Kind regards,"
    assert problems == ["`letter_sign_off` must be text in quotes"]
