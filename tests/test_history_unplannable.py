"""One stored interview with a date composer cannot plan with never breaks `due` or `history`
for the others (issue 13.6): that interview is shown with a clear note, the rest are listed.

The bad rows are written straight into the file, as an older composer (which accepted
`outcome 1 rejected --on 9999-12-31` and 'Decision by: 999999 days') left them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from composer import plan
from composer.dates import plannable
from composer.history import History
from composer.models import Kind
from composer.plan import UnplannableError, make_plan
from tests.test_history import invoke, make_draft, notes

pytestmark = pytest.mark.usefixtures("history_env")


def _set_notes_date(raw: sqlite3.Connection, interview_id: int, field: str, day: str) -> None:
    notes_json = raw.execute(
        "SELECT notes_json FROM interviews WHERE id = ?", (interview_id,)
    ).fetchone()[0]
    data = json.loads(notes_json)
    data[field] = day
    raw.execute(
        f"UPDATE interviews SET notes_json = ?, {field} = ? WHERE id = ?",
        (json.dumps(data), day, interview_id),
    )


@pytest.fixture
def bad_rows(history_env: Path) -> dict[str, int]:
    """One good interview and four that an older composer stored with impossible dates."""
    with History.open(history_env) as opened:
        ids = {
            name: opened.record_interview(notes(company=company, decision_by="2026-11-16"))
            for name, company in (
                ("good", "Good Ltd"),
                ("heard", "Far Answer Ltd"),
                ("decision", "Far Decision Ltd"),
                ("interview", "Far Interview Ltd"),
                ("send", "Far Send Ltd"),
            )
        }
        draft = opened.record_draft(ids["send"], make_draft())
    raw = sqlite3.connect(history_env)
    raw.execute(
        "UPDATE interviews SET outcome = 'rejected', outcome_on = '9999-12-31' WHERE id = ?",
        (ids["heard"],),
    )
    _set_notes_date(raw, ids["decision"], "decision_by", "9999-12-31")
    _set_notes_date(raw, ids["interview"], "interview_date", "9999-12-31")
    raw.execute(
        "INSERT INTO sends (interview_id, draft_id, kind, sent_on, created_at) "
        "VALUES (?, ?, 'thank-you', '9999-12-31', '2026-11-12T18:00:00+00:00')",
        (ids["send"], draft),
    )
    raw.commit()
    raw.close()
    return ids


def test_due_lists_the_good_interview_and_notes_each_bad_one(bad_rows: dict[str, int]) -> None:
    result = invoke("due", "--today", "2026-11-19", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["interviews"] == 5
    assert [(i["interview_id"], i["kind"]) for i in report["items"]] == [
        (bad_rows["good"], "status-check")
    ]
    skipped = {s["interview_id"]: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {bad_rows[n] for n in ("heard", "decision", "interview", "send")}
    assert "The day the answer came (9999-12-31)" in skipped[bad_rows["heard"]]
    # Notes holding such a date are either planned and refused, or (where the notes' own
    # validation refuses far-off years) noted as no longer readable: left out either way.
    for name in ("decision", "interview"):
        far = skipped[bad_rows[name]]
        assert "(9999-12-31)" in far or f"notes of interview {bad_rows[name]}" in far, far
    assert "The day the thank-you was sent (9999-12-31)" in skipped[bad_rows["send"]]
    for reason in skipped.values():
        assert "outside the dates composer can plan with" in reason or "no longer" in reason
    # In text: the good one on stdout; each bad one named, with its id, on stderr.
    text = invoke("due", "--today", "2026-11-19")
    assert text.exit_code == 0
    assert "Good Ltd - Paralegal: ask politely for an update" in text.stdout
    warning = " ".join(text.stderr.split())
    assert f"Interview #{bad_rows['heard']} (Paralegal at Far Answer Ltd) is left out." in warning
    assert "Traceback" not in text.output


def test_history_and_other_commands_still_work(bad_rows: dict[str, int]) -> None:
    listed = invoke("history", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)["interviews"]) == 5
    assert invoke("history").exit_code == 0
    for name in ("good", "heard", "send"):
        shown = invoke("history", "show", str(bad_rows[name]))
        assert shown.exit_code == 0, (name, shown.output)
    good = bad_rows["good"]
    assert invoke("sent", str(good), "thank-you", "--on", "2026-11-12").exit_code == 0
    # The remedies work on the bad rows themselves: undo the answer, forget the interview.
    assert invoke("outcome", str(bad_rows["heard"]), "pending").exit_code == 0
    assert invoke("history", "forget", str(bad_rows["decision"]), "--yes").exit_code == 0
    report = json.loads(invoke("due", "--today", "2026-11-19", "-f", "json").stdout)
    assert {s["interview_id"] for s in report["skipped"]} == {
        bad_rows["interview"],
        bad_rows["send"],
    }
    assert {i["interview_id"] for i in report["items"]} == {good, bad_rows["heard"]}


def test_make_plan_refuses_dates_it_cannot_plan_with() -> None:
    assert plannable(date(1900, 1, 1)) and plannable(date(2200, 12, 31))
    assert not plannable(date(2201, 1, 1)) and not plannable(date(1899, 12, 31))
    good = notes(decision_by="2026-11-16")
    for kwargs, what in (
        ({"outcome_on": date(9999, 12, 31)}, "The day the answer came (9999-12-31)"),
        ({"sent": {Kind.THANK_YOU: date.max}}, "The day the thank-you was sent"),
        ({"today": date(1, 1, 1)}, "Today (0001-01-01)"),
    ):
        with pytest.raises(UnplannableError) as info:
            make_plan(good, **{"today": date(2026, 11, 20), **kwargs})  # type: ignore[arg-type]
        assert what in info.value.message and "(1900 to 2200)" in info.value.message
        assert info.value.exit_code == 2
    far = good.model_copy(update={"decision_by": date(9999, 12, 31)})
    with pytest.raises(UnplannableError, match=r"The decision date \(9999-12-31\)"):
        make_plan(far, date(2026, 11, 20))
    assert plan.due.__doc__ and "left out" in plan.due.__doc__


def test_a_stored_date_that_no_longer_reads_is_noted_too(history_env: Path) -> None:
    with History.open(history_env) as opened:
        good = opened.record_interview(notes(decision_by="2026-11-16"))
        bad = opened.record_interview(notes(company="Garbled Ltd", decision_by="2026-11-16"))
    raw = sqlite3.connect(history_env)
    raw.execute(
        "INSERT INTO sends (interview_id, kind, sent_on, created_at) "
        "VALUES (?, 'thank-you', 'the 13th', '2026-11-12T18:00:00+00:00')",
        (bad,),
    )
    raw.commit()
    raw.close()
    with History.open(history_env) as opened:
        report = plan.due(opened, date(2026, 11, 19))
    assert [i.interview_id for i in report.items] == [good]
    [skipped] = report.skipped
    assert skipped.interview_id == bad and "A date stored for it cannot be read" in skipped.reason
    assert invoke("history").exit_code == 0
