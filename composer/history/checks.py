"""The dates the history refuses to store: a send or an answer before its interview, after
today, or outside the years composer can plan with. One such date made the plan lie (a status
check shown done before the interview) or stop (an overflow) for every command after it."""

from __future__ import annotations

from datetime import date, timedelta

from composer.dates import FIRST_PLANNABLE, LAST_PLANNABLE, plannable
from composer.history.errors import ImpossibleDateError

# A day of slack for a clock near midnight or a laptop that crossed a time zone; a message
# cannot have gone, nor an answer come, any later than that.
FUTURE_MARGIN = timedelta(days=1)


def spelled(day: date) -> str:
    """'12 November 2026', the same whatever the clock or the locale."""
    return f"{day.day} {day:%B} {day.year}"


def check_day(on: date, *, happened: str, interview: date | None, today: date) -> date:
    """`on` itself, or ImpossibleDateError naming `on` and the date it clashes with.

    `happened` completes 'Cannot record that ...': 'the thank-you to Bramley Kent LLP was sent'.
    """
    said = f"Cannot record that {happened} on {spelled(on)}"
    if not plannable(on):
        raise ImpossibleDateError(
            f"{said}: that is outside the dates composer can plan with ({FIRST_PLANNABLE.year} "
            f"to {LAST_PLANNABLE.year}). Check the year."
        )
    if interview is not None and on < interview:
        raise ImpossibleDateError(
            f"{said}: that is before the interview on {spelled(interview)}. Check the date."
        )
    if on > today + FUTURE_MARGIN:
        raise ImpossibleDateError(
            f"{said}: that is after today ({spelled(today)}). Record it once it has happened."
        )
    return on
