"""The history: every interview, draft version, user decision and send, in one SQLite file.

Like the `llm` CLI's logs: an embedded database in the user's data folder (COMPOSER_HISTORY
moves it), opted out of with `--no-log` or COMPOSER_NO_LOG=1 (see `logging_enabled`).

- The schema is versioned with PRAGMA user_version; `MIGRATIONS[n - 1]` takes a database from
  version n - 1 to n, inside the same write transaction that bumps the version, so an upgrade
  either happens whole or not at all, and two processes never both run it.
- WAL journal, a busy timeout, and BEGIN IMMEDIATE for every write: one writer at a time,
  readers never blocked, and two composer runs writing at once neither fail nor corrupt it.
- A damaged or foreign file is a HistoryError that says where it is and how to move it aside.
- The file is created 0600 in a 0700 folder. No API key, header or environment is stored; as a
  last line of defence, the configured key is redacted from every text that is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from composer.errors import ComposerError
from composer.models import Draft, Finding, InterviewNotes, Kind, Outcome, Usage

__all__ = [
    "SCHEMA_VERSION",
    "DraftRow",
    "DueItem",
    "DueReport",
    "EventRow",
    "History",
    "HistoryError",
    "HistoryListing",
    "InterviewDetail",
    "InterviewRow",
    "SendRow",
    "due",
    "history_path",
    "logging_enabled",
]

BUSY_TIMEOUT_MS = 15_000
_TRUE = frozenset({"1", "true", "yes", "on"})


class HistoryError(ComposerError):
    """The history database cannot be opened, read or written; the message says what to do."""

    exit_code = 2


# --- where, and whether -------------------------------------------------------------------------


def default_path() -> Path:
    from platformdirs import user_data_dir  # lazy: only when the history is used

    return Path(user_data_dir("composer", appauthor=False)) / "history.db"


def history_path() -> Path:
    """COMPOSER_HISTORY when set, else history.db in the user's data folder."""
    override = os.environ.get("COMPOSER_HISTORY", "").strip()
    return Path(override).expanduser() if override else default_path()


def logging_enabled(no_log: bool) -> bool:
    """False with --no-log or COMPOSER_NO_LOG=1 (true/yes/on): then nothing is recorded."""
    if no_log:
        return False
    return os.environ.get("COMPOSER_NO_LOG", "").strip().lower() not in _TRUE


# --- schema -------------------------------------------------------------------------------------

# MIGRATIONS[0] is the initial schema (version 1); append, never edit, to change it.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """CREATE TABLE interviews (
            id INTEGER PRIMARY KEY,
            candidate TEXT NOT NULL COLLATE NOCASE,
            company TEXT NOT NULL COLLATE NOCASE,
            role TEXT NOT NULL COLLATE NOCASE,
            interview_date TEXT NOT NULL,
            decision_by TEXT,
            outcome TEXT NOT NULL DEFAULT 'pending',
            outcome_on TEXT,
            notes_json TEXT NOT NULL,
            source_text TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (candidate, company, role, interview_date)
        )""",
        """CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            model TEXT,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            prompt_json TEXT,
            response TEXT,
            findings_json TEXT NOT NULL,
            passed INTEGER NOT NULL,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            total_tokens INTEGER NOT NULL DEFAULT 0,
            fallback_reason TEXT,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            draft_id INTEGER REFERENCES drafts(id) ON DELETE SET NULL,
            action TEXT NOT NULL,
            detail TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE sends (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            draft_id INTEGER NOT NULL UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            sent_on TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX drafts_by_interview ON drafts (interview_id)",
        "CREATE INDEX events_by_interview ON events (interview_id)",
        "CREATE INDEX sends_by_interview ON sends (interview_id)",
    ),
    # 2: drafts remember their channel (email, or the phone script of a status check).
    ("ALTER TABLE drafts ADD COLUMN channel TEXT NOT NULL DEFAULT 'email'",),
]
SCHEMA_VERSION = len(MIGRATIONS)


# --- rows ---------------------------------------------------------------------------------------


class InterviewRow(BaseModel):
    """One tracked interview as `composer history` lists it."""

    id: int
    candidate: str
    company: str
    role: str
    interview_date: date
    decision_by: date | None = None
    outcome: Outcome
    outcome_on: date | None = None
    drafts: int = 0
    sent: int = 0
    created_at: datetime
    updated_at: datetime


