"""Courtesy: greet the reader by name, thank them, sign off politely with your own name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules.base import Context, Example, Hit, phrases, rule

_BODY = (
    "Thank you for meeting me on Thursday to discuss the Paralegal role at Bramley Kent LLP. "
    "I particularly valued hearing about the adjudication practice, and I am very keen to join "
    "the team."
)
_GENERIC = phrases(
    "sir",
    "madam",
    "sir or madam",
    "sir/madam",
    "to whom it may concern",
    "hiring manager",
    "hiring team",
    "recruiter",
    "recruitment team",
    "team",
    "all",
    "there",
    "everyone",
    "interviewer",
    "recruiting team",
    "talent team",
    "hr",
)
_GREETING_WORDS = frozenset(
    """dear hi hello hey good morning afternoon evening greetings to mr mrs ms miss mx dr prof
    professor sir madam""".split()
)
_THANKS = phrases(
    "thank you",
    "thanks",
    "thank",
    "grateful",
    "gratitude",
    "appreciate",
    "appreciated",
    "appreciation",
    "appreciating",
)


@rule(
    code="CRT001",
    name="no-greeting",
    severity=Severity.ERROR,
    instruction="Open with a greeting that uses the reader's name, such as 'Dear Sophie,'.",
    hint="Add a first line such as 'Dear Sophie,' (or 'Hi Sophie,' for a warm note).",
    good=[f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis"],
    bad=[f"{_BODY}\n\nKind regards,\nJordan Ellis"],
)
def no_greeting(ctx: Context) -> Iterator[Hit]:
    """A message that starts mid-thought reads as a form letter, not a note to a person.

    Good: 'Dear Sophie,' on the first line. Bad: a first line that starts with 'Thank you'.
    """
    if ctx.greeting is None:
        first = ctx.lines[0] if ctx.lines else (0, "")
        yield Hit("the message does not open with a greeting", first[0], first[0] + len(first[1]))


@rule(
    code="CRT002",
    name="impersonal-greeting",
    severity=Severity.WARNING,
    instruction=(
        "Address the person who interviewed you by name, not 'Sir/Madam' or 'Hiring Manager'."
    ),
    hint="Use the interviewer's name from your notes in the greeting.",
    good=[f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis"],
    bad=[f"Dear Hiring Manager,\n\n{_BODY}\n\nKind regards,\nJordan Ellis"],
)
def impersonal_greeting(ctx: Context) -> Iterator[Hit]:
    """You met this person: a generic salutation wastes the personal connection you made.

    Good: 'Dear Sophie,'. Bad: 'Dear Sir or Madam,' or 'To whom it may concern,'.
    """
    if ctx.greeting is None:
        return
    pos, line = ctx.greeting
    named = [w for w in tx.words(line) if w.lower() not in _GREETING_WORDS]
    generic = _GENERIC.search(line)
    if not named or (generic and len(tx.words(generic.group())) >= len(named)):
        yield Hit("the greeting does not name the reader", pos, pos + len(line))


@rule(
    code="CRT003",
    name="greeting-wrong-person",
    severity=Severity.ERROR,
    instruction="Greet the person named in your notes, spelled exactly as there.",
    hint="Greet the person who invited you, as named in your notes.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"Dear Ms Turner,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
    ],
    bad=[f"Dear Sarah,\n\n{_BODY}\n\nKind regards,\nJordan Ellis"],
)
def greeting_wrong_person(ctx: Context) -> Iterator[Hit]:
    """Greeting the wrong person is the one mistake a reader never forgets.

    Good (notes say Sophie Turner): 'Dear Sophie,'. Bad: 'Dear Sarah,'.
    """
    if ctx.greeting is None or ctx.notes is None:
        return
    pos, line = ctx.greeting
    known = {part.lower() for p in ctx.notes.people for part in p.name.replace(".", " ").split()}
    for match in tx.WORD.finditer(line):
        word = match.group()
        lower = word.lower()
        if lower in _GREETING_WORDS or lower in known or not word[0].isupper():
            continue
        if _GENERIC.fullmatch(word):
            continue
        yield Hit(
            f"'{word}' is not someone in your notes; this message goes to "
            f"{ctx.notes.recipient.name}",
            pos + match.start(),
            pos + match.end(),
        )


@rule(
    code="CRT004",
    name="no-thanks",
    severity=Severity.ERROR,
    kinds=[Kind.THANK_YOU, Kind.FEEDBACK_REQUEST],
    instruction="Thank the reader for their time and the opportunity.",
    hint="Add a sentence such as 'Thank you for the opportunity to interview for the role.'",
    good=[f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis"],
    bad=[
        "Dear Sophie,\n\nI am writing after Thursday's interview for the Paralegal role at "
        "Bramley Kent LLP. Hearing about the adjudication practice made me very keen to join."
        "\n\nKind regards,\nJordan Ellis"
    ],
)
def no_thanks(ctx: Context) -> Iterator[Hit]:
    """The seed: the note 'shows a sense of courtesy'; after a rejection, 'thank the interviewer'.

    Good: 'Thank you for your time on Thursday.' Bad: a note that never says thank you.
    """
    if not _THANKS.search(ctx.body):
        yield Hit(f"a {ctx.kind} should thank the reader")


@rule(
    code="CRT005",
    name="no-sign-off",
    severity=Severity.ERROR,
    instruction="End with a polite sign-off ('Kind regards,' or 'Best wishes,') and your name.",
    hint="Finish with 'Kind regards,' on its own line and your name below it.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"Dear Sophie, {_BODY} Best, Jordan",
    ],
    bad=[f"Dear Sophie,\n\n{_BODY} Let me know."],
)
def no_sign_off(ctx: Context) -> Iterator[Hit]:
    """A closing line is the written equivalent of the handshake at the door. A last sentence
    of thanks ('Thank you again for your time.') above the name counts as one.

    Good: 'Kind regards,\\nJordan Ellis'. Bad: a message that stops after its last request.
    """
    if not ctx.polite_close:
        end = len(ctx.body.rstrip())
        yield Hit("no polite sign-off such as 'Kind regards,' at the end", end, end)


@rule(
    code="CRT006",
    name="unsigned",
    severity=Severity.WARNING,
    instruction="Sign with your name as it appears in your notes.",
    hint="Put your name on the line after the sign-off.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"Hi Sophie,\n\n{_BODY}\n\nBest wishes,\nJordan",
    ],
    bad=[f"Dear Sophie,\n\n{_BODY}\n\nKind regards,", f"Dear Sophie,\n\n{_BODY}\n\nSophie"],
)
def unsigned(ctx: Context) -> Iterator[Hit]:
    """The reader should not have to look up who wrote to them. A warning, not an error: a mail
    client may add the name from the sender's signature.

    Good: 'Kind regards,\\nJordan Ellis'. Bad: 'Kind regards,' with no name after it.
    """
    end = len(ctx.body.rstrip())
    if ctx.notes is not None:
        names = {ctx.notes.candidate, ctx.notes.signature_name}
        parts = {p.lower() for n in names for p in tx.words(n) if len(p) > 1}
        signed = {w.lower() for line in ctx.name_lines for w in tx.words(line)}
        if not parts & signed:
            yield Hit(f"sign with your name ({ctx.notes.signature_name})", end, end)
    elif not ctx.name_lines:
        yield Hit("the message is not signed with your name", end, end)


# "I still haven't heard" is pressure; a calm "I have not yet heard" is not.
_PRESSURE = phrases(
    "asap",
    "as soon as possible",
    "urgently",
    "urgent",
    "i expect an answer",
    "i expect a response",
    "i expect a reply",
    "i expect to hear",
    "i demand",
    "i need an answer",
    "i need a response",
    "i need to know",
    "you need to",
    "you must",
    "still haven't heard",
    "still have not heard",
    "still not heard",
    "still waiting",
    "still no word",
    "still no response",
    "still no news",
    "still no reply",
    "why haven't",
    "why have i not",
    "why has no one",
    "no one has",
    "nobody has",
    "you promised",
    "you said you would",
    "it has been weeks",
    "it's been weeks",
    "by end of day",
    "by the end of the day",
    "by tomorrow",
    "final chance",
    "last chance",
    "respond by",
    "reply by",
    "get back to me by",
    "let me know by",
    "without further delay",
)


@rule(
    code="TONE001",
    name="pressure",
    severity=Severity.ERROR,
    instruction="Ask without pressure: no deadlines, demands, 'ASAP' or complaints about waiting.",
    hint="Replace the demand with a gentle question such as 'Is there any update you can share?'",
    good=[
        Example(
            "Dear Sophie,\n\nI hope you are well. I remain very keen on the Paralegal role at "
            "Bramley Kent LLP and wondered whether there is any update on your decision.\n\n"
            "Kind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
        )
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI still haven't heard back about the Paralegal role and need an "
            "answer ASAP, as I have other offers.\n\nKind regards,\nJordan Ellis",
            kind=Kind.STATUS_CHECK,
        )
    ],
)
def pressure(ctx: Context) -> Iterator[Hit]:
    """The seed: delays are normal ('remain calm and wait for the call'); pressure only hurts.

    Good: 'Is there any update you can share?' Bad: 'I still haven't heard back. Reply ASAP.'
    """
    for match in _PRESSURE.finditer(ctx.body):
        yield Hit(f"'{match.group()}' puts pressure on the reader", match.start(), match.end())


_BITTER = phrases(
    "unfair",
    "unfairly",
    "unjust",
    "injustice",
    "your loss",
    "waste of my time",
    "wasted my time",
    "a waste of time",
    "i deserved",
    "i deserve",
    "clearly the best",
    "better qualified than",
    "more qualified than",
    "rigged",
    "biased",
    "bias",
    "ridiculous",
    "insulting",
    "outrageous",
    "disgraceful",
    "unprofessional",
    "you made a mistake",
    "made the wrong",
    "wrong decision",
    "big mistake",
    "mistake on your part",
    "you'll regret",
    "you will regret",
    "regret this",
    "shocked",
    "i can't believe",
    "i cannot believe",
    "don't understand why you",
    "do not understand why you",
    "reconsider your decision",
    "reconsider the decision",
    "reconsider my application",
    "appeal the decision",
    "disgusted",
    "furious",
    "angry",
    "bitter",
)


@rule(
    code="TONE002",
    name="bitterness",
    severity=Severity.ERROR,
    instruction="Stay gracious about the decision: no blame, complaint or argument with it.",
    hint="Remove the complaint; thank them and ask what you could do better.",
    good=[
        Example(
            "Dear Sophie,\n\nThank you for letting me know. While I am disappointed, I enjoyed "
            "meeting you and would be grateful for any feedback.\n\nKind regards,\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        )
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI think the decision was unfair; I was clearly the best candidate. "
            "Please reconsider your decision.\n\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        )
    ],
)
def bitterness(ctx: Context) -> Iterator[Hit]:
    """The seed: after a rejection 'remain courteous'; the next role there may be yours.

    Good: 'While I am disappointed, I enjoyed meeting you.' Bad: 'The decision was unfair.'
    """
    for match in _BITTER.finditer(ctx.body):
        yield Hit(
            f"'{match.group()}' sounds bitter or argues with the decision",
            match.start(),
            match.end(),
        )


# Short capitalised words are usually acronyms (LLP, HR, CV, NHS, KPIs); ordinary words in
# capitals ('THANK YOU', 'SO') are emphasis.
_ACRONYM_OK = re.compile(r"^[A-Z]{2,4}s?$")
_EMPHASIS = (tx.STOPWORDS - {"it", "us"}) | frozenset(
    """thank thanks love need please now great huge keen wow yes omg much best hope sure""".split()
)


@rule(
    code="TONE003",
    name="shouting",
    severity=Severity.ERROR,
    instruction="Write in sentence case, with no ALL-CAPS words and no '!!'.",
    hint="Lower-case the capitalised words and use at most one exclamation mark.",
    good=["Dear Sophie,\n\nThank you! I am very keen to join the HR team at KPMG.\n\nJordan"],
    bad=["Dear Sophie,\n\nTHANK YOU SO MUCH!! I am REALLY excited.\n\nJordan"],
)
def shouting(ctx: Context) -> Iterator[Hit]:
    """Capitals and '!!' read as shouting, which is the opposite of courteous.

    Good: 'I am very keen.' Bad: 'I am SO EXCITED!!'
    """
    allowed: set[str] = set()
    if ctx.notes is not None:
        allowed = {w for w in tx.words(ctx.notes.model_dump_json()) if tx.is_shouting(w)}
    for span in ctx.word_spans:
        word = span.text
        if not tx.is_shouting(word) or word in allowed:
            continue
        if _ACRONYM_OK.match(word) and word.lower() not in _EMPHASIS:
            continue
        yield Hit(f"'{word}' is in capitals, which reads as shouting", span.start, span.end)
    for match in re.finditer(r"[!?]*!{2,}[!?]*|\?{2,}", ctx.body):
        yield Hit("repeated punctuation reads as shouting", match.start(), match.end())


@rule(
    code="TONE004",
    name="many-exclamations",
    severity=Severity.WARNING,
    instruction="Use at most {max_exclamations} exclamation marks.",
    hint="Keep one exclamation mark at most; let the words carry the enthusiasm.",
    good=["Dear Sophie,\n\nThank you for Thursday! I am very keen.\n\nJordan"],
    bad=["Dear Sophie,\n\nThank you! It was great! I loved it! I am keen!\n\nJordan"],
)
def many_exclamations(ctx: Context) -> Iterator[Hit]:
    """Enthusiasm belongs in the words; a row of exclamation marks reads as gushing.

    Good: one '!' in a thank-you. Bad: four.
    """
    marks = [m.start() for m in re.finditer("!", ctx.body)]
    limit = ctx.settings.max_exclamations
    if len(marks) > limit:
        yield Hit(
            f"{len(marks)} exclamation marks; keep to {limit} or fewer", marks[limit], marks[-1] + 1
        )


_APOLOGY = phrases(
    "sorry to bother you",
    "sorry for bothering you",
    "sorry to trouble you",
    "sorry to pester",
    "apologies for bothering",
    "apologies for the intrusion",
    "sorry for the intrusion",
    "i hate to bother",
    "i hate to pester",
    "i don't mean to bother",
    "i do not mean to bother",
    "i don't mean to pester",
    "sorry to nag",
    "i know you are busy but",
    "i know you're busy but",
    "forgive me for",
    "i'm sorry to follow up",
    "i am sorry to follow up",
)


@rule(
    code="TONE005",
    name="over-apologetic",
    severity=Severity.WARNING,
    kinds=[Kind.STATUS_CHECK, Kind.FEEDBACK_REQUEST],
    instruction="Ask confidently; following up is normal, so do not apologise for writing.",
    hint="Drop the apology; 'I hope you are well' is enough before your question.",
    good=[
        Example(
            "Dear Sophie,\n\nI hope you are well. Is there any update?\n\nJordan",
            kind=Kind.STATUS_CHECK,
        )
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nSorry to bother you, but is there any update?\n\nJordan",
            kind=Kind.STATUS_CHECK,
        )
    ],
)
def over_apologetic(ctx: Context) -> Iterator[Hit]:
    """The seed calls a follow-up after the deadline 'reasonable'; apologising undersells you.

    Good: 'I hope you are well.' Bad: 'Sorry to bother you again.'
    """
    for match in _APOLOGY.finditer(ctx.body):
        yield Hit(
            f"'{match.group()}' apologises for a reasonable request", match.start(), match.end()
        )


_DESPERATE = phrases(
    "desperate",
    "desperately",
    "i really need this job",
    "i need this job",
    "begging",
    "i beg",
    "please please",
    "any job",
    "anything at all",
    "i'll do anything",
    "i will do anything",
    "my last hope",
    "only hope",
)


@rule(
    code="TONE006",
    name="desperate",
    severity=Severity.WARNING,
    instruction="Sound keen, not desperate.",
    hint="Say what you would bring to the role instead of how much you need it.",
    good=["Dear Sophie,\n\nI am very keen to join the team.\n\nJordan"],
    bad=["Dear Sophie,\n\nI really need this job and would take any job you have.\n\nJordan"],
)
def desperate(ctx: Context) -> Iterator[Hit]:
    """Keenness persuades; need does not, and it shifts the weight onto the reader.

    Good: 'I am very keen to join the team.' Bad: 'I really need this job.'
    """
    for match in _DESPERATE.finditer(ctx.body):
        yield Hit(
            f"'{match.group()}' sounds desperate rather than keen", match.start(), match.end()
        )
