"""What a rule is, what it sees (Context) and how it is registered."""

from __future__ import annotations

import inspect
import operator
import re
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import filterfalse
from typing import Any, Generic, TypeVar, overload

from composer import text as tx
from composer.evidence import Evidence
from composer.kinds import Channel
from composer.models import Finding, InterviewNotes, Kind, Message, Severity
from composer.rules.patterns import Pattern, lowered
from composer.settings import RuleSettings

T = TypeVar("T")

ALL_KINDS = frozenset(Kind)
ALL_CHANNELS = frozenset(Channel)
EMAIL = frozenset({Channel.EMAIL})  # greetings, sign-offs and subjects are not spoken
# Words that open a first line without being anyone's name ('Thanks, Sophie' is no greeting).
_NOT_A_NAME = (
    r"(?!(?:thanks|thank|unfortunately|however|firstly|first|just|so|well|again|also|yes|no|"
    r"sadly|apologies|sorry|please|regarding|following|further|as|since|once|ok|okay|re|fw|"
    r"fwd|subject|update|note|quick|today|yesterday|i|we|my|our|it|this|that)\b)"
)
# A capital that starts a name ('Émilie', 'Óscar'), and the rest of a name word ('O’Neill').
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_NAMECH = "\\w'\u2019\\-"
_GREETING = Pattern(
    r"^[ \t]*(?:(?:dear|hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening|day)|morning|"
    r"afternoon|greetings|to)\b"
    r"(?:(?:mr|mrs|ms|dr|prof|mx|st)\.|[^,:;\n!.]){0,60}[,:;!]?"
    # 'Dan,' alone on the first line
    rf"|{_NOT_A_NAME}(?-i:[{_UPPER}])[{_NAMECH}.]*(?:[ \t]+(?-i:[{_UPPER}])[{_NAMECH}.]*){{0,2}}"
    r"[ \t]*[,:][ \t]*$"
    # 'Sophie, thank you for...' or 'Sophie - thank you...' opening a one-paragraph note
    rf"|{_NOT_A_NAME}(?-i:[{_UPPER}])[{_NAMECH}]*(?:[ \t]+(?-i:[{_UPPER}])[{_NAMECH}]*)?"
    r"(?:,|[ \t]+[\-\u2013\u2014])(?=[ \t]+(?-i:[a-zA-Z])))",
    re.IGNORECASE | re.MULTILINE,
)
_CLOSING_CORE = (
    r"(?:(?:with\s+)?(?:best|kind|kindest|warm|warmest|many|sincere|warm\s+best|all\s+the\s+best|"
    r"all\s+best|very\s+best|all\s+good|good)\s+(?:regards|wishes|thanks)|regards|"
    r"sincerely(?:\s+yours)?|"
    r"yours\s+(?:sincerely|truly|faithfully|respectfully|ever|gratefully)|yours|cordially|"
    r"thanks(?:\s+(?:again|and\s+regards|&\s+regards))?(?:\s+(?:so|very|ever\s+so)\s+much)?|"
    r"(?:many|huge|big)\s+thanks|thanks\s+(?:a\s+lot|a\s+million)|"
    r"thank\s+you(?:\s+(?:once\s+)?again)?(?:\s+(?:so|very|ever\s+so)\s+much|\s+kindly)?|"
    r"cheers|all\s+the\s+best|all\s+best|respectfully(?:\s+yours)?|gratefully(?:\s+yours)?|"
    r"with\s+(?:many\s+|sincere\s+|grateful\s+|warm\s+|heartfelt\s+)?"
    r"(?:thanks|gratitude|appreciation)|"
    r"best|warmly|take\s+care|speak\s+soon|talk\s+soon|all\s+my\s+best|"
    r"(?:i\s+)?look(?:ing)?\s+forward\s+to\s+(?:hearing\s+from\s+you|speaking\s+(?:with|to)\s+you)"
    r"(?:\s+soon)?|"
    # 'Thank you for your time and consideration,', 'Thanks again for your time,'
    r"(?:thank\s+you|thanks|many\s+thanks)(?:\s+(?:once\s+)?again)?\s+for\s+(?:your|all\s+your)\s+"
    r"(?:time|help|consideration|support|patience)(?:\s+and\s+(?:your\s+)?(?:time|help|"
    r"consideration|support|patience))?)"
)
# 'Many thanks again', 'Again, many thanks', 'Best wishes again', 'Thanks and best wishes'.
_CLOSING_PHRASE = (
    rf"(?:(?:(?:once\s+)?again,?\s+)?{_CLOSING_CORE}(?:\s+(?:and|&)\s+{_CLOSING_CORE})?"
    r"(?:\s+(?:once\s+)?again)?(?:\s+(?:so|very)\s+much)?)"
)
# A closing on its own line ('Kind regards,'), or ending a run-on last line ('... Best, Alex').
_CLOSING_LINE = Pattern(rf"^[ \t]*{_CLOSING_PHRASE}[ \t]*[,.!\u2014-]*[ \t]*$", re.IGNORECASE)
_CLOSING_INLINE = Pattern(
    rf"(?:^|[.!?][ \t]+){_CLOSING_PHRASE}[ \t]*[,.!]?[ \t]+[{_UPPER}][{_NAMECH}.]*"
    rf"(?:[ \t]+[{_UPPER}][{_NAMECH}.]*){{0,3}}[ \t]*$",
    re.IGNORECASE,
)
# The closing words that open the sign-off's first line ('Kind regards, Jordan').
_CLOSING_START = Pattern(rf"^[ \t]*{_CLOSING_PHRASE}[ \t]*[,.!]?", re.IGNORECASE)
# A last sentence that closes politely even without 'Kind regards' above the name.
_POLITE_CLOSE = Pattern(
    r"\b(?:thank|thanks|grateful|gratitude|appreciat\w*|look(?:ing)?\s+forward|hesitate|"
    r"wish(?:es|ing)?|regards|best|hope|welcome|kind\s+consideration|"
    r"would\s+be\s+(?:great|wonderful|lovely|helpful|much\s+appreciated))\b",
    re.IGNORECASE,
)
# 'Jordan Ellis', 'Dr. A. Shah', '- Jordan', 'Rosa Delgado, RN', 'Grace Adeyemi, BSN, RN'
_NAME_WORD = rf"[{_UPPER}][{_NAMECH}]*\.?"
_NAME_LINE = Pattern(
    rf"^[ \t]*(?:[-\u2013\u2014~][ \t]*)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
    r"(?:[ \t]*,[ \t]*[A-Z][A-Za-z.]{0,10}){0,3}[ \t]*$"
)


