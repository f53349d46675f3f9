"""Per-field accuracy of `parse_notice` on the notice corpus.

Usage: python scripts/notice_accuracy.py [CORPUS_DIR] [-v]

Each `NAME.txt` in the corpus has a `NAME.json` beside it: {"received": ISO date or null,
"expected": {...the parse-notice --json fields...}}. Prints one row per field (right / total,
percentage) and, with -v or on a miss, which notices missed and how. Exits 1 on any miss.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poa_tui.notice import parse_notice  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "corpus" / "notices"


def load(corpus: Path) -> list[tuple[str, str, date | None, dict]]:
    """(name, text, received, expected) for every notice in `corpus`, sorted by name."""
    cases = []
    for text_path in sorted(corpus.glob("*.txt")):
        spec = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
        received = date.fromisoformat(spec["received"]) if spec.get("received") else None
        text = text_path.read_bytes().decode("utf-8")
        cases.append((text_path.stem, text, received, spec["expected"]))
    return cases


def measure(corpus: Path) -> tuple[dict[str, list[int]], list[str]]:
    """Field -> [right, total], and one line per miss."""
    tally: dict[str, list[int]] = {}
    misses: list[str] = []
    for name, text, received, expected in load(corpus):
        got = parse_notice(text, received=received).to_dict()
        for key, want in expected.items():
            row = tally.setdefault(key, [0, 0])
            row[1] += 1
            if got.get(key) == want:
                row[0] += 1
            else:
                misses.append(f"{name}: {key}: expected {want!r}, got {got.get(key)!r}")
    return tally, misses


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    corpus = Path(paths[0]) if paths else DEFAULT_CORPUS
    tally, misses = measure(corpus)
    if not tally:
        print(f"no notices found in {corpus}")
        return 1
    width = max(len(key) for key in tally)
    print(f"{'field':<{width}}  right  total  accuracy")
    for key, (right, total) in tally.items():
        print(f"{key:<{width}}  {right:>5}  {total:>5}  {100 * right / total:7.1f}%")
    right = sum(r for r, _ in tally.values())
    total = sum(t for _, t in tally.values())
    print(f"{'all':<{width}}  {right:>5}  {total:>5}  {100 * right / total:7.1f}%")
    if misses or verbose:
        print()
        print("\n".join(misses) if misses else "no misses")
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
