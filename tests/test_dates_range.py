"""Dates composer can plan with (issue 13.6): a year from 1900 to 2200 and a decision at most
3 years after the interview. Anything else is a clear error (exit 2), never an OverflowError."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from composer import dates
from composer.cli import app
from composer.errors import NotesError
from composer.notes import parse_notes

BASE = (
    "Candidate: Jordan Ellis\nCompany: Bramley Kent LLP\nRole: Paralegal\n"
    "Interviewer: Sophie Turner\nInterview date: 12 November 2026\n"
)
INTERVIEW = date(2026, 11, 12)


@pytest.mark.parametrize(
    "value", ["9999-12-31", "0001-01-01", "1 January 1066", "12 November 2300", "2201-01-01"]
)
def test_an_interview_date_composer_cannot_plan_with_is_refused(value: str) -> None:
    with pytest.raises(NotesError) as caught:
        parse_notes(BASE.replace("12 November 2026", value))
    assert f"'{value}' is in the year" in caught.value.message
    assert "1900 to 2200" in caught.value.message


@pytest.mark.parametrize(
    "value",
    [
        "999999999 days",
        "99999999999 weeks",
        "9" * 5000 + " days",  # too long for int() itself
        "10000 working days",
        "99999 hours",
        "48 months",
        "2199-01-01",
    ],
)
def test_a_decision_far_after_the_interview_is_refused(value: str) -> None:
    with pytest.raises(NotesError) as caught:
        parse_notes(BASE + f"Decision by: {value}\n")
    message = caught.value.message
    assert "more than 3 years after the interview" in message
    assert len(message) < 400  # what the user wrote is quoted, cut short


@pytest.mark.parametrize("text", ["interview_date = 9999-12-31", 'interview_date = "9999-12-31"'])
def test_toml_dates_go_through_the_same_check(text: str) -> None:
    toml = 'candidate = "A B"\ncompany = "C"\nrole = "R"\ninterviewer = "X Y"\n' + text + "\n"
    with pytest.raises(NotesError, match="1900 to 2200"):
        parse_notes(toml, fmt="toml")


def test_the_edges_of_the_window_are_accepted() -> None:
    assert dates.parse_date("1900-01-01") == date(1900, 1, 1)
    assert dates.parse_date("2200-12-31") == date(2200, 12, 31)
    assert dates.resolve_decision("36 months", INTERVIEW) == date(2029, 11, 12)
    assert dates.resolve_decision("156 weeks", INTERVIEW) == INTERVIEW + timedelta(weeks=156)


def test_the_public_check_for_other_dates() -> None:
    """The one check the cli uses for `--on` and `--today`: a bool and a raising form."""
    assert dates.plannable(date(2026, 11, 12))
    assert not dates.plannable(date(9999, 12, 31))
    assert not dates.plannable(date(1899, 12, 31))
    assert dates.check_plannable(date(2026, 11, 12), "--on") == date(2026, 11, 12)
    with pytest.raises(ValueError, match="--on is in the year 9999"):
        dates.check_plannable(date(9999, 12, 31), "--on")

    class Refused(Exception):
        pass

    with pytest.raises(Refused):
        dates.check_plannable(date.max, "--on", Refused)


def test_add_duration_refuses_to_count_past_the_window() -> None:
    with pytest.raises(ValueError, match="further ahead than composer plans"):
        dates.add_duration(INTERVIEW, 10**12, "weeks")
    with pytest.raises(ValueError):
        dates.add_duration(INTERVIEW, 10**9, "days", business=True)  # no endless loop


@pytest.mark.parametrize(
    "line",
    [
        "Interview date: 9999-12-31",
        "Decision by: 999999999 days",
        "Decision by: 99999999999 weeks",
    ],
)
def test_the_cli_says_so_with_exit_2(line: str) -> None:
    text = BASE.replace("Interview date: 12 November 2026", line) if "Interview" in line else BASE
    if "Decision" in line:
        text += line + "\n"
    for command in (["draft", "-", "--offline", "--no-log"], ["plan", "-"]):
        result = CliRunner().invoke(app, command, input=text)
        assert result.exit_code == 2, (command, result.output, result.exception)
        assert "Traceback" not in result.output
        assert "error:" in result.stderr
