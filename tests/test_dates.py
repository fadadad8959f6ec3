"""Dates and durations as people write them in interview notes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from composer.dates import add_duration, human, parse_date, parse_duration, resolve_decision

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-12", date(2026, 11, 12)),
        ("  2026-11-12  ", date(2026, 11, 12)),
        ("2026-11-12T10:30:00", date(2026, 11, 12)),
        ("2026/11/12", date(2026, 11, 12)),
        ("12 November 2026", date(2026, 11, 12)),
        ("12 Nov 2026", date(2026, 11, 12)),
        ("12th November 2026", date(2026, 11, 12)),
        ("November 12, 2026", date(2026, 11, 12)),
        ("Nov 12th, 2026", date(2026, 11, 12)),
        ("Thursday 12 November 2026", date(2026, 11, 12)),
        ("Thu, 12 Nov 2026", date(2026, 11, 12)),
        ("Monday 16 November 2026", date(2026, 11, 16)),
        ("1st of March 2026", date(2026, 3, 1)),
        ("3 Sept 2026", date(2026, 9, 3)),
        ("12 November 2026.", date(2026, 11, 12)),
        ("29 February 2028", date(2028, 2, 29)),
    ],
)
def test_iso_and_written_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_dates_and_datetimes_from_yaml_or_toml_pass_through() -> None:
    assert parse_date(date(2026, 11, 12)) == date(2026, 11, 12)
    assert parse_date(datetime(2026, 11, 12, 9, 30)) == date(2026, 11, 12)


def test_relative_words_count_from_today() -> None:
    assert parse_date("today", today=TODAY) == TODAY
    assert parse_date("Yesterday", today=TODAY) == date(2026, 11, 25)
    assert parse_date("tomorrow", today=TODAY) == date(2026, 11, 27)


def test_written_date_without_year_takes_this_year() -> None:
    assert parse_date("12 November", today=TODAY) == date(2026, 11, 12)


@pytest.mark.parametrize(
    ("text", "readings", "iso"),
    [
        ("03/04/2026", ("3 April 2026", "4 March 2026"), "2026-04-03"),
        ("12.11.2026", ("12 November 2026", "11 December 2026"), "2026-11-12"),
        ("12-11-26", ("12 November 2026", "11 December 2026"), "2026-11-12"),
        ("Mon 03/04/2026", ("3 April 2026", "4 March 2026"), "2026-04-03"),
    ],
)
def test_ambiguous_numeric_date_says_how_to_write_it(
    text: str, readings: tuple[str, str], iso: str
) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text, today=TODAY)
    message = str(caught.value)
    assert "ambiguous" in message
    for reading in readings:
        assert reading in message
    assert f"write it as {iso}" in message
    assert "month in words" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13/04/2026", date(2026, 4, 13)),  # 13 cannot be a month
        ("04/13/2026", date(2026, 4, 13)),
        ("4/4/2026", date(2026, 4, 4)),  # both readings are the same day
        ("31.12.2026", date(2026, 12, 31)),
        ("13/04/26", date(2026, 4, 13)),
    ],
)
def test_unambiguous_numeric_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31/02/2026", "not a real date"),
        ("00/11/2026", "not a real date"),
        ("13/13/2026", "not a real date"),
        ("2026-02-30", "not a real date"),
        ("2026-13-01", "not a real date"),
        ("29 Feb 2027", "not a real date (February 2027 has 28 days)"),
        ("32 November 2026", "not a real date (November has 30 days)"),
        ("12 Novembre 2026", "not a date composer can read"),
        ("next week", "not a date composer can read"),
        ("soon", "not a date composer can read"),
        ("12/11", "not a date composer can read"),
        ("November 2026", "no day of the month"),
        ("", "expected a date"),
        ("   ", "expected a date"),
    ],
)
def test_invalid_dates_are_refused_with_the_way_to_write_them(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text, today=TODAY)
    assert fragment in str(caught.value)
    assert "2026-11-12 or 12 November 2026" in str(caught.value)


@pytest.mark.parametrize("value", [None, 5, 3.5, True, ["2026-11-12"], {"day": 12}])
def test_values_that_are_not_text_or_dates_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(value)


def test_weekday_that_contradicts_the_date_is_refused() -> None:
    # 16 November 2026 is a Monday: one of the two is a typo, and the draft would say which day.
    with pytest.raises(ValueError) as caught:
        parse_date("Tuesday 16 November 2026", today=TODAY)
    assert "16 November 2026 is a Monday, not a Tuesday" in str(caught.value)
    with pytest.raises(ValueError, match="is a Friday, not a Monday"):
        parse_date("Mon 13/11/2026", today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("48 hours", (48, "hours", False)),
        ("24h", (24, "hours", False)),
        ("1 week", (1, "weeks", False)),
        ("a week", (1, "weeks", False)),
        ("2 weeks", (2, "weeks", False)),
        ("two weeks", (2, "weeks", False)),
        ("2 wks", (2, "weeks", False)),
        ("a couple of weeks", (2, "weeks", False)),
        ("a fortnight", (2, "weeks", False)),
        ("5 working days", (5, "days", True)),
        ("10 business days", (10, "days", True)),
        ("a few days", (3, "days", False)),
        ("within 2 weeks", (2, "weeks", False)),
        ("in the next 3 days", (3, "days", False)),
        ("thirteen days", (13, "days", False)),
        ("1 month", (1, "months", False)),
        ("2 weeks.", (2, "weeks", False)),
        ("2 Weeks", (2, "weeks", False)),
    ],
)
def test_durations(text: str, expected: tuple[int, str, bool]) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["12 November 2026", "soon", "weeks", "many weeks", "2 years"])
def test_text_that_is_not_a_duration(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("start", "amount", "expected"),
    [
        (date(2026, 11, 13), 1, date(2026, 11, 16)),  # Friday + 1 working day = Monday
        (date(2026, 11, 14), 1, date(2026, 11, 16)),  # Saturday + 1 = Monday
        (date(2026, 11, 15), 1, date(2026, 11, 16)),  # Sunday + 1 = Monday
        (date(2026, 11, 16), 5, date(2026, 11, 23)),  # Monday + 5 = next Monday
        (date(2026, 11, 12), 5, date(2026, 11, 19)),  # Thursday + 5 = next Thursday
        (date(2026, 11, 13), 10, date(2026, 11, 27)),  # two working weeks
        (date(2026, 12, 31), 2, date(2027, 1, 4)),  # across the year end and a weekend
        (date(2026, 2, 26), 3, date(2026, 3, 3)),  # across February's end
        (date(2026, 11, 12), 0, date(2026, 11, 12)),
    ],
)
def test_working_days_skip_weekends(start: date, amount: int, expected: date) -> None:
    assert add_duration(start, amount, "days", business=True) == expected


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        (date(2026, 11, 12), 48, "hours", date(2026, 11, 14)),
        (date(2026, 11, 12), 49, "hours", date(2026, 11, 15)),  # part days round up
        (date(2026, 11, 12), 1, "hours", date(2026, 11, 13)),
        (date(2026, 11, 12), 1, "weeks", date(2026, 11, 19)),
        (date(2026, 12, 28), 1, "weeks", date(2027, 1, 4)),  # across the year end
        (date(2026, 11, 28), 5, "days", date(2026, 12, 3)),  # across the month end
        (date(2026, 1, 31), 1, "months", date(2026, 2, 28)),  # no 31 February
        (date(2028, 1, 31), 1, "months", date(2028, 2, 29)),  # leap year
        (date(2026, 11, 30), 3, "months", date(2027, 2, 28)),
    ],
)
def test_calendar_durations_across_month_and_year_ends(
    start: date, amount: int, unit: str, expected: date
) -> None:
    assert add_duration(start, amount, unit) == expected


def test_working_hours_and_weeks_skip_weekends_too() -> None:
    friday = date(2026, 11, 13)
    assert add_duration(friday, *parse_duration("48 working hours")) == date(2026, 11, 17)
    assert add_duration(friday, *parse_duration("1 working week")) == date(2026, 11, 20)
    saturday = date(2026, 11, 14)
    assert add_duration(saturday, *parse_duration("1 business week")) == date(2026, 11, 20)


def test_decision_by_as_duration_counts_from_the_interview() -> None:
    interview = date(2026, 11, 12)
    assert resolve_decision("1 week", interview) == date(2026, 11, 19)
    assert resolve_decision("48 hours", interview) == date(2026, 11, 14)
    assert resolve_decision("5 working days", interview) == date(2026, 11, 19)
    assert resolve_decision("19 November 2026", interview) == date(2026, 11, 19)


def test_decision_without_a_year_is_the_next_one_after_the_interview() -> None:
    assert resolve_decision("5 January", date(2026, 11, 12)) == date(2027, 1, 5)
    assert resolve_decision("19 November", date(2026, 11, 12), today=TODAY) == date(2026, 11, 19)


def test_unreadable_decision_suggests_a_duration_too() -> None:
    with pytest.raises(ValueError) as caught:
        resolve_decision("whenever", date(2026, 11, 12))
    assert "12 November 2026" in str(caught.value)
    assert "such as '2 weeks'" in str(caught.value)


def test_human_dates_drop_this_year_only() -> None:
    this_year = date.today().year
    assert human(date(this_year, 3, 1)) == "1 March"
    assert human(date(2001, 3, 1)) == "1 March 2001"
    assert human(date(2001, 11, 12), weekday=True) == "Monday 12 November 2001"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("end of next week", date(2026, 12, 4)),
        ("end of the week", date(2026, 11, 27)),
        ("next week", date(2026, 12, 4)),
        ("by Friday", date(2026, 11, 27)),
        ("next Friday", date(2026, 12, 4)),
        ("end of the month", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
    ],
)
def test_decision_phrases_people_write(phrase: str, expected: date) -> None:
    from composer.dates import resolve_decision

    assert resolve_decision(phrase, date(2026, 11, 23)) == expected  # a Monday


def test_end_of_the_month_crosses_the_year() -> None:
    from composer.dates import resolve_decision

    assert resolve_decision("end of next month", date(2026, 12, 10)) == date(2027, 1, 31)
