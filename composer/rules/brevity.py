"""Brevity: a follow-up 'does not need to be long', nor should it be curt."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from composer.models import Kind, Severity
from composer.rules.base import (
    MAX_SENTENCE_WORDS,
    MAX_WORDS,
    MIN_WORDS,
    SOFT_MAX_WORDS,
    Context,
    Example,
    Hit,
    rule,
)

_GOOD_THANKS = """Dear Sophie,

Thank you for meeting me on Thursday to discuss the Paralegal, Construction Disputes role at
Bramley Kent LLP. I particularly valued learning that paralegals attend client meetings from
their first month, and our conversation about the team's new adjudication practice confirmed
how much I would like to join you. I am very enthusiastic about the role and look forward to
hearing from you.

Kind regards,
Jordan Ellis"""


def _count(ctx: Context) -> int:
    return ctx.word_count


def _too_long_hit(ctx: Context, limit: int, label: str) -> Iterator[Hit]:
    count = _count(ctx)
    if count > limit:
        # Point at where the message crosses the limit, so the reader sees what to cut.
        spans = ctx.word_spans
        yield Hit(
            f"{count} words: {label} {limit} for a {ctx.kind}; cut {count - limit} or more",
            spans[limit].start,
            spans[-1].end,
        )


@rule(
    code="BREV001",
    name="too-long",
    severity=Severity.ERROR,
    source="Interview follow-up guidelines: a thank-you note 'does not need to be long'.",
    thresholds=[MAX_WORDS],
    instruction="Keep the whole message under {max_words} words.",
    hint="Cut repetition and background the reader already knows; keep one specific point.",
    good=[_GOOD_THANKS],
    bad=[_GOOD_THANKS.replace("I am very", "I wanted to add more context. " * 40 + "I am very")],
)
def too_long(ctx: Context) -> Iterator[Hit]:
    """A follow-up is read in seconds; past the hard limit it reads as a cover letter.

    Good: a 90-word thank-you. Bad: a 300-word thank-you that retells the interview.
    """
    yield from _too_long_hit(ctx, ctx.settings.limits(ctx.kind).max, "the limit is")


@rule(
    code="BREV002",
    name="longer-than-recommended",
    severity=Severity.WARNING,
    source="Interview follow-up guidelines: a thank-you note 'does not need to be long'.",
    thresholds=[SOFT_MAX_WORDS],
    instruction="Aim for {soft_max_words} words or fewer.",
    hint="Tighten the longest paragraph; one short paragraph per point is enough.",
    good=[_GOOD_THANKS],
    bad=[_GOOD_THANKS.replace("I am very", "I wanted to add more context. " * 25 + "I am very")],
)
def longer_than_recommended(ctx: Context) -> Iterator[Hit]:
    """Well-regarded real follow-ups sit well under the hard limit; this nudges toward them.

    Good: 90 words. Bad: 220 words where 120 would say the same.
    """
    limits = ctx.settings.limits(ctx.kind)
    if _count(ctx) <= limits.max:
        yield from _too_long_hit(ctx, limits.soft_max, "the recommended length is up to")


@rule(
    code="BREV003",
    name="too-short",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the note 'shows a sense of courtesy', which a curt one-"
        "liner does not."
    ),
    thresholds=[MIN_WORDS],
    instruction=(
        "Write at least {min_words} words: a greeting, two or three real sentences, a sign-off."
    ),
    hint="Add a sentence of genuine thanks or interest; a one-liner reads as curt.",
    good=[_GOOD_THANKS],
    bad=["Hi Sophie,\n\nThanks for the interview.\n\nJordan"],
)
def too_short(ctx: Context) -> Iterator[Hit]:
    """A two-line note reads as a formality, which undoes the courtesy it was meant to show.

    Good: three sentences between greeting and sign-off. Bad: 'Thanks for the interview. Jordan'.
    """
    # The sign-off and a signature block (title, phone, email) are not what makes a note curt.
    end = ctx.closing if ctx.closing is not None else len(ctx.body)
    count = bisect_left(ctx.word_spans, (end,))  # spans are (start, end, text), sorted
    minimum = ctx.settings.limits(ctx.kind).min
    if count < minimum:
        yield Hit(f"only {count} words; a {ctx.kind} under {minimum} words reads as curt")


@rule(
    code="BREV004",
    name="long-sentence",
    severity=Severity.WARNING,
    source=(
        "Common practice for emails: most follow-ups are first read on a phone, where long "
        "sentences are hard going."
    ),
    thresholds=[MAX_SENTENCE_WORDS],
    instruction="Keep every sentence under {max_sentence_words} words.",
    hint="Split the sentence at its 'and' or 'which'.",
    good=[_GOOD_THANKS],
    bad=[
        Example(
            "Dear Sophie,\n\nThank you for the interview, which I enjoyed very much and which "
            "taught me a great deal about the adjudication practice and the way the team works "
            "with clients and counsel and experts, and which made me even keener to join Bramley "
            "Kent LLP and to contribute to the construction disputes team in any way I can.\n\n"
            "Kind regards,\nJordan Ellis",
            kind=Kind.THANK_YOU,
        )
    ],
)
def long_sentence(ctx: Context) -> Iterator[Hit]:
    """Long sentences are hard to read on a phone, where most follow-ups are first opened.

    Good: 'Thank you for the interview. I enjoyed it.' Bad: one 60-word sentence.
    """
    limit = ctx.settings.max_sentence_words
    starts = [span.start for span in ctx.word_spans]
    for sentence in ctx.sentences:
        count = bisect_left(starts, sentence.end) - bisect_left(starts, sentence.start)
        if count > limit:
            yield Hit(
                f"a {count}-word sentence; keep sentences under {limit} words",
                sentence.start,
                sentence.end,
            )
