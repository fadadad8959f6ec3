"""How well `composer check` judges the labelled messages in fixtures/messages (issue 12).

    python bench/accuracy.py                  # the table, and the tuning part's misses
    python bench/accuracy.py --without-notes  # every message checked without its notes
    python bench/accuracy.py --json           # the same figures as one JSON document

A good message counts as passed when the checker reports no error; a bad one as caught when
it reports at least one, and as caught by its rule when an error comes from a code in its
`expect` list (the rules that name its flaw). Balanced accuracy is the mean of the share of
good passed and the share of bad caught. Per-message results are listed for the tuning part
only: the held-out third is for measuring, never for tuning. This script never asserts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MESSAGES = FIXTURES / "messages"
KINDS = ("thank-you", "status-check", "feedback-request")
PARTS = ("tune", "held-out")


@dataclass(frozen=True)
class Case:
    """One labelled message: its id ('good/thank-you-01.txt'), labels and text."""

    id: str
    group: str
    kind: str
    split: str
    origin: str
    expect: tuple[str, ...]
    flaw: str | None
    notes: str | None
    text: str


@dataclass(frozen=True)
class Verdict:
    """What the checker said about one case."""

    case: Case
    passed: bool
    errors: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def right(self) -> bool:
        return self.passed if self.case.group == "good" else not self.passed

    @property
    def by_rule(self) -> bool:
        """A bad message failed by an error from a rule that names its flaw."""
        return bool(set(self.case.expect) & set(self.errors))

    @property
    def rule_fired(self) -> bool:
        """A rule that names the flaw reported it at any severity (a warning counts)."""
        return bool(set(self.case.expect) & (set(self.errors) | set(self.warnings)))


def labels() -> dict[str, dict[str, dict]]:
    return yaml.safe_load((MESSAGES / "expectations.yaml").read_text(encoding="utf-8"))


def load_cases() -> list[Case]:
    """Every labelled message, in id order."""
    cases = []
    for group, entries in labels().items():
        for name, spec in sorted(entries.items()):
            cases.append(
                Case(
                    id=f"{group}/{name}",
                    group=group,
                    kind=spec["kind"],
                    split=spec["split"],
                    origin=spec["origin"],
                    expect=tuple(spec.get("expect") or ()),
                    flaw=spec.get("flaw"),
                    notes=spec.get("notes"),
                    text=(MESSAGES / group / name).read_text(encoding="utf-8"),
                )
            )
    return sorted(cases, key=lambda c: c.id)


def hashed_split(case_id: str) -> str:
    """The split of a message added after the first draw: a third held out, by its id."""
    digest = int(hashlib.sha256(case_id.encode("utf-8")).hexdigest(), 16)
    return "held-out" if digest % 3 == 0 else "tune"


def drawn_split(strata: dict[str, tuple[str, str, str]], seed: int) -> dict[str, str]:
    """The first draw: each (origin, good/bad, kind) stratum shuffled with the recorded seed,
    the first third of it (rounded) held out."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for case_id, key in strata.items():
        groups.setdefault(key, []).append(case_id)
    split = {}
    for key in sorted(groups):
        members = sorted(groups[key])
        random.Random(f"{seed}/{'/'.join(key)}").shuffle(members)
        cut = round(len(members) / 3)
        for i, case_id in enumerate(members):
            split[case_id] = "held-out" if i < cut else "tune"
    return split


def expected_splits(entries: dict[str, dict[str, dict]], record: dict) -> dict[str, str]:
    """The split every message must carry. A message made from another (`derived_from`) goes
    where its original went, so a near-copy never sits on the other side of the line; the
    rest were drawn once (`record['initial']`, seeded) or, if added later, hashed by id."""
    specs = {
        f"{group}/{name}": spec for group, items in entries.items() for name, spec in items.items()
    }
    initial = set(record["initial"])
    drawn = drawn_split(
        {
            case_id: (spec["origin"], case_id.split("/")[0], spec["kind"])
            for case_id, spec in specs.items()
            if case_id in initial and not spec.get("derived_from")
        },
        record["seed"],
    )

    def split_of(case_id: str, seen: tuple[str, ...] = ()) -> str:
        origin = specs[case_id].get("derived_from")
        if origin and origin in specs and origin not in seen:
            return split_of(origin, (*seen, case_id))
        return drawn.get(case_id) or hashed_split(case_id)

    return {case_id: split_of(case_id) for case_id in specs}


def judge(cases: Iterable[Case], with_notes: bool = True) -> list[Verdict]:
    """Run composer's checker over each case, with its notes unless told otherwise."""
    from composer.checker import check
    from composer.models import Kind, Severity
    from composer.notes import read_notes_file

    notes_cache: dict[str, object] = {}
    verdicts = []
    for case in cases:
        notes = None
        if with_notes and case.notes:
            if case.notes not in notes_cache:
                notes_cache[case.notes] = read_notes_file(FIXTURES / case.notes).notes
            notes = notes_cache[case.notes]
        report = check(case.text, Kind(case.kind), notes)  # type: ignore[arg-type]
        codes = {s: sorted({f.code for f in report.findings if f.severity is s}) for s in Severity}
        verdicts.append(
            Verdict(
                case, report.passed, tuple(codes[Severity.ERROR]), tuple(codes[Severity.WARNING])
            )
        )
    return verdicts


