"""Splices: what a template leaves when a note written as a sentence fills a slot for a phrase."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, rule
from composer.rules.examples import FEEDBACK, STATUS, THANKS
from composer.rules.patterns import Pattern, phrases, word_start

_SLOT_WORDS = lists.word_list("splices", "slot words")
_SUBJECTS = lists.word_list("splices", "subjects")
_ADVERB_BEFORE = lists.words("splices", "adverb before")
# A slot word right before a subject ('about we', 'on i', 'about that they'): each pair is a
# phrase, so a message with no such pair of neighbouring words is never scanned. ('in that
# they ...' is good English: only 'about' takes 'that' here.)
_CLAUSE_IN_SLOT = phrases(
    *(f"{slot} {subject}" for slot in _SLOT_WORDS for subject in _SUBJECTS),
    *(f"about that {subject}" for subject in _SUBJECTS),
)
_NEXT_WORD = Pattern(r"\s+([a-z][a-z'\u2019]*)")
_BEFORE = Pattern(r"([a-z]+)\s+$")


@rule(
    code="SPLC001",
    name="clause-in-a-phrase-slot",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: a note written as a sentence ('We discussed the new AML "
        "regulations') spliced where a phrase belongs reads 'talk about we discussed ...'."
    ),
    instruction="Write whole sentences: never 'about we discussed' or 'build on I led'.",
    hint=(
        "Turn the spliced sentence into a phrase: 'about we discussed X' becomes 'about X', "
        "'build on I led X' becomes 'build on leading X'."
    ),
    good=[
        Example(
            "Dear Sophie,\n\nIt was a pleasure to talk about the new adjudication practice. Early "
            "on we discussed my placement, and from then on I felt at ease.\n\nKind regards,\n"
            "Jordan Ellis",
            why="'early on we', 'from then on I': 'on' as an adverb is no slot.",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nIt was a pleasure to talk about we discussed the new adjudication "
            "practice, and I would welcome the chance to build on I led my placement team.\n\n"
            "Kind regards,\nJordan Ellis",
        ),
        Example(
            STATUS.replace(
                "I remain very keen on the position",
                "I remain very keen on the position, and our conversation about we discussed "
                "the adjudication practice has stayed with me",
            ),
            Kind.STATUS_CHECK,
            whole=True,
            why="A topic typed as a sentence ('We discussed ...') put in a template's slot.",
        ),
    ],
)
def clause_in_a_phrase_slot(ctx: Context) -> Iterator[Hit]:
    """A template's slot takes a phrase ('talk about {topic}'); a note typed as a sentence
    makes 'talk about we discussed the new AML regulations', 'build on I led my university's
    mock trial team' or 'talking about they really value people with a law degree'. No good
    sentence has 'about', 'of' or 'at' right before 'I', 'we' or 'they'; 'on' and 'in' can be
    adverbs ('from then on I knew'), so the word before them is checked.
    """
    lower = ctx.lower
    for match in _CLAUSE_IN_SLOT.finditer(ctx.body):
        verb = _NEXT_WORD.pattern.match(lower, match.end())
        if verb is None:
            continue  # 'what they talked about, I' ends there: no clause follows
        slot = match.group().split()[0]
        if slot in {"on", "in"}:
            before = _BEFORE.pattern.search(lower, max(0, match.start() - 20), match.start())
            if before is not None and before.group(1) in _ADVERB_BEFORE:
                continue
        said = ctx.body[match.start() : verb.end()]
        yield Hit(f"'{said}': a sentence spliced where a phrase belongs", match.start(), verb.end())


_WORKPLACES = lists.words("splices", "workplaces")
_DATE_WORDS = lists.words("splices", "date words")
# 'at a regional firm at Bramley Kent LLP': 'at' twice in one clause, the second before a
# name. Found in the body as written (the name's capital counts).
_DOUBLED = Pattern(
    word_start("at") + r"\s+(?P<between>(?:[^\s.,;:!?()]+\s+){1,8}?)at\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w&'\u2019\-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'\u2019\-]*){0,4})",
    needs="at",
)


_SUFFIXES = lists.words("splices", "organisation suffixes")


def _an_employer(ctx: Context, name: str) -> bool:
    """Whether a name after 'at' is an employer: the one in the notes, or (without notes) a
    name that ends like an organisation's ('... LLP')."""
    words = [tx.fold(w) for w in tx.words(name)]
    if ctx.notes is not None:
        company = [tx.fold(w) for w in tx.words(ctx.notes.company)]
        return bool(words) and bool(company) and words[0] == company[0]
    return not _SUFFIXES.isdisjoint(words)


