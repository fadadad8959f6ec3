"""Presumption: the candidate hopes for the job; the message never writes as if it were theirs."""

from __future__ import annotations

from collections.abc import Iterator

from composer import text as tx
from composer.models import InterviewNotes, Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, memo, rule
from composer.rules.examples import STATUS, THANKS
from composer.rules.patterns import Pattern, phrases, word_start

_PRESUMING = phrases(*lists.lines("presumption", "presumption"))
_SCHEDULED = lists.words("presumption", "scheduled")
# 'will be crucial for my role at Bramley Kent': a role at this employer is not the
# candidate's yet. The employer's name is checked after the match.
_MY_ROLE_AT = Pattern(
    word_start("my")
    + r"\s+(?:role|position|job|post|work|time|place)\s+(?:at|with|in)\s+(?:the\s+)?"
    r"(?P<name>[\w&'\u2019\-]+)",
    needs="my",
)


def _company_words(notes: InterviewNotes) -> frozenset[str]:
    return frozenset(tx.fold(w) for w in tx.words(notes.company) if len(w) > 2)


@rule(
    code="PRES001",
    name="presumes-the-job",
    severity=Severity.WARNING,
    kinds=[Kind.THANK_YOU, Kind.STATUS_CHECK],
    # A person may mean 'joining you' warmly; a model draft is cheaply asked to make it a hope.
    repairs_on_warning=True,
    source=(
        "Interview follow-up guidelines: the follow-up 'demonstrates a desire for the "
        "position': a wish, not an assumption that it is yours."
    ),
    instruction="Hope for the job; never presume it ('when I join', 'my role at ...').",
    hint="Make it a hope: 'if I were to join', 'I would welcome the chance to contribute'.",
    good=[
        Example(
            "Dear Sophie,\n\nI would love the chance to join the team, and I could start "
            "immediately.\n\nKind regards,\nJordan Ellis",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI look forward to joining your team as soon as possible. This "
            "experience will be crucial for my role at Bramley Kent LLP.\n\nKind regards,\n"
            "Jordan Ellis",
        ),
        Example(
            STATUS.replace(
                "I remain very keen on the position",
                "I remain very keen on the position and ready for when I join",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why="'very keen on the position' hopes; 'when I join' presumes (a warning).",
        ),
    ],
)
def presumes_the_job(ctx: Context) -> Iterator[Hit]:
    """'I look forward to joining your team as soon as possible' or 'this will be crucial for
    my role at Bramley Kent' takes for granted a decision the reader has not made, which can
    grate. A warning: it is confidence misplaced, not a false fact. 'My role at' another
    employer (the candidate's own job) is fine. A reply to a rejection is CONS002's to judge.
    """
    for match in _PRESUMING.finditer(ctx.body):
        if not _SCHEDULED.isdisjoint(tx.words(ctx.lower[match.end() : match.end() + 40])):
            continue  # 'joining you for the assessment day' is a step already agreed
        said = ctx.body[match.start() : match.end()]
        yield Hit(f"'{said}' takes the job for granted", match.start(), match.end())
    if ctx.notes is None:
        return
    company = memo(ctx.notes, "presumption-company", _company_words)
    for match in _MY_ROLE_AT.finditer(ctx.lower):
        if tx.fold(tx.without_possessive(match["name"])) in company:
            said = ctx.body[match.start() : match.end()]
            yield Hit(f"'{said}' takes the job for granted", match.start(), match.end())
