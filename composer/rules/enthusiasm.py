"""Enthusiasm: every follow-up says plainly that the candidate still wants the role."""

from __future__ import annotations

from collections.abc import Iterator

from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Hit, phrases, rule
from composer.rules.cues import OTHER_ROLES

_SIGN = "\n\nKind regards,\nJordan Ellis"
_OPEN = "Dear Sophie,\n\n"


_ENTHUSIASM = phrases(*lists.lines("enthusiasm", "enthusiasm"))


@rule(
    code="ENTH001",
    name="no-enthusiasm",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: a follow-up 'demonstrates a desire for the position'; a "
        "status check says 'how keen you are still on the role'; after a rejection, 'give the "
        "impression of enthusiasm to work at the organisation'."
    ),
    instruction="Say plainly that you are keen on the role and the organisation.",
    hint="Add a sentence such as 'I remain very keen on the role.'",
    good=[f"{_OPEN}Thank you for Thursday. I am very keen to join Bramley Kent LLP.{_SIGN}"],
    bad=[f"{_OPEN}Thank you for Thursday. Please let me know the outcome.{_SIGN}"],
)
def no_enthusiasm(ctx: Context) -> Iterator[Hit]:
    """An employer choosing between candidates favours the one who still wants the job: every
    kind of follow-up says so, a status check and a reply to a rejection included.

    After a rejection, asking to be kept in mind for future openings is that enthusiasm.

    Good: 'I remain very keen on the role.' Bad: a note that only asks for the outcome.
    """
    if _ENTHUSIASM.search(ctx.body):
        return
    if ctx.kind is Kind.FEEDBACK_REQUEST and any(p.search(ctx.lower) for p in OTHER_ROLES):
        return
    yield Hit(f"the {ctx.kind} does not say you are keen on the role")
