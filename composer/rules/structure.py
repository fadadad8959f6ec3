"""Structure: one sign-off at the end, and no sentence said twice or echoed in the next."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, rule
from composer.rules.examples import FEEDBACK, STATUS, THANKS
from composer.rules.patterns import Pattern, needles, word_set

_VALEDICTION = Pattern(
    r"^[ \t]*(?:" + lists.alternation(lists.lines("structure", "valedictions")) + r")[ \t]*[,.!]?"
    r"[ \t]*$",
    re.IGNORECASE,
)
# A signed name: 'Jordan Ellis', '- Jordan', 'Grace Adeyemi, BSN, RN', 'Dr. A. Shah'.
_NAME = Pattern(
    r"^[ \t]*(?:[-\u2013\u2014~][ \t]*)?[A-Z\u00c0-\u00de][\w'\u2019.\-]*"
    r"(?:[ \t]+[A-Z\u00c0-\u00de][\w'\u2019.\-]*){0,3}(?:[ \t]*,[ \t]*[A-Z][\w.()]{0,12}){0,3}"
    r"[ \t]*$"
)
_CONTACT = Pattern(r"\d{3}|@|https?://|www\.|linkedin", re.IGNORECASE)
_POSTSCRIPT = Pattern(r"^[ \t]*p\.?[ \t]?s\b", re.IGNORECASE)
_SENTENCE_END = Pattern(r"[.!?][\"'\u201d\u2019)]*[ \t]*$")


def _sign_off(ctx: Context) -> int | None:
    """The index in `ctx.lines` of the line that opens the sign-off ('Kind regards,'): the
    first closing line of the last eight with a signed name below it (right below it, for a
    closing that ends like a sentence: 'Thank you!')."""
    lines = ctx.lines
    first = max(0, len(lines) - 8)
    for i in range(first, len(lines) - 1):
        line = lines[i][1].rstrip()
        if not _VALEDICTION.pattern.match(line):
            continue
        if line.endswith((".", "!")):  # 'Thank you!' may open a note: only a name may follow
            if _NAME.pattern.match(lines[i + 1][1]):
                return i
        elif any(_NAME.pattern.match(below) for _, below in lines[i + 1 :]):
            return i
    return None


_FIRST_PERSON = frozenset("i i'm i've i'd i'll my me".split())


def _is_prose(line: str) -> bool:
    """Whether a line below the sign-off is the writer speaking ('I remain very keen on the
    role.'), not part of the signature (a name, a title, a phone number, an address) or an
    email program's footer ('Please consider the environment before printing.')."""
    words = [w.lower().replace("\u2019", "'") for w in tx.words(line)]
    if len(words) < 3 or _CONTACT.pattern.search(line):
        return False
    return not _FIRST_PERSON.isdisjoint(words) and bool(
        _SENTENCE_END.pattern.search(line) or len(words) >= 5
    )


@rule(
    code="STRC001",
    name="text-after-sign-off",
    severity=Severity.ERROR,
    source=(
        "Common practice for emails: the sign-off and your name end the message; anything "
        "below them looks like a draft left unfinished."
    ),
    instruction="Put nothing after the sign-off and your name.",
    hint="Move the sentence above the sign-off (or delete it): only your name follows it.",
    good=[
        Example(
            "Dear Sophie,\n\nThank you for Thursday. I remain very keen on the role.\n\nKind "
            "regards,\nJordan Ellis\nParalegal applicant\n07700 900123",
        ),
        Example(
            "Dear Sophie,\n\nThank you for Thursday. I remain very keen on the role.\n\nKind "
            "regards,\nJordan Ellis\n\nP.S. I have attached the case note I mentioned.",
            why="A postscript is a deliberate addition, not a leftover.",
        ),
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nThank you for Thursday. I am keen on the Paralegal role.\n\nKind "
            "regards,\nJordan Ellis\n\nI remain very keen on the role.",
        ),
        Example(
            STATUS + "\n\nI remain very keen on the role.",
            Kind.STATUS_CHECK,
            whole=True,
            why="A repair that appended its fix below the name, instead of in the message.",
        ),
    ],
)
def text_after_sign_off(ctx: Context) -> Iterator[Hit]:
    """A repaired draft sometimes gains its fix below the signature ('I remain very keen on
    the role.' after 'Kind regards, Jordan Ellis'), where it reads as a leftover. A name,
    title, phone number or address below the sign-off is the signature; a postscript ('P.S.')
    is deliberate.
    """
    start = _sign_off(ctx)
    if start is None:
        return
    for pos, line in ctx.lines[start + 1 :]:
        if _POSTSCRIPT.pattern.match(line):
            return
        if _NAME.pattern.match(line) or not _is_prose(line):
            continue
        text = line.strip()
        offset = pos + line.index(text)
        yield Hit(
            f"'{text}' comes after the sign-off; only your name belongs there",
            offset,
            offset + len(text),
        )


