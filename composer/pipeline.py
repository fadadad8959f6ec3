"""compose(): notes in, checked drafts out; the template draft is the floor every path lands on.

With a model: prompt -> model -> parse -> check -> repair (bounded) -> best passing draft, else
the template draft with the reason recorded. Kinds are drafted concurrently, so three take about
as long as the slowest one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from composer import fallback
from composer.checker import check_message
from composer.errors import InputError, ModelError
from composer.kinds import Channel
from composer.models import (
    Attempt,
    ComposeResult,
    Draft,
    InterviewNotes,
    Kind,
    Message,
    Outcome,
    Report,
    Severity,
    Source,
    Usage,
)
from composer.plan import timing_warning
from composer.rules import repairs_on_warning
from composer.settings import RuleSettings

if TYPE_CHECKING:
    from composer.llm import ChatClient, Endpoint

# Warnings that send a draft back for repair as errors do: each rule says so itself.
REPAIR_ON_WARNING = repairs_on_warning()

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
    variant: int = 0,
) -> Draft:
    """The offline draft for one kind, checked against the same rules as any other draft.

    `variant` picks another wording of the same template (for 'regenerate' without a model).
    """
    message = fallback.draft(notes, kind, templates, variant)
    report = check_message(message, kind, notes, settings)
    return Draft(
        kind=kind, subject=message.subject, body=message.body, source=Source.TEMPLATE, report=report
    )


def repair_codes(report: Report) -> set[str]:
    """What must be fixed before a draft is accepted: every error, plus invented facts."""
    return {
        f.code
        for f in report.findings
        if f.severity is Severity.ERROR or f.code in REPAIR_ON_WARNING
    }


def model_draft(
    notes: InterviewNotes,
    kind: Kind,
    client: ChatClient,
    settings: RuleSettings,
    templates: Path | None = None,
    instruction: str | None = None,
) -> Draft:
    """Draft with the model, repairing up to N rounds; the template draft when that fails."""
    from composer.llm import BadAnswer, Deadline, ask
    from composer.prompts import draft_messages, repair_messages

    endpoint = client.endpoint
    deadline = Deadline(endpoint.budget)
    attempts: list[Attempt] = []
    usage = Usage()
    model_name: str | None = endpoint.model
    best: tuple[int, Draft] | None = None

    def first(structured: bool) -> list[dict[str, str]]:
        return draft_messages(
            kind,
            notes,
            settings,
            structured=structured,
            templates=templates,
            instruction=instruction,
        )

    conversation: Callable[[bool], list[dict[str, str]]] = first
    reason = ""
    for round_ in range(endpoint.repair_rounds + 1):
        source = Source.LLM if conversation is first else Source.LLM_REPAIRED
        started = time.monotonic()
        try:
            out, _raw, spent, model_name, _structured = ask(client, conversation, deadline)
        except BadAnswer as exc:
            attempts.append(
                Attempt(
                    source=source, error=exc.message, seconds=round(time.monotonic() - started, 3)
                )
            )
            reason = exc.message
            conversation = first  # a garbled answer is not worth repairing: ask afresh
            continue
        except ModelError as exc:
            attempts.append(
                Attempt(
                    source=source, error=exc.message, seconds=round(time.monotonic() - started, 3)
                )
            )
            reason = exc.message
            break
        usage = usage + spent
        message = Message(subject=out.subject.strip(), body=out.body.strip())
        report = check_message(message, kind, notes, settings)
        codes = repair_codes(report)
        attempts.append(
            Attempt(
                source=source,
                passed=not codes,
                findings=report.findings,
                usage=spent,
                seconds=round(time.monotonic() - started, 3),
            )
        )
        if report.passed and (best is None or len(codes) < best[0]):
            best = (
                len(codes),
                Draft(
                    kind=kind,
                    subject=message.subject,
                    body=message.body,
                    source=source,
                    report=report,
                ),
            )
        if not codes:
            break
        reason = (
            f"after {round_} repair round{'s' if round_ != 1 else ''} the draft still "
            f"broke {', '.join(sorted(codes))}"
        )

        def conversation(
            structured: bool, prev: Message = message, rep: Report = report, fix: set[str] = codes
        ) -> list[dict[str, str]]:
            return repair_messages(
                first(structured), prev, rep, fix, structured=structured, templates=templates
            )

    if best is not None:
        return best[1].model_copy(
            update={"model": model_name, "usage": usage, "attempts": attempts}
        )
    draft = template_draft(notes, kind, settings, templates)
    return draft.model_copy(
        update={
            "model": model_name,
            "usage": usage,
            "attempts": attempts,
            "fallback_reason": reason or "the model gave no draft",
        }
    )


def _phone(
    notes: InterviewNotes,
    kinds: Iterable[Kind | str] | None,
    settings: RuleSettings,
    templates: Path | None,
    today: date | None,
) -> ComposeResult:
    """The status check as a call script and a voicemail (template-only)."""
    from composer.phone import phone_drafts

    if kinds and [Kind(k) for k in kinds] != [Kind.STATUS_CHECK]:
        raise InputError(
            "The phone channel is for the status check only (email or a phone "
            "call both suit it); use --kind status-check."
        )
    warnings = outcome_warnings(notes, [Kind.STATUS_CHECK])
    late_or_early = timing_warning(notes, Kind.STATUS_CHECK, today or date.today())
    if late_or_early:
        warnings.append(late_or_early)
    return ComposeResult(drafts=phone_drafts(notes, settings, templates), warnings=warnings)


def compose(
    notes: InterviewNotes,
    kinds: Iterable[Kind | str] | None = None,
    *,
    offline: bool = True,
    settings: RuleSettings | None = None,
    templates: Path | None = None,
    endpoint: Endpoint | None = None,
    client: ChatClient | None = None,
    instruction: str | None = None,
    today: date | None = None,
    channel: Channel = Channel.EMAIL,
) -> ComposeResult:
    """Draft and check each requested kind (default: what the notes' outcome calls for).

    Offline, or with no endpoint, every draft comes from the templates and nothing leaves the
    machine. With an endpoint, kinds are drafted concurrently by the model.
    """
    settings = settings or RuleSettings()
    if channel is not Channel.EMAIL:
        return _phone(notes, kinds, settings, templates, today)
    wanted = list(dict.fromkeys(Kind(k) for k in kinds)) if kinds else default_kinds(notes)
    warnings = outcome_warnings(notes, wanted) if kinds and len(wanted) < len(Kind) else []
    for kind in wanted:
        warnings.extend(fallback.missing_for(notes, kind))
        late_or_early = timing_warning(notes, kind, today or date.today())
        if late_or_early:
            warnings.append(late_or_early)
    if offline or (endpoint is None and client is None):
        drafts = [template_draft(notes, kind, settings, templates) for kind in wanted]
        return ComposeResult(drafts=drafts, warnings=warnings)
    if client is None:
        from composer.llm import ChatClient

        assert endpoint is not None
        client = ChatClient(endpoint)
    from concurrent.futures import ThreadPoolExecutor  # lazy: offline drafts never need it

    with ThreadPoolExecutor(max_workers=len(wanted), thread_name_prefix="composer") as pool:
        drafts = list(
            pool.map(
                lambda kind: model_draft(notes, kind, client, settings, templates, instruction),
                wanted,
            )
        )
    for item in drafts:
        if item.fallback_reason:
            warnings.append(
                f"{item.kind}: using the template draft, because {item.fallback_reason}."
            )
        # A passing draft may still carry an invented fact once repairs ran out: say so.
        unsure = [f for f in item.report.findings if f.code in REPAIR_ON_WARNING]
        if unsure:
            facts = ", ".join(
                f"'{item.message.text[f.start : f.end]}'"
                for f in unsure
                if f.start is not None and f.end is not None
            )
            warnings.append(
                f"{item.kind}: the model wrote things your notes do not say ({facts}); "
                "check them before sending."
            )
    return ComposeResult(drafts=drafts, warnings=warnings)
