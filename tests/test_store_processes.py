"""The store against real processes: killed writers and concurrent writers."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from poa_tui.domain.errors import ConflictError
from poa_tui.domain.models import Case, EvidenceItem, Sections
from poa_tui.storage.store import CaseStore

pytestmark = pytest.mark.slow

WRITER = textwrap.dedent(
    """
    import sys
    from poa_tui.storage.store import CaseStore

    store = CaseStore(sys.argv[1])
    cases = [store.load(int(i)) for i in sys.argv[2].split(",")]
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        for case in cases:
            # Each version is long enough that a torn write would be visible.
            case.sections.root_cause = f"<v{n}>" + ("word " * 2000) + f"</v{n}>"
            case.title = f"title v{n}"
            store.save(case)
    """
)

WHOLE_VERSION = re.compile(r"^<v(\d+)>(?:word ){2000}</v\1>$")


def test_sigkill_mid_write_never_leaves_a_torn_case(store: CaseStore) -> None:
    start = Sections(root_cause="<v0>" + "word " * 2000 + "</v0>")
    ids = [store.create(Case(title="start", sections=start)).id for _ in range(3)]
    versions_seen: set[int] = set()
    rng = random.Random(20241014)
    kills = 0
    for _ in range(60):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store.root), ",".join(map(str, ids))],
            stdout=subprocess.PIPE, text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        # Kill somewhere inside the write loop: a save takes 1-20 ms depending on the disk.
        try:
            child.wait(timeout=rng.uniform(0.0, 0.15))
        except subprocess.TimeoutExpired:
            pass
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        kills += 1
        reopened = CaseStore(store.root)
        for case_id in ids:
            case = reopened.load(case_id)
            whole = WHOLE_VERSION.match(case.sections.root_cause)
            assert whole, case.sections.root_cause[:40]
            versions_seen.add(int(whole.group(1)))
        assert len(reopened.summaries()) == 3
    assert kills == 60
    # The kills landed at many different points of the write loop, not before it began.
    assert len(versions_seen) >= 3


APPENDER = textwrap.dedent(
    """
    import sys
    from poa_tui.domain.errors import ConflictError
    from poa_tui.domain.models import EvidenceItem
    from poa_tui.storage.store import CaseStore

    store = CaseStore(sys.argv[1])
    case_id, tag, count = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    conflicts = 0
    for n in range(count):
        while True:
            case = store.load(case_id)
            case.evidence.append(EvidenceItem(label=f"{tag}-{n}"))
            try:
                store.save(case)
                break
            except ConflictError:
                conflicts += 1
    print(conflicts)
    """
)


def test_two_processes_writing_one_case_lose_nothing(store: CaseStore) -> None:
    case_id = store.create(Case(title="shared")).id
    writers = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(store.root), str(case_id), tag, "150"],
                         stdout=subprocess.PIPE, text=True)
        for tag in ("a", "b")
    ]
    for writer in writers:
        writer.communicate(timeout=120)
    assert all(w.returncode == 0 for w in writers)
    labels = [item.label for item in store.load(case_id).evidence]
    assert sorted(labels) == sorted([f"a-{n}" for n in range(150)] + [f"b-{n}" for n in range(150)])


CREATOR = textwrap.dedent(
    """
    import sys
    from poa_tui.domain.models import Case
    from poa_tui.storage.store import CaseStore

    store = CaseStore(sys.argv[1])
    print(",".join(str(store.create(Case(title=f"{sys.argv[2]} {n}")).id) for n in range(100)))
    """
)


def test_two_processes_creating_cases_get_distinct_ids(store: CaseStore) -> None:
    creators = [
        subprocess.Popen([sys.executable, "-c", CREATOR, str(store.root), tag],
                         stdout=subprocess.PIPE, text=True)
        for tag in ("left", "right")
    ]
    ids = [int(i) for c in creators for i in c.communicate(timeout=120)[0].strip().split(",")]
    assert len(ids) == len(set(ids)) == 200
    titles = {s.title for s in store.summaries()}
    assert len(titles) == 200


def test_stale_write_is_detected_not_dropped(store: CaseStore, tmp_path: Path) -> None:
    mine = store.create(Case(title="t"))
    other = CaseStore(store.root).load(mine.id)
    other.evidence.append(EvidenceItem(label="from the CLI"))
    CaseStore(store.root).save(other)
    mine.notes = "typed in the editor"
    with pytest.raises(ConflictError):
        store.save(mine)
    assert [e.label for e in store.load(mine.id).evidence] == ["from the CLI"]
