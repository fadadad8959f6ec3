"""Read the dates and durations people write in interview notes."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")
_YEAR_FIRST = re.compile(r"^\s*(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})\s*$")
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "weds": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_LEADING_WEEKDAY = re.compile(r"^\s*(?P<day>[A-Za-z]+)\.?,?\s+(?P<rest>.*)$")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a couple of": 2, "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip
_DURATION = re.compile(
    r"^\s*(?:within|in|after)?\s*(?:the\s+next\s+)?"
    r"(?:(?P<n>\d+|a couple of|couple of|a few|few|[a-z]+)\s*"
    r"(?P<business>working\s+|business\s+)?"
    r"(?P<unit>hours?|hrs?|h|days?|d|weeks?|wks?|w|months?)"
    r"|(?P<fortnight>(?:a\s+|one\s+)?fortnight))"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_WRITTEN_HINT = "write it as 2026-11-12 or 12 November 2026"

# The dates composer plans with. Python's dates end in 9999 and a plan adds weeks to them, so a
# far-off year typed by mistake would overflow; no interview, decision or follow-up is ever
# outside these years, and no decision is expected more than a few years after an interview.
FIRST_PLANNABLE = date(1900, 1, 1)
LAST_PLANNABLE = date(2200, 12, 31)
MAX_OFFSET = timedelta(days=3 * 365 + 1)
_MAX_OFFSET_TEXT = "3 years"


def plannable(day: date) -> bool:
    """True when composer can plan with `day` (a year from 1900 to 2200)."""
    return FIRST_PLANNABLE <= day <= LAST_PLANNABLE


def check_plannable(day: date, what: str, error: type[Exception] = ValueError) -> date:
    """`day` itself, or `error` saying that `what` (e.g. "'9999-12-31'", '--on') is a date
    composer cannot plan with; any date composer reads goes through this."""
    if not plannable(day):
        raise error(
            f"{what} is in the year {day.year}, outside the dates composer can plan with "
            f"({FIRST_PLANNABLE.year} to {LAST_PLANNABLE.year}); check the year"
        )
    return day


def shown(text: str, limit: int = 40) -> str:
    """What the user wrote, cut short for a message: "'12 Novembr 2026'"."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _unreadable(text: str) -> ValueError:
    return ValueError(f"{shown(text)} is not a date composer can read; {_WRITTEN_HINT}")


def parse_date(value: object, *, today: date | None = None, after: date | None = None) -> date:
    """Turn ISO, written ('12 November 2026', 'Nov 12, 2026') or relative dates into a date.

    A written date without a year takes the current year, or with `after` the first such date
    on or after it (a decision '5 January' after a November interview is next January). Dates
    composer cannot plan with (see `check_plannable`) are refused.
    """
    if isinstance(value, datetime):
        return check_plannable(value.date(), f"'{value.date()}'")
    if isinstance(value, date):
        return check_plannable(value, f"'{value}'")
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a date; {_WRITTEN_HINT}")
    text = value.strip()
    return check_plannable(_read_date(text, today, after), shown(text))


def _read_date(text: str, today: date | None, after: date | None) -> date:
    lowered = text.lower().rstrip(".")
    if lowered in _RELATIVE:
        return (today or date.today()) + timedelta(days=_RELATIVE[lowered])
    for iso in (date.fromisoformat, lambda t: datetime.fromisoformat(t).date()):
        try:
            return iso(text)
        except ValueError:
            pass
    year_first = _YEAR_FIRST.match(text)
    if year_first:
        year, _, month, day = year_first.groups()
        return _real_date(text, int(year), int(month), int(day))
    # 'Mon 03/04/2026' is as ambiguous as '03/04/2026': look past a leading weekday.
    weekday, rest = None, text
    leading = _LEADING_WEEKDAY.match(text)
    if leading and leading["day"].lower() in _WEEKDAYS:
        weekday, rest = _WEEKDAYS[leading["day"].lower()], leading["rest"]
    numeric = _NUMERIC.match(rest)
    if numeric:
        day = _numeric_date(rest, *(int(g) for g in numeric.groups()))
        return _check_weekday(text, day, weekday)
    if not re.search(r"[A-Za-z]{3,}", text) or not re.search(r"\d", text):
        raise _unreadable(text)
    return _written_date(text, today or date.today(), after)


# '12 November 2026', the form the notes template shows, read without loading dateutil (~4 ms
# and ~1 MB a run); every other written form goes to dateutil below.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) +([A-Za-z]{3,9}) +(\d{4})")
_MONTHS = {
    name: number
    for number, full in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        1,
    )
    for name in (full, full[:3])
}


