"""What `composer check --explain` adds to a report: the words each kept rule relied on."""

from __future__ import annotations

from pydantic import BaseModel, Field

from composer.models import Report


class Evidence(BaseModel):
    """The words a rule counted when it let the message pass: 'Thank you for meeting me'
    counted as thanks. `start`/`end` index the message text, as findings do; a rule that
    judged the message as a whole (its length) has no span."""

    code: str
    rule: str
    counted_as: str
    start: int | None = None
    end: int | None = None
    text: str = ""


class ExplainedReport(Report):
    """A report with the evidence behind every rule the message kept, so a user can see
    when the checker was fooled (which words it took for thanks, enthusiasm, the ask)."""

    evidence: list[Evidence] = Field(default_factory=list)
