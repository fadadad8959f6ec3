"""Voice: the message is written by the candidate, in the first person, to the reader."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import InterviewNotes, Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, memo, rule
from composer.rules.examples import FEEDBACK, STATUS, THANKS
from composer.rules.patterns import Pattern, phrases

_EMPLOYER_NOUNS = lists.words("voice", "employer nouns")
_EMPLOYER_ADJECTIVES = lists.words("voice", "employer adjectives") | _EMPLOYER_NOUNS
_PASSIVE = lists.words("voice", "passive auxiliaries")
_SKIPPED = lists.words("voice", "auxiliaries") | _PASSIVE
_CONTRACTED = {"re": "are", "ve": "have", "ll": "will", "d": "would"}


def _phrase_words(section: str) -> tuple[tuple[str, ...], ...]:
    """Each phrase of a section as its words, longest first, so 'applied for' wins."""
    found = {tuple(line.lower().split()) for line in lists.lines("voice", section)}
    return tuple(sorted(found, key=len, reverse=True))


_EMPLOYER_ACTS = _phrase_words("employer acts")
_CANDIDATE_OUTCOMES = _phrase_words("candidate outcomes")
_CANDIDATE_ACTS = _phrase_words("candidate acts")
_EMPLOYER_US = phrases(*lists.lines("voice", "employer us"))
_THIRD_PERSON = phrases(*lists.lines("voice", "third person"))
_THIRD_VERBS = lists.words("voice", "third person verbs")
_THIRD_BEFORE = lists.words("voice", "third person before")
_PREVIOUS_WORD = Pattern(r"([a-z]+)\s+$")


def _whole(word: str) -> str:
    """Regex text for `word` at the start of a word, the whole word first: a scan for a
    literal that long skips most of the text at once."""
    return re.escape(word) + rf"(?<![\w'\u2019]{re.escape(word)})"


# Searched in the lower-cased body; each starts with a whole word, so the scan jumps to it.
_OUR = Pattern(_whole("our") + r"\s+([\w'\u2019\-]+)(?:\s+([\w'\u2019\-]+))?")
_WE = Pattern(_whole("we") + r"(?:['\u2019](re|ve|ll|d))?(?![\w'\u2019])")
_NEXT_WORDS = Pattern(r"[a-z][a-z'\u2019\-]*|[.!?;:,\n()\"\u201c\u201d]")
# A sentence about the candidate's own job, where 'our clients' and 'we introduced' are theirs
# and their colleagues': 'In my current role at a housing association I led a review of our
# contracts'.
_OWN_WORK = Pattern(
    r"\bmy\s+(?:current|previous|former|last|present|old|first|part-time|summer)\b"
    r"|\bmy\s+(?:placement|internship|secondment|employer|workplace|job)\b"
    r"|\bwhere\s+i\s+(?:work|worked|am\s+working|volunteer|volunteered|trained)\b"
    r"|\bi\s+(?:currently\s+|previously\s+|now\s+)?(?:work|worked|volunteer|volunteered)\s+"
    r"(?:at|for|in|with|on|as)\b"
    r"|\b(?:at|in|during)\s+my\s+(?:role|job|team|firm|company|placement|internship|time)\b",
)
# Words right before 'the candidate' that make the writer that candidate: 'I am the candidate'.
_SELF_BEFORE = Pattern(
    r"(?:\b(?:am|i'm|i\u2019m|be|been|being|was|as|than|become|became|makes?\s+me|made\s+me)"
    r"\s+)$"
)
_HERE = Pattern(r",?[ \t]+here\b")
_SELF_INTRO = Pattern(
    r"(?:\b(?:my\s+name\s+is|name's|i\s+am|i'm|i\u2019m|this\s+is|it's|it\u2019s|it\s+is)"
    r"[ \t]+)$"
)


def _sentence_index(ctx: Context, pos: int) -> int:
    """The index of the sentence that holds body offset `pos` (or the one before it)."""
    return max(0, bisect.bisect_right(ctx.sentence_starts, pos) - 1)


def _about_own_work(ctx: Context, pos: int) -> bool:
    """Whether the sentence at `pos`, or the one before it, is about the candidate's own job."""
    if not ctx.sentences:
        return False
    i = _sentence_index(ctx, pos)
    return any(
        _OWN_WORK.pattern.search(tx.lowered(s.text)) for s in ctx.sentences[max(0, i - 1) : i + 1]
    )


