"""Courtesy: greet the reader by name, thank them, sign off politely with your own name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import EMAIL, Context, Example, Hit, rule
from composer.rules.examples import FEEDBACK, STATUS, THANKS
from composer.rules.patterns import phrases

_BODY = (
    "Thank you for meeting me on Thursday to discuss the Paralegal role at Bramley Kent LLP. "
    "I particularly valued hearing about the adjudication practice, and I am very keen to join "
    "the team."
)
_REJECTED = "Dear Sophie,\n\nI have received your email about the Paralegal role."
_SIGN = "\n\nKind regards,\nJordan Ellis"
_GENERIC = phrases(*lists.lines("courtesy", "generic greetings"))
_GROUP_WORDS = lists.words("courtesy", "group words")
_GREETING_WORDS = lists.words("courtesy", "greeting words")
_THANKS = phrases(*lists.lines("courtesy", "thanks"))
_MODALS = lists.words("courtesy", "request modals")
_REQUESTED = lists.words("courtesy", "requested")
_REQUESTED_VERBS = lists.words("courtesy", "requested verbs")
_IN_ADVANCE = lists.lines("courtesy", "in advance")
_TOKEN = re.compile(r"[a-z]+|'[a-z]+")


def _is_thanks(flat: str, start: int, end: int) -> bool:
    """Whether the thanks word at flat[start:end] thanks the reader: 'thank you', 'I am
    grateful for your time', 'I appreciated the tour'; not a request dressed in the same
    words ('I would appreciate any feedback', 'I'd be grateful to know', 'thanks in
    advance')."""
    word = flat[start:end]
    after = _TOKEN.findall(flat, end, min(len(flat), end + 40))
    if word.startswith("thank"):
        return " ".join(after[:2]) not in _IN_ADVANCE
    lead = flat[max(0, start - 30) : start]
    lead = lead[max(lead.rfind(c) for c in ".!?;\n") + 1 :]  # this sentence only
    before = _TOKEN.findall(lead)[-4:]
    if _MODALS & set(before):
        return False  # 'I would appreciate', 'it would be much appreciated'
    if word in {"appreciate", "appreciating"}:
        return not after or after[0] not in _REQUESTED
    if word == "grateful" and after:
        if after[0] == "for":
            return len(after) < 2 or after[1] not in _REQUESTED
        if after[0] in {"if", "any"}:
            return False
        if after[0] == "to" and len(after) > 1:
            return after[1] not in _REQUESTED_VERBS or after[1:3] == ["have", "had"]
    return True


def thanks(ctx: Context, first: bool = False) -> list[tx.Span]:
    """Where the body thanks the reader (the first place, if `first`)."""
    flat = ctx.lower.replace("\u2019", "'")
    found = []
    for match in _THANKS.finditer(ctx.body):
        if _is_thanks(flat, match.start(), match.end()):
            found.append(tx.Span(match.start(), match.end(), ctx.body[match.start() : match.end()]))
            if first:
                break
    return found


def _greeted(ctx: Context) -> Iterator[Hit]:
    if ctx.greeting is not None:
        pos, line = ctx.greeting
        yield Hit("the greeting", pos, pos + len(line))


def _greeted_by_name(ctx: Context) -> Iterator[Hit]:
    """The words of the greeting that name someone in the notes."""
    if ctx.greeting is None or ctx.facts is None:
        return
    pos, line = ctx.greeting
    for match in tx.WORD.finditer(line):
        folded = tx.fold(match.group())
        if folded not in _GREETING_WORDS and (
            folded in ctx.facts.people_words
            or (len(folded) >= 3 and any(n.startswith(folded) for n in ctx.facts.people_words))
        ):
            yield Hit("the reader, as named in your notes", pos + match.start(), pos + match.end())


def _signed_off(ctx: Context) -> Iterator[Hit]:
    if ctx.closing is not None:
        line = ctx.body[ctx.closing :].split("\n", 1)[0]
        yield Hit("the sign-off", ctx.closing, ctx.closing + len(line.rstrip()))
    elif ctx.polite_close and ctx.last_prose is not None:
        yield Hit("the closing sentence", ctx.last_prose.start, ctx.last_prose.end)


def _signed(ctx: Context) -> Iterator[Hit]:
    start = ctx.closing if ctx.closing is not None else 0
    for name in ctx.name_lines:
        at = ctx.body.find(name, start)
        if at >= 0:
            yield Hit("your name", at, at + len(name))
            return


@rule(
    code="CRT001",
    name="no-greeting",
    severity=Severity.ERROR,
    source="Interview follow-up guidelines: write 'to the person who invited you for interview'.",
    channels=EMAIL,
    instruction="Open with a greeting that uses the reader's name, such as 'Dear Sophie,'.",
    hint="Add a first line such as 'Dear Sophie,' (or 'Hi Sophie,' for a warm note).",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(
            THANKS.replace("Dear Sophie,\n\n", ""),
            Kind.THANK_YOU,
            whole=True,
            why="'Dear Sophie,' vs. a message that starts with its first sentence.",
        ),
    ],
    evidence=_greeted,
)
def no_greeting(ctx: Context) -> Iterator[Hit]:
    """A message that starts mid-thought reads as a form letter, not a note to a person."""
    if ctx.greeting is None:
        first = ctx.lines[0] if ctx.lines else (0, "")
        yield Hit("the message does not open with a greeting", first[0], first[0] + len(first[1]))


