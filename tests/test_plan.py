"""The follow-up timeline: the seed's timing, across month and year ends and time zones."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from composer.cli import app
from composer.models import Kind, Outcome
from composer.notes import parse_notes
from composer.plan import Status, make_plan, timing_warning, to_ics
from tests.conftest import FIXTURES, ROOT

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"


def plan_notes(interview: str, decision: str | None = None, outcome: str = "pending"):
    text = (
        "Candidate: Jordan Ellis\nCompany: Bramley Kent LLP\nRole: Paralegal\n"
        f"Interviewer: Sophie Turner\nInterview date: {interview}\nOutcome: {outcome}\n"
    )
    if decision:
        text += f"Decision by: {decision}\n"
    return parse_notes(text).notes


def step_of(plan, kind):
    return next(s for s in plan.steps if s.kind is kind)


def test_thank_you_is_due_the_day_of_the_interview_and_the_next() -> None:
    notes = plan_notes("2026-11-12", "1 week")
    assert step_of(make_plan(notes, date(2026, 11, 12)), Kind.THANK_YOU).status is Status.DUE
    assert step_of(make_plan(notes, date(2026, 11, 13)), Kind.THANK_YOU).status is Status.DUE
    assert step_of(make_plan(notes, date(2026, 11, 14)), Kind.THANK_YOU).status is Status.OVERDUE
    # Once the decision date has passed, a thank-you is no longer the right message.
    assert step_of(make_plan(notes, date(2026, 11, 20)), Kind.THANK_YOU).status is Status.NOT_NEEDED


def test_status_check_window_is_decision_plus_three_to_seven_days() -> None:
    notes = plan_notes("2026-11-12", "16 November 2026")  # a Monday: the window opens on Thursday
    plan = make_plan(notes, date(2026, 11, 18))
    step = step_of(plan, Kind.STATUS_CHECK)
    assert (step.opens, step.due) == (date(2026, 11, 19), date(2026, 11, 23))
    assert step.status is Status.UPCOMING and "weekend" not in step.note
    assert step_of(make_plan(notes, date(2026, 11, 19)), Kind.STATUS_CHECK).status is Status.DUE
    assert step_of(make_plan(notes, date(2026, 11, 24)), Kind.STATUS_CHECK).status is Status.OVERDUE


def test_patience_until_the_decision_date() -> None:
    notes = plan_notes("2026-11-12", "19 November 2026")
    patience = next(s for s in make_plan(notes, date(2026, 11, 15)).steps if s.kind is None)
    assert patience.status is Status.WAITING and patience.due == date(2026, 11, 19)


@pytest.mark.parametrize(
    ("interview", "decision", "opens", "closes"),
    [
        ("2026-01-28", "2026-01-30", date(2026, 2, 2), date(2026, 2, 6)),  # month end
        ("2026-12-22", "2026-12-29", date(2027, 1, 1), date(2027, 1, 5)),  # year end
        ("2028-02-25", "2028-02-27", date(2028, 3, 1), date(2028, 3, 5)),  # leap February
    ],
)
def test_windows_cross_month_and_year_ends(interview, decision, opens, closes) -> None:
    step = step_of(
        make_plan(plan_notes(interview, decision), date.fromisoformat(interview)), Kind.STATUS_CHECK
    )
    assert (step.opens, step.due) == (opens, closes)


def test_no_decision_date_assumes_two_weeks_and_says_so() -> None:
    plan = make_plan(plan_notes("2026-12-20"), date(2026, 12, 21))
    assert plan.decision_assumed and plan.decision_by == date(2027, 1, 3)
    patience = next(s for s in plan.steps if s.kind is None)
    assert "assuming 14 days" in patience.note


def test_rejection_makes_the_feedback_request_due_and_the_status_check_unneeded() -> None:
    notes = plan_notes("2026-11-12", "1 week", outcome="rejected")
    plan = make_plan(notes, date(2026, 11, 18), outcome_on=date(2026, 11, 17))
    assert step_of(plan, Kind.FEEDBACK_REQUEST).status is Status.DUE
    assert step_of(plan, Kind.STATUS_CHECK).status is Status.NOT_NEEDED
    assert [s.kind for s in plan.actionable] == [Kind.FEEDBACK_REQUEST]


def test_sent_messages_are_done() -> None:
    notes = plan_notes("2026-11-12", "1 week")
    plan = make_plan(notes, date(2026, 11, 13), sent={Kind.THANK_YOU: date(2026, 11, 12)})
    assert step_of(plan, Kind.THANK_YOU).status is Status.DONE and plan.actionable == []


def test_draft_warns_outside_the_window() -> None:
    notes = plan_notes("2026-11-12", "19 November 2026")
    early = timing_warning(notes, Kind.STATUS_CHECK, date(2026, 11, 15))
    assert early and "23 November" in early  # 22 November is a Sunday: from the Monday
    assert timing_warning(notes, Kind.STATUS_CHECK, date(2026, 11, 23)) is None
    assert timing_warning(notes, Kind.THANK_YOU, date(2026, 11, 12)) is None
    assert "within a day" in (timing_warning(notes, Kind.THANK_YOU, date(2026, 11, 16)) or "")


def test_a_late_thank_you_points_to_the_message_the_outcome_calls_for() -> None:
    late = date(2026, 11, 24)  # the decision was due on 19 November
    pending = timing_warning(plan_notes("2026-11-12", "19 November 2026"), Kind.THANK_YOU, late)
    assert pending and pending.endswith("a status check fits better.")
    rejected = plan_notes("2026-11-12", "19 November 2026", outcome="rejected")
    after = timing_warning(rejected, Kind.THANK_YOU, late)
    assert after and after.endswith("a feedback request fits better.")
    assert "status check" not in after  # there is no decision left to ask about


def test_ics_round_trips_through_the_icalendar_parser() -> None:
    notes = plan_notes("2026-12-22", "2026-12-29")
    data = to_ics([make_plan(notes, date(2026, 12, 22))])
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]).split(" - ")[0] for e in events] == [
        "Send a thank-you note",
        "Ask politely for an update",
    ]
    status = events[1]
    # All-day (floating) dates: the same day wherever the calendar is opened.
    assert status.decoded("dtstart") == date(2027, 1, 1)
    assert status.decoded("dtend") == date(2027, 1, 6)
    alarms = list(status.walk("VALARM"))
    assert alarms and alarms[0].decoded("trigger") == timedelta(hours=9)
    assert len({str(e["uid"]) for e in events}) == 2


def _plan_ics_under(tz: str, tmp_path) -> bytes:
    out = tmp_path / f"{tz.replace('/', '-')}.ics"
    env = {**os.environ, "TZ": tz, "COMPOSER_NO_LOG": "1", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "composer.cli",
            "plan",
            str(NOTES),
            "--today",
            "2026-11-12",
            "--ics",
            str(out),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    return out.read_bytes()


def test_plan_is_the_same_in_every_time_zone(tmp_path) -> None:
    tokyo = _plan_ics_under("Asia/Tokyo", tmp_path)
    honolulu = _plan_ics_under("Pacific/Honolulu", tmp_path)
    assert (
        tokyo == honolulu and b"DTSTART;VALUE=DATE:20261123" in tokyo
    )  # the window opens on Sunday 22nd: moved to Monday


def test_plan_command_text_and_json(runner) -> None:
    result = runner.invoke(
        app, ["plan", str(NOTES), "--today", "2026-11-23", "--no-log"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "Ask politely for an update" in result.stdout and "due" in result.stdout
    assert f"composer draft {NOTES} --kind status-check" in result.stdout  # the user's path
    result = runner.invoke(
        app, ["plan", str(NOTES), "--today", "2026-11-23", "--format", "json", "--no-log"]
    )
    import json

    data = json.loads(result.stdout)
    assert [s["status"] for s in data["steps"]] == ["not needed", "done", "due", "not needed"]


def test_plan_rejects_a_bad_today(runner) -> None:
    result = runner.invoke(app, ["plan", str(NOTES), "--today", "03/04/2026", "--no-log"])
    assert result.exit_code == 2 and "ambiguous" in result.stderr


def test_outcome_enum_is_respected() -> None:
    offered = plan_notes("2026-11-12", "1 week", outcome="offered")
    plan = make_plan(offered, date(2026, 11, 14))
    assert offered.outcome is Outcome.OFFERED
    assert step_of(plan, Kind.STATUS_CHECK).status is Status.NOT_NEEDED
