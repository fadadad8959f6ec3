"""When to send each follow-up, from the guidelines' timing advice and the notes' dates; and
`due()`, what to send today across every tracked interview.

Each kind's window is in the table of kinds (composer.kinds.KINDS):

- thank-you: within a day of the interview (due by the end of the day after it);
- be patient until the promised decision date;
- status check: from the decision date + 3 days to + 7 days ('another few days or even as long
  as a week'); with no decision date, composer assumes two weeks and says so;
- feedback request: as soon as a rejection is recorded.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from composer.dates import FIRST_PLANNABLE, LAST_PLANNABLE, plannable
from composer.errors import ComposerError, InputError
from composer.kinds import KINDS, KindSpec, spec
from composer.models import InterviewNotes, Kind, Outcome

if TYPE_CHECKING:  # the store is only read here; composer.history imports this module
    from composer.history.rows import InterviewRow
    from composer.history.store import Store

# Each kind's window is in the table of kinds; these name the ones the timeline's rules use.
THANK_YOU_DAYS = spec(Kind.THANK_YOU).window.due or 1
STATUS_OPENS_AFTER = spec(Kind.STATUS_CHECK).window.opens
STATUS_CLOSES_AFTER = spec(Kind.STATUS_CHECK).window.due or 7
FEEDBACK_DAYS = spec(Kind.FEEDBACK_REQUEST).window.due or 2
ASSUMED_DECISION_DAYS = 14
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class UnplannableError(InputError):
    """A date composer cannot plan with, such as a far-off year typed by mistake."""


def _check_plannable(
    notes: InterviewNotes, today: date, sent: dict[Kind, date], outcome_on: date | None
) -> None:
    named: list[tuple[str, date | None]] = [
        ("the interview date", notes.interview_date),
        ("the decision date", notes.decision_by),
        ("the day the answer came", outcome_on),
        ("today", today),
        *((f"the day the {kind} was sent", day) for kind, day in sent.items()),
    ]
    for what, day in named:
        if day is not None and not plannable(day):
            raise UnplannableError(
                f"{what.capitalize()} ({day.isoformat()}) is outside the dates composer can "
                f"plan with ({FIRST_PLANNABLE.year} to {LAST_PLANNABLE.year}); check the year."
            )


def next_working_day(day: date) -> date:
    """`day` itself, or the Monday after it when it is a Saturday or a Sunday."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


