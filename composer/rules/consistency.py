"""Consistency: the message tells the outcome the notes record, and gives each fact its owner."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from composer import text as tx
from composer.models import InterviewNotes, Kind, Outcome, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, memo, rule
from composer.rules.cues import mentions_other_roles
from composer.rules.examples import FEEDBACK, STATUS, THANKS
from composer.rules.patterns import Pattern, phrases, word_start


def _whole(word: str) -> str:
    """Regex text for `word` at the start of a word, the whole word first: a scan for a
    literal that long skips most of the text at once."""
    return re.escape(word) + rf"(?<![\w'\u2019]{re.escape(word)})"


_OFFER_NOUNS = lists.alternation(lists.word_list("consistency", "offer nouns"))
_HYPOTHETICAL = lists.words("consistency", "hypothetical")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# Searched in the lower-cased body. An offer the candidate has: 'was offered a Junior
# Associate role', 'accept your offer', 'I got the job'; a start: 'look forward to starting'.
_OFFERED = (
    Pattern(
        _whole("offered")
        + rf"(?:\s+me)?\s+(?:a|an|the|this)\s+(?:[\w'\u2019\-]+\s+){{0,5}}?{_OFFER_NOUNS}\b",
        needs="offered",
    ),
    Pattern(
        _whole("accept")
        + r"(?:ed|ing)?\s+(?:your|the|this|my)\s+(?:kind\s+|generous\s+)?(?:job\s+)?"
        r"(?:offer|position|role|job|place)\b",
        needs="accept",
    ),
    Pattern(
        r"j(?<![\w'\u2019]j)ob\s+offer\b|o(?<![\w'\u2019]o)ffer\s+(?:letter|of\s+employment)\b"
        rf"|o(?<![\w'\u2019]o)ffer\s+of\s+(?:a|an|the)\s+(?:[\w'\u2019\-]+\s+){{0,5}}?{_OFFER_NOUNS}\b"
        r"|m(?<![\w'\u2019]m)y\s+offer\b",
        needs="offer",
    ),
    Pattern(
        r"i(?<![\w'\u2019]i)(?:\s+have|'ve|\u2019ve)?\s+got\s+the\s+(?:job|role|position|place)\b",
        needs="got",
    ),
    Pattern(
        r"i(?<![\w'\u2019]i)(?:\s+have\s+been|'ve\s+been|\u2019ve\s+been|\s+was|\s+am|'m|\u2019m)"
        r"\s+(?:successful|the\s+successful\s+candidate)\b(?!\s+in\b)",
        needs="successful",
    ),
)
_STARTING = (
    Pattern(_whole("starting") + r"(?<=forward\sto\sstarting)", needs="starting"),
    Pattern(
        _whole("start") + r"(?:ing)?\s+(?:on|this|next)\s+(?:" + _WEEKDAY + r"|week|month)\b",
        needs="start",
    ),
    Pattern(
        word_start("my") + r"\s+(?:start\s+date|first\s+day|induction|onboarding)\b",
        needs=("date", "day", "induction", "onboarding"),
    ),
)
# A rejection the candidate tells: 'I was not selected', 'although I was unsuccessful'.
_REJECTED = (
    Pattern(
        r"(?:i(?<![\w'\u2019]i)|w(?<![\w'\u2019]w)e)"
        r"(?:\s+was|\s+were|\s+have\s+been|\s+had\s+been|'ve\s+been|\u2019ve\s+been|\s+am|'m|\u2019m)"
        r"\s+(?:not\s+(?:been\s+)?(?:selected|successful|shortlisted|chosen|progressed)|"
        r"unsuccessful|rejected|turned\s+down)\b",
        needs=("selected", "successful", "shortlisted", "chosen", "progressed", "rejected", "down"),
    ),
    Pattern(
        _whole("letting") + r"\s+me\s+know\s+(?:your|the)\s+(?:decision|outcome|news)\b",
        needs="letting",
    ),
    Pattern(_whole("decision") + r"\s+not\s+to\b(?<=your\sdecision\snot\sto)", needs="decision"),
    Pattern(
        _whole("now") + r"\s+that\s+you(?:\s+have|'ve|\u2019ve)\s+(?:made|reached)\b",
        needs="now",
    ),
)


def _outcome(ctx: Context) -> Outcome:
    """The outcome the notes record; a reply to a rejection is one whatever they say, and
    without notes a thank-you or a status check is written before any decision."""
    if ctx.kind is Kind.FEEDBACK_REQUEST:
        return Outcome.REJECTED
    return ctx.notes.outcome if ctx.notes is not None else Outcome.PENDING


def _said_as_news(ctx: Context, start: int) -> bool:
    """Whether the words at `start` tell news, not a hope or a question: no 'if', 'whether',
    'would' or 'hope' earlier in the sentence, and no 'not' just before."""
    sentence = ctx.sentence_at(start)
    first = sentence.start if sentence is not None else max(0, start - 80)
    before = tx.words(ctx.lower[first:start])
    if any(word in _HYPOTHETICAL for word in before):
        return False
    return not any(word in {"not", "never"} or word.endswith("n't") for word in before[-3:])


# An offer from someone else, which careers advisers recommend mentioning politely ('Another
# firm has offered me a role'), or one that is no news about this application.
_ELSEWHERE = Pattern(
    r"\b(?:another|other|different|second|competing)\s+(?:\w+\s+)?(?:firm|company|employer|"
    r"organisation|organization|offer|business|practice|school|trust|hospital|agency|council)s?\b"
    r"|\belsewhere\b|\boffers?\s+from\b"
    # a place on a course, or an offer that is past: 'Leeds offered me a place on the LPC',
    # 'I was offered an internship last summer'
    r"|\b(?:university|course|degree|masters|master's|lpc|sqe|college|scholarship)\b"
    r"|\blast\s+(?:year|summer|spring|autumn|winter|month)\b|\bpreviously\b|\bin\s+20\d\d\b"
)


def _sentence_at(ctx: Context, pos: int) -> str:
    """The lower-cased sentence that holds body offset `pos`."""
    sentence = ctx.sentence_at(pos)
    return tx.lowered(sentence.text) if sentence is not None else ""


def _claims(
    ctx: Context, patterns: tuple[Pattern, ...], own: bool = False
) -> Iterator[re.Match[str]]:
    """Matches told as news; with `own`, only those about this employer, not another's offer."""
    for pattern in patterns:
        for match in pattern.finditer(ctx.lower):
            if not _said_as_news(ctx, match.start()):
                continue
            if own and _ELSEWHERE.pattern.search(_sentence_at(ctx, match.start())):
                continue
            yield match