def _in_quotes(lower: str, pos: int) -> bool:
    """Whether `pos` sits inside a quotation in its line: someone else's words."""
    start = lower.rfind("\n", 0, pos) + 1
    before = lower[start:pos]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _words_after(lower: str, end: int) -> list[tuple[str, int]]:
    """The words after `end` to the end of the clause (a mark stops it), at most eight, each
    with the offset where it ends."""
    found: list[tuple[str, int]] = []
    for match in _NEXT_WORDS.pattern.finditer(lower, end, min(len(lower), end + 120)):
        word = match.group()
        if not word[0].isalpha() or len(found) == 8:
            break
        found.append((word.replace("\u2019", "'"), match.end()))
    return found


def _starts_with(words: list[str], phrases_: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    for phrase in phrases_:
        if tuple(words[: len(phrase)]) == phrase:
            return phrase
    return ()


def _we_claims(ctx: Context) -> Iterator[tuple[str, int, int]]:
    """Each 'we' that speaks for the employer ('employer') or for the candidate alone
    ('candidate'), with its span through the words that show it."""
    lower = ctx.lower
    for match in _WE.finditer(lower):
        if _in_quotes(lower, match.start()):
            continue
        after = _words_after(lower, match.end())
        words = [w for w, _ in after]
        skipped = [_CONTRACTED[match.group(1)]] if match.group(1) else []
        used = 0
        while used < len(words) and (words[used] in _SKIPPED or words[used].endswith("n't")):
            skipped.append(words[used])
            used += 1
        rest = words[used:]
        passive = any(w in _PASSIVE for w in skipped)
        who, phrase = "", _starts_with(rest, _CANDIDATE_ACTS)
        if passive and not phrase:
            phrase = _starts_with(rest, _CANDIDATE_OUTCOMES)
        if phrase or "am" in skipped:
            who = "candidate"  # 'we applied', 'we were not selected', 'we am'
        elif phrase := _starts_with(rest, _EMPLOYER_ACTS):
            who = "employer"
        if not who or _about_own_work(ctx, match.start()):
            continue
        shown = used + len(phrase)
        end = after[shown - 1][1] if shown else match.end()
        yield who, match.start(), end


def _employer_ours(ctx: Context) -> Iterator[tuple[int, int]]:
    """'our team', 'our organization's focus', 'our legal team': the employer's 'our'."""
    for match in _OUR.finditer(ctx.lower):
        first = tx.without_possessive(match.group(1))
        second = tx.without_possessive(match.group(2) or "")
        if first in _EMPLOYER_ADJECTIVES and second in _EMPLOYER_NOUNS:
            end = match.end(2)  # 'our hiring team', 'our legal team'
        elif first in _EMPLOYER_NOUNS:
            end = match.end(1)
        else:
            continue
        if not _in_quotes(ctx.lower, match.start()) and not _about_own_work(ctx, match.start()):
            yield match.start(), end


@rule(
    code="VOICE001",
    name="employer-voice",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the candidate writes to 'the person who invited you for "
        "interview': in the candidate's voice, never the employer's."
    ),
    instruction=(
        "Write as the candidate, not the employer: 'your team', never 'our team' or 'we decided'."
    ),
    hint=(
        "Rewrite it in your own voice: 'your team', 'the firm's focus', 'I hope to hear your "
        "decision'; keep 'we' for what you and the reader did together ('we discussed')."
    ),
    good=[
        Example(
            "Dear Sophie,\n\nWhen we met on Thursday we discussed how your team is piloting a "
            "rules engine, and our conversation made me keener to join.\n\nKind regards,\n"
            "Jordan Ellis",
        ),
        Example(
            "Dear Sophie,\n\nIn my current role at a housing association I led a review of our "
            "contracts, in which we introduced social value questions.\n\nKind regards,\n"
            "Jordan Ellis",
            why="'our' and 'we' in a sentence about the candidate's own job are theirs.",
        ),
        Example(
            THANKS.replace(
                "made me even keener\nto join you.",
                "made me even keener\nto join you. We talked about how your team trains "
                "paralegals, and it fits what I want.",
            ),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nThank you for meeting me. This aligns well with our organization's "
            "focus on mentorship, and our team is piloting a rules engine.\n\nKind regards,\n"
            "Jordan Ellis",
        ),
        Example(
            "Dear Sophie,\n\nThank you for your patience. Unfortunately we were unable to make a "
            "decision at that time.\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            STATUS.replace(
                "I remain very keen on the position, and I\nwondered",
                "A decision has not yet been made, but we have been keeping in touch. I remain "
                "very keen on the position, and I\nwondered",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why=(
                "'I remain very keen' is the candidate; 'we have been keeping in touch' about a "
                "decision not yet made is the employer speaking."
            ),
        ),
        Example(
            "Dear Joe,\n\nThank you for meeting me. The move to a hybrid model is something we "
            "were all eager for, and it keeps the quality of our projects high.\n\nKind "
            "regards,\nAleksandra Nowak",
            why="A real model's draft: the team's wish and the team's projects told as 'we'.",
        ),
        Example(
            "Dear Ellen,\n\nAs one of the interviewers, I remain very keen on this opportunity, "
            "and I would like to know how the move will affect our work as a team.\n\nKind "
            "regards,\nMarco Rossi",
            kind=Kind.STATUS_CHECK,
            why="Real model drafts: the candidate as one of the interviewers, the team's work.",
        ),
    ],
)
def employer_voice(ctx: Context) -> Iterator[Hit]:
    """A small model sometimes writes as the employer instead of the candidate: 'our team is
    piloting a rules engine', 'we were unable to make a decision'. Sent by the candidate, such
    a message makes no sense. 'We' is fine for what the candidate and the reader did together
    ('we discussed', 'when we met', 'we can keep in touch'), and 'our' for what they share
    ('our conversation'); in a sentence about the candidate's own job ('in my current role ...
    our clients') both are the candidate's own.
    """
    for start, end in _employer_ours(ctx):
        said = ctx.body[start:end]
        yield Hit(f"'{said}' speaks for the employer; write 'your' or the firm's name", start, end)
    for who, start, end in _we_claims(ctx):
        if who == "employer":
            said = ctx.body[start:end]
            yield Hit(f"'{said}' is the employer speaking, not the candidate", start, end)
    for match in _EMPLOYER_US.finditer(ctx.body):
        said = ctx.body[match.start() : match.end()]
        yield Hit(f"'{said}' is the employer speaking, not the candidate", *match.span())