class Status(StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"
    WAITING = "waiting"  # the 'be patient' step while it runs
    NOT_NEEDED = "not needed"


class Step(BaseModel):
    """One step of the timeline; `kind` is None for the 'be patient' step."""

    kind: Kind | None
    title: str
    opens: date
    due: date | None
    status: Status
    note: str = ""


class Plan(BaseModel):
    candidate: str
    company: str
    role: str
    today: date
    decision_by: date
    decision_assumed: bool
    steps: list[Step]

    @property
    def actionable(self) -> list[Step]:
        """Steps the candidate should act on now."""
        return [s for s in self.steps if s.status in (Status.DUE, Status.OVERDUE)]


def _status(today: date, opens: date, due: date | None, sent: date | None) -> Status:
    if sent is not None:
        return Status.DONE
    if today < opens:
        return Status.UPCOMING
    if due is not None and today > due:
        return Status.OVERDUE
    return Status.DUE


@dataclass(frozen=True)
class _Facts:
    """What every step is judged on."""

    notes: InterviewNotes
    today: date
    sent: dict[Kind, date]
    decision: date
    heard: date  # the day the outcome came (today when it has not been recorded)

    @property
    def decided(self) -> bool:
        return self.notes.outcome is not Outcome.PENDING

    def window(self, row: KindSpec) -> tuple[date, date | None]:
        anchor = {
            "interview": self.notes.interview_date,
            "decision": self.decision,
            "outcome": self.heard,
        }[row.window.anchor]
        due = None if row.window.due is None else anchor + timedelta(days=row.window.due)
        return anchor + timedelta(days=row.window.opens), due


def _thank_you(row: KindSpec, facts: _Facts) -> Step:
    opens, due = facts.window(row)
    status = _status(facts.today, opens, due, facts.sent.get(row.kind))
    note = "within a day of the interview"
    if status is Status.OVERDUE:
        note = "a few days late is still worth sending, briefly"
        if facts.today > facts.decision or facts.decided:
            # past the decision, a thank-you reads as an afterthought
            status, note = Status.NOT_NEEDED, "too late now; the status check carries the thanks"
    if facts.notes.outcome is Outcome.REJECTED and status in (Status.DUE, Status.OVERDUE):
        status, note = Status.NOT_NEEDED, "the feedback request carries the thanks"
    return Step(kind=row.kind, title=row.title, opens=opens, due=due, status=status, note=note)


def _status_check(row: KindSpec, facts: _Facts) -> Step:
    first, due = facts.window(row)
    # A window that would open on a weekend moves whole to the Monday: an employer reads a
    # Monday message, and the window keeps its length.
    opens = next_working_day(first)
    due = None if due is None else due + (opens - first)
    if facts.decided and row.kind not in facts.sent:
        status, note = Status.NOT_NEEDED, f"the outcome is {facts.notes.outcome}"
    else:
        status = _status(facts.today, opens, due, facts.sent.get(row.kind))
        note = (
            "a few days to a week after the decision date, if there is no news"
            if status is not Status.OVERDUE
            else "the window has passed; still fine to ask"
        )
        if opens != first:
            note += (
                f"; moved to Monday {_day(opens)}, as it would open on a weekend "
                f"({_WEEKDAY_NAMES[first.weekday()]} {_day(first)})"
            )
    return Step(kind=row.kind, title=row.title, opens=opens, due=due, status=status, note=note)


def _feedback(row: KindSpec, facts: _Facts) -> Step:
    if facts.notes.outcome not in row.outcomes:
        return Step(
            kind=row.kind,
            title="If rejected: ask for feedback",
            opens=facts.decision,
            due=None,
            status=Status.NOT_NEEDED,
            note="only if the answer is no",
        )
    opens, due = facts.window(row)
    status = _status(facts.today, opens, due, facts.sent.get(row.kind))
    note = "as soon as the rejection arrives"
    return Step(kind=row.kind, title=row.title, opens=opens, due=due, status=status, note=note)


def _any_kind(row: KindSpec, facts: _Facts) -> Step:
    """A kind with no timing rules of its own: its window, unless the outcome rules it out."""
    opens, due = facts.window(row)
    if facts.notes.outcome not in row.outcomes and row.kind not in facts.sent:
        status, note = Status.NOT_NEEDED, f"the outcome is {facts.notes.outcome}"
    else:
        status, note = _status(facts.today, opens, due, facts.sent.get(row.kind)), ""
    return Step(kind=row.kind, title=row.title, opens=opens, due=due, status=status, note=note)


_RULES = {
    Kind.THANK_YOU: _thank_you,
    Kind.STATUS_CHECK: _status_check,
    Kind.FEEDBACK_REQUEST: _feedback,
}


def _patience(facts: _Facts) -> Step:
    """The 'be patient' step: from the interview to the promised decision date."""
    interview = facts.notes.interview_date
    status = (
        Status.DONE
        if facts.decided or facts.today > facts.decision
        else (Status.UPCOMING if facts.today < interview else Status.WAITING)
    )
    return Step(
        kind=None,
        title="Be patient: no news is good news",
        opens=interview,
        due=facts.decision,
        status=status,
        note=(
            f"no decision date in the notes: assuming {ASSUMED_DECISION_DAYS} days"
            if facts.notes.decision_by is None
            else "decisions often take longer than promised"
        ),
    )


def make_plan(
    notes: InterviewNotes,
    today: date,
    sent: dict[Kind, date] | None = None,
    outcome_on: date | None = None,
) -> Plan:
    """The follow-up timeline for one interview, each step judged against `today`: one step
    per kind (in the table's order), with the wait for the decision before the first step that
    waits on it.

    Raises UnplannableError when a date is outside the years composer can plan with.
    """
    _check_plannable(notes, today, sent or {}, outcome_on)
    decision = notes.decision_by or notes.interview_date + timedelta(days=ASSUMED_DECISION_DAYS)
    facts = _Facts(notes, today, sent or {}, decision, outcome_on or today)
    steps: list[Step] = []
    for row in KINDS.values():
        if row.window.anchor != "interview" and not any(s.kind is None for s in steps):
            steps.append(_patience(facts))
        steps.append(_RULES.get(row.kind, _any_kind)(row, facts))
    return Plan(
        candidate=notes.candidate,
        company=notes.company,
        role=notes.role,
        today=today,
        decision_by=decision,
        decision_assumed=notes.decision_by is None,
        steps=steps,
    )


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B}" if day else ""