@rule(
    code="CRT002",
    name="impersonal-greeting",
    severity=Severity.WARNING,
    source="Interview follow-up guidelines: write 'to the person who invited you for interview'.",
    channels=EMAIL,
    instruction=(
        "Address the person who interviewed you by name, not 'Sir/Madam' or 'Hiring Manager'."
    ),
    hint="Use the interviewer's name from your notes in the greeting.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"Dear Hiring Manager,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"Dear Sir or Madam,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"To whom it may concern,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(
            THANKS.replace("Dear Sophie,", "Dear Hiring Manager,"),
            Kind.THANK_YOU,
            whole=True,
            why="A named reader vs. 'Dear Hiring Manager' after meeting the person (a warning).",
        ),
    ],
)
def impersonal_greeting(ctx: Context) -> Iterator[Hit]:
    """You met this person: a generic salutation wastes the personal connection you made."""
    if ctx.greeting is None:
        return
    pos, line = ctx.greeting
    named = [w for w in tx.words(line) if tx.fold(w) not in _GREETING_WORDS]
    generic = _GENERIC.search(line)
    if not named or (generic and len(tx.words(generic.group())) >= len(named)):
        yield Hit("the greeting does not name the reader", pos, pos + len(line))


@rule(
    code="CRT003",
    name="greeting-wrong-person",
    severity=Severity.ERROR,
    source="Interview follow-up guidelines: write 'to the person who invited you for interview'.",
    channels=EMAIL,
    instruction="Greet the person named in your notes, spelled exactly as there.",
    hint="Greet the person who invited you, as named in your notes.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"Dear Ms Turner,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(
            THANKS.replace("Dear Sophie,", "Dear Ms Turner,"),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"Dear Sarah,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(
            f"Dear Jordan,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
            why="The writer's own name greets nobody (the finding says it is their own).",
        ),
        Example(
            THANKS.replace("Dear Sophie,", "Dear Sarah,"),
            Kind.THANK_YOU,
            whole=True,
            why="'Dear Ms Turner' is Sophie Turner; 'Dear Sarah' is nobody in the notes.",
        ),
    ],
    evidence=_greeted_by_name,
)
def greeting_wrong_person(ctx: Context) -> Iterator[Hit]:
    """Greeting the wrong person is the one mistake a reader never forgets."""
    if ctx.greeting is None or ctx.notes is None:
        return
    pos, line = ctx.greeting
    facts = ctx.facts
    assert facts is not None
    for match in tx.WORD.finditer(line):
        word = match.group()
        folded = tx.fold(word)
        if folded in _GREETING_WORDS or folded in _GROUP_WORDS or not word[0].isupper():
            continue
        if folded in facts.people_words or folded in facts.company_words:
            continue
        # 'Dear Chris' for Christopher, 'Hi Sam' for Samantha
        if len(folded) >= 3 and any(n.startswith(folded) for n in facts.people_words):
            continue
        own = {tx.fold(w) for w in tx.words(ctx.notes.candidate)}
        who = "your own name, not the reader's" if folded in own else "not someone in your notes"
        yield Hit(
            f"'{word}' is {who}; this message goes to {ctx.notes.recipient.name}",
            pos + match.start(),
            pos + match.end(),
        )


