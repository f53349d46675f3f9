"""Form drafts kept when a session ends: written privately, taken back once."""

import os
import stat

from poa_tui.storage.form_drafts import FormDraft, drafts_path, keep_draft, load_drafts, take_draft


def test_a_kept_draft_is_private_and_taken_back_once(tmp_path) -> None:
    keep_draft(tmp_path, FormDraft("reply", {"reply-text": "Dear seller", "received": ""}, 3, 2))
    keep_draft(tmp_path, FormDraft("new_case", {"title": "Acme blender"}))
    keep_draft(tmp_path, FormDraft("reply", {"reply-text": "Dear seller, again"}, 3, 2))
    assert stat.S_IMODE(os.stat(drafts_path(tmp_path)).st_mode) == 0o600
    assert [d.describe() for d in load_drafts(tmp_path)] == [
        "a new case “Acme blender”", "Amazon's reply to attempt 2 for case 3"]
    taken = take_draft(tmp_path, "reply", 3, 2)
    assert taken is not None and taken.fields["reply-text"] == "Dear seller, again"
    assert take_draft(tmp_path, "reply", 3, 2) is None
    assert take_draft(tmp_path, "new_case") is not None
    assert not drafts_path(tmp_path).exists()


def test_a_damaged_file_counts_as_no_drafts(tmp_path) -> None:
    for text in ("{", "[]", '{"drafts": 7}', '{"drafts": [{"kind": "x", "fields": {}}]}',
                 '{"drafts": [{"kind": "reply", "fields": {"a": 1}, "case_id": "3"}]}'):
        drafts_path(tmp_path).write_text(text, encoding="utf-8")
        assert load_drafts(tmp_path) == []
