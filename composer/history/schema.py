"""The history's schema, versioned with PRAGMA user_version, and the migrations between versions.

`MIGRATIONS[n - 1]` takes a database from version n - 1 to n. Each runs inside the write
transaction that bumps the version, so an upgrade happens whole or not at all, and two processes
never both run it. Append to change the schema; never edit a migration that has shipped.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from composer.history.errors import HistoryError

MIGRATIONS: list[tuple[str, ...]] = [
    # 1: the initial schema (composer 0.1).
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
    # 3: every model call behind a draft, as it happened (what was sent, what came back, what
    # the checker said), instead of a prompt re-rendered after the fact in drafts.prompt_json;
    # and prefix-cache hits. Rows written before keep prompt_json/response and no attempts.
    (
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            source TEXT NOT NULL,
            passed INTEGER NOT NULL,
            error TEXT,
            messages_json TEXT NOT NULL,
            raw TEXT,
            subject TEXT,
            body TEXT,
            findings_json TEXT NOT NULL,
            fixes_json TEXT NOT NULL,
            response_format TEXT,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            total_tokens INTEGER NOT NULL DEFAULT 0,
            cached_tokens INTEGER,
            seconds REAL NOT NULL DEFAULT 0,
            UNIQUE (draft_id, position)
        )""",
        "ALTER TABLE drafts ADD COLUMN cached_tokens INTEGER",
    ),
    # 4: a send may have no draft ('composer sent 3 status-check' for a message written outside
    # composer), and remembers the draft's status before, so 'composer sent --undo' restores
    # it. SQLite cannot drop NOT NULL from a column: the table is rebuilt, its rows copied.
    (
        """CREATE TABLE sends_v4 (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            draft_id INTEGER UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            sent_on TEXT NOT NULL,
            created_at TEXT NOT NULL,
            draft_status TEXT
        )""",
        "INSERT INTO sends_v4 (id, interview_id, draft_id, kind, sent_on, created_at) "
        "SELECT id, interview_id, draft_id, kind, sent_on, created_at FROM sends",
        "DROP TABLE sends",
        "ALTER TABLE sends_v4 RENAME TO sends",
        "CREATE INDEX sends_by_interview ON sends (interview_id)",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)
# What a purge deletes, children first.
TABLES = ("attempts", "sends", "events", "drafts", "interviews")


def version(db: sqlite3.Connection) -> int:
    """The schema version the file says it has (0: a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the database at `path` up to the current schema, one committed version at a time.

    A file from a newer composer is refused, not downgraded; a file with tables but no version
    is someone else's database (sqlite3.DatabaseError, which the store explains).
    """
    steps = MIGRATIONS  # read at call time: tests swap in a longer list
    current = version(db)
    if current > len(steps):
        raise HistoryError(
            f"The history database at {path} was written by a newer composer (schema "
            f"version {current}; this one knows {len(steps)}). Upgrade composer, or "
            f"point COMPOSER_HISTORY at another file."
        )
    while current < len(steps):
        db.execute("BEGIN IMMEDIATE")  # the one writer: a second process waits, then sees it done
        try:
            current = version(db)
            if current < len(steps):
                if current == 0 and _has_tables(db):
                    raise sqlite3.DatabaseError("file is not a composer history database")
                for statement in steps[current]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {current + 1}")
                current += 1
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _has_tables(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
    return bool(row.fetchone()[0])
