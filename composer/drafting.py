"""The one drafting service: notes + kinds + channel + instruction in, checked drafts out, each
recorded in the history. `composer draft`, `draft --batch` and `review` all use it.

    drafter = Drafter(settings=..., templates=..., client=..., history=open_recorder)
    with drafter.open(notes, source_text) as session:   # the interview is recorded first
        result = session.draft(kinds, channel=Channel.EMAIL)
        better = session.redraft(Kind.THANK_YOU, instruction="warmer")

With a model: prompt -> model -> check -> fix what the notes settle (composer.fixes: a
placeholder, the greeting, the signature; no model call) -> repair (bounded) -> the best passing
draft, else the template draft with the reason; every model call is kept as an `Attempt`, as it
was sent and received, with the fixes applied to its answer. The template draft is the floor
every path lands on. Files are written by `composer.outbox`; nothing here prints, reads the
environment or writes files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from composer import fallback
from composer.checker import check_message
from composer.errors import InputError, ModelError
from composer.kinds import Channel, defaults_for, spec
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
from composer.plan import Status, make_plan, timing_warning
from composer.rules import repairs_on_warning
from composer.settings import RuleSettings

if TYPE_CHECKING:
    from composer.history import Recorder
    from composer.llm import Endpoint, ModelClient

__all__ = [
    "OFFER_INSTRUCTION",
    "REPAIR_ON_WARNING",
    "Drafter",
    "OpenRecorder",
    "Session",
    "after_offer",
    "compose",
    "default_kinds",
    "fix_draft",
    "model_draft",
    "no_history",
    "outcome_warnings",
    "repair_codes",
    "template_draft",
]

# Warnings that send a draft back for repair as errors do: an invented fact is never harmless.
REPAIR_ON_WARNING = repairs_on_warning()

# Opens the history for one interview (recording its notes) and returns its recorder.
OpenRecorder = Callable[[InterviewNotes, str | None], "Recorder"]


def no_history(notes: InterviewNotes, source_text: str | None) -> Recorder:
    """A recorder that keeps nothing (--no-log, and the Python API)."""
    from composer.history import NullRecorder

    return NullRecorder()


def default_kinds(notes: InterviewNotes) -> list[Kind]:
    """The messages the notes' outcome calls for: pending -> thank-you and status-check, etc."""
    return defaults_for(notes.outcome)


def outcome_warnings(
    notes: InterviewNotes, kinds: Iterable[Kind], *, from_history: bool = False
) -> list[str]:
    """Say so when a message does not fit the outcome, and where the outcome came from: the
    notes, or (`from_history`) an answer recorded with 'composer outcome'."""
    where = (
        f"composer's history records the outcome as '{notes.outcome}'"
        if from_history
        else f"Your notes say the outcome is '{notes.outcome}'"
    )
    return [
        f"{where}: {spec(kind).unsuited}."
        for kind in kinds
        if notes.outcome not in spec(kind).outcomes
    ]


# After an offer. The candidate's next message is their answer to the offer, which is theirs
# to write: composer writes only the thank-you for the interview, while it is still due (the
# plan's window, a day after the interview), thanking them for the offer too and asking for
# nothing ('I look forward to hearing from you' no longer fits). Past that window `draft`
# without --kind says there is nothing to send; `--kind thank-you` still writes it.
OFFER_INSTRUCTION = (
    "the employer has already offered the candidate the job: thank the reader for the "
    "interview and for the offer, neither accept nor decline it (say the candidate will reply "
    "to it soon), and do not write that the candidate looks forward to hearing from them"
)


def after_offer(notes: InterviewNotes, today: date, *, from_history: bool = False) -> str | None:
    """Why there is nothing to send after an offer, or None while the thank-you is still due."""
    if notes.outcome is not Outcome.OFFERED:
        return None
    step = next(s for s in make_plan(notes, today).steps if s.kind is Kind.THANK_YOU)
    if step.status is not Status.NOT_NEEDED:
        return None
    where = (
        "composer's history records an offer"
        if from_history
        else "your notes say you have an offer"
    )
    by = f" (it was due by {step.due.day} {step.due:%B})" if step.due else ""
    return (
        f"Nothing to send: {where}, and the moment for a thank-you for the interview has "
        f"passed{by}. Congratulations! Your answer to the offer is yours to write. For a "
        "thank-you that mentions the offer anyway, ask for it with --kind thank-you."
    )


def _offer_timing(notes: InterviewNotes, today: date) -> str | None:
    """The thank-you's timing warning after an offer (the plan's suggests a status check)."""
    step = next(s for s in make_plan(notes, today).steps if s.kind is Kind.THANK_YOU)
    if step.status is Status.NOT_NEEDED and step.due is not None:
        return (
            f"A thank-you is best sent within a day of the interview (by {step.due.day} "
            f"{step.due:%B}); after an offer, send this one only if you have not thanked them "
            "yet."
        )
    return None