class DraftRow(BaseModel):
    """One stored draft version, with where it came from and what it cost."""

    id: int
    interview_id: int
    kind: Kind
    channel: str = "email"
    source: str
    model: str | None = None
    subject: str
    body: str
    prompt: list[dict[str, Any]] | None = None
    response: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    passed: bool
    usage: Usage = Field(default_factory=Usage)
    fallback_reason: str | None = None
    status: str
    created_at: datetime
    sent_on: date | None = None


class EventRow(BaseModel):
    """A user decision: accepted, edited, regenerated, template, skipped, sent, outcome..."""

    id: int
    interview_id: int
    draft_id: int | None = None
    action: str
    detail: str | None = None
    created_at: datetime


class SendRow(BaseModel):
    id: int
    interview_id: int
    draft_id: int
    kind: Kind
    sent_on: date
    created_at: datetime


class InterviewDetail(BaseModel):
    """`composer history show`: the notes (outcome as tracked), every version, every decision."""

    interview: InterviewRow
    notes: InterviewNotes
    source_text: str | None = None
    drafts: list[DraftRow] = Field(default_factory=list)
    events: list[EventRow] = Field(default_factory=list)
    sends: list[SendRow] = Field(default_factory=list)


class HistoryListing(BaseModel):
    """`composer history --format json`."""

    database: str
    interviews: list[InterviewRow]


class DueItem(BaseModel):
    """One follow-up to act on now, for `composer due`."""

    interview_id: int
    candidate: str
    company: str
    role: str
    kind: Kind
    title: str
    opens: date
    due: date | None
    status: str
    overdue_days: int = 0
    note: str = ""


class DueReport(BaseModel):
    """`composer due --format json`: what is due or overdue today, and what comes next."""

    today: date
    interviews: int
    items: list[DueItem]
    upcoming: DueItem | None = None
    warnings: list[str] = Field(default_factory=list)


# --- the store ----------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _secret_patterns() -> list[re.Pattern[str]]:
    patterns = [
        re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}"),
        re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),
    ]
    key = os.environ.get("OPENAI_API_KEY", "").strip()
    if len(key) >= 8:
        patterns.insert(0, re.compile(re.escape(key)))
    return patterns


def _redact(text: str | None) -> str | None:
    """Never store a key: the configured one and anything shaped like one is blanked."""
    if not text:
        return text
    for pattern in _secret_patterns():
        text = pattern.sub("[redacted]", text)
    return text


def _quoted(path: Path) -> str:
    return shlex.quote(str(path)) if os.name != "nt" else f'"{path}"'


