"""Measure the reply classifier on the labelled corpus, tuning and held-out parts apart.

The tuning part (`tests/corpus/replies`) was written while the rules were made; the test part
(`tests/corpus/held_out/replies`) was written before they were changed and is never used to
change them: quote its numbers. Each folder has an `expected.json`: file name -> {"class",
"requests"}. A request is either {"text", "kind"} (the exact to-do line) or {"kind", "has",
"within"} (a request of that kind whose text holds `has`, with that time limit); the requests
are right when every one is found and there are no others. An entry may also give "case" (its
marketplace, ASINs and order ids) and "fits" (whether the reply should be taken as the case's).

Prints, per part, for each reply class how many files there are, how many were classified
correctly and how many also had the expected requests, then the same per language (an entry's
"language", English when it gives none). A "class" of null means no class can be placed: the
classifier must say so rather than guess. Requests are counted only where an entry lists them
or the reply is English. Exits with status 1 when any file is
classified wrongly (request differences are listed but do not change the status).

    .venv/bin/python scripts/replies_accuracy.py [--corpus tests/corpus/replies]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poa_tui.domain.replies import classify_reply, reply_fit  # noqa: E402  (needs the path set above)
from poa_tui.domain.vocab import Outcome  # noqa: E402

DEFAULT_CORPORA = {"tuning": ROOT / "tests" / "corpus" / "replies",
                   "test": ROOT / "tests" / "corpus" / "held_out" / "replies"}


def requests_match(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> bool:
    """True when `got` holds exactly the requests `want` describes."""
    if len(got) != len(want):
        return False
    left = list(got)
    for item in want:
        for candidate in left:
            if "text" in item:
                same = candidate["text"] == item["text"] and candidate["kind"] == item["kind"]
            else:
                same = (candidate["kind"] == item["kind"]
                        and item["has"].lower() in candidate["text"].lower()
                        and candidate.get("within") == item.get("within"))
            if same:
                left.remove(candidate)
                break
        else:
            return False
    return True


def measure(corpus: Path) -> tuple[dict[str, list[int]], list[str], list[str]]:
    """Per class [files, correct class, correct requests], plus the misses and request diffs."""
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    counts: dict[str, list[int]] = {outcome.value: [0, 0, 0] for outcome in Outcome}
    counts["null"] = [0, 0, 0]
    wrong: list[str] = []
    differing: list[str] = []
    by_language: dict[str, list[int]] = {}
    for name, want in sorted(expected.items()):
        text = (corpus / name).read_text(encoding="utf-8")
        result = classify_reply(text).to_dict()
        row = counts.setdefault(want["class"] or "null", [0, 0, 0])
        language = by_language.setdefault(want.get("language", "en"), [0, 0, 0])
        row[0] += 1
        language[0] += 1
        if result["class"] == want["class"]:
            row[1] += 1
            language[1] += 1
        else:
            wrong.append(f"{name}: expected {want['class']}, got {result['class']} "
                         f"(evidence: {result['evidence']})")
        if "requests" not in want and want.get("language", "en") != "en":
            pass
        elif requests_match(result["requests"], want.get("requests", [])):
            row[2] += 1
            language[2] += 1
        else:
            differing.append(f"{name}: requests {result['requests']}")
        if "case" in want:
            case = want["case"]
            warnings = reply_fit(text, case["marketplace"], case["asins"], case["order_ids"])
            if (not warnings) != want["fits"]:
                wrong.append(f"{name}: expected fits={want['fits']}, got warnings {warnings}")
    return {**counts, **{f"language {k}": v for k, v in sorted(by_language.items())}}, wrong, \
        differing


def table(counts: dict[str, list[int]]) -> str:
    lines = [f"{'class / language':<22}{'files':>6}{'correct':>9}{'accuracy':>10}{'requests ok':>13}"]
    totals = [0, 0, 0]
    for name, (files, correct, requests) in counts.items():
        if name == next((k for k in counts if k.startswith("language")), None):
            share = f"{totals[1] / totals[0]:.0%}" if totals[0] else "-"
            lines.append(f"{'all':<22}{totals[0]:>6}{totals[1]:>9}{share:>10}{totals[2]:>13}")
            lines.append("")
        if name.startswith("language"):
            share = f"{correct / files:.0%}" if files else "-"
            lines.append(f"{name:<22}{files:>6}{correct:>9}{share:>10}{requests:>13}")
            continue
        share = f"{correct / files:.0%}" if files else "-"
        lines.append(f"{name:<22}{files:>6}{correct:>9}{share:>10}{requests:>13}")
        totals = [totals[0] + files, totals[1] + correct, totals[2] + requests]
    share = f"{totals[1] / totals[0]:.0%}" if totals[0] else "-"
    lines.append(f"{'all':<22}{totals[0]:>6}{totals[1]:>9}{share:>10}{totals[2]:>13}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a folder holding reply files and expected.json (default: both "
                             "parts)")
    args = parser.parse_args(argv)
    corpora = {str(p): p for p in args.corpus} if args.corpus else DEFAULT_CORPORA
    failed = False
    for part, corpus in corpora.items():
        counts, wrong, differing = measure(corpus)
        print(f"{part} part ({corpus})")
        print(table(counts))
        for line in wrong:
            print(f"MISCLASSIFIED {line}")
        for line in differing:
            print(f"requests differ {line}")
        print()
        failed = failed or bool(wrong)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
