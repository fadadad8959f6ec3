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
from composer.rules.examples import THANKS

_GOOD_THANKS = """Dear Sophie,

Thank you for meeting me on Thursday to discuss the Paralegal, Construction Disputes role at
Bramley Kent LLP. I particularly valued learning that paralegals attend client meetings from
their first month, and our conversation about the team's new adjudication practice confirmed
how much I would like to join you. I am very enthusiastic about the role and look forward to
hearing from you.

Kind regards,
Jordan Ellis"""

# A second cover letter, three hundred words long (fixtures/messages/bad/thank-you-06.txt).
_COVER_LETTER = (
    "Dear Sophie,\n"
    "\n"
    "Thank you for meeting me on Thursday to discuss the Paralegal, Construction Disputes"
    " role at Bramley Kent LLP. I wanted to write to you at some length, because I feel "
    "there was a great deal that I did not manage to say in the interview itself and I "
    "would like to set it out properly.\n"
    "\n"
    "First, I should explain my background in more detail. I studied law at Leeds, where "
    "I took modules in contract, tort, land law and, in my final year, construction law, "
    "which I found fascinating. During my second year I volunteered at a community legal "
    "advice centre, where I helped clients with housing disrepair claims, benefits "
    "appeals and small debt disputes, and I also supervised two newer volunteers.\n"
    "\n"
    "Second, I would like to expand on my answer about the adjudication practice. I know "
    "the team has started taking more adjudications, and I have read about the Housing "
    "Grants, Construction and Regeneration Act and the timetable it sets, as well as "
    "several recent cases on enforcement. I believe that my organisational skills, which "
    "I developed while running the advice centre's rota, would be very useful in meeting "
    "those tight deadlines.\n"
    "\n"
    "Third, I was very pleased to hear that paralegals attend client meetings from their "
    "first month. That level of responsibility is exactly what I am looking for, and I am"
    " confident I would be ready for it, because at the advice centre I regularly met "
    "clients on my own and wrote up attendance notes afterwards.\n"
    "\n"
    "Finally, I would like to mention that I am happy to work late when a deadline "
    "demands it, that I have a full driving licence, and that I can start at short "
    "notice.\n"
    "\n"
    "I am extremely keen on this role and look forward to hearing from you.\n"
    "\n"
    "Kind regards,\n"
    "Jordan Ellis"
)


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


def _length(ctx: Context) -> Iterator[Hit]:
    limits = ctx.settings.limits(ctx.kind)
    yield Hit(f"{_count(ctx)} words, within the {limits.max}-word limit for a {ctx.kind}")


def _long_enough(ctx: Context) -> Iterator[Hit]:
    end = ctx.closing if ctx.closing is not None else len(ctx.body)
    count = bisect_left(ctx.word_starts, end)
    minimum = ctx.settings.limits(ctx.kind).min
    yield Hit(f"{count} words before the sign-off, at least the {minimum} a {ctx.kind} needs")


@rule(
    code="BREV001",
    name="too-long",
    severity=Severity.ERROR,
    source="Interview follow-up guidelines: a thank-you note 'does not need to be long'.",
    thresholds=[MAX_WORDS],
    instruction="Keep the whole message under {max_words} words.",
    hint="Cut repetition and background the reader already knows; keep one specific point.",
    good=[
        _GOOD_THANKS,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        _GOOD_THANKS.replace("I am very", "I wanted to add more context. " * 40 + "I am very"),
        Example(
            _COVER_LETTER,
            Kind.THANK_YOU,
            whole=True,
            why=(
                "A 70-word thank-you is well inside 260 words; a 300-word one retells the "
                "interview."
            ),
        ),
    ],
    evidence=_length,
)
def too_long(ctx: Context) -> Iterator[Hit]:
    """A follow-up is read in seconds; past the hard limit it reads as a cover letter."""
    yield from _too_long_hit(ctx, ctx.settings.limits(ctx.kind).max, "the limit is")