_WORD = Pattern(r"\w+(?:['\u2019]\w+)*")


def _prose(ctx: Context) -> list[tx.Span]:
    """The sentences between the greeting and the sign-off (worked out once per message)."""
    return ctx.shared("prose", _find_prose)


def _find_prose(ctx: Context) -> list[tx.Span]:
    end = ctx.closing if ctx.closing is not None else len(ctx.body)
    first = ctx.greeting[0] + len(ctx.greeting[1]) if ctx.greeting else 0
    return [s for s in ctx.sentences if s.start >= first and s.end <= end]


def _words(ctx: Context, sentence: tx.Span) -> list[str]:
    """A sentence's words, lower-cased."""
    return _WORD.pattern.findall(ctx.lower, sentence.start, sentence.end)


@rule(
    code="STRC002",
    name="duplicated-sentence",
    severity=Severity.ERROR,
    source="Common practice for emails: say each thing once.",
    instruction="Never repeat a sentence.",
    hint="Delete the second copy of the sentence.",
    good=[
        Example(
            "Dear Sophie,\n\nThank you for meeting me on Thursday. I remain very keen on the "
            "role.\n\nKind regards,\nJordan Ellis",
        ),
        Example(FEEDBACK, Kind.FEEDBACK_REQUEST, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI remain very keen on the Paralegal role. Thank you for meeting "
            "me. I remain very keen on the Paralegal role.\n\nKind regards,\nJordan Ellis",
        ),
        Example(
            FEEDBACK.replace(
                "would also welcome hearing",
                "would be grateful for any feedback on my interview, as I am keen to learn and "
                "improve. I would also welcome hearing",
            ),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="The feedback request said twice, as a repair that added a copy.",
        ),
    ],
)
def duplicated_sentence(ctx: Context) -> Iterator[Hit]:
    """A repair round that adds a sentence the draft already had, or a model that loops,
    leaves the same sentence twice. Short sentences ('Thank you.') may repeat: only one of
    five words or more counts.
    """
    # Only sentences of the same length less white space can be copies: most messages have
    # none, so no sentence's words are looked at.
    by_size: dict[int, list[tx.Span]] = {}
    for sentence in _prose(ctx):
        text = sentence.text
        by_size.setdefault(len(text) - text.count(" ") - text.count("\n"), []).append(sentence)
    copies = sorted(
        (s for group in by_size.values() if len(group) > 1 for s in group), key=lambda s: s.start
    )
    seen: set[tuple[str, ...]] = set()
    for sentence in copies:
        key = tuple(_words(ctx, sentence))
        if len(key) < 5:
            continue
        if key in seen:
            yield Hit("this sentence appears twice", sentence.start, sentence.end)
        seen.add(key)


_ECHO_WORDS = lists.word_list("structure", "echo words")
_ECHO_SET = frozenset(_ECHO_WORDS)
_ECHO_ROOTS = needles(_ECHO_WORDS, whole=True)  # 'keen' finds 'keener' and 'keenly' too
# Each echo word and its first run of word characters ('' for none: then it is never a word).
_ECHO_FIRST = tuple((word, (re.findall(r"\w+", word) or [""])[0]) for word in _ECHO_SET)


