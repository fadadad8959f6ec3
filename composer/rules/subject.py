"""Subject: an email has a subject line, short enough to read whole in an inbox."""

from __future__ import annotations

from collections.abc import Iterator

from composer.models import Kind, Severity
from composer.rules.base import EMAIL, SUBJECT_MAX_CHARS, Context, Example, Hit, rule
from composer.rules.examples import THANKS

_BODY = (
    "Dear Sophie,\n\nThank you for Thursday; I am keen on the role.\n\nKind regards,\nJordan Ellis"
)


def _subject(ctx: Context) -> Iterator[Hit]:
    if ctx.subject.strip():
        yield Hit("the subject line", 0, len(ctx.subject), in_subject=True)


@rule(
    code="SUBJ001",
    name="no-subject",
    severity=Severity.WARNING,
    source=(
        "Common practice for emails: an email without a subject is easy to miss and hard to find "
        "again."
    ),
    channels=EMAIL,
    instruction="Give the email a short subject line that names the role.",
    hint="Add a first line 'Subject: Thank you - <the role> interview'.",
    good=[
        "Subject: Thank you - Paralegal interview\n\n" + _BODY,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        _BODY,
        Example(
            THANKS.split("\n\n", 1)[1],
            Kind.THANK_YOU,
            whole=True,
            why="A subject line vs. none (a warning).",
        ),
    ],
    evidence=_subject,
)
def no_subject(ctx: Context) -> Iterator[Hit]:
    """An email without a subject is easy to miss and hard to find again."""
    if not ctx.subject.strip():
        yield Hit("no subject line (write 'Subject: ...' as the first line)")


@rule(
    code="SUBJ002",
    name="long-subject",
    severity=Severity.WARNING,
    source="Common practice for emails: mail apps cut a subject at about 60-80 characters.",
    channels=EMAIL,
    thresholds=[SUBJECT_MAX_CHARS],
    instruction="Keep the subject line under {subject_max_chars} characters.",
    hint="Shorten the subject to the role and the purpose, e.g. 'Thank you - Paralegal interview'.",
    good=[
        "Subject: Thank you - Paralegal interview\n\n" + _BODY,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        "Subject: " + "Thank you so much for taking the time to interview me " * 3 + "\n\n" + _BODY,
        Example(
            THANKS.replace(
                "Subject: Thank you - Paralegal interview",
                "Subject: Thank you so much for taking the time to interview me on Thursday "
                "for the Paralegal, Construction Disputes role",
            ),
            Kind.THANK_YOU,
            whole=True,
            why="A short subject vs. a sentence as a subject (a warning).",
        ),
    ],
)
def long_subject(ctx: Context) -> Iterator[Hit]:
    """Mail apps cut subjects at about 60-80 characters; the point must come first and fit."""
    limit = ctx.settings.subject_max_chars
    if len(ctx.subject) > limit:
        yield Hit(
            f"the subject is {len(ctx.subject)} characters; keep it under {limit}",
            limit,
            len(ctx.subject),
            in_subject=True,
        )