def _thanks_evidence(ctx: Context) -> Iterator[Hit]:
    for span in thanks(ctx):
        yield Hit("thanks", span.start, span.end)


@rule(
    code="CRT004",
    name="no-thanks",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the note 'shows a sense of courtesy'; after a rejection,"
        " 'thank the interviewer for the opportunity'."
    ),
    kinds=[Kind.THANK_YOU, Kind.FEEDBACK_REQUEST],
    instruction="Thank the reader for their time and the opportunity.",
    hint="Add a sentence such as 'Thank you for the opportunity to interview for the role.'",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(
            f"{_REJECTED} I am grateful for the time you gave me, and I would appreciate any "
            f"feedback on my interview.{_SIGN}",
            Kind.FEEDBACK_REQUEST,
            why="'I am grateful for the time you gave me' thanks, whatever the next clause asks.",
        ),
        Example(
            f"{_REJECTED} I really appreciated the chance to meet the team.{_SIGN}",
            Kind.FEEDBACK_REQUEST,
        ),
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
        Example(
            FEEDBACK,
            Kind.FEEDBACK_REQUEST,
            whole=True,
        ),
    ],
    bad=[
        "Dear Sophie,\n\nI am writing after Thursday's interview for the Paralegal role at "
        "Bramley Kent LLP. Hearing about the adjudication practice made me very keen to join."
        "\n\nKind regards,\nJordan Ellis",
        Example(
            f"{_REJECTED} I would appreciate any feedback on my interview, and I would be "
            f"grateful if you kept me in mind for future roles.{_SIGN}",
            Kind.FEEDBACK_REQUEST,
            why="'I would appreciate any feedback' and 'grateful if' ask; they thank no one.",
        ),
        Example(
            f"{_REJECTED} I'd be grateful to know where I fell short. Thanks in advance.{_SIGN}",
            Kind.FEEDBACK_REQUEST,
            why="'grateful to know' asks, and 'thanks in advance' thanks for what is not given.",
        ),
        Example(
            "Dear Sophie,\n\nI am writing after Thursday's interview for the Paralegal role at "
            "Bramley Kent LLP. Hearing that paralegals attend client meetings from their first "
            "month made me very keen to join the team.\n\nKind regards,\nJordan Ellis",
            Kind.THANK_YOU,
            whole=True,
            why="A thank-you that never says thank you.",
        ),
        Example(
            FEEDBACK.replace(
                "Thank you for letting me know your decision", "I have received your decision"
            ).replace("I would be grateful for any feedback", "I would appreciate any feedback"),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="'Thank you for letting me know' thanks; 'I would appreciate any feedback' asks.",
        ),
    ],
    evidence=_thanks_evidence,
)
def no_thanks(ctx: Context) -> Iterator[Hit]:
    """Thanks are the courtesy a follow-up exists to show, after a rejection as much as after
    the interview itself.
    """
    if not thanks(ctx, first=True):
        yield Hit(f"a {ctx.kind} should thank the reader")