@rule(
    code="CONS001",
    name="unrecorded-outcome",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: a follow-up tells only the outcome the notes record; an "
        "offer, a start date or a rejection the candidate never had is a fact made up."
    ),
    instruction="Mention no offer, start date or decision the notes do not record.",
    hint=(
        "Remove the offer, start date or decision: the notes record none, so say only what has "
        "happened (the interview, and that you await or have heard the decision)."
    ),
    good=[
        Example(
            "Dear Sophie,\n\nI remain very keen on the Paralegal role, and I would be delighted "
            "if I were offered the position. Is there any update?\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
            why="A hope ('if I were offered') is no claim.",
        ),
        Example(STATUS, Kind.STATUS_CHECK, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nThank you for letting me know that I was offered a Junior Paralegal "
            "role. I look forward to starting on Monday.\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
            why="The notes record a pending outcome: no offer, no start.",
        ),
        Example(
            "Dear Sophie,\n\nAlthough I was not selected, I enjoyed the interview. Is there any "
            "update on the Paralegal role?\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
            why="The outcome is pending: no rejection yet.",
        ),
        Example(
            FEEDBACK.replace(
                "Thank you for letting me know your decision about the Paralegal role",
                "Thank you for letting me know that I was offered a Junior Paralegal role",
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="After a rejection, 'I was offered a role' contradicts the decision.",
        ),
    ],
)
def unrecorded_outcome(ctx: Context) -> Iterator[Hit]:
    """A model drafting a follow-up sometimes makes the outcome up: 'was offered a Junior
    Associate role' after a rejection, 'I look forward to starting on Monday' before any
    decision, 'although I was not selected' in a status check. The outcome is what the notes
    record (a reply to a rejection always follows one; without notes, a thank-you or a status
    check comes before the decision). A hope or a question ('if I am offered the role') is
    not a claim.
    """
    outcome = _outcome(ctx)
    found: list[tuple[re.Match[str], str]] = []
    if outcome is not Outcome.OFFERED:
        said = "no offer" if outcome is Outcome.PENDING else "a rejection, not an offer"
        found += [(m, f"the notes record {said}") for m in _claims(ctx, _OFFERED, own=True)]
        found += [
            (m, "the notes record no offer or start date")
            for m in _claims(ctx, _STARTING, own=True)
        ]
    if outcome is Outcome.PENDING:
        found += [(m, "the notes record no decision yet") for m in _claims(ctx, _REJECTED)]
    end = -1
    for match, why in sorted(found, key=lambda item: (item[0].start(), -item[0].end())):
        if match.start() < end:
            continue  # one finding for 'look forward to starting on Monday', not two
        end = match.end()
        said = ctx.body[match.start() : match.end()]
        yield Hit(f"'{said}': {why}", match.start(), match.end())


