"""Enthusiasm: every follow-up says plainly that the candidate still wants the role."""

from __future__ import annotations

from collections.abc import Iterator

from composer.models import Kind, Severity
from composer.rules.base import Context, Hit, phrases, rule
from composer.rules.cues import OTHER_ROLES

_SIGN = "\n\nKind regards,\nJordan Ellis"
_OPEN = "Dear Sophie,\n\n"


_ENTHUSIASM = phrases(
    "excited",
    "exciting",
    "excites",
    "enthusiastic",
    "enthusiasm",
    "keen",
    "keener",
    "keenly",
    "keenness",
    "eager",
    "eagerly",
    "look forward",
    "looking forward",
    "would love",
    "i'd love",
    "would welcome",
    "interested",
    "interest in",
    "strong interest",
    "thrilled",
    "delighted",
    "passionate",
    "enjoyed",
    "appeal",
    "appealing",
    "appeals",
    "privilege",
    "honour",
    "honor",
    "can't wait",
    "want to join",
    "like to join",
    "love to join",
    "hope to join",
    "motivated",
    "inspired",
    "inspiring",
    "great fit",
    "good fit",
    "perfect fit",
    "contribute",
    "reaffirmed my",
    "confirmed my",
    "reinforced my",
    "energised",
    "energized",
    "glad",
    "love the",
    "loved",
    "fascinated",
    "fascinating",
    "admire",
    "excitement",
    "would like a position",
    "would really like a position",
    "would like a role",
    "would really like a role",
    "would like to join",
    "would like to work",
    "would like to be part",
    "i'd like to join",
    "love to be part",
    "want to be part",
    "hope to work",
    "hope to be part",
    "hope to contribute",
    "wish to join",
    "want to work",
    "drawn to",
    "attracted to",
    "place to work",
    "first choice",
    "top choice",
    "preferred option",
    "dream job",
)


@rule(
    code="ENTH001",
    name="no-enthusiasm",
    severity=Severity.ERROR,
    instruction="Say plainly that you are keen on the role and the organisation.",
    hint="Add a sentence such as 'I remain very keen on the role.'",
    good=[f"{_OPEN}Thank you for Thursday. I am very keen to join Bramley Kent LLP.{_SIGN}"],
    bad=[f"{_OPEN}Thank you for Thursday. Please let me know the outcome.{_SIGN}"],
)
def no_enthusiasm(ctx: Context) -> Iterator[Hit]:
    """The seed: a follow-up 'demonstrates a desire for the position'; a status check 'briefly
    express[es] how keen you are still on the role'; after a rejection, 'give the impression of
    enthusiasm to work at the organisation'.

    After a rejection, asking to be kept in mind for future openings is that enthusiasm.

    Good: 'I remain very keen on the role.' Bad: a note that only asks for the outcome.
    """
    if _ENTHUSIASM.search(ctx.body):
        return
    if ctx.kind is Kind.FEEDBACK_REQUEST and any(p.search(ctx.lower) for p in OTHER_ROLES):
        return
    yield Hit(f"the {ctx.kind} does not say you are keen on the role")
