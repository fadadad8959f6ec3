"""The `Store` protocol: the history operations the rest of composer uses, and nothing more.

`composer.history.sqlite.History` is the one implementation; a test or another back end only
has to provide these. Adding an operation means adding it here and to the SQLite store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol

from composer.history.rows import (
    DraftRow,
    Forgotten,
    InterviewDetail,
    InterviewRow,
    Merged,
    SendRow,
)
from composer.models import Draft, InterviewNotes, Kind, Outcome


class Store(Protocol):
    """Interviews, their draft versions (each with its model attempts), decisions and sends."""

    path: Path

    # -- reading ---------------------------------------------------------------------------------

    def interviews(self, company: str | None = None) -> list[InterviewRow]:
        """Tracked interviews, newest first; `company` matches any part of the name, any case."""
        ...

    def interview(self, interview_id: int) -> InterviewDetail:
        """One interview with its notes, every draft version (with attempts), event and send."""
        ...

    def interview_row(self, interview_id: int) -> InterviewRow:
        """One interview as `interviews()` lists it."""
        ...

    def notes(self, interview_id: int) -> InterviewNotes:
        """The notes of one interview, with the outcome as tracked."""
        ...

    def find(self, notes: InterviewNotes) -> int | None:
        """The id of the interview these notes describe, if it is tracked."""
        ...

    def draft(self, draft_id: int) -> DraftRow:
        """One stored draft version, with its attempts."""
        ...

    def sent_kinds(self, interview_id: int) -> dict[Kind, date]:
        """The first day each kind of message was sent, for `make_plan(sent=...)`."""
        ...

    def latest_drafts(self, interview_id: int) -> dict[Kind, int]:
        """The id of each kind's latest draft version: what 'composer sent ID KIND' marks."""
        ...

    def counts(self) -> dict[str, int]:
        """Rows per table (what a purge would delete)."""
        ...

    # -- writing ---------------------------------------------------------------------------------

    def record_interview(self, notes: InterviewNotes, source_text: str | None = None) -> int:
        """Add the interview, or update its notes; returns its id."""
        ...

    def record_draft(self, interview_id: int, draft: Draft, *, status: str = "drafted") -> int:
        """Store one draft version and every attempt in `draft.attempts`; returns its id."""
        ...

    def record_event(
        self,
        interview_id: int,
        action: str,
        *,
        draft_id: int | None = None,
        detail: str | None = None,
    ) -> int:
        """Store a user decision (accepted, edited, regenerated, template, skipped, ...)."""
        ...

    def mark_sent(self, draft_id: int, on: date, *, today: date | None = None) -> SendRow:
        """Draft `draft_id` was sent on `on` (marking it again corrects the date); an
        impossible date is an ImpossibleDateError."""
        ...

    def mark_kind_sent(
        self, interview_id: int, kind: Kind, on: date, *, today: date | None = None
    ) -> SendRow:
        """The interview's `kind` message was sent on `on`: its latest draft of that kind, or
        a send without a draft when none was drafted."""
        ...

    def undo_send(
        self,
        *,
        draft_id: int | None = None,
        interview_id: int | None = None,
        kind: Kind | None = None,
    ) -> SendRow:
        """Take back a draft's send, the latest of an interview's kind, or the latest of all."""
        ...

    def set_outcome(
        self, interview_id: int, outcome: Outcome, on: date, *, today: date | None = None
    ) -> None:
        """The employer's answer, heard on `on`; 'pending' clears an answer recorded by mistake;
        an impossible date is an ImpossibleDateError."""
        ...

    def forget(self, interview_id: int) -> Forgotten:
        """Delete one interview with its drafts, attempts, events and sends."""
        ...

    def merge(self, old_id: int, new_id: int) -> Merged:
        """Move the drafts, events and sends of `old_id` onto `new_id`; delete `old_id`."""
        ...

    def purge(self) -> None:
        """Delete everything, and scrub it from the file."""
        ...

    # -- lifetime --------------------------------------------------------------------------------

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
