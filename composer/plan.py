"""When to send each follow-up, from the guidelines' timing advice and the notes' dates.

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

from pydantic import BaseModel

from composer.kinds import KINDS, KindSpec, spec
from composer.models import InterviewNotes, Kind, Outcome

# Each kind's window is in the table of kinds; these name the ones the timeline's rules use.
THANK_YOU_DAYS = spec(Kind.THANK_YOU).window.due or 1
STATUS_OPENS_AFTER = spec(Kind.STATUS_CHECK).window.opens
STATUS_CLOSES_AFTER = spec(Kind.STATUS_CHECK).window.due or 7
FEEDBACK_DAYS = spec(Kind.FEEDBACK_REQUEST).window.due or 2
ASSUMED_DECISION_DAYS = 14


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
    opens, due = facts.window(row)
    if facts.decided and row.kind not in facts.sent:
        status, note = Status.NOT_NEEDED, f"the outcome is {facts.notes.outcome}"
    else:
        status = _status(facts.today, opens, due, facts.sent.get(row.kind))
        note = (
            "a few days to a week after the decision date, if there is no news"
            if status is not Status.OVERDUE
            else "the window has passed; still fine to ask"
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
    waits on it."""
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


def to_ics(plans: list[Plan]) -> bytes:
    """An iCalendar file: one all-day event per step with a date, each with a morning reminder."""
    from icalendar import Alarm, Calendar, Event  # lazy: only `--ics` needs it

    calendar = Calendar()
    calendar.add("prodid", "-//composer//interview follow-ups//EN")
    calendar.add("version", "2.0")
    for plan in plans:
        for step in plan.steps:
            if step.kind is None or step.status in (Status.NOT_NEEDED, Status.DONE):
                continue
            event = Event()
            key = f"{plan.candidate}|{plan.company}|{plan.role}|{step.kind}"
            event.add("uid", f"{zlib.crc32(key.encode()):08x}-{step.kind}@composer")
            event.add("summary", f"{step.title} - {plan.role}, {plan.company}")
            # All-day events are floating dates: the same day in every time zone.
            event.add("dtstart", step.opens)
            event.add("dtend", (step.due or step.opens) + timedelta(days=1))
            event.add("dtstamp", _stamp(plan.today))
            event.add(
                "description",
                f"{step.note}. Draft it with: composer draft NOTES --kind {step.kind}",
            )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", step.title)
            alarm.add("trigger", timedelta(hours=9))  # 09:00 on the first day
            event.add_component(alarm)
            calendar.add_component(event)
    return calendar.to_ical()


def _stamp(today: date) -> datetime:
    return datetime(today.year, today.month, today.day, tzinfo=UTC)
