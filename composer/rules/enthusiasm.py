"""Enthusiasm: every follow-up says plainly that the candidate still wants the role."""

from __future__ import annotations

from collections.abc import Iterator

from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, rule
from composer.rules.cues import OTHER_ROLES
from composer.rules.examples import OPEN, SIGN, STATUS
from composer.rules.patterns import phrases

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
    good=[
        f"{OPEN}Thank you for Thursday. I am very keen to join Bramley Kent LLP.{SIGN}",
        Example(
            STATUS,
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}Thank you for Thursday. Please let me know the outcome.{SIGN}",
        Example(
            "Dear Sophie,\n\nI interviewed on 12 November for the Paralegal role at Bramley Kent "
            "LLP. Could you tell me whether a decision has been made on the role?\n\nThank you,"
            "\nJordan Ellis",
            Kind.STATUS_CHECK,
            whole=True,
            why="'I remain very keen' passes; a status check that only asks for the outcome fails.",
        ),
    ],
)
def no_enthusiasm(ctx: Context) -> Iterator[Hit]:
    """An employer choosing between candidates favours the one who still wants the job: every
    kind of follow-up says so, a status check and a reply to a rejection included.

    After a rejection, asking to be kept in mind for future openings is that enthusiasm.
    """
    if _ENTHUSIASM.search(ctx.body):
        return
    if ctx.kind is Kind.FEEDBACK_REQUEST and any(p.search(ctx.lower) for p in OTHER_ROLES):
        return
    yield Hit(f"the {ctx.kind} does not say you are keen on the role")
