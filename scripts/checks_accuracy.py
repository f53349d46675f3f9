"""How the readiness checks judge the plan corpus: hits, misses and false alarms per plan.

Usage: python scripts/checks_accuracy.py [test|tune] [-v]

Reads `tests/corpus/plans/<part>/*.md` (see the README there). For each plan it runs the checks
as the app does and prints the verdict, the labelled defects found (hits) and not found
(misses), and the warnings or blockers that name no labelled defect (false alarms). A weak plan
passes when its verdict is not "ready" and at least three of its labelled defects are found; a
sound plan passes when it is "ready" with at most one warning. Exits 1 when any plan fails.
The `test` part (the default) is never used to tune the rules.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poa_tui.domain.checks import Finding, Severity, Verdict, run_checks, verdict_of  # noqa: E402
from poa_tui.domain.guidance import seed_evidence  # noqa: E402
from poa_tui.domain.models import Case, Notice, Sections  # noqa: E402
from poa_tui.domain.vocab import Section, ViolationType  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "plans"
MIN_HITS = 3
MAX_SOUND_WARNINGS = 1


@dataclass
class Plan:
    name: str
    kind: str
    case: Case
    defects: frozenset[str] = frozenset()
    voice: str = ""


def parse_plan(name: str, text: str) -> Plan:
    """A corpus file: `key: value` lines, then `## section_id` parts."""
    header: dict[str, str] = {}
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = parts.setdefault(Section(line[3:].strip()).value, [])
        elif current is not None:
            current.append(line)
        elif ":" in line:
            key, _, value = line.partition(":")
            header[key.strip()] = value.strip()
    violation = ViolationType(header["violation"])
    evidence = seed_evidence(violation)
    ticked = set(header.get("ticked", "").split())
    for item in evidence:
        item.done = item.key in ticked
    case = Case(id=1, title=name, violation_type=violation,
                notice=Notice(asins=header.get("asins", "").split(),
                              order_ids=header.get("orders", "").split()),
                sections=Sections(**{k: "\n".join(v).strip() + "\n" for k, v in parts.items()}),
                evidence=evidence)
    return Plan(name, header["kind"], case, frozenset(header.get("defects", "").split()),
                header.get("voice", ""))


def load(part: str) -> list[Plan]:
    folder = CORPUS / part
    return [parse_plan(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md"))]


@dataclass
class Result:
    plan: Plan
    verdict: Verdict
    findings: list[Finding]
    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def passed(self) -> bool:
        if self.plan.kind == "weak":
            return self.verdict is not Verdict.READY and len(self.hits) >= MIN_HITS
        return self.verdict is Verdict.READY and self.warnings <= MAX_SOUND_WARNINGS


def judge(plan: Plan) -> Result:
    findings = run_checks(plan.case)
    serious = [f for f in findings if f.severity is not Severity.HINT]
    found = {f.id for f in serious}
    result = Result(plan, verdict_of(findings), findings)
    result.hits = sorted(plan.defects & found)
    result.misses = sorted(plan.defects - found)
    result.false_alarms = [f for f in serious if f.id not in plan.defects]
    return result


def table(results: list[Result]) -> str:
    width = max(len(r.plan.name) for r in results)
    lines = [f"{'plan':<{width}}  kind   verdict     warn  block  hits  misses  false  pass"]
    for r in results:
        blockers = sum(f.severity is Severity.BLOCKER for f in r.findings)
        lines.append(f"{r.plan.name:<{width}}  {r.plan.kind:<5}  {r.verdict.value:<10}  "
                     f"{r.warnings:>4}  {blockers:>5}  {len(r.hits):>4}  {len(r.misses):>6}  "
                     f"{len(r.false_alarms):>5}  {'yes' if r.passed else 'NO'}")
    weak = [r for r in results if r.plan.kind == "weak"]
    sound = [r for r in results if r.plan.kind == "sound"]
    lines.append("")
    lines.append(f"weak plans not ready: {sum(r.verdict is not Verdict.READY for r in weak)}"
                 f"/{len(weak)}; with >= {MIN_HITS} hits: {sum(len(r.hits) >= MIN_HITS for r in weak)}"
                 f"/{len(weak)}; hits {sum(len(r.hits) for r in weak)}, misses "
                 f"{sum(len(r.misses) for r in weak)}")
    lines.append(f"sound plans ready: {sum(r.verdict is Verdict.READY for r in sound)}/{len(sound)};"
                 f" false alarms on sound plans: {sum(len(r.false_alarms) for r in sound)}; "
                 f"on weak plans: {sum(len(r.false_alarms) for r in weak)}")
    return "\n".join(lines)


def details(results: list[Result]) -> str:
    lines = []
    for r in results:
        lines.append(f"\n{r.plan.name} ({r.plan.kind}, {r.verdict.value})")
        if r.misses:
            lines.append(f"  missed: {', '.join(r.misses)}")
        for f in r.false_alarms:
            where = f.section.value if f.section else "plan"
            text = r.plan.case.sections[f.section][f.start:f.end] if f.section else ""
            lines.append(f"  false alarm: {f.id} ({f.severity.value}, {where}) {text[:70]!r}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    parts = [a for a in argv if a != "-v"]
    part = parts[0] if parts else "test"
    results = [judge(plan) for plan in load(part)]
    if not results:
        print(f"no plans in {CORPUS / part}")
        return 1
    print(f"part: {part}, {len(results)} plans")
    print(table(results))
    failed = [r for r in results if not r.passed]
    if verbose or failed:
        print(details(results if verbose else failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
