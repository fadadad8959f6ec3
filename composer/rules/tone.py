"""Tone: calm, gracious and confident: no pressure, bitterness, shouting, grovelling or insult."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import MAX_EXCLAMATIONS, Context, Example, Hit, rule
from composer.rules.examples import FEEDBACK, OPEN, SIGN, STATUS, THANKS
from composer.rules.patterns import Pattern, needles, phrases, word_start

_PRESSURE = phrases(*lists.lines("tone", "pressure"))
# A demand for speed: 'reply as soon as possible', 'let me know immediately'. 'I could start
# immediately' and 'I can start as soon as possible' are offers, not demands.
_SPEED = lists.lines("tone", "speed")
_DEMAND = Pattern(
    r"(?:"
    + "|".join(
        (
            word_start("repl") + r"(?:y|ies|ied)",
            word_start("respon") + r"(?:d|ds|se)",
            word_start("hear") + r"(?:ing)?(?:\s+back)?",
            word_start("know"),
            word_start("answer"),
            word_start("back to me"),
        )
    )
    + r")(?:[ \t]+[\w']+){0,3}?[ \t]+"
    + lists.alternation(_SPEED)
    + r"(?![\w])",
    needs=needles(_SPEED),
)
# Asking for their decision, or setting the day it is due: 'I would need a decision from you',
# 'I would appreciate an answer by Friday', 'please get back to me this week'. Not 'you hoped
# to make a decision by Friday', nor 'I need to give the other firm an answer by Friday'.
_NEED_VERBS = lists.word_list("tone", "need verbs")
_NEED = Pattern(
    "(?:"
    + "|".join(word_start(w) for w in _NEED_VERBS)
    + r")(?:s|d|ed)?\s+(?:a|an|your|the|some)\s+(?:final\s+|firm\s+|quick\s+|clear\s+)?"
    r"(?:decision|answer|response|reply|update|confirmation)(?![\w])",
    needs=needles(_NEED_VERBS, whole=True),
)
_I_BEFORE = Pattern(r"(?<![\w'\u2019])i(?:['\u2019]d|['\u2019]ll)?(?:[ \t]+[\w'\u2019]+){0,2}\s+$")
_NEGATED = Pattern(r"\bnot\b|n['\u2019]t\b|\bnever\b|\bno\b")
# A time limit ('by Friday', 'within the next week', 'before then') or a day ('today', 'this
# week'). Deadlines are found from their time, which starts with a literal and is rare, and
# then confirmed by what asks for it just before (_DEADLINES): scanning for the asking words
# first cost four times as much.
_DAYS = (
    r"(?:next|end|close|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|this|"
    r"then|that|\d)"
)
_WHEN = Pattern(
    "(?P<limit>(?:"
    + "|".join(word_start(w) for w in ("by", "before", "within"))
    + r"|"
    + word_start("no")
    + r"\s+later\s+than)\s+(?:the\s+)?"
    + _DAYS
    + r")|(?P<day>"
    + "|".join(word_start(w) for w in ("today", "tomorrow", "tonight"))
    + "|"
    + word_start("this")
    + r"\s+(?:week|morning|afternoon|evening))",
    # No pre-filter: 'by' and 'this' are in almost every text, and the scan is cheap anyway.
)
_ASKER = r"(?<![\w'\u2019])"
# What makes a time the reader's deadline, each ending where the time starts, and the first
# words of the times it takes:
_DEADLINES = (
    # 'hearing from you within the next week', 'your reply by Friday'
    (
        Pattern(
            _ASKER + r"(?:hear(?:ing)?(?:\s+back)?\s+from\s+(?:you|your\s+team|the\s+team)|"
            r"your\s+(?:reply|response|answer))\s+$"
        ),
        ("by", "before", "within"),
    ),
    # 'I would appreciate an answer by Friday'; not 'you hoped to make a decision by Friday'
    (
        Pattern(
            _ASKER
            + r"(?:appreciate|like|receive)\s+(?:a|an|your)\s+(?:final\s+)?(?:decision|answer|"
            r"response|reply|update)\s+(?:from\s+(?:you|your\s+team|the\s+team)\s+)?$"
        ),
        ("by", "before", "within", "no"),
    ),
    # 'please get back to me this week', 'let me know by Friday'
    (
        Pattern(
            _ASKER + r"(?:get\s+back\s+to\s+me|come\s+back\s+to\s+me|let\s+me\s+know)\s+"
            r"(?:with\s+(?:a|an|your|the)\s+(?:decision|answer|update|response)\s+)?$"
        ),
        ("by", "before", "within", "no", "today", "tomorrow", "tonight", "this"),
    ),
)
# 'let me know today if you need anything else' is an offer, not a deadline.
_OFFER_AFTER = Pattern(r"\w*[ \t]+if\b")


# The time words, found with str.find (a regex scan of the whole text cost more than every
# deadline check together); each place is confirmed by matching _WHEN there.
_WHEN_WORDS = ("by", "before", "within", "later", "today", "tomorrow", "tonight", "this")


def _times(lower: str) -> list[re.Match[str]]:
    """Every time limit or day in the text, in order."""
    found: dict[int, re.Match[str]] = {}
    when = _WHEN.pattern
    for word in _WHEN_WORDS:
        at = lower.find(word)
        while at >= 0:
            if word == "later":  # 'no later than': the match starts at 'no'
                match = when.search(lower, max(0, at - 8), at + 40)
                if match is not None and match.start() > at:
                    match = None
            else:
                match = when.match(lower, at)
            if match is not None:
                found.setdefault(match.start(), match)
            at = lower.find(word, at + len(word))
    return [found[k] for k in sorted(found)]


def _deadlines(lower: str) -> Iterator[tuple[int, int]]:
    """Spans of each deadline set for the reader: the asking words and the time."""
    for when in _times(lower):
        start = when.start()
        first = lower[start : start + 8].split(maxsplit=1)[0]
        for asker, kinds in _DEADLINES:
            if first not in kinds:
                continue
            ask = asker.pattern.search(lower, max(0, start - 64), start)
            if ask is None:
                continue
            if "today" in kinds and _OFFER_AFTER.pattern.match(lower, when.end()):
                continue  # 'let me know today if you need anything' offers help
            yield ask.start(), when.end()
            break


# Counting your unanswered emails: 'no reply to my last three emails', 'I have sent you three
# messages' (but not 'I sent two emails to HR with my references').
_COUNTED = Pattern(
    "(?:"
    + word_start("my")
    + r"\s+(?:last|previous|earlier|past|prior)|"
    + word_start("sent")
    + r"\s+you)\s+(?:two|three|four|five|six|several|multiple|many|few|\d+)\s+"
    r"(?:e-?mails|messages|voicemails|calls)(?![\w])",
    needs=("mail", "message", "call"),
)

# An ultimatum: 'I will have to accept it unless I hear from you', 'otherwise I will accept'.
# 'Unless I hear otherwise' only confirms a plan.
_ULTIMATUM = Pattern(
    word_start("unless")
    + r"\s+(?:i|you)\s+(?:hear|receive|get|reply|respond|let\s+me|tell\s+me|come\s+back)"
    r"(?![\w'\u2019])(?![^.!?\n]{0,24}\botherwise\b)|"
    + word_start("otherwise")
    + r",?\s+i(?:\s+will|\s+shall|\s+may|\s+would|['\u2019]ll|['\u2019]d)\s+"
    r"(?:have\s+to\s+|need\s+to\s+|be\s+forced\s+to\s+)?(?:accept|take|go|assume|withdraw|look|move)|"
    + word_start("or else"),
    needs=("unless", "otherwise", "or else"),
)
# What the writer expects of the reader: 'I expect a proper explanation', 'I expect to hear'.
# 'I expect you are busy' expects nothing of them.
_EXPECT = Pattern(
    word_start("i")
    + r"(?:\s+(?:fully|do|now|would|will|really|therefore))?\s+expect\s+(?:(?:a|an|your|some|the)"
    r"\s+(?:[\w-]+\s+)?(?:explanation|answer|response|reply|decision|update|feedback|apology|"
    r"call|justification|reason)s?|to\s+(?:hear|receive|get|be\s+(?:told|given|contacted)))"
    r"(?![\w])",
    needs=("expect",),
)


@rule(
    code="TONE001",
    name="pressure",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: delays are normal, so 'remain calm and wait for the call'."
    ),
    instruction="Ask without pressure: no deadlines, demands, 'ASAP' or complaints about waiting.",
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
    lower = ctx.lower
    found = [m.span() for m in _PRESSURE.finditer(lower)]
    for pattern in (_DEMAND, _COUNTED, _ULTIMATUM, _EXPECT):  # each skips a text it cannot match
        found.extend(m.span() for m in pattern.finditer(lower))
    found.extend(_deadlines(lower))
    found.extend(m.span() for m in _NEED.finditer(lower) if _asked_by_writer(lower, m.start()))
    end = -1
    for start, stop in sorted(found, key=lambda s: (s[0], -s[1])):
        if start < end:
            continue  # one finding for 'let me know by Friday', not one per pattern
        end = stop
        yield Hit(f"'{ctx.body[start:stop]}' puts pressure on the reader", start, stop)


def _asked_by_writer(lower: str, start: int) -> bool:
    """'I would need a decision', not 'you need a decision' or 'I do not need an answer yet'."""
    before = _I_BEFORE.pattern.search(lower, max(0, start - 30), start)
    return before is not None and not _NEGATED.pattern.search(before.group())


_BITTER = phrases(*lists.lines("tone", "bitterness"))
_GRIEVANCES = lists.lines("tone", "grievances")
_CONCESSIONS = lists.lines("tone", "concessions")
# A grievance dressed as patience: 'even though nobody told me the panel was running late'.
# The connective's clause must be about the day, not the writer ('even though I was late').
# Scanned only when the text has both a connective and a grievance word (_GRIEVED).
_CONCEDED = Pattern(
    lists.alternation(_CONCESSIONS)
    + r"\s+(?!(?:i|my|me)\b|i['\u2019])[^.!?;\n]{0,80}?(?<![\w'\u2019])"
    + lists.alternation(_GRIEVANCES)
    + r"(?![\w])",
    needs=needles(_CONCESSIONS),
)
# Phrase lists whose word-level pre-filter is all but free: the regex runs only after both.
_CONCEDING = phrases(*_CONCESSIONS)
_GRIEVED = phrases(*_GRIEVANCES)
# Disbelief at the decision, however politely put: 'I find it hard to understand the
# decision', 'difficult to believe that my qualifications ...'. Found from its literal 'to
# understand ...', then confirmed by the difficulty just before it (_DIFFICULTY).
_DISBELIEF = Pattern(
    r"to\s+(?:understand|see|believe|accept|fathom|comprehend)\s+(?:why|how|that|what|"
    r"(?:the|your|this)\s+(?:decision|outcome|choice|reasoning|result))(?![\w])",
    needs=("understand", "see", "believe", "accept", "fathom", "comprehend"),
)
_DIFFICULTY = Pattern(
    r"(?<![\w])(?:hard|difficult|impossible|struggl\w*|at\s+a\s+loss|fail\w*|unable)"
    r"\s+(?:[\w']+\s+){0,2}?$"
)
# Time the writer says the employer wasted: 'I wasted a whole day on your interview'. Not
# 'I hope I have not wasted your time'.
_WASTED = Pattern(
    r"wast(?:ed|ing)\s+(?:a|an|the|my|our|so\s+much|hours|days|half)(?:\s+[\w-]+){0,3}?\s+"
    r"(?:day|days|time|morning|afternoon|evening|hours?|week|weekend|effort|trip|journey|leave|"
    r"holiday)(?![\w])|waste\s+of\s+(?:my|a|an|the|our)\s+(?:[\w-]+\s+)?(?:time|day|morning|"
    r"afternoon|evening|effort|trip|journey)(?![\w])",
    needs=("wast",),
)
# Asking the reader to reverse the decision: 'I would ask you to reconsider'.
_RECONSIDER = Pattern(
    r"(?:you\s+(?:to\s+|will\s+|would\s+|could\s+|might\s+|can\s+|may\s+)?|please\s+)"
    r"reconsider(?:ing)?(?![\w])",
    needs=("reconsider",),
)


@rule(
    code="TONE002",
    name="bitterness",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: if you have not got the job, 'remain courteous and thank"
        " the interviewer for the opportunity'."
    ),
    instruction="Stay gracious about the decision: no blame, complaint or argument with it.",
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
    lower = ctx.lower
    spans: list[tuple[int, int]] = []
    if _CONCEDING.search(ctx.body) and _GRIEVED.search(ctx.body):
        spans.extend(m.span() for m in _CONCEDED.finditer(lower))
    for cues in (_BITTER.finditer(ctx.body), _disbelief(lower), _WASTED.finditer(lower)):
        # 'I do not feel I wasted my time', 'I don't think it was unfair'
        spans.extend(m.span() for m in cues if not _negated_before(lower, m.start()))
    spans.extend(m.span() for m in _RECONSIDER.finditer(lower))
    end = -1
    for start, stop in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < end:
            continue  # one finding for overlapping cues
        end = stop
        yield Hit(
            f"'{ctx.body[start:stop]}' sounds bitter or argues with the decision", start, stop
        )


_TO_DOUBT = phrases(*(f"to {verb}" for verb in _DISBELIEF.needs or ()))


def _disbelief(lower: str) -> Iterator[re.Match[str]]:
    """'hard to understand the decision': each 'to understand ...' with a difficulty before
    it, the match running from the difficulty ('hard') to the end."""
    if _TO_DOUBT.search(lower) is None:
        return
    for match in _DISBELIEF.finditer(lower):
        window = max(0, match.start() - 40)
        before = _DIFFICULTY.pattern.search(lower, window, match.start())
        if before is not None:
            whole = _DIFFICULTY_AND_DISBELIEF.pattern.match(lower, before.start(), match.end())
            if whole is not None:
                yield whole


_DIFFICULTY_AND_DISBELIEF = Pattern(_DIFFICULTY.source.removesuffix("$") + _DISBELIEF.source)


def _negated_before(lower: str, start: int) -> bool:
    """'I did not feel I had wasted my time': a negation just before, in the same clause."""
    lead = lower[max(0, start - 24) : start]
    lead = lead[max(lead.rfind(c) for c in ".!?;,\n") + 1 :]
    return _NEGATED.pattern.search(lead) is not None


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