@dataclass(frozen=True)
class Row:
    """Accuracy figures for one slice of the corpus."""

    part: str
    slice: str
    good: int
    bad: int
    good_passed: int
    bad_caught: int
    with_rule: int  # bad messages whose flaw has a rule
    by_rule: int
    rule_fired: int

    @property
    def good_share(self) -> float | None:
        return self.good_passed / self.good if self.good else None

    @property
    def bad_share(self) -> float | None:
        return self.bad_caught / self.bad if self.bad else None

    @property
    def balanced(self) -> float | None:
        if self.good_share is None or self.bad_share is None:
            return None
        return (self.good_share + self.bad_share) / 2

    @property
    def by_rule_share(self) -> float | None:
        return self.by_rule / self.with_rule if self.with_rule else None


def row(part: str, label: str, verdicts: list[Verdict]) -> Row:
    good = [v for v in verdicts if v.case.group == "good"]
    bad = [v for v in verdicts if v.case.group == "bad"]
    named = [v for v in bad if v.case.expect]
    return Row(
        part=part,
        slice=label,
        good=len(good),
        bad=len(bad),
        good_passed=sum(v.passed for v in good),
        bad_caught=sum(not v.passed for v in bad),
        with_rule=len(named),
        by_rule=sum(v.by_rule for v in named),
        rule_fired=sum(v.rule_fired for v in named),
    )


def rows(verdicts: list[Verdict]) -> list[Row]:
    """Each part overall, per kind and per origin; then the whole corpus."""
    out = []
    for part in PARTS:
        mine = [v for v in verdicts if v.case.split == part]
        out.append(row(part, "all kinds", mine))
        out.extend(row(part, kind, [v for v in mine if v.case.kind == kind]) for kind in KINDS)
        for origin in ("published", "project"):
            out.append(row(part, f"{origin} only", [v for v in mine if v.case.origin == origin]))
    out.append(row("both", "all kinds", verdicts))
    return out


def _share(value: float | None, num: int, den: int) -> str:
    return "-" if value is None else f"{value:.2f} ({num}/{den})"


def table(all_rows: list[Row]) -> str:
    head = (
        "part",
        "slice",
        "balanced acc.",
        "good passed",
        "bad caught",
        "bad caught by its rule",
        "its rule fired (any severity)",
    )
    lines = [head]
    for r in all_rows:
        lines.append(
            (
                r.part,
                r.slice,
                "-" if r.balanced is None else f"{r.balanced:.3f}",
                _share(r.good_share, r.good_passed, r.good),
                _share(r.bad_share, r.bad_caught, r.bad),
                _share(r.by_rule_share, r.by_rule, r.with_rule),
                _share(
                    r.rule_fired / r.with_rule if r.with_rule else None, r.rule_fired, r.with_rule
                ),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    fmt = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in lines
    ]
    fmt.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(fmt)


def misses(verdicts: list[Verdict]) -> str:
    """The tuning part's misclassified messages, and bad ones caught by some other rule."""
    tune = [v for v in verdicts if v.case.split == "tune"]
    wrong = [v for v in tune if not v.right]
    other = [
        v for v in tune if v.case.group == "bad" and v.right and v.case.expect and not v.by_rule
    ]
    out = [f"Misclassified in the tuning part ({len(wrong)}):", ""]
    out.append("| id | expected | got | error codes | flaw (expected codes) |")
    out.append("|---|---|---|---|---|")
    for v in wrong:
        expected = "pass" if v.case.group == "good" else "fail"
        got = "pass" if v.passed else "fail"
        flaw = f"{v.case.flaw} ({', '.join(v.case.expect) or 'no rule'})" if v.case.flaw else ""
        out.append(f"| {v.case.id} | {expected} | {got} | {', '.join(v.errors) or '-'} | {flaw} |")
    out += [
        "",
        f"Caught in the tuning part, but not by the rule that names the flaw ({len(other)}):",
    ]
    out += ["", "| id | flaw (expected codes) | error codes |", "|---|---|---|"]
    for v in other:
        out.append(
            f"| {v.case.id} | {v.case.flaw} ({', '.join(v.case.expect)}) | {', '.join(v.errors)} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without-notes", action="store_true", help="check every message bare")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    verdicts = judge(load_cases(), with_notes=not args.without_notes)
    all_rows = rows(verdicts)
    if args.json:
        doc = {
            "with_notes": not args.without_notes,
            "rows": [
                {
                    **asdict(r),
                    "balanced": r.balanced,
                    "good_share": r.good_share,
                    "bad_share": r.bad_share,
                    "by_rule_share": r.by_rule_share,
                }
                for r in all_rows
            ],
            "tune_misclassified": [
                {
                    "id": v.case.id,
                    "expected": v.case.group,
                    "passed": v.passed,
                    "errors": list(v.errors),
                    "flaw": v.case.flaw,
                }
                for v in verdicts
                if v.case.split == "tune" and not v.right
            ],
        }
        print(json.dumps(doc, indent=2))
        return
    notes = "without notes" if args.without_notes else "with each message's notes"
    print(f"composer check on fixtures/messages ({len(verdicts)} messages, {notes})\n")
    print(table(all_rows))
    print()
    print(misses(verdicts))


if __name__ == "__main__":
    main()
