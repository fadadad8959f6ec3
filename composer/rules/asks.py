"""Asks: a status check asks for an update; a feedback request asks for feedback and more."""

from __future__ import annotations

from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, rule
from composer.rules.cues import mentions_other_roles, other_roles
from composer.rules.examples import FEEDBACK, OPEN, SIGN, STATUS
from composer.rules.patterns import Pattern, Phrases, phrases

_UPDATE_NOUN = phrases(*lists.lines("asks", "update nouns"))
_ASK_CUE = phrases(*lists.lines("asks", "ask cues"))
# What a candidate offers rather than asks for: 'Please let me know if you need any further
# information' names information and says 'please', yet asks the reader for nothing.
_OFFERING = Pattern(
    r"(?:i(?<![\w'\u2019]i)f|s(?<![\w'\u2019]s)hould|c(?<![\w'\u2019]c)ase|w(?<![\w'\u2019]w)henever)"
    r"\s+you\s+(?:\w+\s+)?(?:need|require|want|would\s+like)"
    r"\s+(?:any|more|further|additional|anything|something)\b"
    r"|(?:happy|glad|pleased)\s+to\s+(?:provide|send|share|supply|give)\b"
    r"|c(?<![\w'\u2019]c)an\s+(?:provide|send|share|supply)\b",
    needs=("you", "happy", "glad", "pleased", "can"),
)
# 'happy to share' offers only when the writer is happy: 'if you are happy to share any
# feedback' asks.
_WRITER_BEFORE = Pattern(r"\b(?:i|i'd|i'm|i\u2019d|i\u2019m)\s+(?:\w+\s+){0,2}$")
# 'please' that asks for nothing: 'please take your time over the decision'.
_NOT_A_REQUEST = phrases(
    "please take your time",
    "please don't feel",
    "please do not feel",
    "please don't worry",
    "please do not worry",
    "please feel free",
    "please don't hesitate",
    "please do not hesitate",
)
# 'ask' that is a request of the reader: 'I wanted to ask whether', 'may I ask about'; 'I will
# ask my mentor for feedback' is not.
_ASKED_OF_READER = Pattern(r"\s*(?:whether|if|about|for|what|when|how|you|after|regarding|where)\b")


# 'to learn' and 'to know' ask when something follows that the reader could tell: 'to learn
# whether', 'to know more'.
_WANTING = {"to learn", "to know"}
_WANTED_OF_READER = Pattern(
    r"\s*(?:whether|if|about|more|what|how|when|where|why|your|from|of|any)\b"
)


# 'I (really) appreciate your feedback' is thanks for something given, while 'I would
# appreciate your feedback' and 'I'd appreciate any' ask.
_THANKS_FOR_GIVEN = Pattern(
    r"\bi\s+(?:really\s+|truly\s+|do\s+|greatly\s+|very\s+much\s+)?appreciate\s+"
    r"(?:your|the|it|that|this|all)\b"
)


def _requests(lower: str) -> bool:
    """Whether a lower-cased sentence holds a cue that asks the reader for something."""
    masked = [m.span() for m in _NOT_A_REQUEST.finditer(lower)] if "please" in lower else []
    for cue in _ASK_CUE.finditer(lower):
        said = " ".join(cue.group().split())
        if any(start <= cue.start() < end for start, end in masked):
            continue
        if said in {"ask", "asking"} and not _ASKED_OF_READER.pattern.match(lower, cue.end()):
            before = lower[max(0, cue.start() - 8) : cue.start()]
            if not before.endswith(("to ", "i ")):
                continue
        if said in _WANTING and not _WANTED_OF_READER.pattern.match(lower, cue.end()):
            continue  # 'as I am keen to learn and improve' asks for nothing
        if said == "appreciate" and _THANKS_FOR_GIVEN.pattern.search(
            lower, max(0, cue.start() - 24), cue.end() + 12
        ):
            continue  # 'I appreciate your feedback' thanks for what was given; asks nothing
        return True
    return False


def _offer(lower: str) -> int | None:
    """Where a lower-cased sentence starts offering the reader something, if it does."""
    for match in _OFFERING.finditer(lower):
        if match.group()[0] not in "hgp":
            return match.start()
        if _WRITER_BEFORE.pattern.search(lower, max(0, match.start() - 30), match.start()):
            return match.start()
    return None


def _ask_sentences(ctx: Context, topic: Phrases) -> Iterator[tx.Span]:
    """Sentences that ask about `topic`: a question, or a clear request, about it (not about
    what the candidate offers: 'let me know if you need any further information')."""
    # A phrase in a sentence is a phrase in the body at the same place (a sentence starts and
    # ends beside white space), and a scan of the body covers every place a phrase starts: so
    # only sentences that a match in the body overlaps are looked at, and a body the list's
    # word test rules out costs no scan at all.
    # A match in the body that lies wholly inside a sentence is a match in the sentence.
    found = [m.span() for m in topic.finditer(ctx.body)]
    if not found:
        return
    for sentence, holds_one in ctx.overlapped(found):
        if not holds_one and not topic.search(sentence.text):
            continue
        lower = tx.lowered(sentence.text)
        offer = _offer(lower)
        if offer is not None and all(m.start() > offer for m in topic.finditer(lower)):
            continue
        if lower.rstrip().endswith("?") or _requests(lower):
            yield sentence


