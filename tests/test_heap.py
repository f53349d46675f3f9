"""`heap`: automatic collections held while a screen is built, frozen after, collected on close."""

from __future__ import annotations

import gc
import weakref

import pytest

from poa_tui.tui.textual_fixes import collection_pauses as heap


class Node:
    """Something that only the cycle collector can free (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def restore_gc():
    yield
    heap._holds = 0
    gc.unfreeze()
    gc.enable()


def test_holds_nest_and_the_last_release_lets_collections_run() -> None:
    heap.hold()
    heap.hold()
    assert not gc.isenabled()
    heap.release(collect=False)
    assert not gc.isenabled(), "another hold is still waiting"
    heap.release(collect=False)
    assert gc.isenabled()
    heap.release()  # one too many does no harm
    assert gc.isenabled() and heap._holds == 0


def test_release_freezes_what_is_there_and_settle_collects_it_once_let_go() -> None:
    heap.hold()
    node = Node()
    gone = weakref.ref(node)
    heap.release(collect=False)
    assert gc.get_freeze_count() > 0
    del node
    gc.collect()
    assert gone() is not None, "frozen: ordinary collections leave it"
    heap.settle()
    assert gone() is None
    assert gc.isenabled()


def test_release_with_collect_frees_the_garbage_of_building_first() -> None:
    heap.hold()
    gone = weakref.ref(Node())
    heap.release()
    assert gone() is None
