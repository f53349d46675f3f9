"""`export`, `submit` and `reply` through a real process."""

from __future__ import annotations

import os
import stat

import pytest

ROOT = "Our supplier was not authorised by the brand.\n"
REMEDY = "1. Closed both listings on 3 March.\n2. Refunded **3** buyers.\n"
CHANGES = "- Every new supplier is checked against the brand's list.\n"


@pytest.fixture
def drafted(cli, new_case) -> str:
    case_id = str(new_case("Authenticity complaints"))
    for section, text in (("root_cause", ROOT), ("immediate_remedy", REMEDY),
                          ("systematic_changes", CHANGES)):
        assert cli("edit", case_id, "--section", section, "--from", "-", stdin=text).code == 0
    return case_id


def test_export_text_is_what_the_form_takes(cli, drafted) -> None:
    result = cli("export", drafted)
    assert result.code == 0, result.err
    assert result.out == (
        "Root Cause\nOur supplier was not authorised by the brand.\n\n"
        "Immediate Remedy\n1. Closed both listings on 3 March.\n2. Refunded 3 buyers.\n\n"
        "Systematic Changes\n- Every new supplier is checked against the brand's list.\n"
    )


def test_export_markdown_and_one_section(cli, drafted) -> None:
    markdown = cli("export", drafted, "--format", "markdown").out
    assert "## Immediate Remedy\n\n1. Closed both listings on 3 March.\n2. Refunded **3** buyers." \
        in markdown
    only = cli("export", drafted, "--section", "immediate_remedy")
    assert only.out == "1. Closed both listings on 3 March.\n2. Refunded 3 buyers.\n"


