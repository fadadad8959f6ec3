"""When to send each follow-up, from the guidelines' timing advice and the notes' dates; and
`due()`, what to send today across every tracked interview.

- thank-you: within a day of the interview (due by the end of the day after it);
- be patient until the promised decision date;
- status check: from the decision date + 3 days to + 7 days ('another few days or even as long
  as a week'); with no decision date, composer assumes two weeks and says so; a window that
  would open on a Saturday or a Sunday moves to the Monday, and the step's note says so;
- feedback request: as soon as a rejection is recorded.

Dates outside the years composer can plan with (`plannable`) are refused with UnplannableError,
and `due()` leaves such an interview out with a note instead of failing for every other one.
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from composer.dates import FIRST_PLANNABLE, LAST_PLANNABLE, plannable
from composer.errors import ComposerError, InputError
from composer.models import InterviewNotes, Kind, Outcome

if TYPE_CHECKING:  # the store is only read here; composer.history imports this module
    from composer.history.rows import InterviewRow
    from composer.history.store import Store

THANK_YOU_DAYS = 1
STATUS_OPENS_AFTER = 3
STATUS_CLOSES_AFTER = 7
ASSUMED_DECISION_DAYS = 14
FEEDBACK_DAYS = 2

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


def make_plan(
    notes: InterviewNotes,
    today: date,
    sent: dict[Kind, date] | None = None,
    outcome_on: date | None = None,
) -> Plan:
    """The follow-up timeline for one interview, each step judged against `today`.

    Raises UnplannableError when a date is outside the years composer can plan with.
    """
    sent = sent or {}
    _check_plannable(notes, today, sent, outcome_on)
    interview = notes.interview_date
    decision = notes.decision_by or interview + timedelta(days=ASSUMED_DECISION_DAYS)
    assumed = notes.decision_by is None
    decided = notes.outcome is not Outcome.PENDING
    steps: list[Step] = []

    thanks_due = interview + timedelta(days=THANK_YOU_DAYS)
    thanks = _status(today, interview, thanks_due, sent.get(Kind.THANK_YOU))
    note = "within a day of the interview"
    if thanks is Status.OVERDUE:
        note = "a few days late is still worth sending, briefly"
        if today > decision or decided:  # past the decision, a thank-you reads as an afterthought
            thanks, note = Status.NOT_NEEDED, "too late now; the status check carries the thanks"
    if notes.outcome is Outcome.REJECTED and thanks in (Status.DUE, Status.OVERDUE):
        thanks, note = Status.NOT_NEEDED, "the feedback request carries the thanks"
    steps.append(
        Step(
            kind=Kind.THANK_YOU,
            title="Send a thank-you note",
            opens=interview,
            due=thanks_due,
            status=thanks,
            note=note,
        )
    )

    patient = (
        Status.DONE
        if decided or today > decision
        else (Status.UPCOMING if today < interview else Status.WAITING)
    )
    steps.append(
        Step(
            kind=None,
            title="Be patient: no news is good news",
            opens=interview,
            due=decision,
            status=patient,
            note=(
                f"no decision date in the notes: assuming {ASSUMED_DECISION_DAYS} days"
                if assumed
                else "decisions often take longer than promised"
            ),
        )
    )

    # A window that would open on a weekend moves whole to the Monday: an employer reads a
    # Monday message, and the window keeps its length.
    first = decision + timedelta(days=STATUS_OPENS_AFTER)
    opens = next_working_day(first)
    closes = decision + timedelta(days=STATUS_CLOSES_AFTER) + (opens - first)
    if decided and Kind.STATUS_CHECK not in sent:
        status, note = Status.NOT_NEEDED, f"the outcome is {notes.outcome}"
    else:
        status = _status(today, opens, closes, sent.get(Kind.STATUS_CHECK))
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
    steps.append(
        Step(
            kind=Kind.STATUS_CHECK,
            title="Ask politely for an update",
            opens=opens,
            due=closes,
            status=status,
            note=note,
        )
    )

    if notes.outcome is Outcome.REJECTED:
        heard = outcome_on or today
        status = _status(
            today, heard, heard + timedelta(days=FEEDBACK_DAYS), sent.get(Kind.FEEDBACK_REQUEST)
        )
        steps.append(
            Step(
                kind=Kind.FEEDBACK_REQUEST,
                title="Thank them and ask for feedback",
                opens=heard,
                due=heard + timedelta(days=FEEDBACK_DAYS),
                status=status,
                note="as soon as the rejection arrives",
            )
        )
    else:
        steps.append(
            Step(
                kind=Kind.FEEDBACK_REQUEST,
                title="If rejected: ask for feedback",
                opens=decision,
                due=None,
                status=Status.NOT_NEEDED,
                note="only if the answer is no",
            )
        )
    return Plan(
        candidate=notes.candidate,
        company=notes.company,
        role=notes.role,
        today=today,
        decision_by=decision,
        decision_assumed=assumed,
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
        return (
            f"The decision date ({_day(plan.decision_by)}) has passed: a thank-you now "
            "reads as an afterthought; a status check fits better."
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