def timing_warning(notes: InterviewNotes, kind: Kind, today: date) -> str | None:
    """What `composer draft` says when a message is written outside its moment."""
    plan = make_plan(notes, today)
    step = next(s for s in plan.steps if s.kind is kind)
    early = step.status is Status.UPCOMING and notes.outcome is Outcome.PENDING
    if kind is Kind.STATUS_CHECK and early:
        promised = (
            f"your notes give no decision date, so composer assumes {ASSUMED_DECISION_DAYS} "
            f"days ({_day(plan.decision_by)})"
            if plan.decision_assumed
            else f"the decision was promised by {_day(plan.decision_by)}"
        )
        return (
            f"It is early for a status check: {promised}; send it from "
            f"{_day(step.opens)} if there is no news."
        )
    if kind is Kind.THANK_YOU and step.status is Status.NOT_NEEDED and today > plan.decision_by:
        # What fits instead follows the outcome: after a rejection there is no decision to
        # ask about, and the request for feedback is the message to send.
        better = {
            Outcome.REJECTED: "a feedback request fits better",
            Outcome.OFFERED: "your answer to the offer is the message to send",
        }.get(notes.outcome, "a status check fits better")
        return (
            f"The decision date ({_day(plan.decision_by)}) has passed: a thank-you now "
            f"reads as an afterthought; {better}."
        )
    if kind is Kind.THANK_YOU and step.status is Status.OVERDUE:
        return (
            f"A thank-you is best sent within a day of the interview (by "
            f"{_day(step.due)}); later, keep it short and do not apologise at length."
        )
    return None


class CalendarEntry(BaseModel):
    """One all-day calendar event for a step still to do, as `to_ics` writes it."""

    uid: str
    title: str
    summary: str
    starts: date
    ends: date = Field(description="The day after the last one: iCalendar's DTEND is exclusive.")
    description: str
    stamp: date


def calendar_entries(plans: list[Plan]) -> list[CalendarEntry]:
    """The steps still to do, one event each. Empty when every step is done or not needed:
    then there is nothing to add to a calendar, and no file should be written."""
    entries: list[CalendarEntry] = []
    for plan in plans:
        for step in plan.steps:
            if step.kind is None or step.status in (Status.NOT_NEEDED, Status.DONE):
                continue
            key = f"{plan.candidate}|{plan.company}|{plan.role}|{step.kind}"
            entries.append(
                CalendarEntry(
                    uid=f"{zlib.crc32(key.encode()):08x}-{step.kind}@composer",
                    title=step.title,
                    summary=f"{step.title} - {plan.role}, {plan.company}",
                    starts=step.opens,
                    ends=(step.due or step.opens) + timedelta(days=1),
                    description=f"{step.note}. Draft it with: composer draft NOTES --kind "
                    f"{step.kind}",
                    stamp=plan.today,
                )
            )
    return entries


