"""Specific: a thank-you names one thing learned at the interview, not praise that fits any."""

from __future__ import annotations

import math
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, rule
from composer.rules.examples import NOTED_POINT, OPEN, SIGN, THANKS
from composer.rules.patterns import phrases

_SPECIFIC_CUES = phrases(*lists.lines("specific", "specific cues"))
_GENERIC = frozenset(tx.stem(w) for w in lists.words("specific", "generic words"))


def _item_mentioned(
    stems: frozenset[str], body_stems: frozenset[str], background: frozenset[str]
) -> bool:
    """Whether the body echoes a noted point: half its content words (two at most), so a
    paraphrase counts ('attend client meetings' ~ 'join meetings with clients')."""
    stems = stems - background or stems
    if not stems:
        return False
    need = min(2, math.ceil(len(stems) / 2))
    return len(stems & body_stems) >= need


def _concrete_cue(ctx: Context) -> tx.Span | None:
    """The first cue sentence that names two concrete things, at least one of them not a proper
    name: 'learning more about Brightwater Foods and the role' names only the employer."""
    background = ctx.facts.background if ctx.facts is not None else frozenset()
    for sentence in ctx.sentences:
        if _SPECIFIC_CUES.search(sentence.text):
            concrete = tx.content_stems(sentence.text) - _GENERIC - background
            if len(concrete) < 2:
                continue
            common = tx.content_stems(
                " ".join(w for w in tx.words(sentence.text) if not w[:1].isupper())
            )
            if concrete & common:
                return sentence
    return None


def _specific_point(ctx: Context) -> Iterator[Hit]:
    """The sentence that echoes a noted point best or, without notes, names concrete things."""
    facts = ctx.facts
    if facts is not None and facts.specifics:
        best: tuple[int, tx.Span, str] | None = None
        for item, stems in facts.specifics:
            wanted = stems - facts.background or stems
            for sentence in ctx.sentences:
                shared = len(wanted & tx.content_stems(sentence.text))
                if shared and (best is None or shared > best[0]):
                    best = (shared, sentence, item)
        if best is not None:
            _, sentence, item = best
            yield Hit(f"the specific point (it echoes '{item}')", sentence.start, sentence.end)
        return
    background = facts.background if facts is not None else frozenset()
    for sentence in ctx.sentences:
        concrete = tx.content_stems(sentence.text) - _GENERIC - background
        if len(concrete) >= 2 and _SPECIFIC_CUES.search(sentence.text):
            yield Hit("the specific point", sentence.start, sentence.end)
            return


@rule(
    code="SPEC001",
    name="nothing-specific",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: 'mention something specific that you learned from the "
        "experience or an example of how the interview process re-affirmed your desire to work "
        "for the organisation'."
    ),
    kinds=[Kind.THANK_YOU],
    instruction=(
        "Mention one specific thing you learned at the interview, or what confirmed your wish "
        "to work there."
    ),
    hint="Add a sentence about what you learned (the `learned`, `reaffirmed` or `topics` notes).",
    good=[
        NOTED_POINT,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}Thank you for the interview. I enjoyed meeting you and learning more about the "
        f"role and the company.{SIGN}",
        Example(
            "Subject: Thank you\n\nDear Sophie,\n\nThank you for taking the time to interview me "
            "for the Paralegal role at Bramley Kent LLP yesterday. I enjoyed meeting you and "
            "learning more about the firm and the position, and I believe my skills would make me "
            "a strong fit.\n\nI look forward to hearing from you.\n\nKind regards,\nJordan Ellis",
            Kind.THANK_YOU,
            whole=True,
            why=(
                "With notes: a paraphrase of 'Learned' passes; a note that could follow any "
                "interview fails."
            ),
        ),
    ],
    evidence=_specific_point,
)
def nothing_specific(ctx: Context) -> Iterator[Hit]:
    """A specific point shows the candidate listened, and sets the note apart from one that
    could follow any interview. With notes, the draft should echo one of their
    `learned`, `reaffirmed`, `topics` or `highlights` (a paraphrase counts); without notes, a
    sentence that cues a point ('I learned', 'you mentioned') must name at least two concrete
    things. A concrete point that echoes none of the notes is SPEC002's.
    """
    notes, facts = ctx.notes, ctx.facts
    if notes is not None and facts is not None and facts.specifics:
        if _echoes_notes(ctx) or _concrete_cue(ctx) is not None:
            return
        yield Hit(f"mention something specific from your notes, such as: '{facts.specifics[0][0]}'")
        return
    if _concrete_cue(ctx) is not None:
        return
    if notes is not None:
        yield Hit(
            "nothing specific from the interview; your notes have no 'Learned', 'Reaffirmed' "
            "or 'Topics' to draw on: add one",
            severity=Severity.WARNING,
        )
    else:
        yield Hit("nothing specific from the interview: say what you learned or discussed")


def _echoes_notes(ctx: Context) -> bool:
    facts = ctx.facts
    if facts is None:
        return False
    body_stems = ctx.body_stems
    return any(_item_mentioned(st, body_stems, facts.background) for _, st in facts.specifics)


@rule(
    code="SPEC002",
    name="unrecorded-point",
    severity=Severity.WARNING,
    source=(
        "Interview follow-up guidelines: 'mention something specific that you learned from the "
        "experience': from your interview, as your notes record it."
    ),
    kinds=[Kind.THANK_YOU],
    # A person may remember a point the notes left out; a model has no memory of the
    # interview, so in its draft such a point is invented and the draft goes back.
    repairs_on_warning=True,
    in_prompt=False,  # the prompt names the notes' point to mention
    instruction="Take the specific point from your notes.",
    hint="Replace it with the point your notes record (`learned`, `reaffirmed` or `topics`).",
    good=[
        NOTED_POINT,
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            f"{OPEN}Thank you for Thursday. I particularly enjoyed hearing how the litigation "
            f"group reviews every new contract clause by clause before it is signed.{SIGN}",
            why="A concrete point, but none the notes record (a warning: it may be true).",
        ),
        Example(
            THANKS.replace(
                "paralegals join client meetings from\ntheir first month, and hearing about the "
                "team's new adjudication practice",
                "the litigation group reviews every contract clause by clause, which",
            ),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
)
def unrecorded_point(ctx: Context) -> Iterator[Hit]:
    """The point a thank-you mentions should be one the candidate took from the interview. A
    sentence that names a concrete point ('I enjoyed hearing how ...') while echoing nothing
    the notes record is either a memory the notes left out, or, in a model's draft, made up.
    Needs notes with at least one point to compare with.
    """
    facts = ctx.facts
    if ctx.notes is None or facts is None or not facts.specifics or _echoes_notes(ctx):
        return
    cue = _concrete_cue(ctx)
    if cue is not None:
        yield Hit(
            "the specific point is not one your notes record; they have, for example: "
            f"'{facts.specifics[0][0]}'",
            cue.start,
            cue.end,
        )
