"""Per-field accuracy of `parse_notice` on the notice corpus, tuning and held-out parts apart.

Usage: python scripts/notice_accuracy.py [CORPUS_DIR ...] [-v]

The corpus has two parts: `tests/corpus/notices` (the tuning part, written while the rules were
made) and `tests/corpus/held_out/notices` (the test part, written before the rules were changed
and never used to change them). Quote the test part's numbers.

Each notice (`NAME.txt`, a saved email `NAME.eml` or a page `NAME.html`) has a `NAME.json` beside
it: {"received": ISO date or null, "expected": {...the parse-notice --json fields...}}. An
`"unread": [field, ...]` entry expects those fields in the notice's `unread` list; a top-level
`"language"` names the language the notice is written in (English when absent). Prints one
table per part (right / total, percentage), then one row per language with each main field's
percentage and, with -v or on a miss, which notices missed and how. Exits 1 on any miss.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poa_tui.domain.notice import parse_notice  # noqa: E402
from poa_tui.domain.readable import readable_text  # noqa: E402

DEFAULT_CORPORA = {"tuning": ROOT / "tests" / "corpus" / "notices",
                   "test": ROOT / "tests" / "corpus" / "held_out" / "notices"}
_SUFFIXES = (".txt", ".eml", ".html")


def load(corpus: Path) -> list[tuple[str, str, date | None, dict]]:
    """(name, text, received, expected) for every notice in `corpus`, sorted by name; expected
    holds the language under "language"."""
    cases = []
    for path in sorted(p for p in corpus.iterdir() if p.suffix in _SUFFIXES):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        received = date.fromisoformat(spec["received"]) if spec.get("received") else None
        expected = {**spec["expected"], "language": spec.get("language", "en")}
        cases.append((path.stem, readable_text(path.read_bytes()), received, expected))
    return cases


def measure(corpus: Path) -> tuple[dict[str, list[int]], list[str],
                                   dict[str, dict[str, list[int]]]]:
    """Field -> [right, total], one line per miss, and language -> field -> [right, total]."""
    tally: dict[str, list[int]] = {}
    misses: list[str] = []
    languages: dict[str, dict[str, list[int]]] = {}
    for name, text, received, expected in load(corpus):
        per_language = languages.setdefault(expected["language"], {})
        got = parse_notice(text, received=received).to_dict()
        got["unread"] = sorted(item["field"] for item in got.get("unread", []))
        expected = {**expected, "unread": sorted(expected.get("unread", []))}
        for key, want in expected.items():
            row = tally.setdefault(key, [0, 0])
            cell = per_language.setdefault(key, [0, 0])
            row[1] += 1
            cell[1] += 1
            if got.get(key) == want:
                row[0] += 1
                cell[0] += 1
            else:
                misses.append(f"{name}: {key}: expected {want!r}, got {got.get(key)!r}")
    return tally, misses, languages


LANGUAGE_FIELDS = ("language", "violation_type", "marketplace", "scope", "date", "deadline",
                   "asins", "order_ids", "metrics", "unread")


def language_table(languages: dict[str, dict[str, list[int]]]) -> str:
    """One row per language: how many notices, then each main field's accuracy."""
    short = {"violation_type": "type", "marketplace": "market", "order_ids": "orders"}
    names = [short.get(f, f) for f in LANGUAGE_FIELDS]
    lines = ["lang  notices " + " ".join(f"{n:>8}" for n in names)]
    for code, cells in sorted(languages.items()):
        row = [f"{100 * cells[f][0] / cells[f][1]:7.0f}%" if f in cells else f"{'-':>8}"
               for f in LANGUAGE_FIELDS]
        lines.append(f"{code:<5} {cells['language'][1]:>7} " + " ".join(row))
    return "\n".join(lines)


def table(tally: dict[str, list[int]]) -> str:
    width = max(len(key) for key in tally)
    lines = [f"{'field':<{width}}  right  total  accuracy"]
    for key, (right, total) in tally.items():
        lines.append(f"{key:<{width}}  {right:>5}  {total:>5}  {100 * right / total:7.1f}%")
    right = sum(r for r, _ in tally.values())
    total = sum(t for _, t in tally.values())
    lines.append(f"{'all':<{width}}  {right:>5}  {total:>5}  {100 * right / total:7.1f}%")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"]
    corpora = {str(p): p for p in paths} if paths else DEFAULT_CORPORA
    failed = False
    for part, corpus in corpora.items():
        tally, misses, languages = measure(corpus)
        if not tally:
            print(f"no notices found in {corpus}")
            return 1
        print(f"{part} part ({corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus},"
              f" {len(load(corpus))} notices)")
        print(table(tally))
        print()
        print(language_table(languages))
        if misses or verbose:
            print()
            print("\n".join(misses) if misses else "no misses")
        print()
        failed = failed or bool(misses)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