def to_ics(plans: list[Plan]) -> bytes:
    """An iCalendar file: one all-day event per step still to do, each with a morning reminder.
    Check `calendar_entries(plans)` first: with none, there is nothing worth writing."""
    from icalendar import Alarm, Calendar, Event  # lazy: only `--ics` needs it

    calendar = Calendar()
    calendar.add("prodid", "-//composer//interview follow-ups//EN")
    calendar.add("version", "2.0")
    for entry in calendar_entries(plans):
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        # All-day events are floating dates: the same day in every time zone.
        event.add("dtstart", entry.starts)
        event.add("dtend", entry.ends)
        event.add("dtstamp", _stamp(entry.stamp))
        event.add("description", entry.description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.title)
        alarm.add("trigger", timedelta(hours=9))  # 09:00 on the first day
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _stamp(today: date) -> datetime:
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


# --- across every tracked interview: `composer due` ----------------------------------------------


class DueItem(BaseModel):
    """One follow-up to act on now, for `composer due`. `interview_id` and `kind` are what
    `composer sent ID KIND` takes to mark it done."""

    interview_id: int
    candidate: str
    company: str
    role: str
    kind: Kind
    title: str
    opens: date
    due: date | None
    status: str
    overdue_days: int = 0
    note: str = ""
    draft_id: int | None = Field(
        default=None,
        description="The latest draft of this kind for this interview, which 'composer sent "
        "ID KIND' marks sent; None when none was drafted (the send is recorded without one).",
    )


class Skipped(BaseModel):
    """A tracked interview `due` could not plan, and why; every other one is still listed."""

    interview_id: int
    candidate: str
    company: str
    role: str
    reason: str


class DueReport(BaseModel):
    """`composer due --format json`: what is due or overdue today, and what comes next."""

    today: date
    interviews: int
    items: list[DueItem]
    upcoming: DueItem | None = None
    skipped: list[Skipped] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def _items(store: Store, row: InterviewRow, today: date) -> list[DueItem]:
    """The steps of one tracked interview that are due, overdue or upcoming on `today`."""
    notes = store.notes(row.id)
    plan = make_plan(notes, today, sent=store.sent_kinds(row.id), outcome_on=row.outcome_on)
    drafts = store.latest_drafts(row.id)
    items = []
    for step in plan.steps:
        if step.kind is None or step.status not in (Status.DUE, Status.OVERDUE, Status.UPCOMING):
            continue
        items.append(
            DueItem(
                interview_id=row.id,
                candidate=row.candidate,
                company=row.company,
                role=row.role,
                kind=step.kind,
                title=step.title,
                opens=step.opens,
                due=step.due,
                status=step.status.value,
                overdue_days=(today - step.due).days
                if step.status is Status.OVERDUE and step.due
                else 0,
                note=step.note,
                draft_id=drafts.get(step.kind),
            )
        )
    return items


def due(store: Store, today: date) -> DueReport:
    """Across every tracked interview: the follow-ups due or overdue on `today`, and the next.

    An interview that cannot be planned (notes that no longer read, a date outside the years
    composer plans with) is left out with a note in `skipped` and `warnings`; the rest are listed.
    """
    rows = store.interviews()
    items: list[DueItem] = []
    upcoming: list[DueItem] = []
    skipped: list[Skipped] = []
    for row in rows:
        try:
            found = _items(store, row, today)
        except (ComposerError, ValueError, OverflowError) as exc:
            # One bad row (a far-off date, notes that no longer read) must not hide the others.
            reason = (
                exc.message
                if isinstance(exc, ComposerError)
                else f"A date stored for it cannot be read ({exc})."
            )
            skipped.append(
                Skipped(
                    interview_id=row.id,
                    candidate=row.candidate,
                    company=row.company,
                    role=row.role,
                    reason=reason,
                )
            )
            continue
        for item in found:
            (upcoming if item.status == Status.UPCOMING else items).append(item)
    items.sort(key=lambda i: (i.due or i.opens, i.company.lower(), i.interview_id))
    upcoming.sort(key=lambda i: (i.opens, i.company.lower(), i.interview_id))
    return DueReport(
        today=today,
        interviews=len(rows),
        items=items,
        upcoming=upcoming[0] if upcoming else None,
        skipped=skipped,
        warnings=[
            f"Interview #{s.interview_id} ({s.role} at {s.company}) is left out. {s.reason}"
            for s in skipped
        ],
    )
