"""Content: what each kind of follow-up must say, per the seed."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import InterviewNotes, Kind, Severity
from composer.rules.base import Context, Example, Hit, at_word, memo, phrases, rule

_SIGN = "\n\nKind regards,\nJordan Ellis"
_OPEN = "Dear Sophie,\n\n"

_SPECIFIC_CUES = phrases(
    "learn",
    "learned",
    "learnt",
    "learning",
    "hear about",
    "hearing about",
    "heard about",
    "to hear",
    "discussing",
    "discussed",
    "discussion",
    "our conversation",
    "we talked",
    "talking about",
    "you mentioned",
    "you described",
    "you explained",
    "you shared",
    "you told me",
    "you outlined",
    "insight",
    "insights",
    "interested to",
    "struck by",
    "impressed by",
    "impressed with",
    "enjoyed hearing",
    "enjoyed seeing",
    "enjoyed the tour",
    "description of",
    "hearing your",
    "particularly",
    "especially",
    "in particular",
    "reaffirmed",
    "re-affirmed",
    "reinforced",
    "confirmed",
    "stood out",
    "fascinating",
    "intrigued",
    "inspired by",
    "walked me through",
    "walking me through",
    "showed me",
    "showing me",
    "the tour",
    "your perspective",
    "your point about",
    "your explanation",
    "what you said about",
    "the way your",
    "the way the",
    "how your",
    "how the team",
    "to see how",
    "seeing how",
    "valued",
    "eye-opening",
    "eye opening",
    "appreciated hearing",
    "appreciated learning",
    "appreciated seeing",
    "to hear",
    "to see",
    "to learn",
    "resonated",
    "stayed with me",
    "stuck with me",
    "thinking about",
    "meeting the",
    "met the",
    "excited about",
    "excites me",
    "i liked",
    "i loved",
    "i admired",
    "really liked",
    "appealed",
    "the part about",
)
# Words that name the interview itself, not anything learned in it.
_GENERIC = frozenset(
    tx.stem(w)
    for w in """role position job company organisation organization firm team opportunity interview
    interviewing time meeting chance conversation discussion process today yesterday week
    enjoyed pleasure great more about learning learn learned hearing discussing particularly
    especially thank thanks everyone people day speaking talking culture next steps step
    possibility possible soon future forward look looking hear hearing excited exciting seeing
    see believe skills skill experience experiences strong make fit great excellent good
    background asset valuable align aligns goals match confident sure certain feel sense
    strongly wonderful""".split()
)


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


def _concrete_cue(ctx: Context) -> bool:
    """A cue sentence that names two concrete things, at least one of them not a proper name:
    'learning more about Brightwater Foods and the role' names only the employer."""
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
                return True
    return False


@rule(
    code="SPEC001",
    name="nothing-specific",
    severity=Severity.ERROR,
    kinds=[Kind.THANK_YOU],
    instruction=(
        "Mention one specific thing you learned at the interview, or what confirmed your wish "
        "to work there."
    ),
    hint="Add a sentence about what you learned (the `learned`, `reaffirmed` or `topics` notes).",
    good=[
        f"{_OPEN}Thank you for Thursday. I particularly valued learning that paralegals attend "
        f"client meetings from their first month.{_SIGN}"
    ],
    bad=[
        f"{_OPEN}Thank you for the interview. I enjoyed meeting you and learning more about the "
        f"role and the company.{_SIGN}"
    ],
)
def nothing_specific(ctx: Context) -> Iterator[Hit]:
    """The seed: 'mention something specific that you learned', or how the interview 're-affirmed
    your desire to work for the organisation'. With notes, the draft should echo one of their
    `learned`, `reaffirmed`, `topics` or `highlights` (a paraphrase counts); without notes, a
    sentence that cues a point ('I learned', 'you mentioned') must name at least two concrete
    things. A message with such a sentence but no echo of the notes gets a warning, not an
    error: the candidate may remember a point the notes left out.

    Good: 'I valued learning that paralegals attend client meetings.'
    Bad: 'I enjoyed learning more about the role.'
    """
    notes, facts = ctx.notes, ctx.facts
    if notes is not None and facts is not None and facts.specifics:
        body_stems = ctx.body_stems
        if any(_item_mentioned(st, body_stems, facts.background) for _, st in facts.specifics):
            return
        # A concrete point the notes did not record is still a concrete point: say which
        # noted one would fit, but do not fail the message for it.
        yield Hit(
            f"mention something specific from your notes, such as: '{facts.specifics[0][0]}'",
            severity=Severity.WARNING if _concrete_cue(ctx) else None,
        )
        return
    if _concrete_cue(ctx):
        return
    if notes is not None:
        yield Hit(
            "nothing specific from the interview; your notes have no 'Learned', 'Reaffirmed' "
            "or 'Topics' to draw on: add one",
            severity=Severity.WARNING,
        )
    else:
        yield Hit("nothing specific from the interview: say what you learned or discussed")


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
    if ctx.kind is Kind.FEEDBACK_REQUEST and any(p.search(ctx.lower) for p in _OTHER_ROLES):
        return
    yield Hit(f"the {ctx.kind} does not say you are keen on the role")


_UPDATE_NOUN = phrases(
    "update",
    "updates",
    "news",
    "progress",
    "timeline",
    "timescale",
    "timescales",
    "time frame",
    "timeframe",
    "next steps",
    "next step",
    "decision",
    "where things stand",
    "status",
    "outcome",
    "hear back",
    "hearing back",
    "any word",
    "further information",
    "more information",
    "developments",
)
_ASK_CUE = phrases(
    "to know",
    "to learn",
    "to find out",
    "to see if",
    "to see whether",
    "to hear",
    "do you know",
    "curious",
    "wonder",
    "wondered",
    "wondering",
    "would be grateful",
    "would appreciate",
    "would welcome",
    "i'd appreciate",
    "i'd be grateful",
    "could you",
    "would you",
    "please",
    "let me know",
    "ask",
    "asking",
    "check",
    "checking",
    "check in",
    "enquire",
    "inquire",
    "follow up",
    "following up",
    "hoping",
    "if there is",
    "if there are",
    "whether",
    "any",
    "appreciate",
    "share",
    "appreciative",
    "willing to",
    "keen to hear",
    "glad to hear",
    "happy to hear",
    "love to hear",
)


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
    """The seed: once the deadline has passed, 'ask if there is any further update on the
    decision'. The question is the point of the message.

    Good: 'Is there any update on your decision?' Bad: 'I look forward to your decision.'
    """
    if not _asks(ctx, _UPDATE_NOUN):
        yield Hit("the status check never asks whether there is an update")


_FEEDBACK_NOUN = phrases(
    "feedback",
    "pointers",
    "advice",
    "insight",
    "insights",
    "areas for improvement",
    "areas to improve",
    "areas of improvement",
    "areas for development",
    "could have done better",
    "could do better",
    "could have done differently",
    "could improve",
    "might improve",
    "can improve",
    "could strengthen",
    "suggestions",
    "what i could",
    "where i could",
    "how i could",
    "how i might",
    "what i need to do",
    "what i can do",
    "comments",
    "thoughts on",
    "observations",
    "tips",
    "guidance",
    "constructive criticism",
    "where i fell short",
    "what i could have done",
    "why i was not successful",
    "why i wasn't successful",
    "why i was unsuccessful",
    "what set the successful candidate apart",
    "what made the difference",
    "areas where i",
    "how to improve",
    "how i can improve",
    "stay on your radar",
)


@rule(
    code="ASK002",
    name="no-feedback-request",
    severity=Severity.ERROR,
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
    """The seed: 'it is always advantageous to ask for feedback relating to your application'.

    Good: 'I would be grateful for any feedback.' Bad: a polite goodbye with no question.
    """
    if not _asks(ctx, _FEEDBACK_NOUN):
        yield Hit("the message never asks for feedback")


# Searched in the lower-cased body, as two patterns whose branches all start with a letter: the
# engine skips straight to candidates (case-insensitive, it tried every branch everywhere).
_OTHER_ROLES = (
    re.compile(
        "(?:"
        + "|".join(
            at_word(word)
            for word in (
                "other another future similar suitable upcoming further alternative relevant "
                "new different potential"
            ).split()
        )
        + r")\s+(?:\w+\s+){0,2}?(?:roles?|positions?|opportunit(?:y|ies)|openings?|"
        r"vacanc(?:y|ies)|posts?|jobs?)\b"
    ),
    re.compile(
        "|".join(
            [
                at_word("keep") + " me in mind",
                at_word("bear") + " me in mind",
                r"keep (?:me|my (?:details|cv|application|r[ée]sum[ée])) on file",
                at_word("consider") + "(?:ed)? me for",
                r"consider my application for|future opportunit|talent pool|on your radar",
                r"anything (?:else )?(?:comes|come) up",
                r"should (?:anything|something) (?:else )?(?:come|open) up",
                r"opportunit(?:y|ies) in (?:the )?future",
            ]
        )
    ),
)


@rule(
    code="ASK003",
    name="no-other-roles",
    severity=Severity.WARNING,
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
    """The seed: 'suggest that you'd be keen to hear about other suitable positions' - a warning,
    since the seed adds 'if you feel it's appropriate'.

    Good: 'I would welcome hearing about other suitable roles.' Bad: no word about the future.
    """
    if not any(pattern.search(ctx.lower) for pattern in _OTHER_ROLES):
        yield Hit("say you would welcome hearing about other suitable roles")


_LEARNING = phrases(
    "learn",
    "learning",
    "develop",
    "developing",
    "development",
    "improve",
    "improving",
    "improvement",
    "grow",
    "growing",
    "growth",
    "strengthen",
    "build on",
    "upskill",
    "new skills",
    "transfer",
    "better prepared",
    "reflect on",
)


@rule(
    code="ASK004",
    name="no-willingness-to-learn",
    severity=Severity.WARNING,
    kinds=[Kind.FEEDBACK_REQUEST],
    instruction="Show you are willing to learn and to develop new skills.",
    hint="Add a clause such as 'as I am keen to learn and improve'.",
    good=[
        Example(f"{_OPEN}Any feedback would help me improve.{_SIGN}", kind=Kind.FEEDBACK_REQUEST)
    ],
    bad=[Example(f"{_OPEN}Thank you again for your time.{_SIGN}", kind=Kind.FEEDBACK_REQUEST)],
)
def no_willingness_to_learn(ctx: Context) -> Iterator[Hit]:
    """The seed: be 'willing to learn new skills or transfer some of your expertise into other
    areas'. Feedback is only useful to someone who says they will use it.

    Good: 'Any feedback would help me improve.' Bad: a request that implies nothing to learn.
    """
    if not _LEARNING.search(ctx.body):
        yield Hit("say you are keen to learn or improve")


_APPLICATION_WORDS = phrases(
    "role",
    "position",
    "job",
    "post",
    "vacancy",
    "opening",
    "interview",
    "interviewing",
    "application",
    "opportunity",
    "internship",
    "apprenticeship",
    "placement",
    "traineeship",
    "graduate scheme",
    "training contract",
    # Job titles: 'join you as a Key Stage 2 teacher' names the job without the word 'role'.
    *(
        f"{title}{plural}"
        for title in """teacher nurse engineer analyst manager officer assistant developer designer
        accountant coordinator co-ordinator administrator technician consultant associate
        executive adviser advisor specialist intern trainee paralegal solicitor lawyer
        barrister chef supervisor clerk editor writer researcher scientist lecturer director
        representative agent planner surveyor architect pharmacist therapist worker carer
        receptionist buyer auditor bookkeeper programmer tester fundraiser
        caseworker practitioner physiotherapist midwife doctor registrar apprentice
        operator driver cashier estimator inspector controller strategist producer
        journalist reporter librarian curator""".split()
        for plural in ("", "s")
    ),
)


_LEGAL_SUFFIX = re.compile(r"[\s,]*\b(?:llp|ltd|limited|plc|inc|llc|gmbh|corp|co)\.?$", re.I)


@rule(
    code="CTX001",
    name="role-not-named",
    severity=Severity.ERROR,
    instruction=(
        "Name the role (and the organisation) so the reader knows which application this is."
    ),
    hint="Mention the role by name, e.g. 'the Paralegal role at Bramley Kent LLP'.",
    good=[f"{_OPEN}Thank you for the interview for the Paralegal role. I am keen.{_SIGN}"],
    bad=[f"{_OPEN}Thank you for your time. I am keen.{_SIGN}"],
)
def role_not_named(ctx: Context) -> Iterator[Hit]:
    """Interviewers see many candidates for many roles; say which one you are.

    Good: 'the Paralegal role at Bramley Kent LLP'. Bad: 'thank you for your time' and nothing more.
    """
    if ctx.notes is None:
        if not _APPLICATION_WORDS.search(ctx.body):
            yield Hit("the message never says which role or interview it is about")
        return
    body = ctx.lower
    company = _LEGAL_SUFFIX.sub("", ctx.notes.company).strip().lower()
    if company and company in body:
        return
    if tx.content_stems(ctx.notes.role) & ctx.body_stems:
        return
    yield Hit(f"name the role ('{ctx.notes.role}') or '{ctx.notes.company}'")


# Where a follow-up names the employer it is writing to: 'the Analyst role at X', 'joining X'.
# Where a follow-up names the employer it writes to: 'the Analyst role at X', 'joining X'.
# The anchor words are found with str.find (a fast scan) and the name matched right after;
# an alternation of nouns tried at every position cost ten times as much.
_ANCHORS = (" at", " with", "join", "joining", " for")
_NAME = re.compile(
    r"\s+(?P<name>(?:the[ \t]+)?[A-Z][\w&'\u2019\-]*"
    r"(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'\u2019\-]*){0,4})"
)
_SLOT_BEFORE = re.compile(
    r"(?:(?:role|position|post|job|vacancy|opportunit(?:y|ies)|team|interview|internship|career)s?"
    r"\s+(?:at|with)|join|joining|work(?:ing)?\s+(?:at|for))$"
)


def _employer_slots(body: str, lower: str) -> list[re.Match[str]]:
    """Capitalised names right after 'role at', 'joining', 'work for' and the like."""
    found: dict[int, re.Match[str]] = {}
    for anchor in _ANCHORS:
        at = lower.find(anchor)
        while at >= 0:
            end = at + len(anchor)
            match = _NAME.match(body, end)
            if match and _SLOT_BEFORE.search(lower, max(0, end - 30), end):
                found.setdefault(match.start("name"), match)
            at = lower.find(anchor, end)
    return [found[k] for k in sorted(found)]


@rule(
    code="CTX002",
    name="another-employer",
    severity=Severity.ERROR,
    supersedes=["GRND001"],
    instruction="Name only the organisation you interviewed with, as your notes spell it.",
    hint="Write the organisation's name from your notes; this one is someone else.",
    good=[
        f"{_OPEN}Thank you for the interview for the Paralegal role at Bramley Kent LLP. "
        f"I am very keen to join Bramley Kent.{_SIGN}"
    ],
    bad=[
        f"{_OPEN}Thank you for the interview for the Paralegal role at Harcourt Lane LLP. "
        f"I am very keen to join the team.{_SIGN}"
    ],
)
def another_employer(ctx: Context) -> Iterator[Hit]:
    """A letter reused from another application, or a model that mixed up its context, thanks
    the wrong employer: the one mistake that ends an application on the spot. Checked only
    where a message names the employer it writes to ('the role at X', 'joining X'), so a
    former employer mentioned elsewhere is fine.

    Good (notes: Bramley Kent LLP): 'the Paralegal role at Bramley Kent LLP'.
    Bad: 'the Paralegal role at Harcourt Lane LLP'.
    """
    if ctx.notes is None or not any(w in ctx.lower for w in (" at ", " with ", "join", "work")):
        return
    known = memo(ctx.notes, "employer-words", _employer_words)
    for match in _employer_slots(ctx.body, ctx.lower):
        before = ctx.lower[max(0, match.start() - 24) : match.start()]
        if _FORMER.search(before):
            continue  # 'my last job at Initech' is where the candidate worked before
        name = re.sub(r"^the\s+", "", match["name"])
        words = [tx.fold(w) for w in tx.words(name) if tx.fold(w) not in _ORG_WORDS]
        if not words or any(w in known for w in words):
            continue
        if words[0] in _NOT_A_NAME:
            continue  # 'joining Monday', 'work at Christmas'
        yield Hit(
            f"'{name}' is not {ctx.notes.company}: is this message for the right employer?",
            match.start("name"),
            match.end("name"),
        )


def _employer_words(notes: InterviewNotes) -> frozenset[str]:
    """Every word the notes use: any of them in the named employer means it is this one."""
    return frozenset(tx.fold(w) for w in tx.words(notes.model_dump_json()))


# Words any organisation may carry: sharing one of them says nothing about which firm it is.
_ORG_WORDS = frozenset(
    "ltd limited llp llc inc plc gmbh corporation corp group company co partners partnership "
    "associates holdings and of the uk international global services solutions".split()
)
_FORMER = re.compile(r"\b(?:my|previous|former|current|last|earlier|prior|present)\b[^.!?\n]*$")
_NOT_A_NAME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december christmas easter i you".split()
)