def test_export_to_a_file_never_overwrites_without_force(cli, drafted, tmp_path) -> None:
    target = tmp_path / "poa.txt"
    assert cli("export", drafted, "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("Root Cause\n")

    target.write_text("my own notes\n", encoding="utf-8")
    refused = cli("export", drafted, "-o", str(target))
    assert refused.code == 2
    assert "already exists: add --force" in refused.error_line
    assert target.read_text(encoding="utf-8") == "my own notes\n"

    forced = cli("export", drafted, "--section", "root_cause", "-o", str(target), "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8") == ROOT


@pytest.mark.parametrize("args, expected", [
    (["--format", "rtf"], "invalid choice: 'rtf'"),
    (["--attempt", "4"], "has no attempt 4 (attempts: none yet)"),
    (["--section", "intro"], "unknown section 'intro'"),
    (["-o", "no-such-folder/poa.txt"], "cannot write no-such-folder/poa.txt"),
])
def test_export_mistakes(cli, drafted, tmp_path, args, expected) -> None:
    result = cli("export", drafted, *args, cwd=tmp_path)
    assert result.code == 2
    assert expected in result.error_line
    assert not (tmp_path / "no-such-folder").exists()


def test_submit_snapshots_the_draft_and_prints_the_number(cli, drafted) -> None:
    first = cli("submit", drafted)
    assert (first.code, first.out) == (0, "1\n")
    cli("edit", drafted, "--section", "root_cause", "--from", "-", stdin="Changed later.\n")
    second = cli("submit", drafted, "--channel", "email", "--note", "invoices attached")
    assert (second.code, second.out) == (0, "2\n")

    case = cli("show", drafted, "--json").json()
    assert case["status"] == "awaiting_reply"
    one, two = case["submissions"]
    assert set(one) >= {"number", "channel", "submitted_at", "sections", "reply"}
    assert (one["number"], one["channel"], one["reply"]) == (1, "account_health", None)
    assert one["sections"]["root_cause"] == ROOT
    assert (two["channel"], two["note"]) == ("email", "invoices attached")
    assert two["sections"]["root_cause"] == "Changed later.\n"


def test_submit_refuses_an_empty_draft(cli, new_case, unchanged) -> None:
    case_id = str(new_case())
    cli("edit", case_id, "--section", "root_cause", "--from", "-", stdin="  \n\n")
    with unchanged():
        result = cli("submit", case_id)
    assert result.code == 2
    assert "empty draft" in result.error_line


def test_reply_goes_to_the_last_attempt_by_default(cli, drafted, tmp_path) -> None:
    cli("submit", drafted)
    cli("submit", drafted)
    message = tmp_path / "reply.txt"
    message.write_text("We do not have enough information to reactivate your account.\r\n",
                       encoding="utf-8")
    result = cli("reply", drafted, "--from", str(message), "--outcome", "insufficient_poa")
    assert result.code == 0, result.err
    assert "Attempt 2: Plan not detailed enough." in result.out

    case = cli("show", drafted, "--json").json()
    assert case["status"] == "needs_revision"
    assert case["submissions"][0]["reply"] is None
    reply = case["submissions"][1]["reply"]
    assert reply["outcome"] == "insufficient_poa"
    assert reply["text"] == "We do not have enough information to reactivate your account."


def test_reply_to_a_chosen_attempt_with_a_date(cli, drafted) -> None:
    cli("submit", drafted)
    cli("submit", drafted)
    result = cli("reply", drafted, "--from", "-", "--outcome", "acknowledged", "--attempt", "1",
                 "--received", "2025-03-14T09:30", stdin="Your appeal is under review.")
    assert result.code == 0, result.err
    first = cli("show", drafted, "--json").json()["submissions"][0]
    assert first["reply"]["received_at"] == "2025-03-14T09:30:00+00:00"

    again = cli("reply", drafted, "--from", "-", "--outcome", "reinstated", "--attempt", "1",
                stdin="Welcome back.")
    assert again.code == 0
    assert "Replaced the earlier reply to attempt 1 (Acknowledged)" in again.err
    lines = cli("show", drafted).out.splitlines()
    first_line = next(line for line in lines if line.startswith("  #1 "))
    second_line = next(line for line in lines if line.startswith("  #2 "))
    assert "Reinstated" in first_line
    assert second_line.endswith("awaiting reply")


@pytest.mark.parametrize("setup, args, stdin, expected", [
    (0, ["--outcome", "reinstated"], "Welcome back.", "has no attempts yet"),
    (1, ["--outcome", "won"], "Welcome back.", "unknown outcome 'won'"),
    (1, ["--outcome", "reinstated", "--attempt", "5"], "Welcome back.",
     "has no attempt 5 (it has 1)"),
    (1, ["--outcome", "reinstated"], " \n\t\n", "the reply is empty"),
    (1, ["--outcome", "reinstated", "--received", "last week"], "Hi", "is not a date"),
])
def test_reply_mistakes(cli, drafted, unchanged, setup, args, stdin, expected) -> None:
    for _ in range(setup):
        cli("submit", drafted)
    with unchanged():
        result = cli("reply", drafted, "--from", "-", *args, stdin=stdin)
    assert result.code == 2
    assert expected in result.error_line


def test_submit_with_an_unknown_channel_or_case(cli, drafted, unchanged) -> None:
    with unchanged():
        channel = cli("submit", drafted, "--channel", "fax")
        missing = cli("submit", "99")
    assert "unknown channel 'fax'" in channel.error_line
    assert "There is no case 99." in missing.error_line


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("device", [(1, 3), (1, 7)], ids=["null", "full"])
def test_export_force_never_writes_to_or_deletes_a_device(cli, drafted, tmp_path, device) -> None:
    node = tmp_path / "device"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(*device))
    result = cli("export", drafted, "-o", str(node), "--force")
    assert result.code == 2
    assert "not a regular file" in result.error_line
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_export_documents_of_an_attempt_with_a_letter(cli, drafted, tmp_path) -> None:
    import docx

    assert cli("submit", drafted).code == 0
    cli("edit", drafted, "--section", "root_cause", "--from", "-", stdin="Changed later.\n")
    target = tmp_path / "attempt-1.docx"
    result = cli("export", drafted, "--attempt", "1", "--format", "docx", "--letter",
                 "-o", str(target))
    assert (result.code, result.err) == (0, "")
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert ROOT.strip() in texts and "Changed later." not in texts
    assert texts[-1] == "Kind regards," and "Dear Seller Performance Team," in texts
    text = cli("export", drafted, "--attempt", "1", "--letter").out
    assert text.startswith("Dear Seller Performance Team,\n\nRoot Cause\nOur supplier")
    assert text.endswith("- Every new supplier is checked against the brand's list.\n\n"
                         "Kind regards,\n")
    html = cli("export", drafted, "--format", "html")
    assert html.code == 0 and "<h2>Root Cause</h2>" in html.out and "Changed later." in html.out


def test_export_pdf_names_the_missing_font(cli, drafted, tmp_path) -> None:
    from tests.cli.conftest import environment, run_cli

    result = run_cli("export", drafted, "--format", "pdf", "-o", str(tmp_path / "p.pdf"),
                     db=tmp_path / "store", env=environment(POA_TUI_FONT_PATH=str(tmp_path)))
    assert result.code == 2
    assert "no Unicode font for the PDF was found" in result.error_line
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("extra", [[], ["--section", "immediate_remedy"]])
def test_export_of_an_empty_draft_fails_saying_so(cli, new_case, extra) -> None:
    # As F7 says there is nothing to copy, export says so and exits non-zero.
    case_id = str(new_case())
    cli("edit", case_id, "--section", "root_cause", "--from", "-", stdin="Only this one.\n")
    checked = ["--section", "systematic_changes"] if extra else []
    result = cli("export", case_id, *checked) if extra else cli("export", str(new_case()))
    assert result.code == 2
    assert "nothing to export" in result.error_line
    assert result.out == ""