class cached_property(Generic[T]):
    """`functools.cached_property` without its lock: on Python 3.11 every first read of one
    took an RLock, a microsecond each, a dozen times a check; a Context belongs to one check
    in one thread, and a value computed twice by two threads would be the same value."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached_property[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | cached_property[T]:
        if obj is None:
            return self
        # stored in the instance's dict, which a non-data descriptor yields to from then on
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True)
class NotesFacts:
    """What rules read from the notes, worked out once per notes object, not once per rule."""

    caps_words: frozenset[str]
    people_words: frozenset[str]
    company_words: frozenset[str]
    background: frozenset[str]
    specifics: tuple[tuple[str, frozenset[str]], ...]
    words: frozenset[str]  # every word the notes use, folded: never a misspelling of a name


_MEMO: dict[tuple[int, str], tuple[weakref.ref[InterviewNotes], Any]] = {}


def memo(notes: InterviewNotes, key: str, compute: Callable[[InterviewNotes], T]) -> T:
    """What a rule derives from the notes, computed once per notes object (not once per check).

    Keyed by the object's id and checked with a weak reference, so a new notes object that
    reuses an id is never served another's facts, and nothing keeps notes alive.
    """
    cached = _MEMO.get((id(notes), key))
    if cached is not None and cached[0]() is notes:
        return cached[1]  # type: ignore[no-any-return]
    value = compute(notes)
    if len(_MEMO) > 256:
        _MEMO.clear()
    _MEMO[(id(notes), key)] = (weakref.ref(notes), value)
    return value


def _facts(notes: InterviewNotes) -> NotesFacts:
    people = [p.name for p in notes.people]
    return NotesFacts(
        caps_words=frozenset(w for w in tx.words(notes.model_dump_json()) if tx.is_shouting(w)),
        people_words=frozenset(
            tx.fold(part) for name in people for part in tx.words(name.replace(".", " "))
        ),
        company_words=frozenset(tx.fold(w) for w in tx.words(notes.company)),
        background=frozenset(tx.content_stems(f"{notes.role} {notes.company}")),
        specifics=tuple((item, frozenset(tx.content_stems(item))) for item in notes.specifics),
        words=frozenset(_with_bare_possessives(tx.words(notes.model_dump_json()))),
    )


def _with_bare_possessives(words: Iterable[str]) -> Iterator[str]:
    """Each word folded, and a possessive also without its 's: the notes' 'St Mary's Hospital'
    vouches for 'Mary' as well as 'Mary's'."""
    for word in words:
        folded = tx.fold(word)
        yield folded
        if folded.endswith("'s"):
            yield folded[:-2]


