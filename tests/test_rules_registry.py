"""One meta-test walks the registry: every rule is complete, and its examples prove it works."""

from __future__ import annotations

import re

import pytest

from composer.checker import check_message, parse_message
from composer.kinds import Channel
from composer.models import Kind, Report, Severity
from composer.notes import read_notes_file
from composer.render import rules_text
from composer.rules import (
    REGISTRY,
    Example,
    Rule,
    guidelines,
    off_channel,
    repair_codes,
    repairs_on_warning,
)
from composer.settings import RuleSettings

from .conftest import FIXTURES

NOTES = read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt").notes
RULES = list(REGISTRY.values())


def _report(example: Example, rules: list[Rule] | None, kind: Kind) -> Report:
    notes = NOTES if example.notes else None
    return check_message(parse_message(example.text), kind, notes, RuleSettings(), rules=rules)


def _kind(rule: Rule, example: Example) -> Kind:
    return example.kind or sorted(rule.kinds)[0]


def _codes(report: Report) -> list[str]:
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
        kind = _kind(rule, example)
        assert rule.code in _codes(_report(example, [rule], kind)), example.why or example.text
        if example.whole:  # among every rule too, and an error-level rule fails the message
            report = _report(example, None, kind)
            assert rule.code in _codes(report), example.why or example.text
            if rule.severity is Severity.ERROR:
                assert not report.passed, example.why or example.text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_pass_their_rule(rule: Rule) -> None:
    for example in rule.good:
        kind = _kind(rule, example)
        report = _report(example, [rule], kind)
        assert rule.code not in _codes(report), (example.text, report.findings)
        if example.whole:  # a whole, sendable message: no error from any rule
            report = _report(example, None, kind)
            assert rule.code not in _codes(report), (example.text, report.findings)
            assert report.passed, [(f.code, f.message) for f in report.errors]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_shows_a_whole_message_that_keeps_it_and_one_that_breaks_it(rule: Rule) -> None:
    assert any(e.whole for e in rule.good) and any(e.whole for e in rule.bad)


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


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_fact_is_on_the_rule(rule: Rule) -> None:
    # Where the guideline comes from, as a user would say it.
    assert rule.source.startswith(
        (
            "Interview follow-up guidelines: ",
            "Common practice for emails: ",
            "composer's checks on drafts: ",
        )
    ), rule.source
    assert "seed" not in (rule.source + rule.why).lower()
    assert rule.channels, "a rule must apply on at least one channel"
    # Each '{name}' in the instruction is a threshold the rule declares, and none is unused.
    named = set(re.findall(r"(?<!\{)\{(\w+)\}(?!\})", rule.instruction))
    assert named == {t.name for t in rule.thresholds}, rule.instruction


def test_a_family_is_one_module_named_for_what_it_holds() -> None:
    modules: dict[str, set[str]] = {}
    for rule in RULES:
        modules.setdefault(rule.family, set()).add(rule.check.__module__)
    assert all(len(held) == 1 for held in modules.values()), modules
    assert len({m for held in modules.values() for m in held}) == len(modules)
    # Listed family by family (three rules keep their old places at the end, see LISTED_LAST).
    from composer.rules import LISTED_LAST

    order = [r.family for r in RULES if r.code not in LISTED_LAST]
    assert order == sorted(order, key=order.index)  # each family's rules sit together


def test_phone_calls_skip_the_email_furniture() -> None:
    email_only = {"CRT001", "CRT002", "CRT003", "CRT005", "CRT006", "SUBJ001", "SUBJ002"}
    assert set(off_channel(Channel.PHONE)) == set(off_channel(Channel.VOICEMAIL)) == email_only
    assert off_channel(Channel.EMAIL) == []


def test_an_invented_fact_is_repaired_even_as_a_warning() -> None:
    assert repairs_on_warning() == {"GRND001"}
    text = (
        "Subject: Thank you\n\nDear Sophie,\n\nThank you for meeting me and Mark Hughes on "
        "Friday.\n\nKind regards,\nJordan Ellis"
    )
    report = check_message(parse_message(text), Kind.THANK_YOU, NOTES)
    grounding = [f for f in report.findings if f.code == "GRND001"]
    assert grounding and all(f.severity.value == "warning" for f in grounding)
    codes = repair_codes(report)
    assert "GRND001" in codes
    assert {f.code for f in report.errors} <= codes
    other_warnings = {f.code for f in report.findings if f.severity.value == "warning"}
    assert not (other_warnings - {"GRND001"}) & codes


def test_the_rules_listing_names_its_sources_in_plain_words() -> None:
    text = rules_text(RULES, RuleSettings()).plain
    assert text.count("Source: ") == len(RULES)
    assert "seed" not in text.lower()
    rows = [r.describe(RuleSettings()) for r in RULES]
    assert all(row["source"] and "seed" not in str(row).lower() for row in rows)
