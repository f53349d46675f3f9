"""Fail when Textual changes what `closed_watchers` and `focus_keys` rely on."""

from __future__ import annotations

import inspect

from textual import reactive
from textual.app import App


def test_watchers_are_still_kept_in_the_table_closed_watchers_prunes() -> None:
    source = inspect.getsource(reactive)
    assert 'getattr(obj, "__watchers"' in source
    assert "_closing" in source


def test_the_app_still_checks_priority_bindings_as_focus_keys_calls_it() -> None:
    parameters = list(inspect.signature(App._check_bindings).parameters)
    assert parameters == ["self", "key", "priority"]
