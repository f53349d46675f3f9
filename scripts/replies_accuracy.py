"""Measure the reply classifier on the labelled corpus.

Prints, for each reply class, how many corpus files there are, how many were classified
correctly and how many also had exactly the expected requests. Exits with status 1 when any file
is classified wrongly (request differences are listed but do not change the status).

    .venv/bin/python scripts/replies_accuracy.py [--corpus tests/corpus/replies]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poa_tui.replies import classify_reply  # noqa: E402  (needs the path set above)
from poa_tui.vocab import Outcome  # noqa: E402


def measure(corpus: Path) -> tuple[dict[str, list[int]], list[str], list[str]]:
    """Per class [files, correct class, correct requests], plus the misses and request diffs."""
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    counts = {outcome.value: [0, 0, 0] for outcome in Outcome}
    wrong: list[str] = []
    differing: list[str] = []
    for name, want in sorted(expected.items()):
        result = classify_reply((corpus / name).read_text(encoding="utf-8")).to_dict()
        row = counts.setdefault(want["class"], [0, 0, 0])
        row[0] += 1
        if result["class"] == want["class"]:
            row[1] += 1
        else:
            wrong.append(f"{name}: expected {want['class']}, got {result['class']} "
                         f"(evidence: {result['evidence']})")
        if result["requests"] == want.get("requests", []):
            row[2] += 1
        else:
            differing.append(f"{name}: requests {result['requests']}")
    return counts, wrong, differing


def table(counts: dict[str, list[int]]) -> str:
    lines = [f"{'class':<22}{'files':>6}{'correct':>9}{'accuracy':>10}{'requests ok':>13}"]
    totals = [0, 0, 0]
    for name, (files, correct, requests) in counts.items():
        share = f"{correct / files:.0%}" if files else "-"
        lines.append(f"{name:<22}{files:>6}{correct:>9}{share:>10}{requests:>13}")
        totals = [totals[0] + files, totals[1] + correct, totals[2] + requests]
    share = f"{totals[1] / totals[0]:.0%}" if totals[0] else "-"
    lines.append(f"{'all':<22}{totals[0]:>6}{totals[1]:>9}{share:>10}{totals[2]:>13}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus" / "replies",
                        help="folder holding the reply files and expected.json")
    args = parser.parse_args(argv)
    counts, wrong, differing = measure(args.corpus)
    print(table(counts))
    for line in wrong:
        print(f"MISCLASSIFIED {line}")
    for line in differing:
        print(f"requests differ {line}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
