"""compose(): notes in, checked drafts out; the template draft is the floor every path lands on."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from composer import fallback
from composer.checker import check_message
from composer.models import ComposeResult, Draft, InterviewNotes, Kind, Outcome, Source
from composer.settings import RuleSettings

_FOR_OUTCOME = {
    Outcome.PENDING: [Kind.THANK_YOU, Kind.STATUS_CHECK],
    Outcome.REJECTED: [Kind.FEEDBACK_REQUEST],
    Outcome.OFFERED: [Kind.THANK_YOU],
}


def default_kinds(notes: InterviewNotes) -> list[Kind]:
    """The messages the notes' outcome calls for: pending -> thank-you and status-check, etc."""
    return list(_FOR_OUTCOME[notes.outcome])


def outcome_warnings(notes: InterviewNotes, kinds: Iterable[Kind]) -> list[str]:
    """Say so when a message does not fit what the notes record about the outcome."""
    warnings = []
    for kind in kinds:
        if kind is Kind.FEEDBACK_REQUEST and notes.outcome is not Outcome.REJECTED:
            warnings.append(
                "Your notes say the outcome is "
                f"'{notes.outcome}': a feedback request is for after a rejection."
            )
        if kind is Kind.STATUS_CHECK and notes.outcome is not Outcome.PENDING:
            warnings.append(
                f"Your notes say the outcome is '{notes.outcome}': "
                "a status check is for while the decision is still pending."
            )
    return warnings


def template_draft(
    notes: InterviewNotes,
    kind: Kind,
    settings: RuleSettings | None = None,
    templates: Path | None = None,
) -> Draft:
    """The offline draft for one kind, checked against the same rules as any other draft."""
    message = fallback.draft(notes, kind, templates)
    report = check_message(message, kind, notes, settings)
    return Draft(
        kind=kind, subject=message.subject, body=message.body, source=Source.TEMPLATE, report=report
    )


def compose(
    notes: InterviewNotes,
    kinds: Iterable[Kind | str] | None = None,
    *,
    offline: bool = True,
    settings: RuleSettings | None = None,
    templates: Path | None = None,
) -> ComposeResult:
    """Draft and check each requested kind (default: what the notes' outcome calls for)."""
    wanted = [Kind(k) for k in kinds] if kinds else default_kinds(notes)
    wanted = list(dict.fromkeys(wanted))
    warnings = outcome_warnings(notes, wanted)
    drafts = []
    for kind in wanted:
        warnings.extend(fallback.missing_for(notes, kind))
        drafts.append(template_draft(notes, kind, settings, templates))
    return ComposeResult(drafts=drafts, warnings=warnings)
