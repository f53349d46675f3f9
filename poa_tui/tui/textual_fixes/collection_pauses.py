"""Python's full garbage collections, kept out of typing.

A full collection walks every object the app holds. With a long plan open (a thousand preview
widgets and their caches) one takes 100-260 ms, and Python starts one whenever the objects that
survived earlier collections have grown by a quarter: several times while a case opens (about
0.7 s of them for a 5,000-word plan), and then now and again in the middle of typing.

So whatever builds a lot (the app starting, a case opening) calls `hold()` first and `release()`
once it is on screen: what is there is frozen, so that later automatic collections walk only
what is newer, and there is at most one collection (the app starting) instead of several. What
was frozen and has since been let go (a closed case's widgets, the garbage of building it) is
collected by `settle()`, which unfreezes everything first: a full walk, for a moment after a
screen has closed.

It patches nothing in Textual: what makes it needed is how many objects Textual 8.2.8 builds
for a screen (a widget, its styles, its render caches and reactive watchers for every
Markdown block of the preview), which is what Python's collector walks. It imports no Textual
itself. `tests/test_heap.py` fails if holding, releasing or settling stops doing what is said
here; `scripts/bench.py --off heap` measures the app again without it.
"""

from __future__ import annotations

import gc

_holds = 0
"""How many `hold()`s are waiting for their `release()`."""


def hold() -> None:
    """Stop automatic collections until the matching `release()`."""
    global _holds
    _holds += 1
    gc.disable()


def release(collect: bool = True) -> None:
    """End a `hold()`: collect (unless told not to) and freeze now, and let automatic
    collections run again once no other hold is left.

    Without `collect`, the garbage left from building is frozen with the rest and waits for
    the next `settle()`: more memory for a while, where a collection of a long case's new
    objects is a 250-350 ms pause just as the user starts typing."""
    global _holds
    _holds = max(0, _holds - 1)
    if collect:
        gc.collect()
    _freeze()


def settle() -> None:
    """Collect everything, frozen or not, and freeze the survivors again."""
    gc.unfreeze()
    gc.collect()
    _freeze()


def _freeze() -> None:
    gc.freeze()
    if not _holds:
        gc.enable()
