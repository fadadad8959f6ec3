"""The history in one SQLite file: every interview, draft version (with the model calls behind
it), user decision and send. `History.open(path)` creates, migrates and checks the file."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pydantic import ValidationError

import composer.history.corrections as corrections
import composer.history.mappers as mappers
import composer.history.sends as sends
from composer.history.checks import check_day
from composer.history.database import Database
from composer.history.errors import HistoryError, missing
from composer.history.paths import default_path
from composer.history.permissions import prepare_file
from composer.history.redaction import Redactor
from composer.history.rows import (
    DraftRow,
    Forgotten,
    InterviewDetail,
    InterviewRow,
    Merged,
    SendRow,
)
from composer.history.schema import TABLES
from composer.models import Attempt, Draft, InterviewNotes, Kind, Outcome


class History:
    """The SQLite `Store`; open with `History.open(path)`, use as a context manager."""

    def __init__(self, database: Database, redact: Redactor) -> None:
        self.path = database.path
        self._db = database
        self._redact = redact

    @classmethod
    def open(cls, path: Path, *, secrets: Iterable[str] = ()) -> History:
        """Open (creating and migrating as needed) the history at `path`.

        `secrets` (the configured API key) are blanked from every text written, as are
        bearer tokens and anything shaped like an OpenAI key.
        """
        path = Path(path)
        prepare_file(path, private_folder=path == default_path())
        return cls(Database.open(path), Redactor(secrets))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def record_interview(self, notes: InterviewNotes, source_text: str | None = None) -> int:
        """Add the interview, or update its notes; returns its id.

        An interview is the same when candidate, company, role (case aside) and date match.
        Replaced notes are kept in a 'notes-updated' event, so pasted notes are never lost. An
        outcome in the notes is taken when it is news; 'pending' never undoes a recorded one.
        """
        notes_json = self._redact.text(notes.model_dump_json())  # keys pasted into notes too
        source_text = self._redact(source_text)
        now = mappers.now()
        with self._db.write() as db:
            row = db.execute(
                "SELECT id, notes_json, source_text, outcome FROM interviews WHERE candidate = ?"
                " AND company = ? AND role = ? AND interview_date = ?",
                (notes.candidate, notes.company, notes.role, notes.interview_date.isoformat()),
            ).fetchone()
            if row is None:
                cursor = db.execute(
                    "INSERT INTO interviews (candidate, company, role, interview_date, "
                    "decision_by, outcome, outcome_on, notes_json, source_text, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        notes.candidate,
                        notes.company,
                        notes.role,
                        notes.interview_date.isoformat(),
                        mappers.iso(notes.decision_by),
                        notes.outcome.value,
                        None if notes.outcome is Outcome.PENDING else date.today().isoformat(),
                        notes_json,
                        source_text,
                        now,
                        now,
                    ),
                )
                interview_id = int(cursor.lastrowid or 0)
                if notes.outcome is not Outcome.PENDING:
                    detail = f"{notes.outcome.value} on {date.today().isoformat()} (from the notes)"
                    self._event(db, interview_id, "outcome", None, detail)
                return interview_id
            interview_id, old_json, old_source, old_outcome = row
            new_source = source_text if source_text is not None else old_source
            if old_json != notes_json or old_source != new_source:
                db.execute(
                    "INSERT INTO events (interview_id, action, detail, created_at) "
                    "VALUES (?, 'notes-updated', ?, ?)",
                    (
                        interview_id,
                        json.dumps({"notes": json.loads(old_json), "source_text": old_source}),
                        now,
                    ),
                )
            db.execute(
                "UPDATE interviews SET candidate = ?, company = ?, role = ?, decision_by = ?, "
                "notes_json = ?, source_text = ?, updated_at = ? WHERE id = ?",
                (
                    notes.candidate,
                    notes.company,
                    notes.role,
                    mappers.iso(notes.decision_by),
                    notes_json,
                    new_source,
                    now,
                    interview_id,
                ),
            )
            if notes.outcome is not Outcome.PENDING and notes.outcome.value != old_outcome:
                self._outcome(db, interview_id, notes.outcome, date.today(), "from the notes")
            return int(interview_id)

    def record_draft(self, interview_id: int, draft: Draft, *, status: str = "drafted") -> int:
        """Store one draft version (every version is a new row) and, with it, every model call
        in `draft.attempts` as it happened: messages sent, raw answer, parsed draft, findings,
        usage, seconds. One transaction: the draft is never stored without its attempts."""
        with self._db.write() as db:
            self._require(db, "interviews", interview_id)
            cursor = db.execute(
                mappers.INSERT_DRAFT,
                mappers.draft_values(interview_id, draft, status, self._redact, mappers.now()),
            )
            draft_id = int(cursor.lastrowid or 0)
            db.executemany(
                mappers.INSERT_ATTEMPT,
                [
                    mappers.attempt_values(draft_id, position, attempt, self._redact)
                    for position, attempt in enumerate(draft.attempts, 1)
                ],
            )
            return draft_id

    def record_event(
        self,
        interview_id: int,
        action: str,
        *,
        draft_id: int | None = None,
        detail: str | None = None,
    ) -> int:
        """Store a user decision (accepted, edited, regenerated, template, skipped, ...)."""
        if not action.strip():
            raise HistoryError("An event needs an action (accepted, edited, sent, ...).")
        with self._db.write() as db:
            self._require(db, "interviews", interview_id)
            if draft_id is not None:
                self._require(db, "drafts", draft_id)
            return self._event(db, interview_id, action.strip(), draft_id, self._redact(detail))

    def mark_sent(self, draft_id: int, on: date, *, today: date | None = None) -> SendRow:
        """Draft `draft_id` was sent on `on` (marking it again corrects the date).

        ImpossibleDateError when `on` is before the interview, after `today` (default: the
        clock's) by more than a day, or outside the dates composer can plan with.
        """
        with self._db.write() as db:
            return sends.mark_draft(db, self.path, draft_id, on, today or date.today())

    def mark_kind_sent(
        self, interview_id: int, kind: Kind, on: date, *, today: date | None = None
    ) -> SendRow:
        """The interview's `kind` message was sent on `on` ('composer sent 3 status-check'): its
        latest draft of that kind is marked sent, or, with none, a send without a draft is
        recorded (written outside composer). Dates are checked as in `mark_sent`."""
        with self._db.write() as db:
            return sends.mark_kind(db, self.path, interview_id, kind, on, today or date.today())

    def undo_send(
        self,
        *,
        draft_id: int | None = None,
        interview_id: int | None = None,
        kind: Kind | None = None,
    ) -> SendRow:
        """Take back a send marked by mistake: draft `draft_id`'s, else the latest of `kind` for
        `interview_id`, else (given nothing) the latest send recorded. Returns what was undone;
        a 'send-undone' event keeps it."""
        with self._db.write() as db:
            return sends.undo(
                db, self.path, draft_id=draft_id, interview_id=interview_id, kind=kind
            )

    def set_outcome(
        self, interview_id: int, outcome: Outcome, on: date, *, today: date | None = None
    ) -> None:
        """The employer's answer, heard on `on`; 'pending' clears an answer recorded by mistake.

        ImpossibleDateError when `on` is before the interview, after `today` (default: the
        clock's) by more than a day, or outside the dates composer can plan with.
        """
        with self._db.write() as db:
            company, interview = sends.interview_facts(db, self.path, interview_id)
            if outcome is not Outcome.PENDING:
                check_day(
                    on,
                    happened=f"the answer from {company} came",
                    interview=interview,
                    today=today or date.today(),
                )
            self._outcome(db, interview_id, outcome, on, None)

    def forget(self, interview_id: int) -> Forgotten:
        """Delete one interview with its drafts, attempts, events and sends, in one transaction,
        and scrub them from the file (deleted content is zeroed; the WAL is emptied)."""
        with self._db.write() as db:
            gone = corrections.forget(db, self.path, interview_id)
        self._db.checkpoint()
        return gone

    def merge(self, old_id: int, new_id: int) -> Merged:
        """Move the drafts, events and sends of interview `old_id` onto `new_id` (which keeps
        its notes; the old ones stay in a 'notes-updated' event) and delete `old_id`, in one
        transaction."""
        with self._db.write() as db:
            merged = corrections.merge(db, self.path, old_id, new_id)
        self._db.checkpoint()
        return merged

    def purge(self) -> None:
        """Delete every interview, draft, attempt, event and send, and scrub them from the file."""
        with self._db.write() as db:
            for table in TABLES:
                db.execute(f"DELETE FROM {table}")
        with self._db.outside_transaction() as db:
            # Deleted rows linger in free pages and in the WAL until rewritten: rewrite both.
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _outcome(
        self,
        db: sqlite3.Connection,
        interview_id: int,
        outcome: Outcome,
        on: date,
        why: str | None,
    ) -> None:
        heard = None if outcome is Outcome.PENDING else on.isoformat()
        db.execute(
            "UPDATE interviews SET outcome = ?, outcome_on = ?, updated_at = ? WHERE id = ?",
            (outcome.value, heard, mappers.now(), interview_id),
        )
        detail = f"{outcome.value} on {on.isoformat()}" + (f" ({why})" if why else "")
        self._event(db, interview_id, "outcome", None, detail)

    def _event(
        self,
        db: sqlite3.Connection,
        interview_id: int,
        action: str,
        draft_id: int | None,
        detail: str | None,
    ) -> int:
        return mappers.insert_event(db, interview_id, action, draft_id, detail)

    def _require(self, db: sqlite3.Connection, table: str, row_id: int) -> None:
        if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is None:
            raise self._missing("interview" if table == "interviews" else "draft", row_id)

    # -- reading ---------------------------------------------------------------------------------

    def interviews(self, company: str | None = None) -> list[InterviewRow]:
        """Tracked interviews, newest first; `company` matches any part of the name, any case."""
        query, args = mappers.SELECT_INTERVIEWS, ()
        if company and company.strip():
            escaped = re.sub(r"([\\%_])", r"\\\1", company.strip())
            query += " WHERE i.company LIKE ? ESCAPE '\\'"
            args = (f"%{escaped}%",)
        query += " ORDER BY i.interview_date DESC, i.id DESC"
        with self._db.read() as db:
            return [mappers.interview_row(row) for row in db.execute(query, args).fetchall()]

    def interview(self, interview_id: int) -> InterviewDetail:
        """One interview with its notes, every draft version (with its attempts), every event
        and every send."""
        with self._db.read() as db:
            row = db.execute(
                mappers.SELECT_INTERVIEWS + " WHERE i.id = ?", (interview_id,)
            ).fetchone()
            if row is None:
                raise self._missing("interview", interview_id)
            notes_json, source_text = db.execute(
                "SELECT notes_json, source_text FROM interviews WHERE id = ?", (interview_id,)
            ).fetchone()
            drafts = db.execute(
                mappers.SELECT_DRAFTS + " WHERE d.interview_id = ? ORDER BY d.id", (interview_id,)
            ).fetchall()
            attempts = self._attempts(
                db,
                " JOIN drafts d ON d.id = a.draft_id WHERE d.interview_id = ?",
                interview_id,
            )
            events = db.execute(
                mappers.SELECT_EVENTS + " WHERE interview_id = ? ORDER BY id", (interview_id,)
            ).fetchall()
            sends = db.execute(
                mappers.SELECT_SENDS + " WHERE interview_id = ? ORDER BY sent_on, id",
                (interview_id,),
            ).fetchall()
        base = mappers.interview_row(row)
        return InterviewDetail(
            interview=base,
            notes=self._notes(interview_id, notes_json, base.outcome),
            source_text=source_text,
            drafts=[mappers.draft_row(d, attempts.get(d[0])) for d in drafts],
            events=[mappers.event_row(e) for e in events],
            sends=[mappers.send_row(s) for s in sends],
        )

    def interview_row(self, interview_id: int) -> InterviewRow:
        """One interview as `interviews()` lists it."""
        with self._db.read() as db:
            row = db.execute(
                mappers.SELECT_INTERVIEWS + " WHERE i.id = ?", (interview_id,)
            ).fetchone()
        if row is None:
            raise self._missing("interview", interview_id)
        return mappers.interview_row(row)

    def draft(self, draft_id: int) -> DraftRow:
        """One stored draft version, with its attempts."""
        with self._db.read() as db:
            row = db.execute(mappers.SELECT_DRAFTS + " WHERE d.id = ?", (draft_id,)).fetchone()
            attempts = self._attempts(db, " WHERE a.draft_id = ?", draft_id)
        if row is None:
            raise self._missing("draft", draft_id)
        return mappers.draft_row(row, attempts.get(draft_id))

    def _attempts(self, db: sqlite3.Connection, where: str, key: int) -> dict[int, list[Attempt]]:
        """Attempts by draft id, each draft's in the order they were made."""
        found: dict[int, list[Attempt]] = {}
        query = mappers.SELECT_ATTEMPTS + where + " ORDER BY a.draft_id, a.position"
        for row in db.execute(query, (key,)).fetchall():
            draft_id, attempt = mappers.attempt_row(row)
            found.setdefault(draft_id, []).append(attempt)
        return found

    def notes(self, interview_id: int) -> InterviewNotes:
        """The notes of one interview, with the outcome as tracked."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT notes_json, outcome FROM interviews WHERE id = ?", (interview_id,)
            ).fetchone()
        if row is None:
            raise self._missing("interview", interview_id)
        return self._notes(interview_id, row[0], Outcome(row[1]))

    def _notes(self, interview_id: int, notes_json: str, outcome: Outcome) -> InterviewNotes:
        """The stored notes with the outcome as tracked (`composer outcome` wins over the file)."""
        try:
            notes = InterviewNotes.model_validate_json(notes_json)
        except ValidationError as exc:
            raise HistoryError(
                f"The notes of interview {interview_id} in {self.path} can no longer be read "
                f"({exc.error_count()} problem(s)); record them again from the notes file."
            ) from None
        return notes.model_copy(update={"outcome": outcome})

    def find(self, notes: InterviewNotes) -> int | None:
        """The id of the interview these notes describe, if it is tracked."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT id FROM interviews WHERE candidate = ? AND company = ? AND role = ? "
                "AND interview_date = ?",
                (notes.candidate, notes.company, notes.role, notes.interview_date.isoformat()),
            ).fetchone()
        return int(row[0]) if row else None

    def sent_kinds(self, interview_id: int) -> dict[Kind, date]:
        """The first day each kind of message was sent, for `make_plan(sent=...)`."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT kind, min(sent_on) FROM sends WHERE interview_id = ? GROUP BY kind",
                (interview_id,),
            ).fetchall()
        return {Kind(kind): date.fromisoformat(on) for kind, on in rows}

    def latest_drafts(self, interview_id: int) -> dict[Kind, int]:
        """The id of each kind's latest draft version: what 'composer sent ID KIND' marks."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT kind, max(id) FROM drafts WHERE interview_id = ? GROUP BY kind",
                (interview_id,),
            ).fetchall()
        return {Kind(kind): int(draft_id) for kind, draft_id in rows}

    def counts(self) -> dict[str, int]:
        """Rows per table (what a purge would delete)."""
        with self._db.read() as db:
            return {
                table: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in reversed(TABLES)
            }

    def _missing(self, what: str, row_id: int) -> HistoryError:
        return missing(self.path, what, row_id)
