"""Run the rules over a message and build the report: pure, fast, no I/O."""

from __future__ import annotations

import re
from typing import Any

from composer.evidence import ExplainedReport
from composer.models import Finding, InterviewNotes, Kind, Message, Report, Severity, Stats
from composer.rules import Context, Rule, active_rules
from composer.settings import RuleSettings

_SUBJECT = re.compile(r"\A\s*subject\s*:[ \t]*(?P<subject>[^\n]*)\n?", re.IGNORECASE)
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_DEFAULT = RuleSettings()


def parse_message(text: str) -> Message:
    """Split a pasted message into subject (a first line 'Subject: ...') and body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    match = _SUBJECT.match(text)
    if not match:
        return Message(subject="", body=text.strip("\n"))
    return Message(subject=match["subject"].strip(), body=text[match.end() :].strip("\n"))


def check_message(
    message: Message,
    kind: Kind,
    notes: InterviewNotes | None = None,
    settings: RuleSettings | None = None,
    rules: list[Rule] | None = None,
) -> Report:
    """Judge one message against every active rule for its kind."""
    ctx, _, findings = _judge(message, kind, notes, settings, rules)
    return Report(**_verdict(ctx, findings))


def explain_message(
    message: Message,
    kind: Kind,
    notes: InterviewNotes | None = None,
    settings: RuleSettings | None = None,
    rules: list[Rule] | None = None,
) -> ExplainedReport:
    """The report, and for every rule the message keeps, the words that rule relied on
    (which counted as thanks, enthusiasm, the ask): what `composer check --explain` shows."""
    ctx, active, findings = _judge(message, kind, notes, settings, rules)
    broken = {f.code for f in findings}
    evidence = [e for r in active if r.code not in broken for e in r.explain(ctx)]
    return ExplainedReport(**_verdict(ctx, findings), evidence=evidence)


def _judge(
    message: Message,
    kind: Kind,
    notes: InterviewNotes | None,
    settings: RuleSettings | None,
    rules: list[Rule] | None,
) -> tuple[Context, list[Rule], list[Finding]]:
    settings = settings or _DEFAULT
    ctx = Context(message, kind, notes, settings)
    active = rules or active_rules(kind, settings)
    findings = _without_superseded([f for r in active for f in r.run(ctx)])
    findings.sort(key=lambda f: (_ORDER[f.severity], f.start if f.start is not None else -1))
    return ctx, active, findings


def _verdict(ctx: Context, findings: list[Finding]) -> dict[str, Any]:
    return {
        "kind": ctx.kind,
        "passed": not any(f.severity is Severity.ERROR for f in findings),
        "findings": findings,
        "stats": Stats(words=ctx.word_count, sentences=len(ctx.sentences)),
    }


def _without_superseded(findings: list[Finding]) -> list[Finding]:
    """Drop a finding when a more specific rule reported the very same words."""
    from composer.rules import REGISTRY

    replaced = {
        (code, f.start, f.end)
        for f in findings
        if f.start is not None and f.code in REGISTRY
        for code in REGISTRY[f.code].supersedes
    }
    if not replaced:
        return findings
    return [f for f in findings if (f.code, f.start, f.end) not in replaced]


def check(
    text: str,
    kind: Kind | str,
    notes: InterviewNotes | None = None,
    settings: RuleSettings | None = None,
) -> Report:
    """Check a message the user wrote; a first line 'Subject: ...' is read as its subject."""
    return check_message(parse_message(text), Kind(kind), notes, settings)


def explain(
    text: str,
    kind: Kind | str,
    notes: InterviewNotes | None = None,
    settings: RuleSettings | None = None,
) -> ExplainedReport:
    """`check`, with the words each kept rule relied on (see `explain_message`)."""
    return explain_message(parse_message(text), Kind(kind), notes, settings)
