"""One SQLite connection set up for the history, and its transactions.

- WAL journal, a busy timeout, and BEGIN IMMEDIATE for every write: one writer at a time,
  readers never blocked, and two composer runs writing at once neither fail nor corrupt it.
- Every sqlite3 error comes out as a HistoryError that says what happened and what to do: a
  damaged or foreign file says where it is and how to move it aside.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from composer.history.errors import HistoryError
from composer.history.paths import quoted
from composer.history.schema import migrate

BUSY_TIMEOUT_MS = 15_000
MAX_INTEGER = 2**63 - 1  # SQLite's largest INTEGER


class Database:
    """An open, migrated history file; `write()` and `read()` are its transactions."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.connection = connection
        self.lock = threading.RLock()

    @classmethod
    def open(cls, path: Path) -> Database:
        """Connect to `path` (which exists), switch it to WAL, check it and migrate it."""
        try:
            connection = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise HistoryError(f"Cannot open the history database at {path}: {exc}.") from None
        database = cls(path, connection)
        try:
            with database.errors():
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.execute("PRAGMA foreign_keys = ON")
                connection.execute("PRAGMA synchronous = NORMAL")
                # Deleted rows (forget, merge, undo) are zeroed, not left in free pages.
                connection.execute("PRAGMA secure_delete = ON")
                retry_locked(database.use_wal)
                retry_locked(database.quick_check)
                migrate(connection, path)
        except BaseException:
            connection.close()
            raise
        return database

    def use_wal(self) -> None:
        """WAL, once per file (it persists): readers never wait for the one writer."""
        mode = str(self.connection.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        if mode != "wal":
            # Stays in the old mode on a file system without shared memory; still correct.
            self.connection.execute("PRAGMA journal_mode = WAL").fetchone()

    def quick_check(self) -> None:
        """A damaged file fails here, when it is opened, not halfway through a write."""
        check = [row[0] for row in self.connection.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check[0]})")

    def close(self) -> None:
        with self.lock, contextlib.suppress(sqlite3.Error):
            self.connection.close()

    # -- transactions and errors -----------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the single writer lock up front."""
        with self.lock, self.errors():
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction, so several SELECTs see the same snapshot."""
        with self.lock, self.errors():
            self.connection.execute("BEGIN")
            try:
                yield self.connection
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self.connection.execute("COMMIT")

    @contextlib.contextmanager
    def outside_transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection for statements that cannot run in a transaction (VACUUM)."""
        with self.lock, self.errors():
            yield self.connection

    def checkpoint(self) -> None:
        """Copy the WAL into the file and empty it, so deleted rows are gone from both. Best
        effort: with another run reading, SQLite copies what it can and the rest goes later."""
        with self.lock, self.errors():
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """sqlite3 errors as HistoryError: damaged, locked, read-only or full."""
        try:
            yield
        except HistoryError:
            raise
        except sqlite3.Error as exc:
            raise self.explain(exc) from None
        except OverflowError:
            # sqlite3 cannot even look up a number past SQLite's INTEGER: no id is that large.
            raise HistoryError(
                f"That number is too large for the history at {self.path}: no id (or count) "
                f"there goes past {MAX_INTEGER}. 'composer history' lists the interviews."
            ) from None

    def explain(self, exc: sqlite3.Error) -> HistoryError:
        """What a user reads for an sqlite3 error, with what to do about it."""
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
            f"mv {quoted(self.path)} {quoted(aside)}  (or set COMPOSER_HISTORY to another "
            "file, or use --no-log)."
        )


def retry_locked(action: Callable[[], None]) -> None:
    """Run `action`, waiting out a lock that SQLite reports without calling its busy handler
    (switching to WAL while another run opens the file, or WAL recovery)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.002
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            lowered = str(exc).lower()
            if ("locked" not in lowered and "busy" not in lowered) or (time.monotonic() > deadline):
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
