"""What the history hands back: one pydantic model per kind of row, and the views built of them.

`composer history --format json` and `history show --format json` are these models' own dumps.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from composer.models import Attempt, Finding, InterviewNotes, Kind, Outcome, Usage


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
    """One stored draft version, with where it came from, what it cost and every model call."""

    id: int
    interview_id: int
    kind: Kind
    channel: str = "email"
    source: str
    model: str | None = None
    subject: str
    body: str
    prompt: list[dict[str, Any]] | None = Field(
        default=None,
        description="Drafts recorded before attempts were kept: the prompt, re-rendered then.",
    )
    response: str | None = Field(
        default=None, description="Drafts recorded before attempts were kept: the draft as JSON."
    )
    findings: list[Finding] = Field(default_factory=list)
    passed: bool
    usage: Usage = Field(default_factory=Usage)
    fallback_reason: str | None = None
    status: str
    created_at: datetime
    sent_on: date | None = None
    attempts: list[Attempt] = Field(
        default_factory=list,
        description="Every model call behind this draft, in order: messages sent, raw answer, "
        "parsed draft, findings, usage, seconds.",
    )


class EventRow(BaseModel):
    """A user decision: accepted, edited, regenerated, template, skipped, sent, outcome..."""

    id: int
    interview_id: int
    draft_id: int | None = None
    action: str
    detail: str | None = None
    created_at: datetime


class SendRow(BaseModel):
    """One message the user marked as sent, and the day it went."""

    id: int
    interview_id: int
    draft_id: int | None = Field(
        default=None,
        description="The draft that was sent; None for a message written outside composer.",
    )
    kind: Kind
    sent_on: date
    created_at: datetime


class Forgotten(BaseModel):
    """`composer history forget`: the interview that is gone, and how many rows went with it."""

    interview: InterviewRow
    drafts: int = 0
    attempts: int = 0
    events: int = 0
    sends: int = 0


class Merged(BaseModel):
    """`composer history merge OLD NEW`: what moved from the old interview onto the new one."""

    old: InterviewRow
    new: InterviewRow
    drafts: int = 0
    events: int = 0
    sends: int = 0
    outcome_taken: bool = Field(
        default=False,
        description="The new interview had no answer recorded and took the old one's.",
    )


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