def repair_codes(report: Report) -> set[str]:
    """What must be fixed before a draft is accepted: every error, plus invented facts."""
    return {
        f.code
        for f in report.findings
        if f.severity is Severity.ERROR or f.code in REPAIR_ON_WARNING
    }


def fix_draft(
    message: Message,
    report: Report,
    kind: Kind,
    notes: InterviewNotes,
    settings: RuleSettings | None = None,
) -> tuple[Message, Report, list[str]]:
    """The draft with its mechanical slips fixed from the notes (composer.fixes) and checked
    again, when that leaves less to repair; else the draft as it was, and no fixes.

    Better means fewer repair codes and none new, or the same ones and fewer findings with
    no new rule among them: a fix that trades one problem for another is not taken.
    """
    from composer import fixes

    if not report.findings:
        return message, report, []
    fixed = fixes.apply(message, notes, kind)
    if not fixed.fixes:
        return message, report, []
    again = check_message(fixed.message, kind, notes, settings)
    before, after = repair_codes(report), repair_codes(again)
    rules_before = {f.code for f in report.findings}
    rules_after = {f.code for f in again.findings}
    better = after < before or (
        after == before
        and rules_after <= rules_before
        and len(again.findings) < len(report.findings)
    )
    if not better:
        return message, report, []
    return fixed.message, again, fixed.fixes


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


def model_draft(
    notes: InterviewNotes,
    kind: Kind,
    client: ModelClient,
    settings: RuleSettings,
    templates: Path | None = None,
    instruction: str | None = None,
) -> Draft:
    """Draft with the model, repairing up to N rounds; the template draft when that fails."""
    from composer.llm import BadAnswer, Deadline
    from composer.prompts import draft_messages, repair_messages

    endpoint = client.endpoint
    deadline = Deadline(endpoint.budget)
    first = draft_messages(kind, notes, settings, templates=templates, instruction=instruction)
    messages = first
    attempts: list[Attempt] = []
    usage = Usage()
    model_name: str | None = endpoint.model
    best: tuple[int, Draft] | None = None
    reason = ""
    answered: Message | None = None  # the model's last answer, as it came (before fixes)
    for round_ in range(endpoint.repair_rounds + 1):
        source = Source.LLM if messages is first else Source.LLM_REPAIRED
        started = time.monotonic()
        try:
            reply = client.reply(messages, deadline)
        except ModelError as exc:
            attempts.append(
                Attempt(
                    source=source,
                    error=exc.message,
                    seconds=round(time.monotonic() - started, 3),
                    messages=messages,
                    raw=exc.raw if isinstance(exc, BadAnswer) else None,
                )
            )
            reason = exc.message
            if not isinstance(exc, BadAnswer):
                break  # the endpoint failed: more calls would fail the same way
            messages = first  # a garbled answer is not worth repairing: ask afresh
            continue
        usage = usage + reply.usage
        model_name = reply.model
        message = Message(subject=reply.subject, body=reply.body)
        # The same answer to a repair request: live runs show a model at a low temperature
        # then gives it every round, however the request is put, so no more calls are spent.
        repeated = message == answered
        answered = message
        report = check_message(message, kind, notes, settings)
        # What the notes settle is fixed here, for free, before any repair round is spent.
        message, report, fixed = fix_draft(message, report, kind, notes, settings)
        codes = repair_codes(report)
        attempts.append(
            Attempt(
                source=source,
                passed=not codes,
                findings=report.findings,
                usage=reply.usage,
                seconds=round(time.monotonic() - started, 3),
                messages=reply.messages,
                raw=reply.raw,  # the answer as received; subject and body after any fixes
                subject=message.subject,
                body=message.body,
                response_format=reply.response_format,
                fixes=fixed,
            )
        )
        if report.passed and (best is None or len(codes) < best[0]):
            best = (
                len(codes),
                Draft(
                    kind=kind,
                    subject=message.subject,
                    body=message.body,
                    source=Source.LLM_FIXED if fixed else source,
                    report=report,
                ),
            )
        if not codes:
            break
        reason = (
            f"after {round_} repair round{'s' if round_ != 1 else ''} the draft still "
            f"broke {', '.join(sorted(codes))}"
        )
        if repeated:
            reason += " (the model sent the same draft again, so no more rounds were spent)"
            break
        messages = repair_messages(first, message, report, codes, templates=templates)
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