@rule(
    code="SPLC002",
    name="doubled-preposition",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: a highlight that names a workplace, put before the "
        "template's 'at {company}', reads 'at a regional firm at Bramley Kent LLP'."
    ),
    instruction="Never join two places with 'at' twice ('at a firm at ...').",
    hint="Name one place: keep 'at' before one of them, or split the sentence in two.",
    good=[
        Example(
            "Dear Sophie,\n\nI enjoyed meeting you at the open evening at Bramley Kent LLP, and I "
            "am very keen on the Paralegal role.\n\nKind regards,\nJordan Ellis",
            why="An event at a place is one place.",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI would welcome the chance to build on three years of document "
            "review at a regional firm at Bramley Kent LLP.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            THANKS.replace(
                "Please let me know",
                "I would welcome the chance to build on my placement at a community legal "
                "advice centre at Bramley Kent LLP. Please let me know",
            ),
            Kind.THANK_YOU,
            whole=True,
            why="Two workplaces joined by two 'at's.",
        ),
    ],
)
def doubled_preposition(ctx: Context) -> Iterator[Hit]:
    """'build on three years of document review at a regional firm at Bramley Kent LLP': a
    highlight that ends in a workplace, spliced before the template's 'at {company}', names
    two employers for one thing. Flagged when the second 'at' names the employer (the notes',
    or a name that ends like an organisation's) and the words between name a workplace
    ('firm', 'centre') or a name of their own; 'at the open evening at Bramley Kent' is one
    place, 'at the advice centre at Kings Cross' a place in a place.
    """
    for match in _DOUBLED.finditer(ctx.body):
        if not _an_employer(ctx, match["name"]):
            continue  # 'at the centre at Kings Cross': a place in a place
        between = match["between"].split()
        named = any(w[:1].isupper() and w.lower() not in _DATE_WORDS for w in between) or any(
            tx.without_possessive(w.lower()) in _WORKPLACES for w in between
        )
        if not named:
            continue
        said = ctx.body[match.start() : match.end()]
        yield Hit(f"'{said}': two places joined by 'at' twice", *match.span())


# '!.', '?.', ',.', ';.' and '..' (not an ellipsis): a sentence's own mark, then the template's.
# Found with str.find: a regex that starts with a class of marks tries every full stop.
_ENDS = {"!": ".,;:", "?": ".,;:", ",": ".!?", ";": ".!?", ":": ".!?"}


def _doubled_marks(text: str) -> list[tuple[int, int]]:
    """Spans of two marks in a row that end one sentence ('!.', ',.', and '..' but not '...')."""
    found = []
    for mark, after in _ENDS.items():
        at = text.find(mark)
        while at >= 0:
            following = text[at + 1 : at + 2]
            if following and following in after:
                found.append((at, at + 2))
            at = text.find(mark, at + 1)
    at = text.find("..")
    while at >= 0:
        end = at
        while end < len(text) and text[end] == ".":
            end += 1
        if end - at == 2:
            found.append((at, end))
        at = text.find("..", end)
    return sorted(found)


@rule(
    code="SPLC003",
    name="doubled-punctuation",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: a note that ends in its own '!' or '?', put before the "
        "template's full stop, reads 'next year!.'."
    ),
    instruction="End each sentence with one mark: never '!.' or '?.'.",
    hint="Keep one of the two marks: 'next year!' or 'next year.'.",
    good=[
        Example(
            "Dear Sophie,\n\nI loved hearing that the team is moving to a hybrid model next "
            "year! I am very keen on the role...\n\nKind regards,\nJordan Ellis",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nOne thing I learned has stayed with me: they're moving the whole "
            "team to a hybrid model next year!.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            THANKS.replace("to join you.", "to join you!."),
            Kind.THANK_YOU,
            whole=True,
            why="'!' then the template's '.'.",
        ),
    ],
)
def doubled_punctuation(ctx: Context) -> Iterator[Hit]:
    """A note typed with its own final mark ('They're moving the whole team to a hybrid
    model next year!') gains the template's full stop: '...next year!.'. An ellipsis ('...')
    is one mark.
    """
    for text, in_subject in ((ctx.body, False), (ctx.subject, True)):
        for start, end in _doubled_marks(text):
            yield Hit(
                f"'{text[start:end]}': two marks where one belongs",
                start,
                end,
                in_subject=in_subject,
            )


_PARENTHETICAL = Pattern(r"\((?P<inner>[^()\n]{3,80})\)", needs="(")


@rule(
    code="SPLC004",
    name="repeated-parenthetical",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: a role written with a parenthesis ('Trainee Solicitor "
        "(September 2027 intake)') pasted into every sentence repeats it word for word."
    ),
    instruction="Say a detail in brackets once; after that write 'the role'.",
    hint="Keep the bracketed detail the first time only; after that write 'the role'.",
    good=[
        Example(
            "Dear Sophie,\n\nThank you for the interview for the Trainee Solicitor role "
            "(September 2027 intake). I am very keen on the role.\n\nKind regards,\nJordan Ellis",
        ),
        Example(FEEDBACK, Kind.FEEDBACK_REQUEST, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nThank you for the interview for the Trainee Solicitor (September "
            "2027 intake) role. I am very keen on the Trainee Solicitor (September 2027 intake) "
            "role.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            FEEDBACK.replace("Paralegal role", "Paralegal (Construction Disputes) role").replace(
                "other suitable roles",
                "other suitable roles like the Paralegal (Construction Disputes) role",
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="The role's parenthesis pasted in twice.",
        ),
    ],
)
def repeated_parenthetical(ctx: Context) -> Iterator[Hit]:
    """A template that pastes the role as typed ('Trainee Solicitor (September 2027 intake)')
    into every sentence repeats the bracketed detail each time. Said once it informs; twice
    it reads as a form. The subject line may repeat it (it is filed by it).
    """
    seen: Counter[str] = Counter()
    for match in _PARENTHETICAL.finditer(ctx.body):
        key = " ".join(tx.fold(w) for w in tx.words(match["inner"]))
        seen[key] += 1
        if seen[key] == 2:
            yield Hit(
                f"'{match.group()}' is said more than once; say it the first time only",
                *match.span(),
            )