def notes_facts(notes: InterviewNotes) -> NotesFacts:
    return memo(notes, "facts", _facts)


# Verdicts on words, for each set of facts they were judged by (see `judged`).
_JUDGED: dict[tuple[str, tuple[int, ...]], tuple[tuple[object, ...], dict[str, Any]]] = {}
JUDGED_KEPT = 16384  # verdicts kept for one set of facts; past it, new words are judged anew


def judged(
    key: str, words: frozenset[str], facts: tuple[object, ...], judge: Callable[[str], T]
) -> dict[str, T]:
    """`judge(word)` for every one of `words`, each word judged once per `key` (one key, one
    judge) and `facts`: the objects the verdict depends on, which must not change (what a rule
    memoized from the notes). Most bodies share most of their words with the last one checked
    against the same notes."""
    key_ids = (key, tuple(map(id, facts)))
    cached = _JUDGED.get(key_ids)
    if cached is not None and all(map(operator.is_, cached[0], facts)):
        table: dict[str, T] = cached[1]
    else:
        if len(_JUDGED) > 64:
            _JUDGED.clear()
        table = {}
        _JUDGED[key_ids] = (facts, table)
    new = words.difference(table)
    if new:
        if len(table) > JUDGED_KEPT:  # judged here, not kept
            return {word: judge(word) for word in words}
        for word in new:
            table[word] = judge(word)
    return table


@dataclass(frozen=True, slots=True)
class Example:
    """A message that shows a rule at work, checked with the example notes (Jordan Ellis's, in
    composer.rules.examples) when `notes` is set; `kind` defaults to the rule's first kind.

    A `whole` example is a realistic message checked against every rule as well: a good one
    passes every error-level rule, and a bad one breaks this rule and, if it is an error-level
    rule, fails the check.
    """

    text: str
    kind: Kind | None = None
    notes: bool = True
    whole: bool = False
    why: str = ""  # what the example shows, when it is not plain from the text


