"""Editing a case: the session that owns one open case (no Textual)."""
