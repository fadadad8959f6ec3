"""One meta-test walks the registry: every rule is complete, and its examples prove it works."""

from __future__ import annotations

import re

import pytest

from composer.checker import check_message, parse_message
from composer.models import Kind
from composer.notes import read_notes_file
from composer.rules import REGISTRY, Rule, guidelines
from composer.settings import RuleSettings

from .conftest import FIXTURES

NOTES = read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt").notes
RULES = list(REGISTRY.values())


def _run(rule: Rule, example) -> list[str]:
    kind = example.kind or sorted(rule.kinds)[0]
    report = check_message(
        parse_message(example.text),
        kind,
        NOTES if example.notes else None,
        RuleSettings(),
        rules=[rule],
    )
    return [f.code for f in report.findings]


def test_codes_are_unique_and_stable_in_shape() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]{3,5}\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name), rule.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.kinds, "a rule must apply to at least one kind"
    assert rule.instruction and rule.hint
    assert rule.why, "the check's docstring says why the rule exists"
    assert rule.good and rule.bad, "every rule needs a good and a bad example"
    assert rule.instruction_for(sorted(rule.kinds)[0], RuleSettings())  # placeholders all fill


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_trip_their_rule(rule: Rule) -> None:
    for example in rule.bad:
        assert rule.code in _run(rule, example), example.text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_pass_their_rule(rule: Rule) -> None:
    for example in rule.good:
        assert rule.code not in _run(rule, example), example.text


def test_guidelines_come_from_the_registry_with_thresholds_filled() -> None:
    settings = RuleSettings(words={"status-check": {"max": 123, "soft_max": 100}})
    lines = guidelines(Kind.STATUS_CHECK, settings)
    assert "Keep the whole message under 123 words." in lines
    assert not any(re.search(r"\{\w*(?:words|chars|exclamations)\}", line) for line in lines)
    # Rules for other kinds stay out of the list, disabled rules too.
    assert not any("specific thing you learned" in line for line in lines)
    settings.disable = ["BREV001"]
    assert "Keep the whole message under 123 words." not in guidelines(Kind.STATUS_CHECK, settings)


def test_spans_point_at_the_offending_words() -> None:
    text = (
        "Subject: Update\n\nDear Sophie,\n\nPlease reply ASAP about the Paralegal role.\n\nJordan"
    )
    report = check_message(parse_message(text), Kind.STATUS_CHECK)
    pressure = next(f for f in report.findings if f.code == "TONE001")
    assert text[pressure.start : pressure.end] == "ASAP"