@dataclass(frozen=True)
class Drafter:
    """What every draft is made with: the rules' settings, the templates, the model (None:
    template drafts only, nothing leaves the machine) and the history to record in."""

    settings: RuleSettings = field(default_factory=RuleSettings)
    templates: Path | None = None
    client: ModelClient | None = None
    history: OpenRecorder = no_history
    today: date | None = None

    def open(self, notes: InterviewNotes, source_text: str | None = None) -> Session:
        """Start drafting for one interview: it is recorded before any model call, so a crash
        or a dead endpoint never loses pasted notes."""
        return Session(self, notes, self.history(notes, source_text))


class Session:
    """Drafting for one interview, its recorder open. `notes` carry the outcome the history
    knows ('composer outcome' wins over the notes file). Every draft made is recorded."""

    def __init__(self, drafter: Drafter, notes: InterviewNotes, recorder: Recorder) -> None:
        self.drafter = drafter
        self.recorder = recorder
        self.given = notes
        self.notes = recorder.tracked(notes)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.recorder.close()

    @property
    def can_instruct(self) -> bool:
        """Whether a redraft can follow an instruction ('warmer'): only a model can."""
        return self.drafter.client is not None

    def planned(
        self, kinds: Iterable[Kind | str] | None = None, channel: Channel = Channel.EMAIL
    ) -> list[tuple[Kind, Channel]]:
        """The drafts `draft(kinds, channel=...)` will make, as (kind, channel)."""
        from composer.phone import SPOKEN

        wanted = self._kinds(kinds, channel)
        if channel is Channel.EMAIL:
            return [(kind, Channel.EMAIL) for kind in wanted]
        return [(Kind.STATUS_CHECK, spoken) for spoken in SPOKEN]

    def draft(
        self,
        kinds: Iterable[Kind | str] | None = None,
        *,
        channel: Channel = Channel.EMAIL,
        instruction: str | None = None,
    ) -> ComposeResult:
        """Draft and check each requested kind (default: what the outcome calls for; after an
        offer, nothing once the thank-you's moment has passed: see `after_offer`)."""
        wanted = self._kinds(kinds, channel)
        explicit = bool(kinds) and len(wanted) < len(Kind)
        spoken = channel is not Channel.EMAIL
        today = self.drafter.today or date.today()
        from_history = self.notes.outcome is not self.given.outcome
        if not kinds and not spoken:
            nothing = after_offer(self.notes, today, from_history=from_history)
            if nothing:
                return ComposeResult(drafts=[], nothing_to_send=nothing)
        warnings = (
            outcome_warnings(self.notes, wanted, from_history=from_history)
            if explicit or spoken
            else []
        )
        for kind in wanted:
            if not spoken:
                warnings.extend(fallback.missing_for(self.notes, kind))
            offered = kind is Kind.THANK_YOU and self.notes.outcome is Outcome.OFFERED
            late_or_early = (
                _offer_timing(self.notes, today)
                if offered
                else timing_warning(self.notes, kind, today)
            )
            if late_or_early:
                warnings.append(late_or_early)
        if spoken:
            drafts = self._spoken(0)
        elif self.drafter.client is None:
            drafts = [self._template(kind, 0) for kind in wanted]
        else:
            drafts = self._by_model(wanted, instruction)
            warnings.extend(_model_warnings(drafts))
        return ComposeResult(drafts=[self.keep(d) for d in drafts], warnings=warnings)

    def redraft(
        self,
        kind: Kind,
        *,
        channel: Channel = Channel.EMAIL,
        instruction: str | None = None,
        variant: int = 1,
    ) -> Draft:
        """Another draft of one kind: the model's, following `instruction`, or another wording
        of the template (`variant`) without a model."""
        if channel is not Channel.EMAIL:
            draft = next(d for d in self._spoken(variant) if d.channel == channel)
        elif self.drafter.client is None:
            draft = self._template(kind, variant)
        else:
            drafter = self.drafter
            assert drafter.client is not None
            draft = model_draft(
                self.notes,
                kind,
                drafter.client,
                drafter.settings,
                drafter.templates,
                self._instruction(kind, instruction),
            )
        return self.keep(draft, "regenerated")

    def template(self, kind: Kind, *, channel: Channel = Channel.EMAIL) -> Draft:
        """The template draft of one kind, as `--offline` writes it."""
        if channel is not Channel.EMAIL:
            return self.keep(next(d for d in self._spoken(0) if d.channel == channel), "template")
        return self.keep(self._template(kind, 0), "template")

    def check(self, message: Message, kind: Kind, channel: Channel = Channel.EMAIL) -> Report:
        """Check a message of this interview (the user's edit) as its drafts are checked."""
        from composer.phone import spoken_settings

        settings = self.drafter.settings
        if channel is not Channel.EMAIL:
            settings = spoken_settings(settings, channel)
        return check_message(message, kind, self.notes, settings)

    def keep(self, draft: Draft, status: str = "drafted") -> Draft:
        """Record one draft version; returns it with its history id (None when not kept)."""
        draft_id = self.recorder.draft(draft, status)  # with its attempts, as exchanged
        return draft.model_copy(update={"history_id": draft_id})

    def event(self, action: str, draft: Draft | None, detail: str | None = None) -> None:
        """Record a decision about a draft (accepted, edited, skipped, ...)."""
        self.recorder.event(action, draft.history_id if draft else None, detail)

    # -- helpers -------------------------------------------------------------------------------

    def _kinds(self, kinds: Iterable[Kind | str] | None, channel: Channel) -> list[Kind]:
        wanted = list(dict.fromkeys(Kind(k) for k in kinds)) if kinds else None
        if channel is Channel.EMAIL:
            return wanted or default_kinds(self.notes)
        if wanted and wanted != [Kind.STATUS_CHECK]:
            raise InputError(
                "The phone channel is for the status check only (email or a phone "
                "call both suit it); use --kind status-check."
            )
        return [Kind.STATUS_CHECK]

    def _instruction(self, kind: Kind, given: str | None) -> str | None:
        """The user's instruction, plus what a thank-you must say after an offer."""
        if kind is not Kind.THANK_YOU or self.notes.outcome is not Outcome.OFFERED:
            return given
        return f"{OFFER_INSTRUCTION}; {given}" if given else OFFER_INSTRUCTION

    def _template(self, kind: Kind, variant: int) -> Draft:
        d = self.drafter
        return template_draft(self.notes, kind, d.settings, d.templates, variant=variant)

    def _spoken(self, variant: int) -> list[Draft]:
        """The status check as a call script and a voicemail (template-only)."""
        from composer.phone import phone_drafts

        d = self.drafter
        return phone_drafts(self.notes, d.settings, d.templates, variant=variant)

    def _by_model(self, kinds: list[Kind], instruction: str | None) -> list[Draft]:
        """Kinds drafted concurrently, so three take about as long as the slowest one."""
        from concurrent.futures import ThreadPoolExecutor  # lazy: offline drafts never need it

        d = self.drafter
        assert d.client is not None
        client = d.client

        def one(kind: Kind) -> Draft:
            told = self._instruction(kind, instruction)
            return model_draft(self.notes, kind, client, d.settings, d.templates, told)

        with ThreadPoolExecutor(max_workers=len(kinds), thread_name_prefix="composer") as pool:
            return list(pool.map(one, kinds))