_AFTER_REJECTION = Pattern(
    word_start("look")
    + r"(?:ing)?\s+forward\s+to\s+"
    + lists.alternation(lists.lines("consistency", "after rejection"))
    + r"(?![\w])",
    needs="forward",
)
_THIS_ONE = Pattern(
    r"(?:keen|excited|eager|enthusiastic)\s+(?:on|about)\s+this\s+(?:opportunity|role|position)\b",
    needs="this",
)
_FUTURE = Pattern(r"\b(?:future|another|other|again|reopen\w*|similar|career)\b")


@rule(
    code="CONS002",
    name="future-after-rejection",
    severity=Severity.ERROR,
    kinds=[Kind.FEEDBACK_REQUEST],
    source=(
        "Interview follow-up guidelines: if you have not got the job, thank them, ask for "
        "feedback and say you'd be keen to hear about other suitable positions in the future."
    ),
    instruction="After a rejection, never look forward to joining, to next steps or to this role.",
    hint=(
        "Remove the line that looks forward to this role; say instead that you would welcome "
        "hearing about other suitable roles in future."
    ),
    good=[
        Example(
            "Dear Sophie,\n\nThank you for letting me know. I look forward to hearing about "
            "other roles at the firm in future.\n\nKind regards,\nJordan Ellis",
        ),
        Example(FEEDBACK, Kind.FEEDBACK_REQUEST, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nThank you for letting me know. I am very keen on this opportunity "
            "and look forward to hearing more about it.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            FEEDBACK.replace(
                "roles at the firm in future.",
                "roles at the firm in future. I look forward to speaking with you soon to "
                "discuss how I can contribute.",
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="'other suitable roles in future' fits a rejection; 'discuss how I can "
            "contribute' does not.",
        ),
    ],
)
def future_after_rejection(ctx: Context) -> Iterator[Hit]:
    """After a rejection, 'I look forward to joining the team', '... to the next steps' or 'I
    am very keen on this opportunity and look forward to hearing more about it' reads as if
    the candidate had not taken in the news. Looking forward to other roles, or to the future,
    is what the guidelines advise, so a sentence about them is not checked.
    """
    for pattern in (_AFTER_REJECTION, _THIS_ONE):
        for match in pattern.finditer(ctx.lower):
            text = _sentence_at(ctx, match.start())
            if _FUTURE.pattern.search(text) or mentions_other_roles(text.lower()):
                continue
            said = ctx.body[match.start() : match.end()]
            yield Hit(f"'{said}' looks forward to a role you were not offered", *match.span())


@dataclass(frozen=True)
class _Owners:
    """The notes' facts by owner: the firm's topics, and the candidate's own highlights."""

    firm: tuple[tuple[str, frozenset[str]], ...]
    own: tuple[tuple[str, frozenset[str]], ...]


_FIRST_PERSON = Pattern(r"^(?:my|i|i've|i'm|i\u2019ve|i\u2019m|me|our)\b", re.IGNORECASE)


