"""`TypingPause` runs its callback once typing pauses, through the owner's queue."""

from __future__ import annotations

import asyncio
from typing import Callable

from poa_tui.tui.typing_pause import TypingPause


class Owner:
    """Stands in for a widget: `call_later` queues the callback on the event loop."""

    def __init__(self) -> None:
        self.open = True
        self.queued = 0

    def call_later(self, callback: Callable[[], object]) -> bool:
        if not self.open:
            return False
        self.queued += 1
        asyncio.get_running_loop().call_soon(callback)
        return True


def run(scenario: Callable[[Owner, list[float]], object]) -> None:
    async def main() -> None:
        owner = Owner()
        await scenario(owner, [])
    asyncio.run(main())


def test_it_runs_once_after_the_last_poke() -> None:
    async def scenario(owner: Owner, runs: list[float]) -> None:
        loop = asyncio.get_running_loop()
        pause = TypingPause(owner, 0.05, lambda: runs.append(loop.time()))
        last = 0.0
        for _ in range(5):
            pause.poke()
            last = loop.time()
            assert pause.pending
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
        assert len(runs) == 1 and runs[0] >= last + 0.05 - 0.003
        assert not pause.pending and owner.queued == 1
    run(scenario)


def test_cancel_and_a_shorter_wait() -> None:
    async def scenario(owner: Owner, runs: list[float]) -> None:
        loop = asyncio.get_running_loop()
        pause = TypingPause(owner, 10.0, lambda: runs.append(loop.time()))
        pause.poke()
        pause.cancel()
        assert not pause.pending
        start = loop.time()
        pause.poke()
        pause.poke(0.02)  # asked for sooner than the timer armed for the default delay
        await asyncio.sleep(0.1)
        assert len(runs) == 1 and runs[0] - start < 1.0
    run(scenario)


def test_typing_between_the_deadline_and_the_run_puts_it_off() -> None:
    async def scenario(owner: Owner, runs: list[float]) -> None:
        pause = TypingPause(owner, 0.03, lambda: runs.append(0))
        owner_call_later = owner.call_later

        def late(callback: Callable[[], object]) -> bool:
            pause.poke()  # a key arrives after the deadline, before the queued run
            return owner_call_later(callback)

        owner.call_later = late  # type: ignore[method-assign]
        pause.poke()
        await asyncio.sleep(0.05)
        assert runs == [] and pause.pending
        owner.call_later = owner_call_later  # type: ignore[method-assign]
        await asyncio.sleep(0.06)
        assert runs == [0] and not pause.pending
    run(scenario)


def test_a_closing_owner_is_left_alone() -> None:
    async def scenario(owner: Owner, runs: list[float]) -> None:
        pause = TypingPause(owner, 0.01, lambda: runs.append(0))
        pause.poke()
        owner.open = False
        await asyncio.sleep(0.05)
        assert runs == [] and not pause.pending
    run(scenario)
