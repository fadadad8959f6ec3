"""The history: every interview, draft version (with the model calls behind it), user decision
and send, in one SQLite file.

Like the `llm` CLI's logs: an embedded database in the user's data folder. Nothing here reads
the environment: the CLI passes the path (COMPOSER_HISTORY), whether to record (--no-log) and
the key to blank from what is stored.

- `paths`: where the file lives; `permissions`: 0600 in a 0700 folder.
- `schema`: the tables and the migrations between versions (PRAGMA user_version).
- `database`: the connection, WAL, transactions, and sqlite3 errors as HistoryError.
- `rows`: the models read back; `mappers`: rows to models and back; `redaction`: no keys.
- `store`: the `Store` protocol; `sqlite`: `History`, the SQLite store.
- `sends`: marking sent (a draft, or an interview's kind) and undoing it; `checks`: the dates
  a send or an answer cannot have; `corrections`: forget one interview, merge a duplicate.
- `recorder`: the `Recorder` protocol, `HistoryRecorder`, `NullRecorder`, `open_recorder`.
- `lookup`: read-only facts for `composer plan`.
"""

from __future__ import annotations

from composer.history.errors import HistoryError, ImpossibleDateError
from composer.history.lookup import Tracked, lookup
from composer.history.paths import default_path, history_path
from composer.history.recorder import HistoryRecorder, NullRecorder, Recorder, open_recorder
from composer.history.rows import (
    DraftRow,
    EventRow,
    Forgotten,
    HistoryListing,
    InterviewDetail,
    InterviewRow,
    Merged,
    SendRow,
)
from composer.history.schema import MIGRATIONS, SCHEMA_VERSION
from composer.history.sqlite import History
from composer.history.store import Store

# due() lives with the plan logic it applies; re-exported here for its callers.
from composer.plan import DueItem, DueReport, Skipped, due

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DraftRow",
    "DueItem",
    "DueReport",
    "EventRow",
    "Forgotten",
    "History",
    "HistoryError",
    "HistoryListing",
    "HistoryRecorder",
    "ImpossibleDateError",
    "InterviewDetail",
    "InterviewRow",
    "Merged",
    "NullRecorder",
    "Recorder",
    "SendRow",
    "Skipped",
    "Store",
    "Tracked",
    "default_path",
    "due",
    "history_path",
    "lookup",
    "open_recorder",
]