def _owners(notes: InterviewNotes) -> _Owners:
    """Each fact's distinctive words: none of the role's or employer's, nor any the other side
    shares (a topic 'the firm's clinic' and a highlight 'my clinic work' share 'clinic')."""
    background = set(tx.content_stems(f"{notes.role} {notes.company}"))
    own_items = [*notes.highlights, *(t for t in notes.topics if _FIRST_PERSON.search(t))]
    firm_items = [t for t in notes.topics if not _FIRST_PERSON.search(t)]
    if notes.learned:
        firm_items.append(notes.learned)
    own = [(item, frozenset(tx.content_stems(item))) for item in own_items]
    firm = [(item, frozenset(tx.content_stems(item))) for item in firm_items]
    own_all = set().union(*(stems for _, stems in own)) if own else set()
    firm_all = set().union(*(stems for _, stems in firm)) if firm else set()
    return _Owners(
        firm=tuple((i, s - own_all - background) for i, s in firm if s - own_all - background),
        own=tuple((i, s - firm_all - background) for i, s in own if s - firm_all - background),
    )


def _by_first_word(items: tuple[str, ...]) -> tuple[Pattern, ...]:
    """Whole-word phrases for the lower-cased text, one pattern per first word, each starting
    with that whole word (a scan for a literal skips most of the text at once); a space
    matches any white space and an apostrophe either apostrophe."""
    rests: dict[str, list[str]] = {}
    for item in items:
        first, _, rest = item.partition(" ")
        rests.setdefault(first, []).append(rest)
    found = []
    for first, tails in rests.items():
        words = sorted((t for t in tails if t), key=len, reverse=True)
        tail = lists.alternation(words).replace("'", "['\u2019]") if words else ""
        after = r"\s+" + tail if words else ""
        if words and "" in tails:  # 'your' and 'your team's' both listed
            after = f"(?:{after})?"
        found.append(Pattern(_whole(first) + after + r"(?![\w'\u2019])", needs=first))
    return tuple(found)


_OWN_EXPERIENCE = _by_first_word(lists.lines("consistency", "own experience"))
_EMPLOYER_OWNER = _by_first_word(lists.lines("consistency", "employer owners"))
_CLAUSE_END = Pattern(r"[.!?;:,\n()]")


def _phrase_stems(lower: str, end: int, limit: int = 8) -> frozenset[str]:
    """The content stems of the words after `end`, up to `limit` words or a mark."""
    clause = _CLAUSE_END.pattern.split(lower[end : end + 100], maxsplit=1)[0]
    return frozenset(tx.content_stems(" ".join(clause.split()[:limit])))


def _shared(stems: frozenset[str], fact: frozenset[str]) -> bool:
    """Whether a phrase names a fact: two of its distinctive words, or its only one."""
    common = stems & fact
    return len(common) >= 2 or (len(fact) == 1 and len(common) == 1)


@rule(
    code="CONS003",
    name="facts-swapped",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: the firm's facts stay the firm's and the candidate's "
        "achievements stay the candidate's, as the notes record them."
    ),
    instruction="Keep each fact's owner: the firm's topics stay the firm's, your highlights yours.",
    hint=(
        "Give the fact back to its owner, as the notes record it: the firm's topic as 'your "
        "...' or 'the firm's ...', your own highlight as 'my ...'."
    ),
    good=[
        Example(
            "Dear Sophie,\n\nI enjoyed hearing about the team's new adjudication practice, and I "
            "would welcome the chance to build on my placement at a community legal advice "
            "centre.\n\nKind regards,\nJordan Ellis",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI would welcome the chance to use my experience in the new "
            "adjudication practice.\n\nKind regards,\nJordan Ellis",
            why="The adjudication practice is the firm's (a topic), not the candidate's.",
        ),
        Example(
            THANKS.replace(
                "made me even keener\nto join you.",
                "made me even keener\nto join you, and I enjoyed hearing about your community "
                "legal advice centre.",
            ),
            Kind.THANK_YOU,
            whole=True,
            why="The placement at a community legal advice centre is the candidate's.",
        ),
    ],
)
def facts_swapped(ctx: Context) -> Iterator[Hit]:
    """A small model mixes up whose fact is whose: the firm's pro bono clinic, a topic of the
    interview, becomes 'my experience in the pro bono employment clinic'; the candidate's mock
    trial final becomes 'your mock trial team'. A topic the notes write in the first person
    ('my placement at ...') is the candidate's; every other topic, and what they learned, is
    the firm's. A fact is named by two of its distinctive words (none shared with the role,
    the employer or the other side's facts).
    """
    if ctx.notes is None or not (ctx.notes.topics or ctx.notes.highlights):
        return
    owners = memo(ctx.notes, "fact-owners", _owners)
    checks = ((_OWN_EXPERIENCE, owners.firm, "the firm's"), (_EMPLOYER_OWNER, owners.own, "yours"))
    for patterns, facts, whose in checks:
        named = [(item, words) for item, words in facts if _shared(ctx.body_stems, words)]
        if not named:
            continue  # the message names none of these facts: nothing can be swapped
        present = {stem for _, words in named for stem in words & ctx.body_stems}
        for match in sorted(
            (m for p in patterns for m in p.finditer(ctx.lower)), key=lambda m: m.start()
        ):
            window = ctx.lower[match.end() : match.end() + 100]
            if not any(stem in window for stem in present):
                continue  # a quick test before the words are stemmed
            stems = _phrase_stems(ctx.lower, match.end())
            fact = next((item for item, words in named if _shared(stems, words)), None)
            if fact is None:
                continue
            said = ctx.body[match.start() : match.end()]
            yield Hit(
                f"'{said} ...' gives away a fact that is {whose} in the notes ('{fact}')",
                match.start(),
                match.end(),
            )


