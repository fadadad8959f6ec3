"""One meta-test walks the registry: every rule is complete, and its examples prove it works."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from typing import Any

import pytest

from composer import text as tx
from composer.checker import check_message, parse_message
from composer.cli.render import rules_text
from composer.kinds import Channel
from composer.models import Kind, Report, Severity
from composer.notes import read_notes_file
from composer.rules import (
    REGISTRY,
    Example,
    Rule,
    guidelines,
    hygiene,
    off_channel,
    patterns,
    repair_codes,
    repairs_on_warning,
)
from composer.rules.patterns import Pattern, Phrases
from composer.settings import RuleSettings

from .conftest import FIXTURES, ROOT

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
    email_only = {"CRT001", "CRT002", "CRT003", "CRT005", "CRT006", "CRT007", "SUBJ001", "SUBJ002"}
    assert set(off_channel(Channel.PHONE)) == set(off_channel(Channel.VOICEMAIL)) == email_only
    assert off_channel(Channel.EMAIL) == []


def test_an_invented_fact_is_repaired_even_as_a_warning() -> None:
    assert repairs_on_warning() == {"GRND001", "PRES001", "SPEC002"}
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


def test_a_point_the_notes_do_not_record_sends_a_model_draft_back() -> None:
    # A person may remember a point the notes left out (a warning); a model cannot, so its
    # point was invented, and the draft is repaired.
    copied = (
        "Subject: Thank you\n\nDear Sophie,\n\nThank you for meeting me to talk about the "
        "Paralegal role at Bramley Kent LLP. I particularly enjoyed hearing how the litigation "
        "group reviews every new contract clause by clause before it is signed.\n\n"
        "I am very keen on the role.\n\nKind regards,\nJordan Ellis"
    )
    report = check_message(parse_message(copied), Kind.THANK_YOU, NOTES)
    (finding,) = [f for f in report.findings if f.code == "SPEC002"]
    assert finding.severity.value == "warning" and report.passed
    assert "SPEC002" in repair_codes(report)
    assert "litigation group" in copied[finding.start : finding.end]  # the sentence to replace
    echoed = copied.replace(
        "how the litigation group reviews every new contract clause by clause before it is signed",
        "that paralegals attend client meetings from their first month",
    )
    report = check_message(parse_message(echoed), Kind.THANK_YOU, NOTES)
    assert not {"SPEC001", "SPEC002"} & {f.code for f in report.findings}


def test_the_rules_listing_names_its_sources_in_plain_words() -> None:
    text = rules_text(RULES, RuleSettings()).plain
    assert text.count("Source: ") == len(RULES)
    assert "seed" not in text.lower()
    rows = [r.describe(RuleSettings()) for r in RULES]
    assert all(row["source"] and "seed" not in str(row).lower() for row in rows)


# --- Pre-filters and lazy compiling (composer/rules/patterns.py) ---------------------------------

# The standard library's own regex parser, used here (only) to prove each written-out guard.
_sre = importlib.import_module("re._parser")
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT}


def _char(code: int, lowered: bool, caseless: bool) -> str | None:
    """How a literal of the pattern shows in the text the guard reads, or None if unsure."""
    char = chr(code)
    if not char.isascii():
        return None
    if lowered:  # re.IGNORECASE also folds i, k and s to letters that lower() leaves alone
        return None if char.lower() in "iks" else char.lower()
    return None if caseless and char.isalpha() else char


def _holds_one(parsed: Any, needs: tuple[str, ...], lowered: bool, caseless: bool) -> bool:
    """Whether every match of `parsed` contains one of `needs`: some run of literals it must
    match contains one, or some part it must match does, or every branch of an alternation."""
    run = ""
    for op, av in parsed:
        if op is _sre.LITERAL:
            char = _char(av, lowered, caseless)
            run = "" if char is None else run + char
        elif op in _ZERO_WIDTH:  # consumes nothing: the literals either side are neighbours
            continue
        elif op in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is _sre.LITERAL:
            char = _char(av[2][0][1], lowered, caseless)  # 'x+': at least one x, maybe more
            run = "" if char is None else run + char * av[0]
            if any(need in run for need in needs):
                return True
            run = "" if char is None else char * av[0]
            continue
        else:
            run = ""
            if _part_holds_one(op, av, needs, lowered, caseless):
                return True
        if any(need in run for need in needs):
            return True
    return False


def _part_holds_one(
    op: Any, av: Any, needs: tuple[str, ...], lowered: bool, caseless: bool
) -> bool:
    if op is _sre.SUBPATTERN:
        _, add, remove, inner = av
        inner_caseless = (caseless or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _holds_one(inner, needs, lowered, inner_caseless)
    if op is _sre.ATOMIC_GROUP:
        return _holds_one(av, needs, lowered, caseless)
    if op is _sre.BRANCH:
        return all(_holds_one(branch, needs, lowered, caseless) for branch in av[1])
    if op in _REPEATS:
        return av[0] >= 1 and _holds_one(av[2], needs, lowered, caseless)
    return False


def _all_patterns() -> list[Pattern | Phrases]:
    hygiene.find_placeholders("")  # every pattern that is made on first use, made
    for example in (e for r in RULES for e in (*r.good, *r.bad)):
        _report(example, None, example.kind or Kind.THANK_YOU)
    return list(patterns.MADE)


def _requires(parsed: Any, hint: Any) -> bool:
    """Whether `parsed` must match the whole of `hint` somewhere: its parts, in a row."""
    items, wanted = [repr(item) for item in parsed], [repr(item) for item in hint]
    return any(items[i : i + len(wanted)] == wanted for i in range(len(items)))


def test_every_written_out_guard_is_sound() -> None:
    guarded = [p for p in _all_patterns() if isinstance(p, Pattern) and p.needs is not None]
    assert len(guarded) >= 15
    for pattern in guarded:
        lowered = bool(pattern.flags & re.IGNORECASE)
        assert not lowered or all(n == n.lower() for n in pattern.needs), pattern.source
        parsed = _sre.parse(pattern.source, pattern.flags)
        if pattern.hint is None:
            branches = [parsed]
        else:  # each alternative holds a needle or matches the hint
            hint = _sre.parse(pattern.hint, pattern.flags)
            top = list(parsed)
            branches = top[0][1][1] if len(top) == 1 and top[0][0] is _sre.BRANCH else [parsed]
            branches = [b for b in branches if not _requires(b, hint)]
        for branch in branches:
            assert _holds_one(branch, pattern.needs, lowered, lowered), (
                pattern.source,
                pattern.needs,
            )


def _texts() -> list[str]:
    corpus = sorted((FIXTURES / "messages").rglob("*.txt"))
    texts = [e.text for r in RULES for e in (*r.good, *r.bad)]
    texts += [p.read_text(encoding="utf-8") for p in corpus]
    return texts + [t.upper() for t in texts[:40]] + [t.replace(" ", "\n  ") for t in texts[:40]]


def test_a_guarded_scan_finds_what_an_unguarded_one_does() -> None:
    made = _all_patterns()
    texts = _texts()
    for text in texts:
        message = parse_message(text)
        pieces = [text, message.body, *(s.text for s in tx.sentences(message.body))]
        lower = tx.lowered(text)
        for pattern in made:
            if isinstance(pattern, Phrases):
                for piece in pieces:
                    raw = pattern.pattern.finditer(tx.lowered(piece))
                    assert [m.span() for m in pattern.finditer(piece)] == [m.span() for m in raw]
            else:
                for piece in (text, lower):
                    raw = pattern.pattern.finditer(piece)
                    assert [m.span() for m in pattern.finditer(piece)] == [m.span() for m in raw]


def test_every_phrase_passes_its_lists_guard_however_it_is_typed() -> None:
    lists_ = [p for p in _all_patterns() if isinstance(p, Phrases)]
    assert len(lists_) >= 14
    for phrases_ in lists_:
        for item in phrases_.items:
            for typed in (
                item,
                item.upper(),
                item.replace(" ", "\n\t ").replace("'", "\u2019"),
                f"({item.capitalize()}!)",
            ):
                text = f"Well, {typed}, said the reader"
                assert phrases_.search(text) is not None, (item, typed)


LAZY = """
import json, sys
from pathlib import Path
from composer.rules import lists, patterns
at_import = sum(p.compiled for p in patterns.MADE)
from composer.checker import check
from composer.notes import read_notes_file
from composer.rules.examples import THANKS
check(THANKS, "thank-you", read_notes_file(Path(sys.argv[1])).notes)
check(THANKS, "thank-you")
tone = [tuple(dict.fromkeys(x.lower() for x in lists.lines("tone", s)))
        for s in ("pressure", "bitterness", "apology", "desperation", "insults")]
print(json.dumps({
    "made": len(patterns.MADE), "at_import": at_import,
    "after": sum(p.compiled for p in patterns.MADE),
    "tone_lists": [p.compiled for p in patterns.MADE if getattr(p, "items", None) in tone],
}))
"""


def test_patterns_compile_only_when_a_text_needs_them() -> None:
    # A fresh process: nothing compiles at import, and a good thank-you compiles under half
    # of the patterns - none of the lists of pressure, bitterness, grovelling or insults.
    notes = str(FIXTURES / "notes" / "jordan-ellis.txt")
    proc = subprocess.run(
        [sys.executable, "-c", LAZY, notes], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["at_import"] == 0
    assert seen["after"] <= seen["made"] // 2, seen
    assert seen["tone_lists"] == [False] * 5, seen
