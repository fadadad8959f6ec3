"""Correcting the history (issue 14.7): `forget ID` deletes one interview with everything about
it; `merge OLD NEW` moves a duplicate's drafts, decisions and sends onto the interview to keep.
Both are one transaction: a failure halfway changes nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from composer import plan
from composer.cli import io as cli_io
from composer.history import History, HistoryError
from composer.kinds import Kind, Outcome
from tests.test_history import invoke, make_attempts, make_draft, notes, raw_bytes

pytestmark = pytest.mark.usefixtures("history_env")


def typo_and_fix(store: History) -> tuple[int, int]:
    """The newcomer's story: notes with a typo in the company drafted and sent a thank-you;
    the fixed notes made a second interview, which was drafted again."""
    typo = store.record_interview(
        notes(company="Bramely Kent LLP", decision_by="2026-11-16"), source_text="TYPO NOTES"
    )
    thanks = store.record_draft(typo, make_draft(attempts=make_attempts("Dear Sophie, thanks")))
    store.record_event(typo, "accepted", draft_id=thanks)
    store.mark_sent(thanks, date(2026, 11, 12))
    fixed = store.record_interview(notes(decision_by="2026-11-16"), source_text="FIXED NOTES")
    store.record_draft(fixed, make_draft(Kind.STATUS_CHECK))
    return typo, fixed


def test_due_lists_the_typo_twice_until_merged(store: History) -> None:
    typo, fixed = typo_and_fix(store)
    before = plan.due(store, date(2026, 11, 13))
    assert [(i.interview_id, i.kind) for i in before.items] == [(fixed, Kind.THANK_YOU)]
    merged = store.merge(typo, fixed)
    assert (merged.old.id, merged.new.id) == (typo, fixed)
    assert (merged.drafts, merged.events, merged.sends) == (1, 2, 1)
    # Only the interview to keep is left, and it has the typo's drafts, events and send.
    assert [row.id for row in store.interviews()] == [fixed]
    detail = store.interview(fixed)
    assert detail.notes.company == "Bramley Kent LLP" and detail.source_text == "FIXED NOTES"
    assert sorted(d.kind for d in detail.drafts) == [Kind.STATUS_CHECK, Kind.THANK_YOU]
    assert detail.drafts[0].attempts == make_attempts("Dear Sophie, thanks")
    assert [(s.kind, s.sent_on) for s in detail.sends] == [(Kind.THANK_YOU, date(2026, 11, 12))]
    # The typo's notes are kept, not lost; the merge is recorded.
    actions = [e.action for e in detail.events]
    assert actions == ["accepted", "sent", "notes-updated", "merged"]
    kept = json.loads(detail.events[2].detail or "")
    assert kept["notes"]["company"] == "Bramely Kent LLP" and kept["merged_from"] == typo
    assert kept["source_text"] == "TYPO NOTES"
    assert f"interview {typo} (Paralegal at Bramely Kent LLP" in (detail.events[3].detail or "")
    # due now lists the kept interview once, with the thank-you done.
    after = plan.due(store, date(2026, 11, 19))
    assert [(i.interview_id, i.kind) for i in after.items] == [(fixed, Kind.STATUS_CHECK)]
    assert after.interviews == 1
    with pytest.raises(HistoryError, match=f"There is no interview {typo}"):
        store.interview(typo)


def test_merge_takes_an_answer_recorded_only_on_the_old_one(store: History) -> None:
    typo, fixed = typo_and_fix(store)
    store.set_outcome(typo, Outcome.REJECTED, date(2026, 11, 20), today=date(2026, 11, 20))
    merged = store.merge(typo, fixed)
    assert merged.outcome_taken
    row = store.interview_row(fixed)
    assert (row.outcome, row.outcome_on) == (Outcome.REJECTED, date(2026, 11, 20))
    # The kept interview's own answer wins over the old one's.
    other = store.record_interview(notes(company="Bramley Kent", decision_by="2026-11-16"))
    store.set_outcome(other, Outcome.OFFERED, date(2026, 11, 21), today=date(2026, 11, 21))
    assert not store.merge(other, fixed).outcome_taken
    assert store.interview_row(fixed).outcome is Outcome.REJECTED


def test_merge_refuses_itself_and_unknown_ids_and_changes_nothing(store: History) -> None:
    typo, fixed = typo_and_fix(store)
    counts = store.counts()
    for old, new, message in (
        (typo, typo, "cannot be merged into itself"),
        (typo, 99, "There is no interview 99"),
        (99, fixed, "There is no interview 99"),
    ):
        with pytest.raises(HistoryError, match=message):
            store.merge(old, new)
    assert store.counts() == counts


def test_a_merge_that_fails_halfway_changes_nothing(history_env: Path) -> None:
    """The last statement of the merge fails: the moves before it are rolled back."""
    with History.open(history_env) as opened:
        typo, fixed = typo_and_fix(opened)
    raw = sqlite3.connect(history_env)
    raw.executescript(
        "CREATE TRIGGER no_delete BEFORE DELETE ON interviews "
        "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END;"
    )
    raw.close()
    with History.open(history_env) as opened:
        before = {i: opened.interview(i).model_dump() for i in (typo, fixed)}
        with pytest.raises(HistoryError):
            opened.merge(typo, fixed)
        with pytest.raises(HistoryError):
            opened.forget(typo)
        assert {i: opened.interview(i).model_dump() for i in (typo, fixed)} == before


def test_forget_deletes_one_interview_and_everything_about_it(
    store: History, history_env: Path
) -> None:
    typo, fixed = typo_and_fix(store)
    store.record_interview(notes(company="Quokka Bramely Ltd"))  # kept: not the one forgotten
    assert b"TYPO NOTES" in raw_bytes(history_env)
    gone = store.forget(typo)
    assert (gone.interview.id, gone.drafts, gone.attempts, gone.events, gone.sends) == (
        typo,
        1,
        3,
        2,
        1,
    )
    assert sorted(row.id for row in store.interviews()) == [fixed, fixed + 1]
    assert store.counts() == {
        "interviews": 2,
        "drafts": 1,
        "events": 0,
        "sends": 0,
        "attempts": 0,
    }
    # Gone from the file too: its pasted notes and its company are nowhere on disk.
    disk = raw_bytes(history_env)
    assert b"TYPO NOTES" not in disk and b"Bramely Kent" not in disk
    assert b"FIXED NOTES" in disk and b"Quokka Bramely" in disk
    with pytest.raises(HistoryError, match=f"There is no interview {typo}"):
        store.forget(typo)
    assert [(i.interview_id, i.kind) for i in plan.due(store, date(2026, 11, 13)).items] == [
        (fixed, Kind.THANK_YOU),
        (fixed + 1, Kind.THANK_YOU),
    ]


# --- the commands -------------------------------------------------------------------------------


def test_history_merge_and_forget_commands(
    history_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with History.open(history_env) as opened:
        typo, fixed = typo_and_fix(opened)
        spare = opened.record_interview(notes(company="Northwind Health"))
    listed = json.loads(invoke("due", "--today", "2026-11-13", "-f", "json").stdout)
    assert sorted(i["interview_id"] for i in listed["items"]) == [fixed, spare]
    merged = invoke("history", "merge", str(typo), str(fixed))
    assert merged.exit_code == 0, merged.output
    assert f"Merged #{typo} into #{fixed}" in merged.stdout and "1 draft" in merged.stdout
    due = json.loads(invoke("due", "--today", "2026-11-19", "-f", "json").stdout)
    assert {i["interview_id"] for i in due["items"]} == {fixed, spare}
    assert all(i["kind"] != "thank-you" for i in due["items"] if i["interview_id"] == fixed)
    itself = invoke("history", "merge", str(fixed), str(fixed))
    assert itself.exit_code == 2 and "into itself" in itself.stderr

    refused = invoke("history", "forget", str(spare))
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    monkeypatch.setattr(cli_io, "interactive", lambda: True)
    declined = invoke("history", "forget", str(spare), stdin="n\n")
    assert declined.exit_code == 1 and "Nothing was deleted" in declined.stdout
    forgot = invoke("history", "forget", str(spare), "--yes")
    assert forgot.exit_code == 0 and f"Forgot #{spare}" in forgot.stdout, forgot.output
    assert [
        row["id"] for row in json.loads(invoke("history", "-f", "json").stdout)["interviews"]
    ] == [fixed]
    missing = invoke("history", "forget", "99", "--yes")
    assert missing.exit_code == 2 and "There is no interview 99" in missing.stderr
    for args in (["history", "forget"], ["history", "merge"]):
        shown = invoke(*args, "--help")
        assert shown.exit_code == 0 and "Examples:" in shown.stdout