@rule(
    code="CRT005",
    name="no-sign-off",
    severity=Severity.ERROR,
    source=(
        "Interview follow-up guidelines: the note 'shows a sense of courtesy', at the end as at "
        "the start."
    ),
    channels=EMAIL,
    instruction="End with a polite sign-off ('Kind regards,' or 'Best wishes,') and your name.",
    hint="Finish with 'Kind regards,' on its own line and your name below it.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"Dear Sophie, {_BODY} Best, Jordan",
        Example(
            f"Dear Sophie,\n\n{_BODY}\n\nThanks again for your time,\nJordan Ellis",
            why="A closing line of thanks above the name is a sign-off.",
        ),
        Example(
            STATUS,
            Kind.STATUS_CHECK,
            whole=True,
        ),
    ],
    bad=[
        f"Dear Sophie,\n\n{_BODY} Let me know.",
        Example(
            "Dear Sophie,\n\nI interviewed on 12 November for the Paralegal role at Bramley Kent "
            "LLP and I am still very keen on it. Is there any update on your decision? Let me "
            "know.",
            Kind.STATUS_CHECK,
            whole=True,
            why="'Kind regards, Jordan Ellis' vs. a message that stops after its last request.",
        ),
    ],
    evidence=_signed_off,
)
def no_sign_off(ctx: Context) -> Iterator[Hit]:
    """A closing line is the written equivalent of the handshake at the door. A last sentence
    of thanks ('Thank you again for your time.') above the name counts as one.
    """
    if not ctx.polite_close:
        end = len(ctx.body.rstrip())
        yield Hit("no polite sign-off such as 'Kind regards,' at the end", end, end)


@rule(
    code="CRT006",
    name="unsigned",
    severity=Severity.WARNING,
    source=(
        "Common practice for emails: sign with your name, so the reader need not look up who wrote."
    ),
    channels=EMAIL,
    instruction="Sign with your name as it appears in your notes.",
    hint="Put your name on the line after the sign-off.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        f"Hi Sophie,\n\n{_BODY}\n\nBest wishes,\nJordan",
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,",
        f"Dear Sophie,\n\n{_BODY}\n\nSophie",
        Example(
            THANKS.removesuffix("\nJordan Ellis"),
            Kind.THANK_YOU,
            whole=True,
            why="Signed 'Jordan Ellis' vs. 'Kind regards,' and no name (a warning).",
        ),
    ],
    evidence=_signed,
)
def unsigned(ctx: Context) -> Iterator[Hit]:
    """The reader should not have to look up who wrote to them. A warning, not an error: a mail
    client may add the name from the sender's signature. Names compare folded, so 'Siobhán
    O’Neill' signs for notes that say 'Siobhan O'Neill'.
    """
    end = len(ctx.body.rstrip())
    if ctx.notes is not None:
        names = {ctx.notes.candidate, ctx.notes.signature_name}
        parts = {tx.fold(p) for n in names for p in tx.words(n) if len(p) > 1}
        signed = {tx.fold(w) for line in ctx.name_lines for w in tx.words(line)}
        if not parts & signed:
            yield Hit(f"sign with your name ({ctx.notes.signature_name})", end, end)
    elif not ctx.name_lines:
        yield Hit("the message is not signed with your name", end, end)


@rule(
    code="CRT007",
    name="two-greetings",
    severity=Severity.ERROR,
    source="Common practice for emails: one greeting opens the message.",
    channels=EMAIL,
    in_prompt=False,  # a slip of a model's, not something a writer needs telling
    instruction="Open with one greeting.",
    hint="Keep one greeting line ('Dear Sophie,') and delete the other.",
    good=[
        f"Dear Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            f"Dear Sophie,\nHi Sophie,\n\n{_BODY}\n\nKind regards,\nJordan Ellis",
            why="A real model's status check opened 'Dear Joe,' and then 'Hi Joe,'.",
        ),
        Example(
            THANKS.replace("Dear Sophie,\n", "Dear Sophie,\nHello Sophie,\n"),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
)
def two_greetings(ctx: Context) -> Iterator[Hit]:
    """A message that greets the reader twice ('Dear Joe,' then 'Hi Joe,') reads as a draft
    nobody looked at."""
    second = ctx.second_greeting
    if second is not None:
        pos, said = second
        yield Hit(f"'{said}' greets the reader a second time", pos, pos + len(said))