@rule(
    code="VOICE002",
    name="we-for-i",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the candidate writes about their own application, in "
        "the first person."
    ),
    instruction="Say 'I' for yourself, never 'we' ('I was not selected').",
    hint="Write 'I' for yourself: 'Although I was not selected', 'I applied for the role'.",
    good=[
        Example(
            "Dear Sophie,\n\nAlthough I was not selected, I enjoyed the interview and would "
            "welcome any feedback.\n\nKind regards,\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(FEEDBACK, Kind.FEEDBACK_REQUEST, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nAlthough we were not selected, I enjoyed the interview and would "
            "welcome any feedback.\n\nKind regards,\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            FEEDBACK.replace(
                "While I am disappointed,", "Although we were not selected this time,"
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="'While I am disappointed' is the candidate; 'we were not selected' is not.",
        ),
    ],
)
def we_for_i(ctx: Context) -> Iterator[Hit]:
    """A candidate's own news told as 'we' ('Although we were not selected') reads as if a
    group, or the employer, had applied. Only an outcome or an application is checked: 'we
    were both keen to talk about the practice' is the candidate and the reader.
    """
    for who, start, end in _we_claims(ctx):
        if who == "candidate":
            said = ctx.body[start:end]
            yield Hit(f"'{said}': write 'I' for yourself", start, end)


