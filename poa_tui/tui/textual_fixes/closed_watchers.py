"""Let go of closed widgets that Textual 8.2.8 keeps watching.

`widget.watch(obj, name, callback)` files the watcher under `obj`, and Textual drops the
watchers of closed widgets only when `obj.name` next changes. Every TextArea watches the app's
theme, so a closed case editor (its three text areas and, through their parents, the whole
screen with a long plan's preview) stayed in memory until the theme changed: 120,000 objects
for each time a long case was opened. `prune(obj)` drops them as that next change would.

No Textual import: it reads the watcher table Textual keeps on the watched object
(`textual/reactive.py`, `getattr(obj, "__watchers")`). Upstream: Textualize/textual#6666
(watchers from `watch`/`data_bind` outlive their removed owner; open).
`tests/test_textual_guards.py` fails if Textual stops keeping watchers there.
"""

from __future__ import annotations


def prune(obj: object) -> int:
    """Drop the watchers on `obj` whose widget has closed; return how many went."""
    watchers: dict[str, list[tuple[object, object]]] = getattr(obj, "__watchers", None) or {}
    dropped = 0
    for entries in watchers.values():
        kept = [(node, callback) for node, callback in entries
                if not getattr(node, "_closing", False)]
        dropped += len(entries) - len(kept)
        entries[:] = kept
    return dropped