def _asks(ctx: Context, topic: Phrases) -> bool:
    return next(_ask_sentences(ctx, topic), None) is not None


def _update_asked(ctx: Context) -> Iterator[Hit]:
    for sentence in _ask_sentences(ctx, _UPDATE_NOUN):
        yield Hit("the question about an update", sentence.start, sentence.end)


def _feedback_asked(ctx: Context) -> Iterator[Hit]:
    for sentence in _ask_sentences(ctx, _FEEDBACK_NOUN):
        yield Hit("the request for feedback", sentence.start, sentence.end)


def _other_roles_named(ctx: Context) -> Iterator[Hit]:
    for match in other_roles(ctx.lower):
        yield Hit("interest in other roles", match.start(), match.end())


def _learning_named(ctx: Context) -> Iterator[Hit]:
    for match in _LEARNING.finditer(ctx.body):
        yield Hit("willingness to learn", match.start(), match.end())


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
            f"{OPEN}I remain keen on the role. Is there any update on your decision?{SIGN}",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            STATUS,
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        Example(
            f"{OPEN}I remain keen on the role and look forward to your decision.{SIGN}",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            STATUS.replace(
                "and I\nwondered whether there is any update on your decision that you are able to "
                "share.",
                "and I\nlook forward to hearing your decision in due course.",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why="The status check asks 'any update on your decision'; the failing one only hopes.",
        ),
        Example(
            f"{OPEN}I remain keen on the Paralegal role. The decision has not yet been made. "
            f"Please let me know if you need any further information.\n\nThank you for your "
            f"time.{SIGN}",
            kind=Kind.STATUS_CHECK,
            why="It states the news and offers information, but asks the reader for nothing.",
        ),
    ],
    evidence=_update_asked,
)
def no_update_request(ctx: Context) -> Iterator[Hit]:
    """The question is the point of a status check: without one the reader has nothing to
    answer, and the message reads as a reminder.
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
            f"{OPEN}Thank you for letting me know. I would be grateful for any feedback on "
            f"my interview.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            FEEDBACK,
            Kind.FEEDBACK_REQUEST,
            whole=True,
        ),
    ],
    bad=[
        Example(
            f"{OPEN}Thank you for letting me know. I wish the team every success.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            FEEDBACK.replace(
                "I would be grateful for any feedback on my interview, as I am keen to learn and "
                "improve. I\nwould also",
                "I wish the team every success with the new practice, and I would also",
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="Asks for feedback vs. a gracious goodbye that never asks.",
        ),
        Example(
            f"{OPEN}Thank you for letting me know. I will ask my mentor for feedback on my "
            f"interview, as I am keen to improve.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="'ask my mentor' is no request of the reader.",
        ),
        Example(
            f"{OPEN}Thank you for letting me know. I appreciate your feedback, and it has given "
            f"me valuable insights.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="A real model's draft: thanks for feedback never given, and no request for it.",
        ),
    ],
    evidence=_feedback_asked,
)
def no_feedback_request(ctx: Context) -> Iterator[Hit]:
    """After a rejection, feedback is the one thing the candidate can still gain; a message
    that does not ask for it is only a goodbye.
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
            f"{OPEN}I would welcome hearing about other suitable roles in future.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            FEEDBACK,
            Kind.FEEDBACK_REQUEST,
            whole=True,
        ),
    ],
    bad=[
        Example(f"{OPEN}Thank you again for your time.{SIGN}", kind=Kind.FEEDBACK_REQUEST),
        Example(
            FEEDBACK.replace(
                " I\nwould also welcome hearing about other suitable roles at the firm in future.",
                "",
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="'other suitable roles' vs. nothing about the future (a warning).",
        ),
    ],
    evidence=_other_roles_named,
)
def no_other_roles(ctx: Context) -> Iterator[Hit]:
    """A rejection for one role can lead to another at the same employer. A warning, not an
    error: the guidelines leave it to the candidate whether it fits.
    """
    if not mentions_other_roles(ctx.lower):
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
        Example(f"{OPEN}Any feedback would help me improve.{SIGN}", kind=Kind.FEEDBACK_REQUEST),
        Example(
            FEEDBACK,
            Kind.FEEDBACK_REQUEST,
            whole=True,
        ),
    ],
    bad=[
        Example(f"{OPEN}Thank you again for your time.{SIGN}", kind=Kind.FEEDBACK_REQUEST),
        Example(
            FEEDBACK.replace(", as I am keen to learn and improve", "").replace(
                "learning about", "hearing about"
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why=(
                "'keen to learn and improve' vs. a request that implies nothing to learn (a "
                "warning)."
            ),
        ),
    ],
    evidence=_learning_named,
)
def no_willingness_to_learn(ctx: Context) -> Iterator[Hit]:
    """Feedback is only useful to someone who says they will use it, and an employer keeps in
    mind a candidate who wants to grow.
    """
    if not _LEARNING.search(ctx.body):
        yield Hit("say you are keen to learn or improve")
