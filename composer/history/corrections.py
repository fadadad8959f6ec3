"""Correcting the history: forget one interview, or merge a duplicate into the right one (a
typo fixed in the notes made a second interview). Each runs inside the caller's write
transaction, so it happens whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import composer.history.mappers as mappers
from composer.history.errors import HistoryError, missing
from composer.history.rows import Forgotten, InterviewRow, Merged
from composer.models import Outcome


def interview(db: sqlite3.Connection, path: Path, interview_id: int) -> InterviewRow:
    """One interview row, or the 'there is no interview' error."""
    row = db.execute(mappers.SELECT_INTERVIEWS + " WHERE i.id = ?", (interview_id,)).fetchone()
    if row is None:
        raise missing(path, "interview", interview_id)
    return mappers.interview_row(row)


def _count(db: sqlite3.Connection, query: str, interview_id: int) -> int:
    return int(db.execute(query, (interview_id,)).fetchone()[0])


def forget(db: sqlite3.Connection, path: Path, interview_id: int) -> Forgotten:
    """Delete one interview with its drafts, attempts, events and sends."""
    row = interview(db, path, interview_id)
    in_drafts = "(SELECT id FROM drafts WHERE interview_id = ?)"
    gone = Forgotten(
        interview=row,
        drafts=_count(db, "SELECT count(*) FROM drafts WHERE interview_id = ?", interview_id),
        attempts=_count(
            db, f"SELECT count(*) FROM attempts WHERE draft_id IN {in_drafts}", interview_id
        ),
        events=_count(db, "SELECT count(*) FROM events WHERE interview_id = ?", interview_id),
        sends=_count(db, "SELECT count(*) FROM sends WHERE interview_id = ?", interview_id),
    )
    # Children first, by name: the schema cascades too, but this does not rely on it.
    db.execute(f"DELETE FROM attempts WHERE draft_id IN {in_drafts}", (interview_id,))
    for table in ("sends", "events", "drafts"):
        db.execute(f"DELETE FROM {table} WHERE interview_id = ?", (interview_id,))
    db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
    return gone


def merge(db: sqlite3.Connection, path: Path, old_id: int, new_id: int) -> Merged:
    """Move the drafts, events and sends of `old_id` onto `new_id` and delete `old_id`.

    The new interview keeps its notes; the old notes are kept in a 'notes-updated' event, so
    nothing pasted is lost. An answer recorded only on the old one moves too.
    """
    if old_id == new_id:
        raise HistoryError(
            f"Interview {old_id} cannot be merged into itself; give the duplicate's id, then "
            "the id to keep ('composer history' lists them)."
        )
    old, new = interview(db, path, old_id), interview(db, path, new_id)
    notes_json, source_text = db.execute(
        "SELECT notes_json, source_text FROM interviews WHERE id = ?", (old_id,)
    ).fetchone()
    moved = {
        table: _count(db, f"SELECT count(*) FROM {table} WHERE interview_id = ?", old_id)
        for table in ("drafts", "events", "sends")
    }
    for table in moved:
        db.execute(f"UPDATE {table} SET interview_id = ? WHERE interview_id = ?", (new_id, old_id))
    taken = new.outcome is Outcome.PENDING and old.outcome is not Outcome.PENDING
    if taken:
        db.execute(
            "UPDATE interviews SET outcome = ?, outcome_on = ? WHERE id = ?",
            (old.outcome.value, mappers.iso(old.outcome_on), new_id),
        )
    db.execute("UPDATE interviews SET updated_at = ? WHERE id = ?", (mappers.now(), new_id))
    kept = {"notes": json.loads(notes_json), "source_text": source_text, "merged_from": old_id}
    mappers.insert_event(db, new_id, "notes-updated", None, json.dumps(kept))
    detail = (
        f"interview {old_id} ({old.role} at {old.company}, {old.interview_date.isoformat()}) "
        f"merged into this one: {moved['drafts']} draft(s), {moved['events']} event(s), "
        f"{moved['sends']} send(s)" + (f"; its outcome ({old.outcome})" if taken else "")
    )
    mappers.insert_event(db, new_id, "merged", None, detail)
    db.execute("DELETE FROM interviews WHERE id = ?", (old_id,))
    return Merged(
        old=old,
        new=interview(db, path, new_id),
        drafts=moved["drafts"],
        events=moved["events"],
        sends=moved["sends"],
        outcome_taken=taken,
    )