@dataclass
class Context:
    """One message under check, with the pieces rules share computed once."""

    message: Message
    kind: Kind
    notes: InterviewNotes | None
    settings: RuleSettings

    def __post_init__(self) -> None:
        self.text = self.message.text
        self.body_start = len(self.text) - len(self.message.body)
        self.body = self.message.body
        self.subject = self.message.subject
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, compute: Callable[[Context], T]) -> T:
        """What several rules of a family derive from this message, computed once: the first
        rule to ask computes it under `key` (one key, one meaning, per family module)."""
        if key in self._shared:
            return self._shared[key]  # type: ignore[no-any-return]
        value = self._shared[key] = compute(self)
        return value

    @cached_property
    def lower(self) -> str:
        """The body in lower case, with every offset kept (the one copy phrase lists read)."""
        return lowered(self.body)

    @cached_property
    def _words(self) -> tuple[list[str], list[int]]:
        return tx.words_and_starts(self.body)

    @property
    def word_texts(self) -> list[str]:
        """The body's words, in order (most rules need the words, not where they are)."""
        return self._words[0]

    @property
    def word_starts(self) -> list[int]:
        """Where each of `word_texts` starts in the body."""
        return self._words[1]

    @cached_property
    def word_spans(self) -> list[tx.Span]:
        """`tx.word_spans(body)`, made from the words and their starts."""
        return tx.spans_of(self.word_starts, self.word_texts)

    @cached_property
    def word_count(self) -> int:
        return len(self.word_texts)

    @cached_property
    def distinct_words(self) -> frozenset[str]:
        """Each word of the body once (rules that judge words judge each distinct one once)."""
        return frozenset(self.word_texts)

    @cached_property
    def cased_words(self) -> frozenset[str]:
        """The distinct words that are not all lower case ('Sophie', 'CV', '12'): where every
        capitalised word is, picked out in C (most words of prose are lower case)."""
        return frozenset(filterfalse(str.islower, self.distinct_words))

    @cached_property
    def body_stems(self) -> frozenset[str]:
        # each distinct word once; a content word's stem is never empty, so dropping None and
        # empty stems only drops the words that are not content words
        return tx.stems_of(self.distinct_words)

    @cached_property
    def facts(self) -> NotesFacts | None:
        """What the rules read from the notes, computed once per notes object."""
        return None if self.notes is None else notes_facts(self.notes)

    @cached_property
    def sentences(self) -> list[tx.Span]:
        return tx.sentences(self.body)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts, for bisecting an offset into its sentence."""
        return [s.start for s in self.sentences]

    @cached_property
    def sentence_ends(self) -> list[int]:
        """Where each sentence ends."""
        return [s.end for s in self.sentences]

    def sentence_at(self, pos: int) -> tx.Span | None:
        """The sentence that holds body offset `pos`, if any."""
        i = bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentence_ends[i] else None

    def overlapped(self, spans: Iterable[tuple[int, int]]) -> list[tuple[tx.Span, bool]]:
        """The sentences that body spans (in order, not overlapping) overlap, in order, each
        with whether a span lies wholly inside it: found by bisecting, not by testing every
        sentence against every span."""
        starts, ends = self.sentence_starts, self.sentence_ends
        inside: dict[int, bool] = {}
        for start, end in spans:
            first = bisect_right(ends, start)
            for i in range(first, bisect_left(starts, end)):
                whole = starts[i] <= start and end <= ends[i]
                inside[i] = inside.get(i, False) or whole
        sentences = self.sentences
        return [(sentences[i], inside[i]) for i in sorted(inside)]

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """Non-blank lines of the body with their offsets."""
        out, pos = [], 0
        for line in self.body.splitlines(keepends=True):
            if line.strip():
                out.append((pos, line.rstrip("\r\n")))
            pos += len(line)
        return out

    @cached_property
    def greeting(self) -> tuple[int, str] | None:
        """The opening salutation ('Dear Sophie,', 'Hi Sophie', 'Dan,') and its offset."""
        if not self.lines:
            return None
        pos, line = self.lines[0]
        match = _GREETING.match(line)
        if not match or not match.group().strip():
            return None
        return pos + match.start(), match.group().strip()

    @cached_property
    def second_greeting(self) -> tuple[int, str] | None:
        """A salutation line straight after a first one that stood alone ('Dear Joe,' then
        'Hi Joe,'), and its offset."""
        if self.greeting is None or len(self.lines) < 2:
            return None
        if self.greeting[1] != self.lines[0][1].strip():
            return None  # 'Sophie, thank you for ...' opens the first paragraph itself
        pos, line = self.lines[1]
        match = _GREETING.match(line)
        if not match or match.group().strip() != line.strip() or len(line.split()) > 5:
            return None
        return pos + match.start(), match.group().strip()

    @cached_property
    def closing(self) -> int | None:
        """Body offset where the sign-off starts ('Kind regards,' or an inline '... Best, Alex')."""
        tail = self.lines[-6:]
        for pos, line in reversed(tail):
            if _CLOSING_LINE.pattern.match(line):
                return pos
        pos, line = self.lines[-1] if self.lines else (0, "")
        inline = _CLOSING_INLINE.search(line)
        if inline:
            return pos + inline.start() + (1 if line[inline.start()] in ".!?" else 0)
        return None

    @cached_property
    def last_prose(self) -> tx.Span | None:
        """The last real sentence; name, phone and email lines below it are skipped."""
        for sentence in reversed(self.sentences):
            size = len(tx.words(sentence.text))
            ended = sentence.text.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?"))
            if (size >= 8 or (size >= 4 and ended)) and not _NAME_LINE.pattern.match(sentence.text):
                return sentence
        return None

    @cached_property
    def name_lines(self) -> list[str]:
        """Lines that look like a signed name, after the closing (or after the last sentence)."""
        if self.closing is not None:
            lines = self.body[self.closing :].splitlines()
            first = _CLOSING_START.sub("", lines[0])
            lines = [first, *lines[1:]]
        else:
            start = self.last_prose.end if self.last_prose else 0
            lines = self.body[start:].splitlines()
        return [ln.strip() for ln in lines[:5] if ln.strip() and _NAME_LINE.pattern.match(ln)]

    @cached_property
    def polite_close(self) -> bool:
        """Whether the message ends politely: a closing phrase, or a last sentence of thanks."""
        if self.closing is not None:
            return True
        return self.last_prose is not None and bool(_POLITE_CLOSE.search(self.last_prose.text))


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: a message, an optional span into the body, an optional severity.

    A severity here overrides the rule's own, for the rare rule that must soften when the notes
    leave it nothing to judge by.
    """

    message: str
    start: int | None = None
    end: int | None = None
    severity: Severity | None = None
    in_subject: bool = False


