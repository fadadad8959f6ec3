"""What one command records: the interview first (before any model call, so pasted notes are
never lost), then each draft version with its model attempts, then each decision.

`Recorder` is the protocol every drafting path (draft, batch, review) talks to; `open_recorder`
gives a `HistoryRecorder` writing to the history, or a `NullRecorder` with --no-log.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from composer.history.sqlite import History
from composer.history.store import Store
from composer.models import Draft, InterviewNotes


class Recorder(Protocol):
    """Where the drafting paths tell the history what happened."""

    def tracked(self, notes: InterviewNotes) -> InterviewNotes:
        """The notes with the outcome the history knows ('composer outcome' wins over a file)."""
        ...

    def draft(self, draft: Draft, status: str = "drafted") -> int | None:
        """Record one draft version and every attempt in `draft.attempts`; its id, if kept."""
        ...

    def event(self, action: str, draft_id: int | None, detail: str | None = None) -> None:
        """Record a decision on a draft: accepted, edited, regenerated, template, skipped, quit."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Recorder: ...

    def __exit__(self, *exc: object) -> None: ...


class NullRecorder:
    """Records nothing (--no-log): the notes stay as given and no draft gets an id."""

    def tracked(self, notes: InterviewNotes) -> InterviewNotes:
        return notes

    def draft(self, draft: Draft, status: str = "drafted") -> int | None:
        return None

    def event(self, action: str, draft_id: int | None, detail: str | None = None) -> None:
        return None

    def close(self) -> None:
        return None

    def __enter__(self) -> NullRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class HistoryRecorder:
    """Records into one interview of a store; closing the recorder closes the store."""

    def __init__(self, store: Store, interview_id: int) -> None:
        self.store: Store | None = store
        self.interview_id = interview_id

    @classmethod
    def start(cls, store: Store, notes: InterviewNotes, source_text: str | None) -> HistoryRecorder:
        """Record the interview (or update its notes) and return a recorder for it."""
        return cls(store, store.record_interview(notes, source_text))

    def tracked(self, notes: InterviewNotes) -> InterviewNotes:
        if self.store is None:
            return notes
        outcome = self.store.interview_row(self.interview_id).outcome
        return notes if outcome is notes.outcome else notes.model_copy(update={"outcome": outcome})

    def draft(self, draft: Draft, status: str = "drafted") -> int | None:
        if self.store is None:
            return None
        return self.store.record_draft(self.interview_id, draft, status=status)

    def event(self, action: str, draft_id: int | None, detail: str | None = None) -> None:
        if self.store is not None:
            self.store.record_event(self.interview_id, action, draft_id=draft_id, detail=detail)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def __enter__(self) -> HistoryRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_recorder(
    notes: InterviewNotes,
    source_text: str | None,
    *,
    path: Path,
    enabled: bool = True,
    secrets: Iterable[str] = (),
) -> Recorder:
    """A recorder for these notes in the history at `path`, or a NullRecorder when not
    `enabled` (--no-log). The interview is recorded now, before any model call."""
    if not enabled:
        return NullRecorder()
    store = History.open(path, secrets=secrets)
    try:
        return HistoryRecorder.start(store, notes, source_text)
    except BaseException:
        store.close()
        raise
