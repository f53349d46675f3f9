"""What was typed into a form when the session ended, kept to be offered back next time.

A dropped SSH connection (SIGHUP) or a quit closes the app with a form open: the new-case form,
a reply being recorded, a submission's note. Its fields are written to `form-drafts.json` in
the store's folder (mode 0600, replaced atomically), one entry per form, and the same form
takes them back the next time it opens for the same case and attempt. Plain data: no Textual.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from poa_tui.domain.errors import StoreError
from poa_tui.domain.models import utcnow
from poa_tui.storage.files import atomic_write_bytes, read_json_file

FILE_NAME = "form-drafts.json"
KINDS = {"new_case": "a new case", "reply": "Amazon's reply", "submission": "a submission"}
"""Form kinds, and how a sentence names each."""
MAX_FIELD = 10_000_000
"""Longer field values are not kept (the app refuses bigger pastes anyway)."""


@dataclass
class FormDraft:
    kind: str
    """One of `KINDS`."""
    fields: dict[str, str]
    """Field id to text, as typed."""
    case_id: int | None = None
    attempt: int | None = None
    saved_at: str = field(default_factory=lambda: utcnow().isoformat())

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        return (self.kind, self.case_id, self.attempt)

    def describe(self) -> str:
        """"Amazon's reply to attempt 2 of case 3", "a new case “Acme”"."""
        if self.kind == "new_case":
            title = " ".join(self.fields.get("title", "").split())[:40]
            return f"a new case “{title}”" if title else "a new case"
        what = KINDS.get(self.kind, self.kind)
        if self.attempt is not None:
            what += f" to attempt {self.attempt}" if self.kind == "reply" else ""
        return f"{what} for case {self.case_id}"


def drafts_path(store_root: Path) -> Path:
    return Path(store_root) / FILE_NAME


def load_drafts(store_root: Path) -> list[FormDraft]:
    """The kept drafts; an unreadable or malformed file counts as none (it holds no cases)."""
    try:
        data = read_json_file(drafts_path(store_root))
    except (FileNotFoundError, StoreError):
        return []
    drafts = []
    items = data.get("drafts") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        try:
            fields = {str(k): str(v) for k, v in dict(item["fields"]).items()
                      if isinstance(v, str) and len(v) <= MAX_FIELD}
            case_id, attempt = item.get("case_id"), item.get("attempt")
            if str(item["kind"]) not in KINDS or not all(
                    v is None or (type(v) is int and v > 0) for v in (case_id, attempt)):
                continue
            drafts.append(FormDraft(str(item["kind"]), fields, case_id, attempt,
                                    str(item.get("saved_at") or "")))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return drafts


def _write(store_root: Path, drafts: list[FormDraft]) -> None:
    path = drafts_path(store_root)
    if not drafts:
        path.unlink(missing_ok=True)
        return
    data = json.dumps({"drafts": [asdict(d) for d in drafts]}, ensure_ascii=False, indent=1)
    atomic_write_bytes(path, data.encode("utf-8"), keep_backup=False)


def keep_draft(store_root: Path, draft: FormDraft) -> None:
    """Add `draft`, replacing an earlier one of the same form (kind, case and attempt)."""
    drafts = [d for d in load_drafts(store_root) if d.key != draft.key]
    _write(store_root, [*drafts, draft])


def take_draft(store_root: Path, kind: str, case_id: int | None = None,
               attempt: int | None = None) -> FormDraft | None:
    """The kept draft of this form, removed from the file; None when there is none."""
    drafts = load_drafts(store_root)
    found = next((d for d in drafts if d.key == (kind, case_id, attempt)), None)
    if found is not None:
        try:
            _write(store_root, [d for d in drafts if d is not found])
        except (OSError, StoreError):
            pass  # offered again next time: better than losing it
    return found
