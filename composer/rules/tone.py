"""Tone: calm, gracious and confident: no pressure, bitterness, shouting, grovelling or insult."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists, tone_cues
from composer.rules.base import MAX_EXCLAMATIONS, Context, Example, Hit, rule
from composer.rules.examples import FEEDBACK, OPEN, SIGN, STATUS, THANKS
from composer.rules.patterns import Pattern, needles, phrases, word_start


@rule(
    code="TONE001",
    name="pressure",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: delays are normal, so 'remain calm and wait for the call'."
    ),
    instruction={
        None: "Ask without pressure: no deadlines, demands, 'ASAP' or complaints about waiting.",
        Kind.THANK_YOU: "Put no pressure on the reader: no deadline, no pushing for a decision.",
        Kind.FEEDBACK_REQUEST: "Ask for feedback as a favour: no deadline, no demand.",
    },
    hint="Replace the demand with a gentle question such as 'Is there any update you can share?'",
    good=[
        Example(
            "Dear Sophie,\n\nI hope you are well. I remain very keen on the Paralegal role at "
            "Bramley Kent LLP and wondered whether there is any update on your decision.\n\n"
            "Kind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            STATUS.replace(
                "that you are able to share.",
                "that you are able to share. I could start immediately if that helps.",
            ),
            Kind.STATUS_CHECK,
            whole=True,
        ),
        Example(
            STATUS.replace(
                "I hope you are well.",
                "I have been offered a place at another firm and must give them my answer by "
                "Thursday; Bramley Kent remains my first choice.",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why="Telling a preferred employer about an offer and its deadline asks them nothing.",
        ),
    ],
    bad=[
        Example(
            f"{OPEN}Thank you for letting me know. I would like your feedback by the end of the "
            f"week, and I expect detailed feedback on every answer.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="A deadline and a demand for feedback: pressure, however politely put.",
        ),
        Example(
            "Dear Sophie,\n\nI still haven't heard back about the Paralegal role and need an "
            "answer ASAP, as I have other offers.\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            f"{OPEN}I must give the other firm my answer by Thursday, so please let me know "
            f"before then.{SIGN}",
            kind=Kind.STATUS_CHECK,
            why="The other firm's deadline, made the reader's: 'let me know before then'.",
        ),
        Example(
            f"{OPEN}I remain very keen on the role and would be grateful if you could inform me "
            f"of your decision by Tuesday 24 November.{SIGN}",
            kind=Kind.STATUS_CHECK,
            why="A real model's status check: the reader given a date to decide by.",
        ),
        Example(
            f"{OPEN}You promised an answer by Friday and it is now Monday!{SIGN}",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            f"{OPEN}I hold another offer, and I will have to accept it unless I hear from "
            f"you.{SIGN}",
            kind=Kind.STATUS_CHECK,
            why="An ultimatum, however calmly put.",
        ),
        Example(
            f"{OPEN}I expect a proper explanation by the end of the week.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            f"{OPEN}Don't bother sending me a generic reply; I would like real feedback.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            STATUS.replace(
                "I hope you are well.", "I still haven't heard back and need an answer ASAP."
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why=(
                "'I could start immediately' is an offer; 'still haven't heard ... ASAP' is "
                "pressure."
            ),
        ),
    ],
)
def pressure(ctx: Context) -> Iterator[Hit]:
    """Delays in hiring are normal, and pressure only hurts. Pressure is a demand ('I would
    need a decision from you'), a deadline for the reader ('by Friday', 'this week') or a
    complaint about the wait ('no reply to my last three emails').

    Saying you hold another offer is not pressure: careers advisers recommend telling an
    employer you prefer, politely, that you have an offer and when you must answer it ('I have
    received another offer and must reply to them by Friday; you remain my first choice'). So
    the offer itself is never flagged; a deadline or a demand made of the reader is, offer or
    not ('... so I would need a decision from you by Friday').
    """
    for start, stop in tone_cues.pressure_spans(ctx.lower):
        yield Hit(f"'{ctx.body[start:stop]}' puts pressure on the reader", start, stop)


@rule(
    code="TONE002",
    name="bitterness",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: if you have not got the job, 'remain courteous and thank"
        " the interviewer for the opportunity'."
    ),
    instruction={
        None: "Stay gracious about the decision: no blame, complaint or argument with it.",
        Kind.THANK_YOU: "Stay positive: no complaint about the interview or the process.",
        Kind.STATUS_CHECK: "Stay patient and positive: no complaint about the wait or the process.",
    },
    hint="Remove the complaint; thank them and ask what you could do better.",
    good=[
        Example(
            "Dear Sophie,\n\nThank you for letting me know. While I am disappointed, I enjoyed "
            "meeting you and would be grateful for any feedback.\n\nKind regards,\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            f"{OPEN}Even though I was not successful, I learned a great deal, and I hope I have "
            f"not wasted your time with my questions.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="A concession about the writer, and a considerate 'not wasted your time'.",
        ),
        Example(
            f"{OPEN}I understand the decision, and I do not feel I wasted my time at all.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            f"{OPEN}I think I made a mistake in my answer on adjudication, and I would value your "
            f"view on it.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="A mistake the writer owns is no complaint about the decision.",
        ),
        Example(
            f"{OPEN}I was surprised to learn how much responsibility paralegals are given, and I "
            f"would be grateful for any feedback.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="Surprise with no claim to have deserved the role is a reaction to the day.",
        ),
        Example(
            FEEDBACK,
            Kind.FEEDBACK_REQUEST,
            whole=True,
        ),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI think the decision was unfair; I was clearly the best candidate. "
            "Please reconsider your decision.\n\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            f"{OPEN}I was happy to wait, even though the interview began half an hour after the "
            f"time I was given.{SIGN}",
            kind=Kind.STATUS_CHECK,
            why="A grievance about the day dressed as patience.",
        ),
        Example(
            f"{OPEN}I must say I find it hard to understand the decision, given that I met every "
            f"requirement in the advert.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="Disbelief at the decision, politely put, is still arguing with it.",
        ),
        Example(f"{OPEN}Frankly, your process was a joke.{SIGN}", kind=Kind.FEEDBACK_REQUEST),
        Example(
            f"{OPEN}I was surprised by the news, as I was told at the interview that I was the "
            f"strongest candidate you had seen.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="Surprise argued from the writer's merit disputes the decision.",
        ),
        Example(
            f"{OPEN}Frankly, I think the panel made a mistake, but I wish you well.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="The decision called a mistake, by someone other than its maker.",
        ),
        Example(
            f"{OPEN}It is a shame the panel did not take the time to read my application "
            f"properly, and that I was left hanging for three weeks.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="Blaming the reader's care and the wait.",
        ),
        Example(
            f"{OPEN}With respect, I believe my experience deserved more than a two-line email, "
            f"and I suspect the role had already been promised to someone inside.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="Merit as the reader's fault, and a hint the job was never open.",
        ),
        Example(f"{OPEN}I wasted a whole day on your interview.{SIGN}", kind=Kind.FEEDBACK_REQUEST),
        Example(
            FEEDBACK.replace(
                "While I am disappointed,",
                "Frankly the decision was unfair, as I was clearly the best candidate, but",
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="'While I am disappointed' is gracious; 'the decision was unfair' argues.",
        ),
    ],
)
def bitterness(ctx: Context) -> Iterator[Hit]:
    """After a rejection the next role there may still be yours. Sarcasm
    ('thanks for finally letting me know') and disbelief at the choice ('I struggle to see how
    anyone else was a better fit') argue with the decision as surely as 'unfair' does.
    """
    for start, stop in tone_cues.bitterness_spans(ctx.lower):
        yield Hit(
            f"'{ctx.body[start:stop]}' sounds bitter or argues with the decision", start, stop
        )


# Capitals are shouting when they are ordinary words ('THANK YOU', 'SO', 'REALLY EXCITED');
# acronyms (LLP, HR, IT, NHS, KPIs, ICAEW, UNICEF, NASDAQ) are not. A short capitalised word
# is an acronym unless it is a common word; a longer one shouts when it is a common word of
# emphasis or sits next to another capitalised word ('PLEASE CONSIDER ME').
_CAPS = Pattern(
    r"[A-Z](?<![\w'\u2019][A-Z])[A-Z0-9'\u2019\-]*[A-Z](?:s|'s|\u2019s)?(?![\w'\u2019])"
)
_SHORT_ACRONYM = Pattern(r"^[A-Z0-9&]{2,5}(?:s|'s|\u2019s)?$")
_EMPHASIS = (tx.STOPWORDS - {"it", "us", "am"}) | lists.words("tone", "emphasis")


def _is_emphasis(word: str) -> bool:
    return word.lower().rstrip("'\u2019") in _EMPHASIS


def _acronym(match: re.Match[str]) -> bool:
    return bool(_SHORT_ACRONYM.pattern.match(match.group())) and not _is_emphasis(match.group())


def _next_to(first: re.Match[str], second: re.Match[str]) -> bool:
    return 0 < second.start() - first.end() <= 2


# Judged in code: '!!', '??' and '?!!' shout, '?!' does not.
_MARK_RUN = Pattern(r"[!?]{2,}")
# Every run of two or more marks holds one of these pairs: four substring tests cost a
# fraction of the scan (a character set is tried at every position).
MARK_PAIRS = ("!!", "??", "!?", "?!")


@rule(
    code="TONE003",
    name="shouting",
    severity=Severity.ERROR,
    source="Common practice for emails: capitals and '!!' read as shouting.",
    instruction="Write in sentence case, with no ALL-CAPS words and no '!!'.",
    hint="Lower-case the capitalised words and use at most one exclamation mark.",
    good=[
        "Dear Sophie,\n\nThank you! I am very keen to join the HR team at KPMG.\n\nJordan",
        Example(
            STATUS.replace("Subject: Paralegal role - any update?", "Subject: LLP paralegal role?"),
            Kind.STATUS_CHECK,
            why="An acronym and one question mark in a subject are not shouting.",
        ),
        Example(
            THANKS.replace("Thank you for meeting", "Thank you so much for meeting"),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        "Dear Sophie,\n\nTHANK YOU SO MUCH!! I am REALLY excited.\n\nJordan",
        Example(
            STATUS.replace(
                "Subject: Paralegal role - any update?", "Subject: URGENT!!! PARALEGAL ROLE"
            ),
            Kind.STATUS_CHECK,
            why="A subject line shouts as loudly as the body.",
        ),
        Example(
            FEEDBACK.replace("Subject: Paralegal role - thank you", "Subject: FEEDBACK???"),
            Kind.FEEDBACK_REQUEST,
        ),
        Example(
            THANKS.replace("Thank you for meeting", "THANK YOU SO MUCH!! I loved meeting"),
            Kind.THANK_YOU,
            whole=True,
            why="LLP and one '!' are fine; 'THANK YOU SO MUCH!!' is shouting.",
        ),
    ],
)
def shouting(ctx: Context) -> Iterator[Hit]:
    """Capitals and '!!' read as shouting, which is the opposite of courteous; in the subject
    line, the first thing the reader sees, as much as in the body ('URGENT!!!', 'FEEDBACK???').
    """
    allowed = ctx.facts.caps_words if ctx.facts is not None else frozenset()
    yield from _shouts(ctx.subject, allowed, in_subject=True)
    yield from _shouts(ctx.body, allowed)


def _shouts(text: str, allowed: frozenset[str], in_subject: bool = False) -> Iterator[Hit]:
    found = [
        m
        for m in _CAPS.finditer(text)
        if m.group() not in allowed and m.group().rstrip("s").rstrip("'\u2019") not in allowed
    ]
    loud = [_is_emphasis(m.group()) for m in found]
    for i, match in enumerate(found):
        word = match.group()
        if not loud[i]:
            if _SHORT_ACRONYM.pattern.match(word):
                continue
            # A long capitalised word alone is a name (UNICEF); in a run of capitals, shouting.
            before = i > 0 and _next_to(found[i - 1], match) and not _acronym(found[i - 1])
            after = i + 1 < len(found) and _next_to(match, found[i + 1])
            if not (before or (after and not _acronym(found[i + 1]))):
                continue
        where = " in the subject" if in_subject else ""
        yield Hit(
            f"'{word}'{where} is in capitals, which reads as shouting",
            match.start(),
            match.end(),
            in_subject=in_subject,
        )
    if not any(map(text.__contains__, MARK_PAIRS)):
        return
    for match in _MARK_RUN.finditer(text):
        if "!!" in match.group() or "??" in match.group():
            where = " in the subject" if in_subject else ""
            yield Hit(
                f"repeated punctuation{where} reads as shouting",
                match.start(),
                match.end(),
                in_subject=in_subject,
            )


@rule(
    code="TONE004",
    name="many-exclamations",
    severity=Severity.WARNING,
    source="Common practice for emails: let the words carry the enthusiasm, not the punctuation.",
    thresholds=[MAX_EXCLAMATIONS],
    instruction="Use at most {max_exclamations} exclamation marks.",
    hint="Keep one exclamation mark at most; let the words carry the enthusiasm.",
    good=[
        "Dear Sophie,\n\nThank you for Thursday! I am very keen.\n\nJordan",
        Example(
            THANKS.replace("keener\nto join you.", "keener\nto join you!"),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        "Dear Sophie,\n\nThank you! It was great! I loved it! I am keen!\n\nJordan",
        Example(
            THANKS.replace(
                "keener\nto join you.", "keener\nto join you! It was great! Really!"
            ).replace("would help.", "would help!"),
            Kind.THANK_YOU,
            whole=True,
            why="One exclamation mark is warm; four is gushing (a warning).",
        ),
    ],
)
def many_exclamations(ctx: Context) -> Iterator[Hit]:
    """Enthusiasm belongs in the words; a row of exclamation marks reads as gushing."""
    marks = [m.start() for m in re.finditer("!", ctx.body)]
    limit = ctx.settings.max_exclamations
    if len(marks) > limit:
        yield Hit(
            f"{len(marks)} exclamation marks; keep to {limit} or fewer", marks[limit], marks[-1] + 1
        )


_APOLOGY = phrases(*lists.lines("tone", "apology"))
_APOLOGY_HEADS = lists.lines("tone", "apology heads")
# 'sorry' or 'apologies' and, in the same clause, what it apologises for: writing at all.
_APOLOGY_FOR = Pattern(
    lists.alternation(_APOLOGY_HEADS)
    + r"(?![\w])[^.!?;,\n]{0,30}?(?<![\w'\u2019])(?:"
    + "|".join(re.escape(w) for w in sorted(lists.words("tone", "apology objects"), key=len)[::-1])
    + r")(?![\w])",
    needs=needles(_APOLOGY_HEADS),
)
_SORRY = phrases(*_APOLOGY_HEADS)
# One apology is a softener (a warning); apologising again and again is grovelling (an error).
_GROVELLING = 2


@rule(
    code="TONE005",
    name="over-apologetic",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: following up once the deadline has passed 'is "
        "reasonable': there is nothing to apologise for."
    ),
    kinds=[Kind.STATUS_CHECK, Kind.FEEDBACK_REQUEST],
    instruction="Ask confidently; following up is normal, so do not apologise for writing.",
    hint="Drop the apology; 'I hope you are well' is enough before your question.",
    good=[
        Example(
            "Dear Sophie,\n\nI hope you are well. Is there any update?\n\nJordan",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            f"{OPEN}I am sorry it did not work out this time, and I would be grateful for any "
            f"feedback.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="Sorry about the outcome apologises for nothing.",
        ),
        Example(
            STATUS,
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nSorry to bother you, but is there any update?\n\nJordan",
            kind=Kind.STATUS_CHECK,
            why="One apology for writing: a warning.",
        ),
        Example(
            STATUS.replace("I hope you are well.", "I am so sorry to bother you again."),
            Kind.STATUS_CHECK,
            why="'I hope you are well' vs. 'Sorry to bother you' (a warning).",
        ),
        Example(
            STATUS.replace(
                "I hope you are well.",
                "Sorry to bother you again! Apologies for the follow-up, and I'm so sorry if "
                "this is a nuisance.",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why="Three apologies for one reasonable question is grovelling (an error).",
        ),
    ],
)
def over_apologetic(ctx: Context) -> Iterator[Hit]:
    """A follow-up after the deadline is a reasonable request; apologising for it undersells
    the candidate. One apology is a warning; apologising again and again is an error.
    """
    found = list(_APOLOGY.finditer(ctx.body))
    if _SORRY.search(ctx.body):  # a word-level pre-filter, all but free: most texts have none
        found.extend(_APOLOGY_FOR.finditer(ctx.lower))
    spans: list[tuple[int, int]] = []
    for match in sorted(found, key=lambda m: (m.start(), -m.end())):
        if not spans or match.start() >= spans[-1][1]:
            spans.append((match.start(), match.end()))
    severity = Severity.ERROR if len(spans) >= _GROVELLING else Severity.WARNING
    for start, end in spans:
        yield Hit(
            f"'{ctx.body[start:end]}' apologises for a reasonable request",
            start,
            end,
            severity=severity,
        )


_DESPERATE = phrases(*lists.lines("tone", "desperation"))
_EAGER = phrases(*lists.lines("tone", "over-eagerness"))
# 'I really need this job', 'how much I need this role'; 'I don't need' is no match.
_NEED_JOB = Pattern(
    word_start("i")
    + r"\s+(?:really\s+|truly\s+|so\s+|badly\s+|desperately\s+|just\s+|do\s+)?need\s+(?:this|the|a)"
    r"\s+(?:job|role|position|post|work|opportunity|income|money)(?![\w])",
    needs=("need",),
)


@rule(
    code="TONE006",
    name="desperate",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the note 'demonstrates a desire for the position': "
        "keenness does, need does not."
    ),
    instruction="Sound keen, not desperate.",
    hint="Say what you would bring to the role instead of how much you need it.",
    good=[
        "Dear Sophie,\n\nI am very keen to join the team.\n\nJordan",
        Example(
            STATUS,
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        Example(
            f"{OPEN}Thank you for letting me know. I honestly don't know how I will pay my rent "
            f"now, and this rejection has crushed me. I would be grateful for any feedback.{SIGN}",
            kind=Kind.FEEDBACK_REQUEST,
            why="Money worries and hurt laid on the reader are need, not keenness.",
        ),
        "Dear Sophie,\n\nI really need this job and would take any job you have.\n\nJordan",
        Example(
            f"{OPEN}I am desperate to join the team!{SIGN}",
            why="Over-eager about the role, with no burden on the reader: a warning.",
        ),
        Example(
            STATUS.replace(
                "I remain very keen on the position",
                "This job means everything to me and I don't know what I will do without it",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why="Keen vs. making the reader answer for the writer's need (an error).",
        ),
        Example(
            STATUS.replace("I remain very keen on the position", "I really need this job"),
            Kind.STATUS_CHECK,
            whole=True,
            why="Keen vs. needy (an error).",
        ),
    ],
)
def desperate(ctx: Context) -> Iterator[Hit]:
    """Keenness persuades; need does not, and it shifts the weight onto the reader ('this
    job means everything to me', 'I am counting on you'): an error. Over-eagerness about the
    role itself ('desperate to join') is effusive but asks nothing of the reader: a warning.
    """
    needy = sorted(
        [*_DESPERATE.finditer(ctx.body), *_NEED_JOB.finditer(ctx.lower)], key=lambda m: m.start()
    )
    for match in needy:
        yield Hit(
            f"'{ctx.body[match.start() : match.end()]}' sounds desperate rather than keen",
            match.start(),
            match.end(),
        )
    for match in _EAGER.finditer(ctx.body):
        yield Hit(
            f"'{ctx.body[match.start() : match.end()]}' sounds over-eager rather than keen",
            match.start(),
            match.end(),
            severity=Severity.WARNING,
        )


_INSULT = phrases(*lists.lines("tone", "insults"))


@rule(
    code="TONE007",
    name="insulting",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: 'remain courteous' whatever the news: the next role "
        "there could be yours."
    ),
    instruction="Never insult or swear, however the interview went.",
    hint="Remove the insult; say nothing rather than something unkind.",
    good=[
        f"{OPEN}Thank you for letting me know about the Paralegal role.{SIGN}",
        Example(
            FEEDBACK,
            Kind.FEEDBACK_REQUEST,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}You people are idiots for turning me down for the Paralegal role.{SIGN}",
        Example(
            FEEDBACK.replace("While I am disappointed,", "You people are idiots, but"),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="Gracious vs. insulting.",
        ),
    ],
)
def insulting(ctx: Context) -> Iterator[Hit]:
    """An insult ends a relationship worth keeping: the next role there could be yours.
    Also the check that catches a model obeying notes that asked it to insult the reader.
    """
    for match in _INSULT.finditer(ctx.body):
        yield Hit(f"'{match.group()}' is insulting", match.start(), match.end())
