"""Status-check windows that would open on a Saturday or a Sunday move to the Monday, and the
step's note says so (issue 14.13), across month, year and leap-day ends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from composer.models import Kind
from composer.plan import Status, make_plan, next_working_day, timing_warning, to_ics
from tests.test_plan import plan_notes, step_of


def _window(decision: date, today: date | None = None):  # type: ignore[no-untyped-def]
    interview = decision - timedelta(days=7)
    notes = plan_notes(interview.isoformat(), decision.isoformat())
    return step_of(make_plan(notes, today or interview), Kind.STATUS_CHECK)


@pytest.mark.parametrize(
    ("decision", "opens", "closes", "weekend_day"),
    [
        # Thursday 28 Jan + 3 is Sunday 31 Jan: the window opens on Monday 1 February.
        (date(2027, 1, 28), date(2027, 2, 1), date(2027, 2, 5), "Sunday 31 January"),
        # Wednesday 29 Dec + 3 is Saturday 1 Jan 2028: across the year end.
        (date(2027, 12, 29), date(2028, 1, 3), date(2028, 1, 7), "Saturday 1 January"),
        (date(2027, 12, 30), date(2028, 1, 3), date(2028, 1, 7), "Sunday 2 January"),
        # The end of February, in a common and in a leap year.
        (date(2026, 2, 25), date(2026, 3, 2), date(2026, 3, 6), "Saturday 28 February"),
        (date(2028, 2, 23), date(2028, 2, 28), date(2028, 3, 3), "Saturday 26 February"),
    ],
    ids=["month-end", "year-end-saturday", "year-end-sunday", "february", "leap-february"],
)
def test_a_weekend_window_moves_to_monday_and_says_so(
    decision: date, opens: date, closes: date, weekend_day: str
) -> None:
    step = _window(decision)
    assert (step.opens, step.due) == (opens, closes)
    assert step.opens.weekday() == 0 and step.due and step.due.weekday() == 4
    assert f"moved to Monday {opens.day} {opens:%B}" in step.note
    assert f"as it would open on a weekend ({weekend_day})" in step.note
    # Due on the Monday, not on the weekend before it.
    assert _window(decision, opens - timedelta(days=1)).status is Status.UPCOMING
    assert _window(decision, opens).status is Status.DUE
    overdue = _window(decision, closes + timedelta(days=1))
    assert overdue.status is Status.OVERDUE and "moved to Monday" in overdue.note


@pytest.mark.parametrize("offset", range(7))
def test_only_weekend_windows_move(offset: int) -> None:
    decision = date(2026, 11, 16) + timedelta(days=offset)  # Monday to Sunday
    step = _window(decision)
    first = decision + timedelta(days=3)
    moved = first.weekday() >= 5
    assert step.opens == (first + timedelta(days=7 - first.weekday()) if moved else first)
    assert step.due == step.opens + timedelta(days=4)  # the window keeps its length
    assert ("weekend" in step.note) is moved


def test_next_working_day() -> None:
    friday = date(2026, 11, 20)
    assert [next_working_day(friday + timedelta(days=n)) for n in range(4)] == [
        friday,
        date(2026, 11, 23),
        date(2026, 11, 23),
        date(2026, 11, 23),
    ]
    assert next_working_day(date(2027, 12, 31)) == date(2027, 12, 31)  # a Friday stays
    assert next_working_day(date(2028, 1, 1)) == date(2028, 1, 3)


def test_an_assumed_decision_date_moves_too_and_the_warning_and_calendar_agree() -> None:
    # No decision date: 5 Nov + 14 days is Thursday 19 Nov; + 3 is Sunday 22 Nov.
    notes = plan_notes("2026-11-05")
    plan = make_plan(notes, date(2026, 11, 6))
    step = step_of(plan, Kind.STATUS_CHECK)
    assert (step.opens, step.due) == (date(2026, 11, 23), date(2026, 11, 27))
    assert "moved to Monday 23 November" in step.note
    early = timing_warning(notes, Kind.STATUS_CHECK, date(2026, 11, 20)) or ""
    assert "send it from 23 November" in early
    [event] = [
        e
        for e in Calendar.from_ical(to_ics([plan])).walk("VEVENT")
        if str(e["summary"]).startswith("Ask politely")
    ]
    assert event.decoded("dtstart") == date(2026, 11, 23)
    assert event.decoded("dtend") == date(2026, 11, 28)
    assert "moved to Monday" in str(event["description"])


def test_a_decided_interview_has_no_weekend_note() -> None:
    notes = plan_notes("2027-01-21", "2027-01-28", outcome="offered")
    step = step_of(make_plan(notes, date(2027, 1, 29)), Kind.STATUS_CHECK)
    assert step.status is Status.NOT_NEEDED and "weekend" not in step.note
