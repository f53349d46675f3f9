"""Data versions and the steps that bring older stored documents up to date.

Every case document carries `schema`; the index records the store's `schema_version`. When the
store opens a folder written by an older poa-tui it takes a backup first, then runs each step
below in order on every case file. A folder written by a newer poa-tui is refused untouched.
"""

from __future__ import annotations

from typing import Any, Callable

SCHEMA_VERSION = 2

Step = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept the notice date under `notice.date` and had no `closed` flag."""
    notice = dict(doc.get("notice") or {})
    if "received" not in notice and "date" in notice:
        notice["received"] = notice.pop("date")
    doc = {**doc, "notice": notice}
    doc.setdefault("closed", False)
    return doc


STEPS: dict[int, Step] = {1: _v1_to_v2}
"""`STEPS[n]` turns a version-n document into a version n+1 document."""


def migrate_case(doc: dict[str, Any]) -> dict[str, Any]:
    version = int(doc.get("schema", 1))
    while version < SCHEMA_VERSION:
        doc = STEPS[version](doc)
        version += 1
    doc["schema"] = SCHEMA_VERSION
    return doc
