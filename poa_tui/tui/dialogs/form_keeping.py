"""A form's typed fields, kept when the session ends and offered back when it opens again.

The forms call `keep_form` from their `flush` (which the app runs on hang-up and on quit) and
`restore_form` when they mount; `form_drafts` does the storing, without Textual.
"""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen
from textual.widgets import Input, TextArea

from poa_tui.domain.errors import StoreError
from poa_tui.storage.form_drafts import FormDraft, keep_draft, take_draft


def _typed(screen: Screen) -> dict[str, Input | TextArea]:
    return {field.id: field for field in (*screen.query(Input), *screen.query(TextArea))
            if field.id}


def _store_root(screen: Screen) -> Path | None:
    return getattr(getattr(screen.app, "store", None), "root", None)


def keep_form(screen: Screen, kind: str, case_id: int | None = None,
              attempt: int | None = None) -> None:
    """Write the screen's text fields as a draft of this form (nothing when it cannot)."""
    root = _store_root(screen)
    if root is None:
        return
    fields = {name: field.value if isinstance(field, Input) else field.text
              for name, field in _typed(screen).items()}
    try:
        keep_draft(root, FormDraft(kind, fields, case_id, attempt))
    except (OSError, StoreError):
        pass  # the store's own flush reports a store that cannot be written


def restore_form(screen: Screen, kind: str, case_id: int | None = None,
                 attempt: int | None = None) -> bool:
    """Fill the fields from this form's kept draft, if there is one; True when it did."""
    root = _store_root(screen)
    draft = take_draft(root, kind, case_id, attempt) if root is not None else None
    if draft is None:
        return False
    for name, field in _typed(screen).items():
        if name in draft.fields:
            if isinstance(field, Input):
                field.value = draft.fields[name]
            else:
                field.load_text(draft.fields[name])
    screen.notify("What you had typed here when the last session ended is back.",
                  title="Form restored", timeout=6)
    return True