@rule(
    code="BREV002",
    name="longer-than-recommended",
    severity=Severity.WARNING,
    source="Interview follow-up guidelines: a thank-you note 'does not need to be long'.",
    thresholds=[SOFT_MAX_WORDS],
    instruction="Aim for {soft_max_words} words or fewer.",
    hint="Tighten the longest paragraph; one short paragraph per point is enough.",
    good=[
        _GOOD_THANKS,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        _GOOD_THANKS.replace("I am very", "I wanted to add more context. " * 25 + "I am very"),
        Example(
            THANKS.replace(
                "Please let me know",
                "I also enjoyed our discussion of my placement at a community legal advice "
                "centre, where I helped clients with housing disrepair claims and benefit "
                "appeals, kept the case files in order and wrote up attendance notes after every "
                "appointment. That "
                "work taught me how much a clear, calm explanation matters to someone in a "
                "dispute, and I think it would help me support clients in construction "
                "adjudications too. I was also interested to hear how the team splits work between "
                "associates and paralegals on the larger matters, and how trainees rotate through "
                "the disputes seats. It all confirmed that this is the kind of practice I would "
                "like to build a career in, and I would be very glad to contribute to it from the "
                "start. Thank you again for such an open conversation, and for showing me around. "
                "Please let me know",
            ),
            Kind.THANK_YOU,
            whole=True,
            why="70 words is fine; ~220 words is allowed but longer than the recommended 200.",
        ),
    ],
)
def longer_than_recommended(ctx: Context) -> Iterator[Hit]:
    """Well-regarded real follow-ups sit well under the hard limit; this nudges toward them."""
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
    good=[
        _GOOD_THANKS,
        Example(
            "Hi Sophie,\n\nI hope you are well. Is there any update on the Paralegal role? I am "
            "still very keen to join the team at Bramley Kent.\n\nThanks,\nJordan",
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        "Hi Sophie,\n\nThanks for the interview.\n\nJordan",
        Example(
            "Hi Sophie,\n\nAny news on the Paralegal job?\n\nThanks,\nJordan",
            Kind.STATUS_CHECK,
            whole=True,
            why="Three real sentences pass; 'Thanks for today' and a name reads as a formality.",
        ),
    ],
    evidence=_long_enough,
)
def too_short(ctx: Context) -> Iterator[Hit]:
    """A two-line note reads as a formality, which undoes the courtesy it was meant to show."""
    # The sign-off and a signature block (title, phone, email) are not what makes a note curt.
    end = ctx.closing if ctx.closing is not None else len(ctx.body)
    count = bisect_left(ctx.word_starts, end)  # the words that start before the sign-off
    minimum = ctx.settings.limits(ctx.kind).min
    if count < minimum:
        # Say both counts, so this agrees with the report's header (which counts every word).
        total = "" if count == ctx.word_count else f" ({ctx.word_count} in all)"
        yield Hit(
            f"only {count} words before the sign-off{total}; a {ctx.kind} under {minimum} words "
            "reads as curt"
        )


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
    good=[
        _GOOD_THANKS,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nThank you for the interview, which I enjoyed very much and which "
            "taught me a great deal about the adjudication practice and the way the team works "
            "with clients and counsel and experts, and which made me even keener to join Bramley "
            "Kent LLP and to contribute to the construction disputes team in any way I can.\n\n"
            "Kind regards,\nJordan Ellis",
            kind=Kind.THANK_YOU,
        ),
        Example(
            THANKS.replace(
                "Please let me know if I can send anything else that would help.",
                "I also wanted to say that the way you described the team's work with clients and "
                "counsel and experts on the adjudication side, and the way paralegals are trusted "
                "with real responsibility early on, made me realise that this is the kind of "
                "practice where I would learn the most and contribute the most from the very "
                "start of my career.",
            ),
            Kind.THANK_YOU,
            whole=True,
            why="Short sentences pass; one 50-word sentence is hard to read on a phone.",
        ),
    ],
)
def long_sentence(ctx: Context) -> Iterator[Hit]:
    """Long sentences are hard to read on a phone, where most follow-ups are first opened."""
    limit = ctx.settings.max_sentence_words
    starts = ctx.word_starts
    for sentence in ctx.sentences:
        count = bisect_left(starts, sentence.end) - bisect_left(starts, sentence.start)
        if count > limit:
            yield Hit(
                f"a {count}-word sentence; keep sentences under {limit} words",
                sentence.start,
                sentence.end,
            )
