"""Read-only: what the history knows about one set of notes, for `composer plan`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from composer.history.errors import HistoryError
from composer.history.sqlite import History
from composer.models import InterviewNotes, Kind


class Tracked(BaseModel):
    """What the history knows about one set of notes, for `plan`."""

    notes: InterviewNotes
    interview_id: int | None = Field(
        default=None, description="The id 'composer sent ID KIND' takes, when tracked."
    )
    sent: dict[Kind, date] = Field(default_factory=dict)
    outcome_on: date | None = None


def lookup(notes: InterviewNotes, path: Path, *, enabled: bool = True) -> Tracked:
    """The notes with their tracked outcome and sends; the notes as given otherwise (not
    `enabled`, no history yet, or not tracked).

    Never creates the database, and a damaged one only costs the extra facts, not the plan.
    """
    if not enabled or not path.exists():
        return Tracked(notes=notes)
    try:
        with History.open(path) as store:
            found = store.find(notes)
            if found is None:
                return Tracked(notes=notes)
            row = store.interview_row(found)
            return Tracked(
                notes=notes.model_copy(update={"outcome": row.outcome}),
                interview_id=found,
                sent=store.sent_kinds(found),
                outcome_on=row.outcome_on,
            )
    except HistoryError:
        return Tracked(notes=notes)
