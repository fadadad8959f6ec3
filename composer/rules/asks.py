"""Asks: a status check asks for an update; a feedback request asks for feedback and more."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, phrases, rule
from composer.rules.cues import OTHER_ROLES

_SIGN = "\n\nKind regards,\nJordan Ellis"
_OPEN = "Dear Sophie,\n\n"


_UPDATE_NOUN = phrases(*lists.lines("asks", "update nouns"))
_ASK_CUE = phrases(*lists.lines("asks", "ask cues"))


def _asks(ctx: Context, topic: re.Pattern[str]) -> bool:
    for sentence in ctx.sentences:
        if topic.search(sentence.text) and (
            sentence.text.rstrip().endswith("?") or _ASK_CUE.search(sentence.text)
        ):
            return True
    return False


@rule(
    code="ASK001",
    name="no-update-request",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: once the deadline has passed, 'ask if there is any "
        "further update on the decision'."
    ),
    kinds=[Kind.STATUS_CHECK],
    instruction="Ask politely whether there is any update on the decision.",
    hint="Add a gentle question such as 'Is there any update you are able to share?'",
    good=[
        Example(
            f"{_OPEN}I remain keen on the role. Is there any update on your decision?{_SIGN}",
            kind=Kind.STATUS_CHECK,
        )
    ],
    bad=[
        Example(
            f"{_OPEN}I remain keen on the role and look forward to your decision.{_SIGN}",
            kind=Kind.STATUS_CHECK,
        )
    ],
)
def no_update_request(ctx: Context) -> Iterator[Hit]:
    """The question is the point of a status check: without one the reader has nothing to
    answer, and the message reads as a reminder.

    Good: 'Is there any update on your decision?' Bad: 'I look forward to your decision.'
    """
    if not _asks(ctx, _UPDATE_NOUN):
        yield Hit("the status check never asks whether there is an update")


_FEEDBACK_NOUN = phrases(*lists.lines("asks", "feedback nouns"))


@rule(
    code="ASK002",
    name="no-feedback-request",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: 'it is always advantageous to ask for feedback relating "
        "to your application'."
    ),
    kinds=[Kind.FEEDBACK_REQUEST],
    instruction="Ask for feedback on your application and interview.",
    hint="Add 'I would be grateful for any feedback on my application and interview.'",
    good=[
        Example(
            f"{_OPEN}Thank you for letting me know. I would be grateful for any feedback on "
            f"my interview.{_SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        )
    ],
    bad=[
        Example(
            f"{_OPEN}Thank you for letting me know. I wish the team every success.{_SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        )
    ],
)
def no_feedback_request(ctx: Context) -> Iterator[Hit]:
    """After a rejection, feedback is the one thing the candidate can still gain; a message
    that does not ask for it is only a goodbye.

    Good: 'I would be grateful for any feedback.' Bad: a polite goodbye with no question.
    """
    if not _asks(ctx, _FEEDBACK_NOUN):
        yield Hit("the message never asks for feedback")


@rule(
    code="ASK003",
    name="no-other-roles",
    severity=Severity.WARNING,
    source=(
        "Interview follow-up guidelines: 'if you feel it's appropriate', suggest 'that you'd be "
        "keen to hear about other suitable positions in the future'."
    ),
    kinds=[Kind.FEEDBACK_REQUEST],
    instruction="Say you would welcome hearing about other suitable roles in future.",
    hint="Add 'I would welcome hearing about other suitable roles in future.'",
    good=[
        Example(
            f"{_OPEN}I would welcome hearing about other suitable roles in future.{_SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        )
    ],
    bad=[Example(f"{_OPEN}Thank you again for your time.{_SIGN}", kind=Kind.FEEDBACK_REQUEST)],
)
def no_other_roles(ctx: Context) -> Iterator[Hit]:
    """A rejection for one role can lead to another at the same employer. A warning, not an
    error: the guidelines leave it to the candidate whether it fits.

    Good: 'I would welcome hearing about other suitable roles.' Bad: no word about the future.
    """
    if not any(pattern.search(ctx.lower) for pattern in OTHER_ROLES):
        yield Hit("say you would welcome hearing about other suitable roles")


_LEARNING = phrases(*lists.lines("asks", "learning"))


@rule(
    code="ASK004",
    name="no-willingness-to-learn",
    severity=Severity.WARNING,
    source=(
        "Interview follow-up guidelines: after a rejection, be 'willing to learn new skills or "
        "transfer some of your expertise into other areas'."
    ),
    kinds=[Kind.FEEDBACK_REQUEST],
    instruction="Show you are willing to learn and to develop new skills.",
    hint="Add a clause such as 'as I am keen to learn and improve'.",
    good=[
        Example(f"{_OPEN}Any feedback would help me improve.{_SIGN}", kind=Kind.FEEDBACK_REQUEST)
    ],
    bad=[Example(f"{_OPEN}Thank you again for your time.{_SIGN}", kind=Kind.FEEDBACK_REQUEST)],
)
def no_willingness_to_learn(ctx: Context) -> Iterator[Hit]:
    """Feedback is only useful to someone who says they will use it, and an employer keeps in
    mind a candidate who wants to grow.

    Good: 'Any feedback would help me improve.' Bad: a request that implies nothing to learn.
    """
    if not _LEARNING.search(ctx.body):
        yield Hit("say you are keen to learn or improve")
