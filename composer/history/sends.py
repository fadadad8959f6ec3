"""Sends: a draft marked sent, an interview's message of one kind marked sent (its latest
draft, or no draft when the user wrote it outside composer), and undoing a send.

Each function runs inside the caller's write transaction, so a send and its event are stored
together or not at all. Every date is checked first (`checks.check_day`).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import composer.history.mappers as mappers
from composer.history.checks import check_day
from composer.history.errors import HistoryError, missing
from composer.history.rows import SendRow
from composer.models import Kind


def interview_facts(
    db: sqlite3.Connection, path: Path, interview_id: int
) -> tuple[str, date | None]:
    """The company and interview date of one interview (None when the date no longer reads)."""
    row = db.execute(
        "SELECT company, interview_date FROM interviews WHERE id = ?", (interview_id,)
    ).fetchone()
    if row is None:
        raise missing(path, "interview", interview_id)
    company, day = row
    try:
        return str(company), date.fromisoformat(day)
    except (TypeError, ValueError):  # nothing to compare with; the plan says what is wrong
        return str(company), None


def _send(db: sqlite3.Connection, send_id: int) -> SendRow:
    row = db.execute(mappers.SELECT_SENDS + " WHERE id = ?", (send_id,)).fetchone()
    return mappers.send_row(row)


def mark_draft(db: sqlite3.Connection, path: Path, draft_id: int, on: date, today: date) -> SendRow:
    """Draft `draft_id` went on `on`; marking it again corrects the date."""
    row = db.execute(
        "SELECT interview_id, kind, status FROM drafts WHERE id = ?", (draft_id,)
    ).fetchone()
    if row is None:
        raise missing(path, "draft", draft_id)
    interview_id, kind, status = row
    company, interview = interview_facts(db, path, interview_id)
    check_day(on, happened=f"the {kind} to {company} was sent", interview=interview, today=today)
    found = db.execute("SELECT id FROM sends WHERE draft_id = ?", (draft_id,)).fetchone()
    if found is not None:
        send_id = int(found[0])
        db.execute("UPDATE sends SET sent_on = ? WHERE id = ?", (on.isoformat(), send_id))
    else:
        cursor = db.execute(
            "INSERT INTO sends (interview_id, draft_id, kind, sent_on, created_at, draft_status) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (interview_id, draft_id, kind, on.isoformat(), mappers.now(), status),
        )
        send_id = int(cursor.lastrowid or 0)
    db.execute("UPDATE drafts SET status = 'sent' WHERE id = ?", (draft_id,))
    mappers.insert_event(db, interview_id, "sent", draft_id, on.isoformat())
    return _send(db, send_id)


def mark_kind(
    db: sqlite3.Connection, path: Path, interview_id: int, kind: Kind, on: date, today: date
) -> SendRow:
    """The interview's `kind` message went on `on`: its latest draft of that kind is marked
    sent, or, with none drafted, a send without a draft is recorded (marking it again
    corrects the date)."""
    company, interview = interview_facts(db, path, interview_id)
    latest = db.execute(
        "SELECT max(id) FROM drafts WHERE interview_id = ? AND kind = ?",
        (interview_id, kind.value),
    ).fetchone()[0]
    if latest is not None:
        return mark_draft(db, path, int(latest), on, today)
    check_day(on, happened=f"the {kind} to {company} was sent", interview=interview, today=today)
    found = db.execute(
        "SELECT max(id) FROM sends WHERE interview_id = ? AND kind = ? AND draft_id IS NULL",
        (interview_id, kind.value),
    ).fetchone()[0]
    if found is not None:
        send_id = int(found)
        db.execute("UPDATE sends SET sent_on = ? WHERE id = ?", (on.isoformat(), send_id))
    else:
        cursor = db.execute(
            "INSERT INTO sends (interview_id, draft_id, kind, sent_on, created_at) "
            "VALUES (?, NULL, ?, ?, ?)",
            (interview_id, kind.value, on.isoformat(), mappers.now()),
        )
        send_id = int(cursor.lastrowid or 0)
    detail = f"{kind} on {on.isoformat()}, written outside composer"
    mappers.insert_event(db, interview_id, "sent", None, detail)
    return _send(db, send_id)


def undo(
    db: sqlite3.Connection,
    path: Path,
    *,
    draft_id: int | None = None,
    interview_id: int | None = None,
    kind: Kind | None = None,
) -> SendRow:
    """Take back one send: draft `draft_id`'s; else the latest of `kind` for `interview_id`;
    else, given nothing, the latest send recorded. The draft gets its status back, and a
    'send-undone' event keeps what was undone."""
    if draft_id is not None:
        if db.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone() is None:
            raise missing(path, "draft", draft_id)
        where, args, which = " WHERE draft_id = ?", (draft_id,), f"draft {draft_id}"
    elif interview_id is not None and kind is not None:
        company, _ = interview_facts(db, path, interview_id)
        where, args = " WHERE interview_id = ? AND kind = ?", (interview_id, kind.value)
        which = f"the {kind} to {company} (interview {interview_id})"
    elif interview_id is None and kind is None:
        where, args, which = "", (), "any message"
    else:
        raise HistoryError("To undo a send, give the draft's id, or the interview's id and kind.")
    row = db.execute(mappers.SELECT_SENDS + where + " ORDER BY id DESC LIMIT 1", args).fetchone()
    if row is None:
        raise HistoryError(
            f"There is no send of {which} to undo in the history at {path}; "
            "'composer history show ID' lists an interview's sends."
        )
    send = mappers.send_row(row)
    before = db.execute("SELECT draft_status FROM sends WHERE id = ?", (send.id,)).fetchone()[0]
    db.execute("DELETE FROM sends WHERE id = ?", (send.id,))
    if send.draft_id is not None:
        db.execute(
            "UPDATE drafts SET status = ? WHERE id = ?",
            (before or _status_before(db, send.draft_id), send.draft_id),
        )
    detail = f"{send.kind} sent on {send.sent_on.isoformat()}"
    mappers.insert_event(db, send.interview_id, "send-undone", send.draft_id, detail)
    return send


def _status_before(db: sqlite3.Connection, draft_id: int) -> str:
    """For a send stored before composer kept the draft's status: 'accepted' if it was."""
    accepted = db.execute(
        "SELECT 1 FROM events WHERE draft_id = ? AND action = 'accepted'", (draft_id,)
    ).fetchone()
    return "accepted" if accepted else "drafted"
