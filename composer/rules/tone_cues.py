"""Cues the tone rules read beyond their phrase lists: pressure and bitterness however
politely put. Deadlines are found from their time words, ultimatums and expectations from
their first words, grievances from the concession that dresses them as patience. The word
lists are the tone family's (data/tone.txt).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer.rules import lists
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
            + r"(?:appreciate|like|receive)\s+(?:a|an|your|some|the)\s+(?:final\s+)?(?:decision|"
            r"answer|response|reply|update|feedback)\s+(?:from\s+(?:you|your\s+team|the\s+team)\s+)?$"
        ),
        ("by", "before", "within", "no"),
    ),
    # 'please get back to me this week', 'let me know by Friday'
    (
        Pattern(
            _ASKER + r"(?:get\s+back\s+to\s+me|come\s+back\s+to\s+me|let\s+me\s+know|"
            # 'if you could inform me of your decision by Tuesday'
            r"(?:inform|tell|notify|advise|update)\s+me(?:\s+(?:of|about|on)\s+(?:your|the)\s+"
            r"(?:final\s+)?(?:decision|outcome|answer|result))?)\s+"
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
    word_start("i") + r"(?:\s+(?:fully|do|now|would|will|really|therefore))?\s+expect\s+"
    # 'a proper explanation', 'detailed feedback' (a word before the noun when no article)
    r"(?:(?:(?:a|an|your|some|the)\s+(?:[\w-]+\s+)?|[\w-]+\s+)"
    r"(?:explanation|answer|response|reply|decision|update|feedback|apology|"
    r"call|justification|reason)s?|to\s+(?:hear|receive|get|be\s+(?:told|given|contacted)))"
    r"(?![\w])",
    needs=("expect",),
)


def _asked_by_writer(lower: str, start: int) -> bool:
    """'I would need a decision', not 'you need a decision' or 'I do not need an answer yet'."""
    before = _I_BEFORE.pattern.search(lower, max(0, start - 30), start)
    return before is not None and not _NEGATED.pattern.search(before.group())


def pressure_spans(lower: str) -> list[tuple[int, int]]:
    """Where a lower-cased text puts pressure on the reader: demands, deadlines set for them,
    ultimatums, complaints about the wait. Overlapping cues give one span."""
    found = [m.span() for m in _PRESSURE.finditer(lower)]
    for pattern in (_DEMAND, _COUNTED, _ULTIMATUM, _EXPECT):  # each skips a text it cannot match
        found.extend(m.span() for m in pattern.finditer(lower))
    found.extend(_deadlines(lower))
    found.extend(m.span() for m in _NEED.finditer(lower) if _asked_by_writer(lower, m.start()))
    return _one_per_place(found)  # 'let me know by Friday' once, not once per cue


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


# The reader's decision called a mistake: 'the panel made a mistake', 'you have made the wrong
# call'. 'I made a mistake in my answer' owns one: the subject must not be the writer.
_WRONG_CALL = Pattern(
    r"made\s+(?:a|the)\s+(?:big\s+|huge\s+|serious\s+|real\s+|grave\s+|terrible\s+)?"
    r"(?:mistake|error|wrong\s+(?:call|choice|decision))(?![\w])",
    needs=("made",),
)
# Who made it: the word just before 'made' (or before 'have made').
_MAKER = Pattern(r"(?<![\w'\u2019])([\w'\u2019]+)\s+(?:(?:have|has|had|may\s+have)\s+)?$")
_WRITER_SUBJECTS = frozenset({"i", "we", "i've", "i\u2019ve", "i'd", "i\u2019d"})
_SURPRISE = phrases(*lists.lines("tone", "surprise"))
_MERIT = phrases(*lists.lines("tone", "merit claims"))
_SENTENCE_MARKS = ".!?\n"


def _wrong_calls(lower: str) -> Iterator[re.Match[str]]:
    """'the panel made a mistake': a decision called wrong by someone other than its maker."""
    for match in _WRONG_CALL.finditer(lower):
        maker = _MAKER.pattern.search(lower, max(0, match.start() - 40), match.start())
        if maker is not None and maker.group(1) not in _WRITER_SUBJECTS:
            yield _WHOLE_CALL.pattern.match(lower, maker.start(), match.end()) or match


_WHOLE_CALL = Pattern(_MAKER.source.removesuffix("$") + _WRONG_CALL.source)


def _surprised_by_merit(lower: str) -> Iterator[tuple[int, int]]:
    """Surprise at the decision argued from the writer's merit, in one sentence: from the
    surprise to the end of the merit claim ('surprised ... the strongest candidate')."""
    if _MERIT.search(lower) is None:
        return
    for match in _SURPRISE.finditer(lower):
        start = max(lower.rfind(mark, 0, match.start()) for mark in _SENTENCE_MARKS) + 1
        ends = [at for at in (lower.find(mark, match.end()) for mark in _SENTENCE_MARKS) if at >= 0]
        end = min(ends) if ends else len(lower)
        claims = [m for m in _MERIT.finditer(lower[start:end])]
        if claims and not _negated_before(lower, match.start()):
            yield match.start(), max(match.end(), start + claims[-1].end())


def bitterness_spans(lower: str) -> list[tuple[int, int]]:
    """Where a lower-cased text sounds bitter or argues with the decision. Overlapping cues
    give one span."""
    spans: list[tuple[int, int]] = []
    if _CONCEDING.search(lower) and _GRIEVED.search(lower):
        spans.extend(m.span() for m in _CONCEDED.finditer(lower))
    spans.extend(_surprised_by_merit(lower))
    for cues in (
        _BITTER.finditer(lower),
        _disbelief(lower),
        _WASTED.finditer(lower),
        _wrong_calls(lower),
    ):
        # 'I do not feel I wasted my time', 'I don't think it was unfair'
        spans.extend(m.span() for m in cues if not _negated_before(lower, m.start()))
    spans.extend(m.span() for m in _RECONSIDER.finditer(lower))
    return _one_per_place(spans)


def _one_per_place(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, less any that starts inside the one before it."""
    kept: list[tuple[int, int]] = []
    for start, stop in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, stop))
    return kept


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