def _written_date(text: str, today: date, after: date | None) -> date:
    plain = _DAY_MONTH_YEAR.fullmatch(text)
    if plain and plain[2].lower() in _MONTHS:
        return _real_date(text, int(plain[3]), _MONTHS[plain[2].lower()], int(plain[1]))
    from dateutil import parser  # lazy: only other written dates need it

    # Parse with two different defaults: whatever differs is a part the text does not give.
    try:
        first = parser.parse(text, default=datetime(today.year, 1, 1), dayfirst=True).date()
        second = parser.parse(text, default=datetime(today.year + 1, 12, 28), dayfirst=True)
    except (ValueError, OverflowError):
        raise _unreadable(text) from None
    second_date = second.date()
    if first.day != second_date.day or first.month != second_date.month:
        raise ValueError(f"'{text}' has no day of the month; {_WRITTEN_HINT}")
    result = first
    if first.year != second_date.year and after is not None and result < after:
        try:
            result = result.replace(year=after.year)
            if result < after:
                result = result.replace(year=after.year + 1)
        except ValueError:  # 29 February in a year without one
            raise _unreadable(text) from None
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    weekday = next((_WEEKDAYS[w] for w in words if w in _WEEKDAYS), None)
    return _check_weekday(text, result, weekday)


def _check_weekday(text: str, day: date, weekday: int | None) -> date:
    """'Tuesday 16 November 2026' when the 16th is a Monday: one of the two is a typo."""
    if weekday is not None and day.weekday() != weekday:
        named = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        raise ValueError(
            f"'{text}' does not add up: {_spell(day.day, day.month, day.year)} is a "
            f"{named[day.weekday()]}, not a {named[weekday]}; check the day and the date"
        )
    return day


def _real_date(text: str, year: int, month: int, day: int) -> date:
    """The date, or an error that says why it does not exist ('November has 30 days')."""
    try:
        return date(year, month, day)
    except ValueError:
        pass
    why = ""
    if 1 <= month <= 12 and day > 28 and 1 <= year <= 9999:
        last = calendar.monthrange(year, month)[1]
        named = f"{date(2000, month, 1):%B}" + (f" {year}" if month == 2 else "")
        why = f" ({named} has {last} days)"
    elif not 1 <= month <= 12:
        why = f" (there is no month {month})"
    raise ValueError(f"'{text}' is not a real date{why}; {_WRITTEN_HINT}")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _numeric_date(text: str, first: int, second: int, year: int) -> date:
    """'13/04/2026' can only be 13 April; '03/04/2026' could be either, so it is refused."""
    if year < 100:
        year += 2000
    day_first = _valid(year, second, first)  # 03/04 read as 3 April
    month_first = _valid(year, first, second)  # 03/04 read as 4 March
    if day_first and month_first and first != second:
        raise ValueError(
            f"'{text}' is ambiguous: it could be {_spell(first, second, year)} or "
            f"{_spell(second, first, year)}; write it as {year}-{second:02d}-{first:02d} "
            f"or with the month in words ({_spell(first, second, year)})"
        )
    if day_first:
        return date(year, second, first)
    if month_first:
        return date(year, first, second)
    raise ValueError(f"'{text}' is not a real date; {_WRITTEN_HINT}")


def _spell(day: int, month: int, year: int) -> str:
    """'3 April 2026' (no platform-specific strftime flags)."""
    return f"{day} {date(year, month, 1):%B} {year}"


def parse_duration(value: str) -> tuple[int, str, bool] | None:
    """Read '48 hours', '2 weeks', 'a few working days'; None when the text is not a duration."""
    match = _DURATION.match(value)
    if not match:
        return None
    if match["fortnight"]:
        return 2, "weeks", False
    raw = re.sub(r"\s+", " ", match["n"].lower())
    # A number too long for int() (over 4,300 digits) is simply far too many days.
    if raw.isdigit():
        amount: int | None = int(raw) if len(raw) <= 13 else 10**13
    else:
        amount = _NUMBER_WORDS.get(raw)
    if amount is None:
        return None
    unit = match["unit"].lower()
    unit = {"h": "hours", "hr": "hours", "hrs": "hours", "d": "days", "w": "weeks"}.get(unit, unit)
    unit = unit if unit.endswith("s") else unit + "s"
    unit = {"wks": "weeks"}.get(unit, unit)
    return amount, unit, bool(match["business"])