def _model_warnings(drafts: list[Draft]) -> list[str]:
    """What the user must hear about model drafts: a fallback, or a fact the notes lack."""
    warnings = []
    for item in drafts:
        if item.fallback_reason:
            warnings.append(
                f"{item.kind}: using the template draft, because {item.fallback_reason}."
            )
        # A passing draft may still carry what repairs are for once they ran out: say so.
        unsure = [f for f in item.report.findings if f.code in REPAIR_ON_WARNING]
        facts = ", ".join(
            f"'{item.message.text[f.start : f.end]}'"
            for f in unsure
            if f.code == "GRND001" and f.start is not None and f.end is not None
        )
        if facts:
            warnings.append(
                f"{item.kind}: the model wrote things your notes do not say ({facts}); "
                "check them before sending."
            )
        for f in unsure:
            if f.code != "GRND001":
                warnings.append(f"{item.kind}: {f.message}; change it before sending.")
    return warnings


def compose(
    notes: InterviewNotes,
    kinds: Iterable[Kind | str] | None = None,
    *,
    offline: bool = True,
    settings: RuleSettings | None = None,
    templates: Path | None = None,
    endpoint: Endpoint | None = None,
    client: ModelClient | None = None,
    instruction: str | None = None,
    today: date | None = None,
    channel: Channel = Channel.EMAIL,
) -> ComposeResult:
    """Draft and check each requested kind (default: what the notes' outcome calls for); the
    Python API (`composer.compose`), recording nothing.

    Offline, or with neither an endpoint nor a client, every draft comes from the templates and
    nothing leaves the machine. With one, kinds are drafted concurrently by the model.
    """
    if offline:
        client = None
    elif client is None and endpoint is not None:
        from composer.llm import ChatClient

        client = ChatClient(endpoint)
    drafter = Drafter(
        settings=settings or RuleSettings(), templates=templates, client=client, today=today
    )
    with drafter.open(notes) as session:
        return session.draft(kinds, channel=channel, instruction=instruction)