def _opening(lower: str, sentence: tx.Span) -> list[str]:
    """A sentence's first three words, lower-cased."""
    return lower[sentence.start : min(sentence.end, sentence.start + 60)].split(None, 3)[:3]


def _open_alike(lower: str, first: tx.Span, second: tx.Span) -> bool:
    """Whether two sentences start with the same three words (their first characters are
    compared first: most pairs differ there)."""
    if lower[first.start : first.start + 6] != lower[second.start : second.start + 6]:
        return False
    opening = _opening(lower, first)
    return len(opening) == 3 and opening == _opening(lower, second)


def _roots_in(lower: str) -> tuple[str, ...]:
    """The roots worth looking for in a lower-cased text. An echo word found at a word start
    (after no letter or digit) begins with a whole word of the text, its first run of word
    characters, unless an underscore stands before it ('_keen'): so only the roots of echo words
    whose first run is one of the text's words are looked for."""
    if "_" in lower:
        return _ECHO_ROOTS
    words = word_set(lower)
    present = [word for word, first in _ECHO_FIRST if first in words]
    return tuple(root for root in _ECHO_ROOTS if any(root in word for word in present))


def _echo_words(lower: str, prose: list[tx.Span]) -> dict[int, set[str]]:
    """The echo words in each sentence, by the sentence's index. Found with str.find, word by
    word: most are in no message, and a regex of them all tried every 'e' and 't'."""
    starts = [s.start for s in prose]
    found: dict[int, set[str]] = {}
    for root in _roots_in(lower):
        at = lower.find(root)
        while at >= 0:
            word = _WORD.pattern.match(lower, at)
            if (
                word is not None
                and word.group() in _ECHO_SET
                and (at == 0 or not lower[at - 1].isalnum())
            ):
                i = bisect.bisect_right(starts, at) - 1
                if i >= 0 and at < prose[i].end:
                    found.setdefault(i, set()).add(word.group())
            at = lower.find(root, at + len(root))
    return found


@rule(
    code="STRC003",
    name="echoed-sentence",
    severity=Severity.WARNING,
    source="Common practice for emails: two sentences in a row that open alike read as padding.",
    instruction="Do not start two sentences in a row alike, or use 'keen' in both.",
    hint="Rephrase the second sentence, or join the two into one.",
    good=[
        Example(
            "Dear Sophie,\n\nI am keen to learn and to improve. I would also welcome hearing "
            "about other roles.\n\nKind regards,\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(FEEDBACK, Kind.FEEDBACK_REQUEST, whole=True),
    ],
    bad=[
        Example(
            "Dear Sophie,\n\nI'm keen to learn and to improve. I'm still very keen to work at "
            "Bramley Kent LLP.\n\nKind regards,\nJordan Ellis",
            kind=Kind.FEEDBACK_REQUEST,
        ),
        Example(
            FEEDBACK.replace("I\nwould also welcome hearing", "I am\nstill keen to hear"),
            Kind.FEEDBACK_REQUEST,
            whole=True,
            why="'keen to learn' then 'keen to hear': an echo (a warning).",
        ),
    ],
)
def echoed_sentence(ctx: Context) -> Iterator[Hit]:
    """'I'm keen to learn and to improve. I'm still very keen to work at ...': two sentences in
    a row that open with the same three words, or lean on the same word of feeling, read as
    filler. A warning: the message still says what it must.
    """
    prose = _prose(ctx)
    echoed = _echo_words(ctx.lower, prose)
    for i, sentence in enumerate(prose[1:]):
        if _open_alike(ctx.lower, prose[i], sentence):
            said = " ".join(sentence.text.split(None, 3)[:3])
            yield Hit(
                f"two sentences in a row start '{said}'", sentence.start, sentence.start + len(said)
            )
            continue
        shared = sorted(echoed.get(i, set()) & echoed.get(i + 1, set()))
        if shared:
            yield Hit(
                f"'{shared[0]}' in two sentences in a row reads as an echo",
                sentence.start,
                sentence.end,
            )
