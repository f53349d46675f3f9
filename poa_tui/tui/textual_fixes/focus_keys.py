"""Tab and shift+tab that move the focus before the next key is handed out.

Textual binds tab on each screen, so it runs when the focused widget gets round to the key;
the app has by then already handed the keys typed right after it (a fast typist, a paste of
keys, tmux send-keys) to that same widget, and "Tab, Seller name" typed in one burst put the
name in the field being left. As priority bindings of the app they run as the key arrives,
and every later key goes to the newly focused field. A widget that types a tab character
itself (a TextArea set to indent) keeps the key.

Upstream: Textualize/textual#6605 reports the same reordering for a widget's own editing keys
(backspace typed in a burst arrived after the next letter), and the open pull request #6631
runs those inline; neither covers focus keys. In Textual 8.2.8 `App._check_bindings`
(textual/app.py) runs non-priority bindings only after the key has bubbled back from the
focused widget. Measured: in tmux, "abc", backspace, "de" sent at once gave "abcd" in any
Input, and Tab plus a seller name in one burst left the name in the notice box.
`tests/test_textual_guards.py` fails if that method's signature changes.
"""

from __future__ import annotations

from functools import cache

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, TextArea

FOCUS_BINDINGS = [
    Binding("tab", "move_focus(1)", "Next field", id="app.focus_next", show=False,
            priority=True, tooltip="Move to the next field."),
    Binding("shift+tab", "move_focus(-1)", "Previous field", id="app.focus_previous",
            show=False, priority=True, tooltip="Move to the previous field."),
]


def keeps_tab(focused: Widget | None) -> bool:
    """True when the focused widget uses tab itself (so the binding steps aside)."""
    return isinstance(focused, TextArea) and focused.tab_behavior == "indent"


async def bind_at_once(app: App[object], event: events.Key) -> bool:
    """Run the binding for `event` in its place among the keys; True when it is taken here.

    Textual hands a key to the focused widget and runs the bindings only when the key has
    bubbled back up to the app, by which time the keys typed after it in the same burst were
    handed out and handled: "abc", backspace, "de" typed at once in an Input read "abcd",
    ctrl+u then a date cleared the date just typed, and text typed right behind the key that
    closes a dialog went to the dialog. A text field's own editing keys are queued on the
    field itself, behind the keys typed before them and ahead of those typed after; any key
    while a button, list or table has the focus runs at once. A key the focused widget may
    take as text, or handle in its own key handler (enter in a TextArea), goes the usual way.
    """
    focused = app.focused
    if focused is None or focused.check_consume_key(event.key, event.character):
        return False
    if await app._check_bindings(event.key, priority=True):
        return True
    if isinstance(focused, (Input, TextArea)):
        if event.key not in focused._bindings.key_to_bindings:
            # A form's own keys (ctrl+s) from a text field wait for the text typed before them.
            return False
        # The field's own binding, on that field, even if Tab has moved on by the time it runs.
        focused.call_later(_run_own_binding, app, focused, event.key)
        return True
    if _handles_keys(focused):
        return False
    return await app._check_bindings(event.key)


async def _run_own_binding(app: App[object], widget: Widget, key: str) -> None:
    for binding in widget._bindings.key_to_bindings.get(key, ()):
        if await app.run_action(binding.action, widget):
            return


def _handles_keys(widget: Widget) -> bool:
    """True when `widget` may act on keys other than through its bindings."""
    return _class_handles_keys(type(widget))


@cache
def _class_handles_keys(kind: type[Widget]) -> bool:
    return (kind._on_key is not Widget._on_key or hasattr(kind, "on_key")
            or any(name.startswith("key_") for name in dir(kind)))