Check = Callable[[Context], Iterable[Hit]]
# What a passing message relied on, for --explain: each Hit's message says what its words
# counted as ('thanks'). Run only when asked, never in the ordinary check.
Explain = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Threshold:
    """A setting a rule's instruction names as '{name}', worked out for each kind."""

    name: str
    value: Callable[[RuleSettings, Kind], int]


MIN_WORDS = Threshold("min_words", lambda settings, kind: settings.limits(kind).min)
SOFT_MAX_WORDS = Threshold("soft_max_words", lambda settings, kind: settings.limits(kind).soft_max)
MAX_WORDS = Threshold("max_words", lambda settings, kind: settings.limits(kind).max)
MAX_SENTENCE_WORDS = Threshold(
    "max_sentence_words", lambda settings, _: settings.max_sentence_words
)
SUBJECT_MAX_CHARS = Threshold("subject_max_chars", lambda settings, _: settings.subject_max_chars)
MAX_EXCLAMATIONS = Threshold("max_exclamations", lambda settings, _: settings.max_exclamations)


@dataclass(frozen=True)
class Rule:
    """One guideline and every fact about it: a stable code, what it asks of a writer, where
    it comes from, where it applies, and a pure check."""

    code: str
    name: str
    severity: Severity
    kinds: frozenset[Kind]
    instruction: str  # the line prompts show the model; '{name}' for each threshold
    hint: str  # how to fix a finding: the repair prompt sends it back with the finding
    check: Check
    good: tuple[Example, ...]
    bad: tuple[Example, ...]
    source: str  # where the guideline comes from, in words a user understands
    why: str = field(default="")
    channels: frozenset[Channel] = field(default=ALL_CHANNELS)
    # A warning from this rule still sends a model draft back for repair, as errors do.
    repairs_on_warning: bool = False
    thresholds: tuple[Threshold, ...] = ()
    # Whether prompts show the instruction to the model (False for a check of what a model
    # never writes on purpose, such as control characters: the prompt stays as recorded).
    in_prompt: bool = True
    # The line for a kind whose situation the general one does not fit ('the decision' means
    # nothing in a thank-you sent before there is one).
    kind_instructions: Mapping[Kind, str] = field(default_factory=dict)
    # Codes whose finding on the very same words this rule's finding replaces: one clear
    # message ('Rachael' looks like a misspelling of 'Rachel') instead of three.
    supersedes: frozenset[str] = field(default=frozenset())
    # The words the check relied on when the message passes it (--explain); None for a rule
    # that looks for a fault, where passing means finding none.
    evidence: Explain | None = None

    @property
    def family(self) -> str:
        """The code's letters: 'TONE' for TONE003; one module holds each family."""
        return family(self.code)

    def applies(self, kind: Kind, channel: Channel = Channel.EMAIL) -> bool:
        return kind in self.kinds and channel in self.channels

    def run(self, ctx: Context) -> list[Finding]:
        """Findings with spans made relative to the whole message text."""
        found = []
        for hit in self.check(ctx):
            offset = len("Subject: ") if hit.in_subject else ctx.body_start
            found.append(
                Finding(
                    code=self.code,
                    rule=self.name,
                    severity=hit.severity or self.severity,
                    message=hit.message,
                    start=None if hit.start is None else hit.start + offset,
                    end=None if hit.end is None else hit.end + offset,
                )
            )
        return found

    def explain(self, ctx: Context) -> list[Evidence]:
        """The words this rule relied on to pass the message, with spans into the whole text."""
        if self.evidence is None:
            return []
        found = []
        for hit in self.evidence(ctx):
            offset = len("Subject: ") if hit.in_subject else ctx.body_start
            start = None if hit.start is None else hit.start + offset
            end = None if hit.end is None else hit.end + offset
            found.append(
                Evidence(
                    code=self.code,
                    rule=self.name,
                    counted_as=hit.message,
                    start=start,
                    end=end,
                    text="" if start is None or end is None else ctx.text[start:end],
                )
            )
        return found

    def instruction_for(self, kind: Kind, settings: RuleSettings) -> str:
        """The writer-facing line for this kind, its thresholds filled in."""
        line = self.kind_instructions.get(kind, self.instruction)
        return line.format(**{t.name: t.value(settings, kind) for t in self.thresholds})

    def instructions(self, settings: RuleSettings) -> dict[Kind, str]:
        """The instruction for each kind the rule applies to (thresholds differ by kind)."""
        return {kind: self.instruction_for(kind, settings) for kind in Kind if kind in self.kinds}

    def describe(self, settings: RuleSettings, kind: Kind | None = None) -> dict[str, Any]:
        """What `composer rules --format json` shows; `instruction` is for `kind` if given."""
        by_kind = self.instructions(settings)
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "kinds": [kind.value for kind in by_kind],
            "instruction": by_kind.get(kind) if kind else next(iter(by_kind.values())),
            "instructions": {kind.value: text for kind, text in by_kind.items()},
            "hint": self.hint,
            "why": self.why,
            "source": self.source,
            "channels": [channel.value for channel in Channel if channel in self.channels],
            "repairs_on_warning": self.repairs_on_warning,
            "enabled": self.code not in {c.upper() for c in settings.disable},
        }


