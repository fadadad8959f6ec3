"""The message corpus in fixtures/messages: every good message passes, every bad one fails for
its stated reason. The messages were written for composer, in many voices and sectors; see
fixtures/messages/expectations.yaml for what each one is meant to show."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from composer.checker import check
from composer.models import Kind, Severity
from composer.notes import read_notes_file
from composer.rules import REGISTRY

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MESSAGES = FIXTURES / "messages"
EXPECTATIONS = yaml.safe_load((MESSAGES / "expectations.yaml").read_text(encoding="utf-8"))
# Warnings from these modules are pinned per message; other modules' warnings (such as the
# grounding check for model drafts) are not this corpus's business.
CORE_MODULES = {"brevity", "content", "courtesy", "hygiene"}
CORE_CODES = {
    code
    for code, rule in REGISTRY.items()
    if rule.check.__module__.rsplit(".", 1)[-1] in CORE_MODULES
}


def _cases(group: str) -> list[tuple[str, dict]]:
    return sorted(EXPECTATIONS[group].items())


def _report(group: str, name: str, spec: dict):
    text = (MESSAGES / group / name).read_text(encoding="utf-8")
    notes = read_notes_file(FIXTURES / spec["notes"]).notes if spec.get("notes") else None
    return check(text, Kind(spec["kind"]), notes)


def test_every_file_has_an_expectation_and_every_expectation_a_file() -> None:
    for group in ("good", "bad"):
        on_disk = {p.name for p in (MESSAGES / group).glob("*.txt")}
        assert on_disk == set(EXPECTATIONS[group]), group


def test_the_corpus_is_big_and_varied_enough() -> None:
    for kind in Kind:
        good = [n for n, s in EXPECTATIONS["good"].items() if s["kind"] == kind.value]
        bad = [n for n, s in EXPECTATIONS["bad"].items() if s["kind"] == kind.value]
        assert len(good) >= 8, kind
        assert len(bad) >= 6, kind
    # Each bad message names codes that exist, so a renamed rule cannot silently pass.
    for spec in EXPECTATIONS["bad"].values():
        assert spec["expect"] and set(spec["expect"]) <= set(REGISTRY), spec
        assert spec.get("why"), "say in words what is wrong with the message"


@pytest.mark.parametrize(
    ("name", "spec"), _cases("good"), ids=lambda v: v if isinstance(v, str) else ""
)
def test_good_message_passes(name: str, spec: dict) -> None:
    report = _report("good", name, spec)
    errors = [(f.code, f.message) for f in report.findings if f.severity is Severity.ERROR]
    assert report.passed, f"{name}: {errors}"
    allowed = set(spec.get("warnings", []))
    unexpected = {
        f.code for f in report.findings if f.severity is Severity.WARNING and f.code in CORE_CODES
    } - allowed
    assert not unexpected, f"{name}: unexpected warnings {sorted(unexpected)}"


@pytest.mark.parametrize(
    ("name", "spec"), _cases("bad"), ids=lambda v: v if isinstance(v, str) else ""
)
def test_bad_message_fails_for_its_reason(name: str, spec: dict) -> None:
    report = _report("bad", name, spec)
    assert not report.passed, f"{name} should fail: {spec['why']}"
    errors = {f.code for f in report.findings if f.severity is Severity.ERROR}
    missing = set(spec["expect"]) - errors
    assert not missing, (
        f"{name} ({spec['why']}): {sorted(missing)} did not fire; got {sorted(errors)}"
    )
