"""`due` and `sent` agree on ids (issue 14.1), and the history refuses impossible dates (14.2).

`composer due` shows an interview's id and a kind; `composer sent ID KIND` takes exactly those
and marks that interview's latest draft of the kind sent, or records a send with no draft when
the message was written outside composer. `sent --undo` takes a send back, as an event.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from composer import plan
from composer.errors import InputError
from composer.history import History, HistoryError, ImpossibleDateError, schema
from composer.kinds import Kind, Outcome
from tests.test_history import invoke, make_draft, notes, v2_database

LATER = date(2027, 1, 31)  # "today" for sends and answers dated after the real clock


pytestmark = pytest.mark.usefixtures("history_env")


# --- the store: sent by interview and kind, with or without a draft ---------------------------


def test_sent_by_interview_and_kind_marks_the_latest_draft_of_that_kind(store: History) -> None:
    interview = store.record_interview(notes(decision_by="2026-11-19"))
    first = store.record_draft(interview, make_draft(Kind.STATUS_CHECK, body="First"))
    thanks = store.record_draft(interview, make_draft(Kind.THANK_YOU))
    latest = store.record_draft(interview, make_draft(Kind.STATUS_CHECK, body="Second"))
    assert store.latest_drafts(interview) == {Kind.STATUS_CHECK: latest, Kind.THANK_YOU: thanks}
    send = store.mark_kind_sent(interview, Kind.STATUS_CHECK, date(2026, 11, 24))
    assert (send.interview_id, send.draft_id, send.kind) == (interview, latest, Kind.STATUS_CHECK)
    assert store.draft(latest).status == "sent" and store.draft(first).status == "drafted"
    assert store.sent_kinds(interview) == {Kind.STATUS_CHECK: date(2026, 11, 24)}
    # Marking it again corrects the date; it is still one send.
    store.mark_kind_sent(interview, Kind.STATUS_CHECK, date(2026, 11, 25))
    assert [(s.draft_id, s.sent_on) for s in store.interview(interview).sends] == [
        (latest, date(2026, 11, 25))
    ]


def test_a_message_written_outside_composer_is_a_send_without_a_draft(store: History) -> None:
    interview = store.record_interview(notes())
    send = store.mark_kind_sent(interview, Kind.THANK_YOU, date(2026, 11, 12))
    assert send.draft_id is None and send.kind is Kind.THANK_YOU
    assert store.sent_kinds(interview) == {Kind.THANK_YOU: date(2026, 11, 12)}
    store.mark_kind_sent(interview, Kind.THANK_YOU, date(2026, 11, 13))  # a corrected date
    detail = store.interview(interview)
    assert [(s.draft_id, s.sent_on) for s in detail.sends] == [(None, date(2026, 11, 13))]
    assert detail.drafts == [] and detail.interview.sent == 1
    assert [(e.action, e.draft_id) for e in detail.events] == [("sent", None), ("sent", None)]
    assert "written outside composer" in (detail.events[0].detail or "")
    # The plan counts it as done.
    planned = plan.make_plan(store.notes(interview), date(2026, 11, 13), store.sent_kinds(1))
    assert next(s for s in planned.steps if s.kind is Kind.THANK_YOU).status is plan.Status.DONE


def test_undo_takes_back_a_send_and_restores_the_draft(store: History) -> None:
    interview = store.record_interview(notes(decision_by="2026-11-19"))
    thanks = store.record_draft(interview, make_draft())
    store.record_event(interview, "accepted", draft_id=thanks)
    status = store.record_draft(interview, make_draft(Kind.STATUS_CHECK))
    store.mark_sent(thanks, date(2026, 11, 13))
    store.mark_sent(status, date(2026, 11, 24))
    # By draft: only that draft's send goes; the draft is as it was before ('drafted').
    undone = store.undo_send(draft_id=thanks)
    assert (undone.draft_id, undone.sent_on) == (thanks, date(2026, 11, 13))
    assert store.draft(thanks).status == "drafted" and store.draft(thanks).sent_on is None
    assert store.sent_kinds(interview) == {Kind.STATUS_CHECK: date(2026, 11, 24)}
    # By interview and kind.
    assert store.undo_send(interview_id=interview, kind=Kind.STATUS_CHECK).draft_id == status
    assert store.sent_kinds(interview) == {}
    events = [(e.action, e.draft_id, e.detail) for e in store.interview(interview).events]
    assert events[-2:] == [
        ("send-undone", thanks, "thank-you sent on 2026-11-13"),
        ("send-undone", status, "status-check sent on 2026-11-24"),
    ]
    # Nothing left to undo is a clear error, not a silent success.
    for call in (
        lambda: store.undo_send(draft_id=thanks),
        lambda: store.undo_send(interview_id=interview, kind=Kind.THANK_YOU),
        lambda: store.undo_send(),
    ):
        with pytest.raises(HistoryError, match=r"There is no send of .* to undo"):
            call()
    with pytest.raises(HistoryError, match="There is no draft 99"):
        store.undo_send(draft_id=99)
    with pytest.raises(HistoryError, match="interview's id and kind"):
        store.undo_send(interview_id=interview)


def test_undo_without_an_id_takes_back_the_latest_send(store: History) -> None:
    first = store.record_interview(notes())
    second = store.record_interview(notes(company="Northwind Health"))
    store.mark_kind_sent(second, Kind.THANK_YOU, date(2026, 11, 13))
    draft = store.record_draft(first, make_draft())
    store.mark_sent(draft, date(2026, 11, 12))  # recorded last, though dated earlier
    assert store.undo_send().draft_id == draft
    latest = store.undo_send()
    assert (latest.interview_id, latest.draft_id) == (second, None)
    assert store.counts()["sends"] == 0


def test_version_3_sends_are_kept_and_can_have_no_draft_after_migration(
    history_env: Path,
) -> None:
    """Migration 4 rebuilds the sends table (draft_id may be NULL): every send survives."""
    v2_database(history_env)
    with History.open(history_env) as opened:
        assert schema.SCHEMA_VERSION >= 4
        assert opened.sent_kinds(1) == {Kind.THANK_YOU: date(2026, 11, 13)}
        assert opened.interview(1).sends[0].draft_id == 1
        opened.mark_kind_sent(1, Kind.STATUS_CHECK, date(2026, 11, 24))  # its phone draft
        opened.mark_kind_sent(1, Kind.FEEDBACK_REQUEST, date(2026, 11, 25))  # no draft at all
        # A send stored before the draft's status was kept: undo goes back to 'accepted'.
        assert opened.undo_send(draft_id=1).sent_on == date(2026, 11, 13)
        assert opened.draft(1).status == "accepted"
    raw = sqlite3.connect(history_env)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {row[1] for row in raw.execute("PRAGMA index_list(sends)")}
    assert "sends_by_interview" in indexes
    raw.close()


def test_due_items_carry_the_ids_sent_takes(store: History) -> None:
    interview = store.record_interview(notes(decision_by="2026-11-16"))
    drafted = store.record_draft(interview, make_draft(Kind.THANK_YOU))
    report = plan.due(store, date(2026, 11, 13))
    [thanks] = report.items
    assert (thanks.interview_id, thanks.kind, thanks.draft_id) == (
        interview,
        Kind.THANK_YOU,
        drafted,
    )
    store.mark_kind_sent(thanks.interview_id, thanks.kind, date(2026, 11, 13))
    assert plan.due(store, date(2026, 11, 13)).items == []
    [status] = plan.due(store, date(2026, 11, 19)).items
    assert (status.kind, status.draft_id) == (Kind.STATUS_CHECK, None)


# --- the store: impossible dates (issue 14.2, and 13.6's out-of-range dates) -----------------


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (date(2026, 11, 11), "before the interview on 12 November 2026"),
        (date(2027, 2, 2), "after today (31 January 2027)"),
        (date(9999, 12, 31), "outside the dates composer can plan with (1900 to 2200)"),
        (date(1, 1, 1), "outside the dates composer can plan with"),
    ],
    ids=["before-the-interview", "after-today", "year-9999", "year-1"],
)
def test_impossible_send_and_answer_dates_are_refused(
    store: History, on: date, message: str
) -> None:
    interview = store.record_interview(notes())
    draft = store.record_draft(interview, make_draft())
    for call, happened in (
        (lambda: store.mark_sent(draft, on, today=LATER), "the thank-you to Bramley Kent LLP"),
        (
            lambda: store.mark_kind_sent(interview, Kind.STATUS_CHECK, on, today=LATER),
            "the status-check to Bramley Kent LLP",
        ),
        (
            lambda: store.set_outcome(interview, Outcome.REJECTED, on, today=LATER),
            "the answer from Bramley Kent LLP",
        ),
    ):
        with pytest.raises(ImpossibleDateError) as info:
            call()
        text = info.value.message
        assert text.startswith(f"Cannot record that {happened}") and message in text, text
        assert f"{on.day} {on:%B} {on.year}" in text  # names the date given, too
        assert isinstance(info.value, InputError) and info.value.exit_code == 2
    # Nothing was stored.
    assert store.counts()["sends"] == 0 and store.interview_row(interview).outcome_on is None


def test_possible_dates_are_taken(store: History) -> None:
    interview = store.record_interview(notes())
    draft = store.record_draft(interview, make_draft())
    store.mark_sent(draft, date(2026, 11, 12), today=date(2026, 11, 12))  # the interview's day
    store.mark_sent(draft, date(2026, 11, 13), today=date(2026, 11, 12))  # a day of slack
    store.set_outcome(interview, Outcome.REJECTED, date(2026, 11, 20), today=date(2026, 11, 20))
    # 'pending' undoes an answer; its date is not stored, so it is not checked.
    store.set_outcome(interview, Outcome.PENDING, date(9999, 12, 31))
    assert store.interview_row(interview).outcome is Outcome.PENDING


# --- the commands, end to end -------------------------------------------------------------------


def test_due_shows_the_id_and_kind_that_sent_takes(history_env: Path) -> None:
    with History.open(history_env) as opened:
        interview = opened.record_interview(notes(decision_by="2026-11-16"))
        opened.record_draft(interview, make_draft(Kind.THANK_YOU))
    text = invoke("due", "--today", "2026-11-20").stdout
    assert f"[#{interview}]" in text
    assert f"composer sent {interview} status-check" in text, text
    report = json.loads(invoke("due", "--today", "2026-11-20", "-f", "json").stdout)
    [item] = report["items"]
    assert (item["interview_id"], item["kind"], item["draft_id"]) == (
        interview,
        "status-check",
        None,
    )
    # What due showed is what sent takes: afterwards the status check is done.
    done = invoke("sent", str(interview), "status-check", "--on", "2026-11-20")
    assert done.exit_code == 0, done.output
    assert "status-check to Bramley Kent LLP" in done.stdout and "no draft" in done.stdout
    assert json.loads(invoke("due", "--today", "2026-11-20", "-f", "json").stdout)["items"] == []
    # ... and --undo makes it due again.
    undone = invoke("sent", str(interview), "status-check", "--undo")
    assert undone.exit_code == 0 and "no longer marked sent" in undone.stdout, undone.output
    again = json.loads(invoke("due", "--today", "2026-11-20", "-f", "json").stdout)
    assert [i["kind"] for i in again["items"]] == ["status-check"]


def test_sent_by_draft_id_and_undo_of_the_last_send(history_env: Path) -> None:
    with History.open(history_env) as opened:
        interview = opened.record_interview(notes())
        draft = opened.record_draft(interview, make_draft())
    marked = invoke("sent", str(draft), "--on", "2026-11-13")
    assert marked.exit_code == 0 and f"draft #{draft}" in marked.stdout, marked.output
    shown = invoke("history", "show", str(interview)).stdout
    assert f"thank-you (draft #{draft}) on Fri 13 Nov 2026" in shown
    last = invoke("sent", "--undo")
    assert last.exit_code == 0 and f"draft #{draft}" in last.stdout, last.output
    assert "send-undone" in invoke("history", "show", str(interview)).stdout
    nothing = invoke("sent", "--undo")
    assert nothing.exit_code == 2 and "no send of any message to undo" in nothing.stderr
    bare = invoke("sent")
    assert bare.exit_code == 2 and "composer sent INTERVIEW_ID KIND" in bare.stderr
    wrong_kind = invoke("sent", str(interview), "thanks")
    assert wrong_kind.exit_code == 2 and "thanks" in wrong_kind.output


def test_sent_and_outcome_refuse_a_date_before_the_interview(history_env: Path) -> None:
    with History.open(history_env) as opened:
        interview = opened.record_interview(notes())
        draft = opened.record_draft(interview, make_draft())
    for args in (
        ["sent", str(draft), "--on", "2026-11-01"],
        ["sent", str(interview), "thank-you", "--on", "2026-11-01"],
        ["outcome", str(interview), "rejected", "--on", "2026-11-01"],
    ):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        error = " ".join(result.stderr.split())
        assert "1 November 2026" in error and "before the interview on 12 November 2026" in error
    with History.open(history_env) as opened:
        assert opened.counts()["sends"] == 0
        assert opened.interview_row(interview).outcome is Outcome.PENDING