def _name_patterns(names: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """For each full name, its first word (a quick test) and a pattern for the lower-cased
    text that starts with a literal letter, so a scan jumps to candidates."""
    found = []
    for name in names:
        words = [w.lower() for w in tx.words(name.replace(".", " "))]
        if len(words) < 2:
            continue  # a first name alone may be anyone's: only a full name is the writer
        first = re.escape(words[0][0])
        body = re.escape(words[0][1:]) + r"\s+" + r"\s+".join(re.escape(w) for w in words[1:])
        pattern = re.compile(rf"{first}(?<![\w'\u2019]{first}){body}(?:['\u2019]s)?(?![\w])")
        found.append((words[0], pattern))
    return tuple(found)


def _first_name_pattern(first: str) -> tuple[str, re.Pattern[str]]:
    """The first name as the subject of a verb or an owner ('Jordan is very keen', 'Jordan's
    interview'), where a first name alone is the writer in the third person."""
    head, rest = re.escape(first[0]), re.escape(first[1:])
    verbs = "|".join(sorted(_THIRD_VERBS - {"s"}))
    return first, re.compile(
        rf"{head}(?<![\w'\u2019]{head}){rest}(?:['\u2019]s(?=\s+[a-z])|\s+(?:{verbs})\b)"
    )


def _names_from(names: list[str], others: set[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Patterns for the writer's full names, and for their first name before a verb unless
    someone else in the message shares it (a reader called Jordan)."""
    found = list(_name_patterns(tuple(sorted(set(names)))))
    firsts = {w[0].lower() for w in (tx.words(n.replace(".", " ")) for n in names) if len(w) > 1}
    found += [_first_name_pattern(first) for first in sorted(firsts - others)]
    return tuple(found)


def _notes_names(notes: InterviewNotes) -> tuple[tuple[str, re.Pattern[str]], ...]:
    others = {tx.fold(p.first_name) for p in notes.people}
    return _names_from([notes.candidate, notes.signature_name], others)


def _signed_names(ctx: Context) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The writer's names: from the notes, or else from the name signed at the end."""
    if ctx.notes is not None:
        return memo(ctx.notes, "voice-names", _notes_names)
    signed = [line.lstrip("-\u2013\u2014~ ").split(",")[0] for line in ctx.name_lines[:1]]
    greeted = {w.lower() for w in tx.words(ctx.greeting[1])} if ctx.greeting else set()
    return _names_from(signed, greeted)


def _prose_end(ctx: Context) -> int:
    """Where the sign-off starts: the closing line, or the end of the last real sentence."""
    if ctx.closing is not None:
        return ctx.closing
    return ctx.last_prose.end if ctx.last_prose is not None else len(ctx.body)


_SEPARATORS = "-\u2013\u2014|:,("


def _is_tag(subject: str, match: re.Match[str]) -> bool:
    """A name set off at either end of a subject ('Paralegal interview - Jordan Ellis'), not
    a possessive ('Jordan Ellis's note')."""
    if match.group().endswith(("'s", "\u2019s")):
        return False
    before, after = subject[: match.start()].strip(), subject[match.end() :].strip()
    if not before:
        return not after or after[0] in _SEPARATORS
    return not after and before[-1] in _SEPARATORS


@rule(
    code="VOICE003",
    name="own-name-in-text",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the note comes from the candidate, so their name "
        "belongs in the sign-off, not in the sentences."
    ),
    instruction="Use your own name only to sign off (or to introduce yourself).",
    hint=(
        "Replace your name with 'me' or 'I' ('Thank you for the opportunity to interview'), "
        "and keep it for the signature."
    ),
    good=[
        Example(
            "Subject: Thank you - Paralegal interview\n\nDear Sophie,\n\nThanks again for the "
            "opportunity to interview for the Paralegal role.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            "Dear Sophie,\n\nMy name is Jordan Ellis, and I interviewed for the Paralegal role on "
            "12 November. Is there any update?\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
            why="Introducing yourself by name is not writing about yourself.",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nThanks again for the opportunity to interview Jordan Ellis for the "
            "Paralegal role.\n\nKind regards,\nJordan Ellis",
            notes=False,
            why="Without notes, the name signed at the end is the writer's.",
        ),
        Example(
            "Subject: Jordan Ellis's Thank-you Note to Sophie Turner\n\nDear Sophie,\n\nThank "
            "you for the interview for the Paralegal role.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            THANKS.replace("Thank you for meeting me", "Thank you for meeting Jordan Ellis"),
            Kind.THANK_YOU,
            whole=True,
            why="'meeting me' vs. 'meeting Jordan Ellis', signed Jordan Ellis.",
        ),
    ],
)
def own_name_in_text(ctx: Context) -> Iterator[Hit]:
    """'Thanks again for the opportunity to interview Ben Foster', signed Ben Foster, or a
    subject 'Hannah Cole's Thank-you Note to Joe Patel': the writer has become someone the
    message is about. The full name is checked anywhere, the first name alone only before a
    verb or as an owner ('Jordan is very keen'), and not when the reader shares it.
    Introducing oneself ('my name is', 'this is' on the phone) is fine, and so is the name as
    a tag at either end of a subject ('Paralegal interview - Jordan Ellis').
    """
    names = _signed_names(ctx)
    if not names:
        return
    end = _prose_end(ctx)
    subject = tx.lowered(ctx.subject)
    for first, name in names:
        if first not in ctx.lower and first not in subject:
            continue
        for match in name.finditer(ctx.lower, 0, end):
            if _SELF_INTRO.pattern.search(
                ctx.lower, max(0, match.start() - 16), match.start()
            ) or _HERE.pattern.match(ctx.lower, match.end()):
                continue  # 'my name is Jordan Ellis', 'Jordan Ellis here' on the phone
            said = ctx.body[match.start() : match.end()]
            yield Hit(
                f"'{said}': you write of yourself by name; write 'I' or 'me'",
                match.start(),
                match.end(),
            )
        for match in name.finditer(subject):
            if _is_tag(ctx.subject, match):
                continue
            said = ctx.subject[match.start() : match.end()]
            yield Hit(
                f"the subject names you ('{said}'), as if someone else wrote it",
                match.start(),
                match.end(),
                in_subject=True,
            )


@rule(
    code="VOICE004",
    name="third-person-candidate",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the follow-up is the candidate's own note, in the "
        "first person."
    ),
    instruction="Never call yourself 'the candidate': write 'I' and 'me'.",
    hint="Write 'whether I will be offered the position', not 'whether the candidate will'.",
    good=[
        Example(
            "Dear Sophie,\n\nI wondered whether you know yet if I will be offered the position. "
            "I know I am the candidate you were hoping for.\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
            why="'I am the candidate' is the writer speaking of themselves in the first person.",
        ),
        Example(
            STATUS.replace(
                "I remain very keen",
                "Your focus on the candidate experience stood out. I remain very keen",
            ),
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI wondered whether you know yet whether the candidate will be "
            "offered the position.\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
        ),
        Example(
            STATUS.replace(
                "I am writing about my interview",
                "I am writing about the candidate's interview",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why="'my interview' vs. 'the candidate's interview'.",
        ),
    ],
)
def third_person_candidate(ctx: Context) -> Iterator[Hit]:
    """A model that sees 'candidate' in its instructions sometimes writes 'whether the
    candidate will be offered the position', or 'thank you for interviewing Grace Whitfield, a
    candidate for ...' (the name is VOICE003's). 'The candidate' is the writer when a verb
    follows ('will', 'is', a possessive) or an act of the employer's comes before
    ('interviewing the candidate'); 'the candidate you appoint', 'the best candidate' and
    'the candidate experience' are someone or something else, as is 'I am the candidate'.
    """
    lower = ctx.lower
    for match in _THIRD_PERSON.finditer(ctx.body):
        after = _words_after(lower, match.end())
        before = _PREVIOUS_WORD.pattern.search(lower, max(0, match.start() - 24), match.start())
        writer = (
            lower.startswith(("'s", "\u2019s"), match.end())
            or (bool(after) and after[0][0] in _THIRD_VERBS)
            or (before is not None and before.group(1) in _THIRD_BEFORE)
        )
        if not writer or _SELF_BEFORE.pattern.search(
            lower, max(0, match.start() - 14), match.start()
        ):
            continue
        said = ctx.body[match.start() : match.end()]
        yield Hit(f"'{said}' is you: write 'I' or 'me'", match.start(), match.end())
