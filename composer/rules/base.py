"""What a rule is, what it sees (Context) and how it is registered."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from composer import text as tx
from composer.models import Finding, InterviewNotes, Kind, Message, Severity
from composer.settings import RuleSettings

ALL_KINDS = frozenset(Kind)
_GREETING = re.compile(
    r"^[ \t]*(?:(?:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening)|greetings|to)\b"
    r"(?:(?:mr|mrs|ms|dr|prof|mx|st)\.|[^,:;\n!.]){0,60}[,:;!]?"
    r"|[A-Z][\w'.\-]*(?:[ \t]+[A-Z][\w'.\-]*){0,2}[ \t]*[,:][ \t]*$)",
    re.IGNORECASE | re.MULTILINE,
)
_CLOSING_PHRASE = (
    r"(?:(?:with\s+)?(?:best|kind|kindest|warm|warmest|many|sincere|warm\s+best)\s+"
    r"(?:regards|wishes|thanks)|regards|sincerely(?:\s+yours)?|yours\s+(?:sincerely|truly|"
    r"faithfully|respectfully)|thanks(?:\s+again)?(?:\s+so\s+much)?|many\s+thanks|"
    r"thank\s+you(?:\s+again)?(?:\s+(?:so|very)\s+much)?|cheers|all\s+the\s+best|respectfully|"
    r"gratefully|with\s+(?:thanks|gratitude|appreciation)|best|warmly|take\s+care)"
)
# A closing on its own line ('Kind regards,'), or ending a run-on last line ('... Best, Alex').
_CLOSING_LINE = re.compile(rf"^[ \t]*{_CLOSING_PHRASE}[ \t]*[,.!\u2014-]*[ \t]*$", re.IGNORECASE)
_CLOSING_INLINE = re.compile(
    rf"(?:^|[.!?][ \t]+){_CLOSING_PHRASE}[ \t]*[,.!]?[ \t]+[A-Z][\w'.\-]*(?:[ \t]+[A-Z][\w'.\-]*)"
    r"{0,3}[ \t]*$",
    re.IGNORECASE,
)
# A last sentence that closes politely even without 'Kind regards' above the name.
_POLITE_CLOSE = re.compile(
    r"\b(?:thank|thanks|grateful|appreciate|look(?:ing)?\s+forward|hesitate|wishes|regards|"
    r"best)\b",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"^[ \t]*[A-Z][\w'\-]*\.?(?:[ \t]+[A-Z][\w'\-]*\.?){0,3}[ \t]*$")


@dataclass(frozen=True, slots=True)
class Example:
    """A message that shows a rule at work; checked with the example notes when `notes` is set."""

    text: str
    kind: Kind | None = None
    notes: bool = True


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

    @cached_property
    def lower(self) -> str:
        return self.body.lower()

    @cached_property
    def word_spans(self) -> list[tx.Span]:
        return tx.word_spans(self.body)

    @cached_property
    def sentences(self) -> list[tx.Span]:
        return tx.sentences(self.body)

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
    def closing(self) -> int | None:
        """Body offset where the sign-off starts ('Kind regards,' or an inline '... Best, Alex')."""
        tail = self.lines[-6:]
        for pos, line in reversed(tail):
            if _CLOSING_LINE.match(line):
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
            if (size >= 8 or (size >= 4 and ended)) and not _NAME_LINE.match(sentence.text):
                return sentence
        return None

    @cached_property
    def name_lines(self) -> list[str]:
        """Lines that look like a signed name, after the closing (or after the last sentence)."""
        if self.closing is not None:
            lines = self.body[self.closing :].splitlines()
            first = re.sub(rf"^[ \t]*{_CLOSING_PHRASE}[ \t]*[,.!]?", "", lines[0], flags=re.I)
            lines = [first, *lines[1:]]
        else:
            start = self.last_prose.end if self.last_prose else 0
            lines = self.body[start:].splitlines()
        return [ln.strip() for ln in lines[:5] if ln.strip() and _NAME_LINE.match(ln)]

    @cached_property
    def polite_close(self) -> bool:
        """Whether the message ends politely: a closing phrase, or a last sentence of thanks."""
        if self.closing is not None:
            return True
        return self.last_prose is not None and bool(_POLITE_CLOSE.search(self.last_prose.text))

    def find(self, pattern: re.Pattern[str], where: str | None = None) -> Iterator[re.Match[str]]:
        yield from pattern.finditer(self.body if where is None else where)


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


@dataclass(frozen=True)
class Rule:
    """One guideline: a stable code, what it asks of a writer, and a pure check."""

    code: str
    name: str
    severity: Severity
    kinds: frozenset[Kind]
    instruction: str
    hint: str
    check: Check
    good: tuple[Example, ...]
    bad: tuple[Example, ...]
    why: str = field(default="")

    def applies(self, kind: Kind) -> bool:
        return kind in self.kinds

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

    def instruction_for(self, kind: Kind, settings: RuleSettings) -> str:
        """The writer-facing line with this kind's thresholds filled in."""
        limits = settings.limits(kind)
        return self.instruction.format(
            min_words=limits.min,
            soft_max_words=limits.soft_max,
            max_words=limits.max,
            max_sentence_words=settings.max_sentence_words,
            subject_max_chars=settings.subject_max_chars,
            max_exclamations=settings.max_exclamations,
        )


REGISTRY: dict[str, Rule] = {}


def _examples(items: Iterable[str | Example]) -> tuple[Example, ...]:
    return tuple(item if isinstance(item, Example) else Example(item) for item in items)


def rule(
    code: str,
    name: str,
    severity: Severity,
    instruction: str,
    hint: str,
    good: Iterable[str | Example],
    bad: Iterable[str | Example],
    kinds: Iterable[Kind] = ALL_KINDS,
) -> Callable[[Check], Check]:
    """Register a check function as a rule; the function's docstring says why the rule exists."""

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} is already used by {REGISTRY[code].name}")
        REGISTRY[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            kinds=frozenset(kinds),
            instruction=instruction,
            hint=hint,
            check=check,
            good=_examples(good),
            bad=_examples(bad),
            why=inspect.cleandoc(check.__doc__ or ""),
        )
        return check

    return register


def phrases(*items: str) -> re.Pattern[str]:
    """One case-insensitive pattern of whole-word phrases; spaces match any white space."""
    body = "|".join(p.replace(" ", r"\s+") for p in items)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w])", re.IGNORECASE)
