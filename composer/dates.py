"""Read the dates and durations people write in interview notes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14,
    "a couple of": 2, "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip
_DURATION = re.compile(
    r"^\s*(?:within|in|after)?\s*(?:the\s+next\s+)?"
    r"(?P<n>\d+|a couple of|couple of|a few|few|[a-z]+)\s*"
    r"(?P<business>working\s+|business\s+)?"
    r"(?P<unit>hours?|hrs?|h|days?|d|weeks?|wks?|w|months?)\s*$",
    re.IGNORECASE,
)
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_WRITTEN_HINT = "write it as 2026-11-12 or 12 November 2026"


def parse_date(value: object, *, today: date | None = None) -> date:
    """Turn ISO, written ('12 November 2026', 'Nov 12, 2026') or relative dates into a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a date; {_WRITTEN_HINT}")
    text = value.strip()
    lowered = text.lower()
    if lowered in _RELATIVE:
        return (today or date.today()) + timedelta(days=_RELATIVE[lowered])
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric_date(text, *(int(g) for g in numeric.groups()))
    if not re.search(r"[A-Za-z]{3,}", text) or not re.search(r"\d", text):
        raise ValueError(f"'{text}' is not a date composer can read; {_WRITTEN_HINT}")
    from dateutil import parser  # lazy: only written dates need it

    try:
        default = datetime.combine(today or date.today(), datetime.min.time())
        return parser.parse(text, default=default, dayfirst=True, fuzzy=False).date()
    except (ValueError, OverflowError):
        raise ValueError(f"'{text}' is not a date composer can read; {_WRITTEN_HINT}") from None


def _numeric_date(text: str, first: int, second: int, year: int) -> date:
    if year < 100:
        year += 2000
    if first <= 12 and second <= 12 and first != second:
        raise ValueError(
            f"'{text}' is ambiguous: it could be {_spell(first, second, year)} or "
            f"{_spell(second, first, year)}; write it as {year}-{second:02d}-{first:02d} "
            f"or with the month in words ({_spell(first, second, year)})"
        )
    day, month = (first, second) if first > 12 or first == second else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date; {_WRITTEN_HINT}") from None


def _spell(day: int, month: int, year: int) -> str:
    try:
        return date(year, month, day).strftime("%-d %B %Y")
    except ValueError:
        return f"day {day} of month {month}"


def parse_duration(value: str) -> tuple[int, str, bool] | None:
    """Read '48 hours', '2 weeks', 'a few working days'; None when the text is not a duration."""
    match = _DURATION.match(value)
    if not match:
        return None
    raw = match["n"].lower()
    amount = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    if amount is None:
        return None
    unit = match["unit"].lower()
    unit = {"h": "hours", "hr": "hours", "hrs": "hours", "d": "days", "w": "weeks"}.get(unit, unit)
    unit = unit if unit.endswith("s") else unit + "s"
    unit = {"wks": "weeks"}.get(unit, unit)
    return amount, unit, bool(match["business"])


def add_duration(start: date, amount: int, unit: str, business: bool = False) -> date:
    """Count a duration from `start`; hours round up to whole days, business days skip weekends."""
    if unit == "hours":
        return start + timedelta(days=-(-amount // 24))
    if unit == "weeks":
        return start + timedelta(weeks=amount)
    if unit == "months":
        from dateutil.relativedelta import relativedelta

        return start + relativedelta(months=amount)
    if not business:
        return start + timedelta(days=amount)
    day = start
    while amount > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            amount -= 1
    return day


def resolve_decision(value: object, interview: date, *, today: date | None = None) -> date:
    """A decision date given as a date, or as a duration counted from the interview."""
    if isinstance(value, str):
        duration = parse_duration(value)
        if duration:
            return add_duration(interview, *duration)
    try:
        return parse_date(value, today=today)
    except ValueError as exc:
        raise ValueError(f"{exc}, or as a duration after the interview such as '2 weeks'") from None


def human(day: date, *, weekday: bool = False) -> str:
    """'12 November' in the current year, '12 November 2025' otherwise; optional weekday."""
    text = day.strftime("%-d %B") if day.year == date.today().year else day.strftime("%-d %B %Y")
    return f"{day:%A} {text}" if weekday else text
