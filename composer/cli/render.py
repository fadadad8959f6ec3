"""Drafts, reports, rules and dates as readable, coloured terminal text (plain when piped).

Text from notes, drafts and servers goes into `Styled` text as written: never parsed as markup."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from composer.cli.io import Styled
from composer.evidence import Evidence, ExplainedReport
from composer.models import Draft, Finding, Kind, Report, Severity

if TYPE_CHECKING:
    from composer.rules import Rule

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_TITLE = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}


def _excerpt(text: str, finding: Finding) -> str | None:
    if finding.start is None or finding.end is None or finding.end <= finding.start:
        return None
    words = text[finding.start : finding.end].replace("\n", " ").strip()
    return words if len(words) <= 70 else words[:67] + "..."


def report_text(report: Report, text: str) -> Styled:
    """The verdict, then findings grouped by severity, each with the words it points at."""
    out = Styled()
    errors = len({f.code for f in report.errors})  # rules, not findings: one per shouted word
    warnings = sum(f.severity is Severity.WARNING for f in report.findings)
    if report.passed:
        out.append("✓ passes every error-level rule", style="bold green")
    else:
        out.append(
            f"✗ fails {errors} error-level rule" + ("s" if errors > 1 else ""), style="bold red"
        )
    out.append(
        f"  ({report.stats.words} words, {report.stats.sentences} sentences"
        + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")
        + ")\n"
    )
    for severity in Severity:
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        out.append(f"{_TITLE[severity]}:\n", style=_STYLE[severity])
        for finding in group:
            out.append(f"  {finding.code} ", style=_STYLE[severity])
            out.append(f"{finding.rule}: ", style="bold")
            out.append(finding.message)
            excerpt = _excerpt(text, finding)
            if excerpt:
                out.append("\n      » ", style="dim")
                out.append(excerpt, style="underline")
            out.append("\n")
    return out


def explain_text(report: ExplainedReport) -> Styled:
    """`--explain`: for each rule the message keeps, the words it counted, so a user can see
    when the checker was fooled ('learning about' taken for willingness to learn)."""
    out = Styled()
    if not report.evidence:
        return out
    out.append("Why it keeps these rules:\n", style="bold green")
    by_code: dict[str, list[Evidence]] = {}
    for item in report.evidence:
        by_code.setdefault(item.code, []).append(item)
    for code, items in by_code.items():
        out.append(f"  {code} ", style="green")
        out.append(f"{items[0].rule}: ", style="bold")
        labels = dict.fromkeys(i.counted_as for i in items)
        for n, label in enumerate(labels):
            quoted = [i.text for i in items if i.counted_as == label and i.text][:3]
            out.append(("; " if n else "") + label)
            for words in quoted:
                short = words.replace("\n", " ").strip()
                out.append(" » ", style="dim")
                out.append(short if len(short) <= 70 else short[:67] + "...", style="underline")
        out.append("\n")
    return out


def highlighted(text: str, findings: Iterable[Finding]) -> Styled:
    """The message with each finding's words marked in its severity's colour."""
    out = Styled(text)
    for finding in findings:
        if finding.start is not None and finding.end is not None and finding.end > finding.start:
            out.stylize(f"{_STYLE[finding.severity]} underline", finding.start, finding.end)
    return out


def draft_text(draft: Draft, index: int, total: int) -> Styled:
    """One draft: a header, the message with its problems marked, then its report."""
    out = Styled()
    label = {"phone": " call script", "voicemail": " voicemail"}.get(draft.channel, "")
    out.append(f"── {draft.kind}{label} ", style="bold")
    from composer.fixes import applied, fix_name  # the rule registry: only once a draft shows

    fixed = ", ".join(dict.fromkeys(fix_name(f) for f in applied(draft)))
    out.append(f"({draft.source}{': ' + fixed if fixed else ''}) ", style="dim")
    out.append(f"[{index}/{total}] ──", style="dim")
    if draft.history_id:  # the id 'composer sent ID' takes
        out.append(f" draft #{draft.history_id}", style="bold")
    out.append("\n")
    text = draft.message.text
    out.append_styled(highlighted(text, draft.report.findings))
    out.append("\n\n")
    out.append_styled(report_text(draft.report, text))
    return out


def rules_text(rules: Iterable[Rule], settings: object) -> Styled:
    """`composer rules`: each rule's code, severity, kinds, instruction, source and why."""
    from composer.settings import RuleSettings

    assert isinstance(settings, RuleSettings)
    out = Styled()
    disabled = {c.upper() for c in settings.disable}
    for rule in rules:
        kinds = "all kinds" if len(rule.kinds) == len(Kind) else ", ".join(sorted(rule.kinds))
        if len(rule.channels) == 1:
            kinds += f"; {next(iter(rule.channels))} only"
        out.append(f"{rule.code} ", style=_STYLE[rule.severity])
        out.append(rule.name, style="bold")
        out.append(f"  [{rule.severity}; {kinds}]", style="dim")
        if rule.code in disabled:
            out.append("  (disabled)", style="bold yellow")
        out.append("\n")
        by_kind = rule.instructions(settings)
        if len(set(by_kind.values())) == 1:
            out.append(f"    {next(iter(by_kind.values()))}\n")
        else:
            for kind, text in by_kind.items():
                out.append(f"    {kind}: {text}\n")
        summary = rule.why.split("\n\n")[0].replace("\n", " ")
        out.append(f"    Source: {rule.source}\n", style="dim")
        out.append(f"    Why: {summary}\n\n", style="dim")
    return out