# 'I learned that my ...', 'I was glad to hear that my ...': each verb of the list before 'my'.
# Not 'I was told I would hear by Friday': news of the process, not praise.
_LEARNED_OWN = phrases(
    *(
        f"{verb} {tail}"
        for verb in lists.lines("consistency", "learning verbs")
        for tail in ("that my", "my")
    )
)
# What makes the lesson praise of the candidate: 'is a topic of interest to your team'.
_PRAISE = lists.words("consistency", "praise")


def _supported(claim: frozenset[str], notes: InterviewNotes) -> bool:
    """Whether the notes' 'learned' or 'reaffirmed' say much the same: half the claim's words."""
    said = tx.content_stems(f"{notes.learned or ''} {notes.reaffirmed or ''}")
    return bool(claim) and len(claim & said) * 2 >= len(claim)


@rule(
    code="CONS004",
    name="learned-about-self",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: what the candidate learned comes from the notes; a "
        "lesson about the candidate the notes never record is made up."
    ),
    instruction="Say you learned only what the notes record, not praise of yourself.",
    hint="Write what you learned as your notes record it, about the firm or the role.",
    good=[
        Example(
            "Dear Sophie,\n\nI learned that paralegals attend client meetings from their first "
            "month.\n\nKind regards,\nJordan Ellis",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI learned that my placement at a community legal advice centre is "
            "a topic of interest to your team.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            THANKS.replace(
                "I particularly valued learning that paralegals join client meetings from\ntheir "
                "first month",
                "I was glad to hear that my placement is exactly what your team is looking for",
            ),
            Kind.THANK_YOU,
            whole=True,
            why="What the notes record as learned vs. praise of the candidate the notes lack.",
        ),
    ],
)
def learned_about_self(ctx: Context) -> Iterator[Hit]:
    """'I learned that my dissertation ... is a topic of interest to your team': a model
    flatters the candidate with a lesson about themselves that no one gave. Only such praise
    is checked (a lesson 'that my ...' that says it interests, fits or impressed), against what
    the notes record as learned or reaffirmed; 'I was told that my application is with the
    partner' is news of the process.
    """
    if ctx.notes is None:
        return
    for match in _LEARNED_OWN.finditer(ctx.lower):
        sentence = ctx.sentence_at(match.start())
        end = sentence.end if sentence is not None else len(ctx.body)
        claim = frozenset(tx.content_stems(ctx.lower[match.end() : end]))
        if _PRAISE.isdisjoint(tx.words(ctx.lower[match.end() : end])):
            continue  # 'I was told that my application is with the partner' is news, not praise
        if _supported(claim, ctx.notes):
            continue
        said = ctx.body[match.start() : end]
        yield Hit(f"'{said}': the notes record no such thing learned about you", match.start(), end)