REGISTRY: dict[str, Rule] = {}


def family(code: str) -> str:
    """A code's family, its letters: 'TONE' for TONE003."""
    return code.rstrip("0123456789")


def families() -> list[str]:
    """Every family's code letters, in listing order."""
    return list(dict.fromkeys(r.family for r in REGISTRY.values()))


def listed(order: Sequence[str], last: Sequence[str] = ()) -> None:
    """Put the registry in listing order: family by family, each in the order its module
    declares its rules; a family not named goes after those named, and `last` at the very end."""
    rank = {name: i for i, name in enumerate(order)}
    ordered = sorted(
        REGISTRY.values(),
        key=lambda r: (
            r.code in last,
            last.index(r.code) if r.code in last else 0,
            rank.get(family(r.code), len(rank)),
        ),
    )
    REGISTRY.clear()
    REGISTRY.update((r.code, r) for r in ordered)


def _examples(items: Iterable[str | Example]) -> tuple[Example, ...]:
    return tuple(item if isinstance(item, Example) else Example(item) for item in items)


def rule(
    code: str,
    name: str,
    severity: Severity,
    instruction: str | Mapping[Kind | None, str],
    hint: str,
    good: Iterable[str | Example],
    bad: Iterable[str | Example],
    *,
    source: str,
    kinds: Iterable[Kind] = ALL_KINDS,
    channels: Iterable[Channel] = ALL_CHANNELS,
    repairs_on_warning: bool = False,
    thresholds: Iterable[Threshold] = (),
    supersedes: Iterable[str] = (),
    in_prompt: bool = True,
    evidence: Explain | None = None,
) -> Callable[[Check], Check]:
    """Register a check function as a rule; the function's docstring says why the rule exists.

    `instruction` is one line for every kind, or a line per kind with `None` for the rest.

    `evidence`, for a rule that looks for something a message must have (thanks, a wish for
    the role), yields the words it counted: `composer check --explain` shows them.
    """

    if isinstance(instruction, str):
        general, own = instruction, {}
    else:
        general = instruction[None]
        own = {k: line for k, line in instruction.items() if k is not None}

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} is already used by {REGISTRY[code].name}")
        REGISTRY[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            kinds=frozenset(kinds),
            instruction=general,
            kind_instructions=own,
            hint=hint,
            check=check,
            good=_examples(good),
            bad=_examples(bad),
            source=source,
            why=inspect.cleandoc(check.__doc__ or ""),
            channels=frozenset(channels),
            repairs_on_warning=repairs_on_warning,
            thresholds=tuple(thresholds),
            supersedes=frozenset(supersedes),
            in_prompt=in_prompt,
            evidence=evidence,
        )
        return check

    return register
