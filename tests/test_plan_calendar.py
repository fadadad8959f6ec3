"""The calendar (issue 14.8): when every step is done or not needed there is nothing to add, so
`calendar_entries` is empty and `composer plan --ics` writes no (empty) file and says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from composer.history import History
from composer.models import Kind
from composer.plan import calendar_entries, make_plan, to_ics
from tests.test_history import NOTES_FILE, invoke
from tests.test_plan import plan_notes

pytestmark = pytest.mark.usefixtures("history_env")


def test_every_step_done_means_no_calendar_entries() -> None:
    offered = plan_notes("2026-11-12", "1 week", outcome="offered")
    thanked = {Kind.THANK_YOU: date(2026, 11, 12)}
    done = make_plan(offered, date(2026, 11, 20), sent=thanked)
    assert calendar_entries([done]) == []
    rejected = plan_notes("2026-11-12", "1 week", outcome="rejected")
    answered = {**thanked, Kind.FEEDBACK_REQUEST: date(2026, 11, 21)}
    finished = make_plan(rejected, date(2026, 11, 22), sent=answered, outcome_on=date(2026, 11, 20))
    assert calendar_entries([done, finished]) == []


def test_calendar_entries_are_what_the_ics_file_holds() -> None:
    plan = make_plan(plan_notes("2026-11-12", "16 November 2026"), date(2026, 11, 12))
    entries = calendar_entries([plan])
    assert [(e.title, e.starts, e.ends) for e in entries] == [
        ("Send a thank-you note", date(2026, 11, 12), date(2026, 11, 14)),
        ("Ask politely for an update", date(2026, 11, 19), date(2026, 11, 24)),
    ]
    events = list(Calendar.from_ical(to_ics([plan])).walk("VEVENT"))
    assert [str(e["uid"]) for e in events] == [e.uid for e in entries]
    assert [e.decoded("dtstart") for e in events] == [e.starts for e in entries]
    assert [str(e["description"]) for e in events] == [e.description for e in entries]


def test_plan_ics_writes_nothing_when_there_is_nothing_to_add(tmp_path: Path) -> None:
    recorded = invoke("outcome", NOTES_FILE, "offered", "--on", "2026-11-20")
    assert recorded.exit_code == 0, recorded.output
    with History.open(Path(str(tmp_path / "data" / "history.db"))) as opened:
        [row] = opened.interviews()
        opened.mark_kind_sent(row.id, Kind.THANK_YOU, date(2026, 11, 12))
    ics = tmp_path / "follow-ups.ics"
    result = invoke("plan", NOTES_FILE, "--today", "2026-11-21", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    assert not ics.exists()
    assert "Nothing to add to a calendar" in result.stderr and "Wrote" not in result.stderr
    # An older calendar at that path is left as it was, not emptied.
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert invoke("plan", NOTES_FILE, "--today", "2026-11-21", "--ics", str(ics)).exit_code == 0
    assert ics.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    # With a step still to do, the file is written as before.
    again = invoke("plan", NOTES_FILE, "--today", "2026-11-12", "--no-log", "--ics", str(ics))
    assert again.exit_code == 0 and f"Wrote {ics}." in again.stderr
    assert len(list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))) == 2
