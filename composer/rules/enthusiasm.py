"""Enthusiasm: every follow-up says plainly that the candidate still wants the role.

A wish is a head ('keen', 'would love', 'interested in', 'my first choice') and what it is a
wish for. The head alone proves nothing: 'keen to hear your decision' is eagerness for news,
'I was interested to learn that ...' a reaction to the interview, and 'my skills suit the
role' is fit, with no wish in it at all. So each head found is read in its clause: who holds
the wish (the writer, not 'you'), whether it is negated ('no longer keen'), and its object (a
verb of joining, the role or employer, or news).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, rule
from composer.rules.cues import mentions_other_roles, other_roles
from composer.rules.examples import OPEN, SIGN, STATUS, THANKS
from composer.rules.patterns import phrases

_DESIRE = frozenset(lists.lines("enthusiasm", "desire heads"))
_OFFER = frozenset(lists.lines("enthusiasm", "offer heads"))
_OBJECT = frozenset(lists.lines("enthusiasm", "object heads"))
_STATEMENTS = frozenset(lists.lines("enthusiasm", "statements"))
_HEADS = phrases(*_DESIRE, *_OFFER, *_OBJECT, *_STATEMENTS)
_JOINING = lists.words("enthusiasm", "joining verbs")
_OBJECT_VERBS = lists.words("enthusiasm", "object verbs")
_NEWS = lists.words("enthusiasm", "news words")
_ROLE_NOUNS = lists.words("enthusiasm", "role nouns")
_FILLERS = lists.words("enthusiasm", "fillers")
_NEGATIONS = lists.words("enthusiasm", "negations")
_OTHERS = lists.words("enthusiasm", "other subjects")
_WRITER = lists.words("enthusiasm", "writer")
_PAST = lists.words("enthusiasm", "past")
# Heads that take a noun for object ('would love the chance', 'want the job').
_NOUN_HEADS = frozenset({"love", "like", "want", "wanting", "welcome", "relish"})
_FORWARD = frozenset({"look forward", "looking forward", "looked forward"})
# Heads that say the wish on their own at the end of a clause: 'I remain very keen.'
_STATES = frozenset(
    {"keen", "keener", "eager", "excited", "thrilled", "enthusiastic", "interested", "passionate"}
    | {"motivated"}
)
_CHANCE = frozenset({"chance", "opportunity", "opportunities", "possibility", "prospect"})
# After 'be', the job: 'to be part of', 'to be considered'.
_BE_ROLE = frozenset(
    {"part", "considered", "involved", "on", "joining", "working", "hired", "selected"}
    | {"appointed", "offered", "successful"}
)
# 'help with any questions', 'help if you need' are offers of help, not the job.
_HELP_OFFERS = frozenset({"if", "you", "me", "out", "in", "anyway", "further", "where", "when"})
_HELP_WITH_OFFERS = frozenset(
    {"any", "anything", "questions", "queries", "that", "this", "references", "more"}
)
# 'bring my experience to the role', 'build on it', 'apply again': the object makes it the job.
_OBJECT_ENDS = frozenset({"to", "here", "there", "again", "on", "at", "with"})
_CONJUNCTIONS = frozenset({"and", "or", "which", "that", "who", "as", "because", "so", "while"})
# Words, and the marks that end a clause (the head's object never runs past them).
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[,;:()\u2013\u2014]|(?<= )-(?= )")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_MARKS = ",;:()\u2013\u2014"
_MARK = re.compile(r"[,;:()\u2013\u2014]| - |\sbut\s")
_WINDOW = 9


class _Clause:
    """The words either side of one head, within its clause (a few words each way).

    Only lists of words are made (one C call a side); the offsets of the words after the
    head are worked out only when a wish is quoted (`end_of`)."""

    __slots__ = ("after", "before", "flat", "start")

    def __init__(self, flat: str, start: int, end: int, lo: int, hi: int) -> None:
        lo = max(lo, start - 48)
        cut = max(flat.rfind(mark, lo, start) for mark in _MARKS)
        but = flat.rfind(" but ", lo, start)
        dash = flat.rfind(" - ", lo, start)
        self.before = _WORD.findall(flat, max(lo, cut + 1, but + 4, dash + 2), start)
        hi = min(hi, end + 80)
        stop = _MARK.search(flat, end, hi)
        self.after = _WORD.findall(flat, end, stop.start() if stop else hi)[:_WINDOW]
        self.flat, self.start = flat, end

    def end_of(self, index: int) -> int:
        """The body offset where the word `after[index]` ends."""
        for i, match in enumerate(_WORD.finditer(self.flat, self.start)):
            if i == index:
                return match.end()
        return self.start


def _held_by_writer(before: list[str]) -> bool | None:
    """True if the nearest pronoun before the head is the writer's, False if someone else's,
    None if the clause names no one ('Keen to join the team!')."""
    for word in reversed(before):
        if word in _WRITER:
            return True
        if word in _OTHERS:
            return False
    return None


def _negated(before: list[str]) -> bool:
    """'not keen', 'no longer interested'; but 'could not be more excited' is emphasis."""
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in _WRITER or word in _OTHERS:
            return False  # a negation before the subject is another clause's
        if word in _NEGATIONS or word.endswith("n't"):
            return "more" not in before[i + 1 :]
        if len(before) - i > 4:
            return False
    return False


def _joining(after: list[str], i: int, offer: bool) -> int | None:
    """Where the verb at `after[i]` shows a wish for the job ends (a token index), or None:
    'join', 'be part of', 'help the team', 'have the chance to join'; never 'hear'."""
    while i < len(after) and after[i] in {"one", "day", "eventually", "hopefully", "finally"}:
        i += 1
    if i >= len(after):
        return None
    verb = after[i]
    if verb in _NEWS:
        return None
    if verb in _JOINING:
        if verb in {"work", "working"} and after[i + 1 : i + 3] in (["on", "my"], ["on", "it"]):
            return None  # 'work on my interview technique' is learning, not the job
        return i
    if verb in {"be", "being"}:
        if i + 1 < len(after) and after[i + 1] in _BE_ROLE:
            return i + 1
        if after[i + 1 : i + 3] in (["a", "part"], ["a", "member"]):
            return i + 2
        return _onward(after, i + 1, offer)
    if verb in {"have", "get", "take", "win", "earn", "seize"} or verb in _OBJECT_VERBS:
        if verb in {"help", "helping"}:
            nxt = after[i + 1] if i + 1 < len(after) else ""
            if nxt in _HELP_OFFERS or not nxt:
                return None
            if nxt == "with" and (i + 2 >= len(after) or after[i + 2] in _HELP_WITH_OFFERS):
                return None
            return i
        return _onward(after, i + 1, offer, verb in {"have", "get", "take", "win", "seize"})
    return None


def _onward(after: list[str], i: int, offer: bool, owns: bool = True) -> int | None:
    """The rest of a clause after a verb that needs its object: the job, the chance to join
    it, or (for 'bring', 'build', 'apply') where it goes: 'to the team', 'on it', 'again'."""
    for j in range(i, min(len(after), i + 6)):
        word = after[j]
        if word in _NEWS:
            return None
        if word in _CHANCE:
            if j + 2 < len(after) and after[j + 1] in {"to", "of"}:
                return _joining(after, j + 2, offer)
            return j
        if word == "to" and j + 1 < len(after):
            found = _joining(after, j + 1, offer)
            if found is not None or owns:
                return found
            return j  # 'bring my experience to the role'
        if word in _ROLE_NOUNS or (word in _OBJECT_ENDS and not owns):
            return j
    return None


def _object(after: list[str], i: int, offer: bool, company: frozenset[str]) -> int | None:
    """Where a noun object that is the job ends: 'the chance to contribute', 'the role',
    'joining the team'; None for news ('your decision') or anything else."""
    for j in range(i, min(len(after), i + 6)):
        word = after[j]
        if word in _NEWS:
            return None
        if word in _JOINING or word in _OBJECT_VERBS or word in {"being", "be"}:
            return _joining(after, j, offer)
        if word in _CHANCE:
            if j + 2 < len(after) and after[j + 1] in {"to", "of"}:
                return _joining(after, j + 2, offer)
            return j
        if word in _ROLE_NOUNS or word in company:
            return j
    return None


def _wish_end(head: str, clause: _Clause, company: frozenset[str]) -> int | None:
    """Where the wish a head starts ends, as a token index into the clause after it (-1: the
    head alone), or None when the head is no wish for the role."""
    before, after = clause.before, clause.after
    if _held_by_writer(before) is False or _negated(before):
        return None
    if head in _STATEMENTS:
        return -1
    if head in _OBJECT:
        found = _object(after, 0, False, company)
        if found is not None:
            return found
        if any(w in _NEWS or w in _CHANCE for w in after[:6]):
            return None  # 'interested in hearing', 'excited about the chance to meet'
        if _PAST & set(before[-3:]):
            return None  # 'I was interested in the case study': a reaction to the day
        # 'keen on your group's research': the object runs to the clause's next conjunction
        ends = [j for j, w in enumerate(after) if w in _CONJUNCTIONS]
        return (ends[0] if ends else len(after)) - 1
    offer = head in _OFFER
    i = 0
    while i < len(after) and after[i] in _FILLERS:
        i += 1
    if i < len(after) and after[i] == "to":
        if head in _FORWARD:
            return _object(after, i + 1, offer, company)
        return _joining(after, i + 1, offer)
    if i < len(after) and head in _NOUN_HEADS:
        return _object(after, i, offer, company)
    if i == len(after) and head in _STATES and _held_by_writer(before):
        return None if _PAST & set(before[-3:]) else -1
    return None


def wishes(ctx: Context, first: bool = False) -> list[tx.Span]:
    """Every span of the body that says the writer wants the role (the first, if `first`)."""
    flat = ctx.lower.replace("\u2019", "'")  # 'I’d' as 'I'd'; every offset kept
    sentences = ctx.sentences
    starts = ctx.sentence_starts
    company = ctx.facts.company_words if ctx.facts is not None else frozenset()
    found: list[tx.Span] = []
    for match in _HEADS.finditer(ctx.body):
        at = bisect_right(starts, match.start()) - 1
        if at < 0:
            continue
        sentence = sentences[at]
        clause = _Clause(flat, match.start(), match.end(), sentence.start, sentence.end)
        head = " ".join(flat[match.start() : match.end()].split())
        end = _wish_end(head, clause, company)
        if end is None:
            continue
        if end >= 0:  # quote the object too: 'keen to join the team', not 'keen to join'
            last = end
            while last + 1 < len(clause.after) and last < end + 3:
                if clause.after[last + 1] in _CONJUNCTIONS:
                    break
                last += 1
            stop = clause.end_of(last)
        else:
            stop = match.end()
        found.append(tx.Span(match.start(), stop, ctx.body[match.start() : stop]))
        if first:
            break
    return found


def _evidence(ctx: Context) -> Iterator[Hit]:
    for span in wishes(ctx):
        yield Hit("enthusiasm for the role", span.start, span.end)
    if ctx.kind is Kind.FEEDBACK_REQUEST:
        for match in other_roles(ctx.lower):
            yield Hit("a wish to be considered again", match.start(), match.end())


@rule(
    code="ENTH001",
    name="no-enthusiasm",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: a follow-up 'demonstrates a desire for the position'; a "
        "status check says 'how keen you are still on the role'; after a rejection, 'give the "
        "impression of enthusiasm to work at the organisation'."
    ),
    instruction={
        None: "Say plainly that you are keen on the role and the organisation.",
        Kind.FEEDBACK_REQUEST: "Say plainly that you are still keen to work for the organisation.",
    },
    hint="Add a sentence such as 'I remain very keen on the role.'",
    good=[
        f"{OPEN}Thank you for Thursday. I am very keen to join Bramley Kent LLP.{SIGN}",
        f"{OPEN}Thank you for Thursday. Bramley Kent remains my first choice.{SIGN}",
        Example(
            f"{OPEN}Thank you for Thursday. I am confident my placement suits the role, and I "
            f"would love the chance to contribute to the team.{SIGN}",
            why="Fit and a wish: 'would love the chance to contribute' says they want it.",
        ),
        Example(
            STATUS,
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}Thank you for Thursday. Please let me know the outcome.{SIGN}",
        Example(
            f"{OPEN}Thank you for Thursday. I am confident I would be a strong match for the "
            f"team, and my background suits the job requirements well.{SIGN}",
            why="Fit is not desire: the writer argues they suit the job, never that they want it.",
        ),
        Example(
            f"{OPEN}I interviewed for the Paralegal role on 12 November. I am keen to learn where "
            f"my application stands. Is there any update?{SIGN}",
            Kind.STATUS_CHECK,
            why="Eagerness for news ('keen to learn where my application stands') is not "
            "keenness for the role.",
        ),
        Example(
            f"{OPEN}Thank you for Thursday. I was interested to learn that paralegals attend "
            f"client meetings, and I enjoyed meeting the team. I look forward to hearing from "
            f"you.{SIGN}",
            why="A reaction to the day ('interested to learn', 'enjoyed') and waiting for news "
            "are no wish for the role.",
        ),
        Example(
            f"{OPEN}Thank you for Thursday. I am no longer keen on the role.{SIGN}",
            why="A negated wish is none.",
        ),
        Example(
            "Dear Sophie,\n\nI interviewed on 12 November for the Paralegal role at Bramley Kent "
            "LLP. Could you tell me whether a decision has been made on the role?\n\nThank you,"
            "\nJordan Ellis",
            Kind.STATUS_CHECK,
            whole=True,
            why="'I remain very keen' passes; a status check that only asks for the outcome fails.",
        ),
        Example(
            THANKS.replace(
                "and hearing about the team's new adjudication practice made me even keener\nto "
                "join you.",
                "and I am sure my placement makes me a strong match for the team.",
            ),
            Kind.THANK_YOU,
            whole=True,
            why="'made me even keener to join you' vs. 'a strong match for the team': fit only.",
        ),
    ],
    evidence=_evidence,
)
def no_enthusiasm(ctx: Context) -> Iterator[Hit]:
    """An employer choosing between candidates favours the one who still wants the job: every
    kind of follow-up says so, a status check and a reply to a rejection included.

    Fit is not desire ('my skills suit the role'), nor is eagerness for news ('keen to hear
    your decision') or a reaction to the interview ('I was interested to learn'): the wish
    must be the writer's, not negated, and for the role, the employer or joining them. After
    a rejection, asking to be kept in mind for future openings is that enthusiasm.
    """
    if wishes(ctx, first=True):
        return
    if ctx.kind is Kind.FEEDBACK_REQUEST and mentions_other_roles(ctx.lower):
        return
    yield Hit(f"the {ctx.kind} does not say you are keen on the role")