class History:
    """The history database; open with `History.open()`, use as a context manager."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> History:
        """Open (creating and migrating as needed) the history at `path` or `history_path()`."""
        path = Path(path) if path is not None else history_path()
        _prepare_file(path, private_folder=path == default_path())
        try:
            connection = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise HistoryError(f"Cannot open the history database at {path}: {exc}.") from None
        store = cls(path, connection)
        try:
            store._setup()
        except BaseException:
            connection.close()
            raise
        return store

    def _setup(self) -> None:
        with self._errors():
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._retry(self._use_wal)
            self._retry(self._quick_check)
            self._migrate()

    def _use_wal(self) -> None:
        """WAL, once per file (it persists): readers never wait for the one writer."""
        mode = str(self._db.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        if mode != "wal":
            # Stays in the old mode on a file system without shared memory; still correct.
            self._db.execute("PRAGMA journal_mode = WAL").fetchone()

    def _quick_check(self) -> None:
        check = [row[0] for row in self._db.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check[0]})")

    @staticmethod
    def _retry(action: Callable[[], None]) -> None:
        """Run `action`, waiting out a lock that SQLite reports without calling its busy
        handler (switching to WAL while another run opens the file, or WAL recovery)."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.002
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                lowered = str(exc).lower()
                if ("locked" not in lowered and "busy" not in lowered) or (
                    time.monotonic() > deadline
                ):
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"The history database at {self.path} was written by a newer composer (schema "
                f"version {version}; this one knows {SCHEMA_VERSION}). Upgrade composer, or "
                f"point COMPOSER_HISTORY at another file."
            )
        while version < SCHEMA_VERSION:
            with self._write():
                version = self._version()  # another process may have just migrated it
                if version >= SCHEMA_VERSION:
                    break
                if version == 0 and self._has_tables():
                    raise sqlite3.DatabaseError("file is not a composer history database")
                for statement in MIGRATIONS[version]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")
            version += 1

    def _version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _has_tables(self) -> bool:
        row = self._db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        return bool(row.fetchone()[0])

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and errors -----------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """sqlite3 errors as HistoryError: damaged, locked, read-only or full."""
        try:
            yield
        except HistoryError:
            raise
        except sqlite3.Error as exc:
            raise self._explain(exc) from None

    def _explain(self, exc: sqlite3.Error) -> HistoryError:
        text = str(exc)
        lowered = text.lower()
        if "locked" in lowered or "busy" in lowered:
            return HistoryError(
                f"The history database at {self.path} is busy: another composer kept it "
                f"locked for over {BUSY_TIMEOUT_MS // 1000} s. Try again in a moment."
            )
        if "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
            return HistoryError(
                f"Cannot write the history database at {self.path} ({text}). Check its "
                "permissions, set COMPOSER_HISTORY to another file, or use --no-log."
            )
        if "disk is full" in lowered or "disk i/o" in lowered:
            return HistoryError(f"Cannot write the history database at {self.path}: {text}.")
        aside = self.path.with_name(self.path.name + ".damaged")
        return HistoryError(
            f"The history database at {self.path} is damaged or is not a composer history "
            f"({text}). Move it aside and composer starts a new one: "
            f"mv {_quoted(self.path)} {_quoted(aside)}  (or set COMPOSER_HISTORY to another "
            "file, or use --no-log)."
        )

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the single writer lock up front."""
        with self._lock, self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction, so several SELECTs see the same snapshot."""
        with self._lock, self._errors():
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------------

    def record_interview(self, notes: InterviewNotes, source_text: str | None = None) -> int:
        """Add the interview, or update its notes; returns its id.

        An interview is the same when candidate, company, role (case aside) and date match.
        Replaced notes are kept in a 'notes-updated' event, so pasted notes are never lost. An
        outcome in the notes is taken when it is news; 'pending' never undoes a recorded one.
        """
        notes_json = notes.model_dump_json()
        source_text = _redact(source_text)
        now = _now()
        with self._write() as db:
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
                        _iso(notes.decision_by),
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
                    _iso(notes.decision_by),
                    notes_json,
                    new_source,
                    now,
                    interview_id,
                ),
            )
            if notes.outcome is not Outcome.PENDING and notes.outcome.value != old_outcome:
                self._outcome(db, interview_id, notes.outcome, date.today(), "from the notes")
            return int(interview_id)

    def record_draft(
        self,
        interview_id: int,
        draft: Draft,
        *,
        prompt: list[dict[str, str]] | None = None,
        response: str | None = None,
        status: str = "drafted",
    ) -> int:
        """Store one draft version (every version is a new row); returns its id."""
        prompt_json = None
        if prompt is not None:
            prompt_json = _redact(
                json.dumps(
                    [{"role": m.get("role"), "content": m.get("content")} for m in prompt],
                    default=str,
                )
            )
        channel = getattr(draft, "channel", None) or "email"
        with self._write() as db:
            self._require(db, "interviews", interview_id)
            cursor = db.execute(
                "INSERT INTO drafts (interview_id, kind, channel, source, model, subject, body, "
                "prompt_json, response, findings_json, passed, prompt_tokens, "
                "completion_tokens, total_tokens, fallback_reason, status, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    interview_id,
                    draft.kind.value,
                    str(getattr(channel, "value", channel)),
                    str(getattr(draft.source, "value", draft.source)),
                    draft.model,
                    _redact(draft.subject) or "",
                    _redact(draft.body) or "",
                    prompt_json,
                    _redact(response),
                    json.dumps([f.model_dump(mode="json") for f in draft.report.findings]),
                    int(draft.report.passed),
                    draft.usage.prompt_tokens,
                    draft.usage.completion_tokens,
                    draft.usage.total_tokens,
                    _redact(draft.fallback_reason),
                    status,
                    _now(),
                ),
            )
            return int(cursor.lastrowid or 0)

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
        with self._write() as db:
            self._require(db, "interviews", interview_id)
            if draft_id is not None:
                self._require(db, "drafts", draft_id)
            return self._event(db, interview_id, action.strip(), draft_id, _redact(detail))

    def mark_sent(self, draft_id: int, on: date) -> None:
        """Draft `draft_id` was sent on `on` (marking it again corrects the date)."""
        with self._write() as db:
            row = db.execute(
                "SELECT interview_id, kind FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            if row is None:
                raise self._missing("draft", draft_id)
            interview_id, kind = row
            db.execute(
                "INSERT INTO sends (interview_id, draft_id, kind, sent_on, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (draft_id) DO UPDATE SET "
                "sent_on = excluded.sent_on",
                (interview_id, draft_id, kind, on.isoformat(), _now()),
            )
            db.execute("UPDATE drafts SET status = 'sent' WHERE id = ?", (draft_id,))
            self._event(db, interview_id, "sent", draft_id, on.isoformat())

    def set_outcome(self, interview_id: int, outcome: Outcome, on: date) -> None:
        """The employer's answer, heard on `on`; 'pending' clears an answer recorded by mistake."""
        with self._write() as db:
            self._require(db, "interviews", interview_id)
            self._outcome(db, interview_id, outcome, on, None)

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
            (outcome.value, heard, _now(), interview_id),
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
        cursor = db.execute(
            "INSERT INTO events (interview_id, draft_id, action, detail, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (interview_id, draft_id, action, detail, _now()),
        )
        return int(cursor.lastrowid or 0)

    def _require(self, db: sqlite3.Connection, table: str, row_id: int) -> None:
        if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is None:
            raise self._missing("interview" if table == "interviews" else "draft", row_id)

    def purge(self) -> None:
        """Delete every interview, draft, event and send, and scrub them from the file."""
        with self._write() as db:
            for table in ("sends", "events", "drafts", "interviews"):
                db.execute(f"DELETE FROM {table}")
        with self._lock, self._errors():
            # Deleted rows linger in free pages and in the WAL until rewritten: rewrite both.
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- reading ---------------------------------------------------------------------------------

    _LIST = (
        "SELECT i.id, i.candidate, i.company, i.role, i.interview_date, i.decision_by, "
        "i.outcome, i.outcome_on, i.created_at, i.updated_at, "
        "(SELECT count(*) FROM drafts d WHERE d.interview_id = i.id), "
        "(SELECT count(*) FROM sends s WHERE s.interview_id = i.id) FROM interviews i"
    )

    _DRAFTS = (
        "SELECT d.id, d.interview_id, d.kind, d.channel, d.source, d.model, d.subject, d.body, "
        "d.prompt_json, d.response, d.findings_json, d.passed, d.prompt_tokens, "
        "d.completion_tokens, d.total_tokens, d.fallback_reason, d.status, d.created_at, "
        "s.sent_on FROM drafts d LEFT JOIN sends s ON s.draft_id = d.id"
    )

    def interviews(self, company: str | None = None) -> list[InterviewRow]:
        """Tracked interviews, newest first; `company` matches any part of the name, any case."""
        query, args = self._LIST, ()
        if company and company.strip():
            escaped = re.sub(r"([\\%_])", r"\\\1", company.strip())
            query += " WHERE i.company LIKE ? ESCAPE '\\'"
            args = (f"%{escaped}%",)
        query += " ORDER BY i.interview_date DESC, i.id DESC"
        with self._read() as db:
            return [_interview_row(row) for row in db.execute(query, args).fetchall()]

    def interview(self, interview_id: int) -> InterviewDetail:
        """One interview with its notes, every draft version, every event and every send."""
        with self._read() as db:
            row = db.execute(self._LIST + " WHERE i.id = ?", (interview_id,)).fetchone()
            if row is None:
                raise self._missing("interview", interview_id)
            notes_json, source_text = db.execute(
                "SELECT notes_json, source_text FROM interviews WHERE id = ?", (interview_id,)
            ).fetchone()
            drafts = db.execute(
                self._DRAFTS + " WHERE d.interview_id = ? ORDER BY d.id", (interview_id,)
            ).fetchall()
            events = db.execute(
                "SELECT id, interview_id, draft_id, action, detail, created_at FROM events "
                "WHERE interview_id = ? ORDER BY id",
                (interview_id,),
            ).fetchall()
            sends = db.execute(
                "SELECT id, interview_id, draft_id, kind, sent_on, created_at FROM sends "
                "WHERE interview_id = ? ORDER BY sent_on, id",
                (interview_id,),
            ).fetchall()
        base = _interview_row(row)
        return InterviewDetail(
            interview=base,
            notes=self._notes(interview_id, notes_json, base.outcome),
            source_text=source_text,
            drafts=[_draft_row(d) for d in drafts],
            events=[EventRow(**dict(zip(EventRow.model_fields, e, strict=True))) for e in events],
            sends=[SendRow(**dict(zip(SendRow.model_fields, s, strict=True))) for s in sends],
        )

    def interview_row(self, interview_id: int) -> InterviewRow:
        """One interview as `interviews()` lists it."""
        with self._read() as db:
            row = db.execute(self._LIST + " WHERE i.id = ?", (interview_id,)).fetchone()
        if row is None:
            raise self._missing("interview", interview_id)
        return _interview_row(row)

    def draft(self, draft_id: int) -> DraftRow:
        """One stored draft version."""
        with self._read() as db:
            row = db.execute(self._DRAFTS + " WHERE d.id = ?", (draft_id,)).fetchone()
        if row is None:
            raise self._missing("draft", draft_id)
        return _draft_row(row)

    def _missing(self, what: str, row_id: int) -> HistoryError:
        where = "'composer history' lists the interviews"
        if what == "draft":
            where = "'composer history show ID' lists an interview's drafts"
        return HistoryError(f"There is no {what} {row_id} in the history at {self.path}; {where}.")

    def notes(self, interview_id: int) -> InterviewNotes:
        """The notes of one interview, with the outcome as tracked."""
        with self._lock, self._errors():
            row = self._db.execute(
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
        with self._lock, self._errors():
            row = self._db.execute(
                "SELECT id FROM interviews WHERE candidate = ? AND company = ? AND role = ? "
                "AND interview_date = ?",
                (notes.candidate, notes.company, notes.role, notes.interview_date.isoformat()),
            ).fetchone()
        return int(row[0]) if row else None

    def sent_kinds(self, interview_id: int) -> dict[Kind, date]:
        """The first day each kind of message was sent, for `make_plan(sent=...)`."""
        with self._lock, self._errors():
            rows = self._db.execute(
                "SELECT kind, min(sent_on) FROM sends WHERE interview_id = ? GROUP BY kind",
                (interview_id,),
            ).fetchall()
        return {Kind(kind): date.fromisoformat(on) for kind, on in rows}

    def counts(self) -> dict[str, int]:
        """Rows per table (what a purge would delete)."""
        with self._read() as db:
            return {
                table: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("interviews", "drafts", "events", "sends")
            }


def due(store: History, today: date) -> DueReport:
    """Across every tracked interview: the follow-ups due or overdue on `today`, and the next."""
    from composer.plan import Status, make_plan

    rows = store.interviews()
    items: list[DueItem] = []
    upcoming: list[DueItem] = []
    warnings: list[str] = []
    for row in rows:
        try:
            detail_notes = store.notes(row.id)
        except HistoryError as exc:
            warnings.append(exc.message)
            continue
        plan = make_plan(
            detail_notes, today, sent=store.sent_kinds(row.id), outcome_on=row.outcome_on
        )
        for step in plan.steps:
            if step.kind is None or step.status not in (
                Status.DUE,
                Status.OVERDUE,
                Status.UPCOMING,
            ):
                continue
            item = DueItem(
                interview_id=row.id,
                candidate=row.candidate,
                company=row.company,
                role=row.role,
                kind=step.kind,
                title=step.title,
                opens=step.opens,
                due=step.due,
                status=step.status.value,
                overdue_days=(today - step.due).days
                if step.status is Status.OVERDUE and step.due
                else 0,
                note=step.note,
            )
            (upcoming if step.status is Status.UPCOMING else items).append(item)
    items.sort(key=lambda i: (i.due or i.opens, i.company.lower(), i.interview_id))
    upcoming.sort(key=lambda i: (i.opens, i.company.lower(), i.interview_id))
    return DueReport(
        today=today,
        interviews=len(rows),
        items=items,
        upcoming=upcoming[0] if upcoming else None,
        warnings=warnings,
    )


# --- helpers ------------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _interview_row(row: Any) -> InterviewRow:
    (
        iid,
        candidate,
        company,
        role,
        day,
        decision,
        outcome,
        heard,
        created,
        updated,
        drafts,
        sent,
    ) = row
    return InterviewRow(
        id=iid,
        candidate=candidate,
        company=company,
        role=role,
        interview_date=day,
        decision_by=decision,
        outcome=outcome,
        outcome_on=heard,
        drafts=drafts,
        sent=sent,
        created_at=created,
        updated_at=updated,
    )


def _draft_row(row: Any) -> DraftRow:
    (
        did,
        iid,
        kind,
        channel,
        source,
        model,
        subject,
        body,
        prompt,
        response,
        findings,
        passed,
        p_tokens,
        c_tokens,
        t_tokens,
        reason,
        status,
        created,
        sent_on,
    ) = row
    return DraftRow(
        id=did,
        interview_id=iid,
        kind=kind,
        channel=channel,
        source=source,
        model=model,
        subject=subject,
        body=body,
        prompt=json.loads(prompt) if prompt else None,
        response=response,
        findings=json.loads(findings),
        passed=bool(passed),
        usage=Usage(prompt_tokens=p_tokens, completion_tokens=c_tokens, total_tokens=t_tokens),
        fallback_reason=reason,
        status=status,
        created_at=created,
        sent_on=sent_on,
    )


def _prepare_file(path: Path, private_folder: bool) -> None:
    """Create the folder (0700) and an empty database file (0600) before SQLite opens it."""
    folder = path.parent
    try:
        if path.is_dir():
            raise HistoryError(
                f"The history path {path} is a folder; set COMPOSER_HISTORY to a file path "
                "such as ~/composer-history.db."
            )
        try:
            folder.mkdir(parents=True, mode=0o700)
        except FileExistsError:  # already there (perhaps made a moment ago by another run)
            if private_folder:
                with contextlib.suppress(OSError):
                    os.chmod(folder, 0o700)
        else:
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            with contextlib.suppress(OSError):
                if path.stat().st_mode & 0o077:
                    os.chmod(path, 0o600)
        else:
            os.close(fd)
            os.chmod(path, 0o600)
    except HistoryError:
        raise
    except OSError as exc:
        raise HistoryError(
            f"Cannot create the history database at {path}: {exc.strerror or exc}. Set "
            "COMPOSER_HISTORY to a writable file, or use --no-log."
        ) from None


class Recorder:
    """What one command records: the interview first (before any model call, so pasted notes
    are never lost), then each draft version and each decision. `Recorder.start` returns a
    recorder that records nothing with --no-log."""

    def __init__(self, store: History | None = None, interview_id: int | None = None) -> None:
        self.store = store
        self.interview_id = interview_id

    @classmethod
    def start(cls, notes: InterviewNotes, source_text: str | None, no_log: bool) -> Recorder:
        if not logging_enabled(no_log):
            return cls()
        store = History.open()
        try:
            return cls(store, store.record_interview(notes, source_text))
        except BaseException:
            store.close()
            raise

    def tracked(self, notes: InterviewNotes) -> InterviewNotes:
        """The notes with the outcome the history knows ('composer outcome' wins over the file)."""
        if self.store is None or self.interview_id is None:
            return notes
        outcome = self.store.interview_row(self.interview_id).outcome
        return notes if outcome is notes.outcome else notes.model_copy(update={"outcome": outcome})

    def outcome_on(self) -> date | None:
        if self.store is None or self.interview_id is None:
            return None
        return self.store.interview_row(self.interview_id).outcome_on

    def sent(self) -> dict[Kind, date]:
        if self.store is None or self.interview_id is None:
            return {}
        return self.store.sent_kinds(self.interview_id)

    def draft(
        self,
        draft: Draft,
        status: str = "drafted",
        *,
        prompt: list[dict[str, str]] | None = None,
        response: str | None = None,
    ) -> int | None:
        if self.store is None or self.interview_id is None:
            return None
        return self.store.record_draft(
            self.interview_id, draft, prompt=prompt, response=response, status=status
        )

    def event(self, action: str, draft_id: int | None, detail: str | None = None) -> None:
        if self.store is not None and self.interview_id is not None:
            self.store.record_event(self.interview_id, action, draft_id=draft_id, detail=detail)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Tracked(BaseModel):
    """What the history knows about one set of notes, for `plan`."""

    notes: InterviewNotes
    sent: dict[Kind, date] = Field(default_factory=dict)
    outcome_on: date | None = None


def lookup(notes: InterviewNotes, no_log: bool) -> Tracked:
    """Read-only: the notes with their tracked outcome and sends; the notes as given otherwise.

    Never creates the database, and a damaged one only costs the extra facts, not the plan.
    """
    if not logging_enabled(no_log) or not history_path().exists():
        return Tracked(notes=notes)
    try:
        with History.open() as store:
            found = store.find(notes)
            if found is None:
                return Tracked(notes=notes)
            row = store.interview_row(found)
            return Tracked(
                notes=notes.model_copy(update={"outcome": row.outcome}),
                sent=store.sent_kinds(found),
                outcome_on=row.outcome_on,
            )
    except HistoryError:
        return Tracked(notes=notes)