def add_duration(start: date, amount: int, unit: str, business: bool = False) -> date:
    """Count a duration from `start`; hours round up to whole days, business days skip weekends.

    '48 working hours' is two working days; '2 working weeks' is ten working days. More than
    `MAX_OFFSET` is a ValueError: no decision is that far off, and the count could overflow.
    """
    approx = {"hours": amount / 24, "weeks": amount * 7, "months": amount * 30.4}.get(unit, amount)
    if business and unit in ("hours", "days"):
        approx = approx * 7 / 5  # five working days take a week
    if approx > MAX_OFFSET.days:
        raise ValueError(
            f"{amount} {'working ' if business else ''}{unit} is further ahead than composer "
            f"plans (at most {_MAX_OFFSET_TEXT})"
        )
    if unit == "months":
        from dateutil.relativedelta import relativedelta

        return start + relativedelta(months=amount)
    days = {"hours": -(-amount // 24), "weeks": amount * (5 if business else 7)}.get(unit, amount)
    if not business:
        return start + timedelta(days=days)
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DECISION = re.compile(
    r"^\s*(?:by|before|on|at|around|within|in)?\s*(?:the\s+)?"
    r"(?:(?P<end>end|close)\s+of\s+(?:the\s+)?(?P<span>this|next|the)?\s*(?P<unit>week|month)"
    r"|(?P<next>next|this|the\s+following)?\s*(?P<whole>week|month)"
    r"|(?P<wnext>next|this|the\s+following)?\s*(?P<weekday>" + "|".join(_DAY_NAMES) + r"))"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)


def relative_decision(value: str, interview: date) -> date | None:
    """'end of next week', 'next week', 'end of the month', 'by Friday': counted from the
    interview, taking the last day the phrase allows (a week means its Friday)."""
    match = _RELATIVE_DECISION.match(value)
    if not match:
        return None
    if match["weekday"]:
        ahead = (_DAY_NAMES.index(match["weekday"].lower()) - interview.weekday()) % 7 or 7
        if match["wnext"] and match["wnext"].lower() != "this":
            ahead += 7  # 'next Friday' is ambiguous; the later reading keeps the plan patient
        return interview + timedelta(days=ahead)
    unit = (match["unit"] or match["whole"]).lower()
    later = (match["span"] or match["next"] or "").lower() in ("next", "the following")
    if match["whole"] and not match["next"]:
        later = False
    if unit == "week":
        friday = interview + timedelta(days=(4 - interview.weekday()) % 7)
        if match["whole"] and match["next"] is None:  # 'within the week'
            return friday
        return friday + timedelta(weeks=1) if later or match["whole"] else friday
    month_end = (interview.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if later or (match["whole"] and match["next"]):
        return (month_end + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return month_end


def resolve_decision(value: object, interview: date, *, today: date | None = None) -> date:
    """A decision date given as a date, a duration counted from the interview ('2 weeks') or a
    phrase people write ('end of next week', 'by Friday')."""
    if isinstance(value, str):
        duration = parse_duration(value)
        if duration:
            try:
                return add_duration(interview, *duration)
            except ValueError:
                raise _too_far(value) from None
        phrase = relative_decision(value, interview)
        if phrase:
            return phrase
    try:
        decision = parse_date(value, today=today, after=interview)
    except ValueError as exc:
        raise ValueError(f"{exc}, or as a duration after the interview such as '2 weeks'") from None
    if decision - interview > MAX_OFFSET:
        raise _too_far(value if isinstance(value, str) else str(decision))
    return decision


def _too_far(written: str) -> ValueError:
    return ValueError(
        f"{shown(written)} is more than {_MAX_OFFSET_TEXT} after the interview, further "
        "ahead than composer plans; write the date the decision is expected, such as "
        "'2 weeks' or '19 November 2026'"
    )


def readable_decision(value: object) -> bool:
    """True when `value` reads as a decision without knowing the interview date: a duration
    ('2 weeks'), a phrase ('end of next week') or a date. Used to report only the real error
    when the interview date itself is wrong."""
    try:
        duration = parse_duration(value) if isinstance(value, str) else None
        if duration:
            add_duration(FIRST_PLANNABLE, *duration)
        elif not (isinstance(value, str) and _RELATIVE_DECISION.match(value)):
            parse_date(value)
    except ValueError:
        return False
    return True


def human(day: date, *, weekday: bool = False) -> str:
    """'12 November' in the current year, '12 November 2025' otherwise; optional weekday."""
    text = f"{day.day} {day:%B}" if day.year == date.today().year else f"{day.day} {day:%B %Y}"
    return f"{day:%A} {text}" if weekday else text
