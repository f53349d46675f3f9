"""Change what an attempt's recorded reply decided; the case's status follows from it.

The same `Reply` the CLI's `reply --outcome` writes: only its outcome changes here, its text,
date and requests stay, and the status is derived afresh (`models.derive_status`).
"""

from __future__ import annotations

from typing import Callable

from poa_tui.domain.models import Case
from poa_tui.domain.vocab import Outcome


class NoReply(LookupError):
    """The attempt is gone or has no reply recorded, so it has no outcome to change."""


def set_outcome(number: int, outcome: Outcome) -> Callable[[Case], Case]:
    """A change that gives attempt `number`'s reply the outcome `outcome`."""
    def change(case: Case) -> Case:
        try:
            reply = case.submission(number).reply
        except KeyError:
            raise NoReply(f"Attempt {number} is no longer in this case.") from None
        if reply is None:
            raise NoReply(f"Attempt {number} has no reply recorded yet: press r to record it.")
        reply.outcome = outcome
        return case
    return change
