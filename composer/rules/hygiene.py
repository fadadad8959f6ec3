"""Hygiene: nothing left unfilled, names spelled as in the notes, nothing but the email."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import compress

from composer import text as tx
from composer.models import InterviewNotes, Kind, Severity
from composer.rules import lists
from composer.rules.base import (
    Context,
    Example,
    Hit,
    families,
    judged,
    memo,
    notes_facts,
    rule,
)
from composer.rules.examples import OPEN, SIGN, THANKS
from composer.rules.patterns import Pattern, at_word, has_no_digit, needles, word_set, word_start
from composer.rules.patterns import lowered as lowered_once
from composer.settings import RuleSettings

_BODY = (
    "Dear Sophie,\n\nThank you for Thursday; I am keen on the role.\n\nKind regards,\nJordan Ellis"
)


def _words(items: tuple[str, ...]) -> str:
    return "(?:" + "|".join(word_start(w) for w in items) + ")"


_FIELDS = lists.lines("hygiene", "fields")
_FIELD_OWNERS = lists.lines("hygiene", "field owners")
_CAPITAL_FIELDS = tuple(field.upper() for field in _FIELDS)
_CAPITAL_OWNERS = lists.word_list("hygiene", "field owners in capitals")
_MARKERS = lists.word_list("hygiene", "markers")
_DATE_FORMATS = lists.word_list("hygiene", "date formats")
_TITLES = lists.word_list("hygiene", "titles")
# Literal first letters: a fast scan.
_LOREM = Pattern(r"Lorem ipsum|lorem ipsum|LOREM IPSUM", needs=["orem", "OREM"])
# One small pattern per shape: each starts with a literal, which keeps the scan fast, and
# names what it cannot match without, so the ordinary message, which has none, is not scanned.
_PLACEHOLDERS = (
    Pattern(r"\[[^\]\n]{1,60}\]", needs="["),  # [Name], [Company]
    Pattern(r"\{\{?[^}\n]{1,60}\}?\}", needs="{"),  # {company}, {{ role }}
    # <role>, but not <sophie@firm.com>
    Pattern(r"<(?![\w.+'-]+@)[A-Za-z][A-Za-z _'\-]{0,40}>", needs="<"),
    Pattern(  # (Company Name), (Date)
        r"\((?:(?:Your|Company|Job|Position|Role|Interviewer|Hiring Manager|Recruiter|Candidate)"
        r"(?:'s)?[ \t]+)?(?:Name|Title|Date)\)",
        needs="(",
    ),
    Pattern(r"___+", needs="___"),
    Pattern(r"\((?i:insert|add|enter|fill in)[ \t][^)\n]{1,40}\)", needs="("),  # (insert company)
    _LOREM,
    Pattern(word_start("XX") + r"X*(?![\w])", needs="XX"),  # XX, XXX
    Pattern(_words(_MARKERS) + r"(?![\w])", needs=needles(_MARKERS, whole=True)),  # TBD
    Pattern(  # DD/MM/YYYY
        _words(_DATE_FORMATS) + r"(?:/(?:YYYY|YY))?(?![\w])",
        needs=needles(_DATE_FORMATS, whole=True),
    ),
    Pattern(  # Dear Mr. X
        _words(_TITLES) + r"\.?[ \t]+[XYZ](?![.\w])", needs=needles(_TITLES, whole=True)
    ),
    Pattern(  # Company Name, Job Title
        _words(_FIELD_OWNERS) + r"[ \t]" + lists.alternation(_FIELDS) + r"(?![\w])",
        needs=needles(_FIELDS, whole=True),
    ),
    Pattern(
        _words(_CAPITAL_OWNERS) + r"[ \t]+" + lists.alternation(_CAPITAL_FIELDS) + r"(?![\w])",
        needs=needles(_CAPITAL_FIELDS, whole=True),
    ),
)


@cache
def placeholder_guard() -> re.Pattern[str] | None:
    """One scan for the needs of every placeholder pattern but 'Lorem ipsum' (all of them
    case-sensitive substrings, most starting with a capital or a bracket, so the scan jumps
    between rare characters): a text with none of them has no placeholder, and one scan costs
    a third of a substring test per need. 'orem' starts with a common letter and is tested on
    its own. None if some pattern is case-insensitive or unguarded: then every text is scanned."""
    if any(p.needs is None or p.flags or p.hint or p.digits for p in _PLACEHOLDERS):
        return None
    wanted = {need for p in _PLACEHOLDERS if p is not _LOREM for need in p.needs or ()}
    return re.compile("|".join(re.escape(need) for need in sorted(wanted, key=lambda n: -len(n))))


def placeholder_patterns() -> tuple[Pattern, ...]:
    """Every placeholder pattern, each with its own guard."""
    return _PLACEHOLDERS


def find_placeholders(text: str) -> list[re.Match[str]]:
    """Every unfilled placeholder in `text`, in order."""
    guard = placeholder_guard()
    if guard is not None and not guard.search(text) and not _LOREM.could_match(text):
        return []
    found = [m for pattern in _PLACEHOLDERS for m in pattern.finditer(text)]
    kept: list[re.Match[str]] = []
    for match in sorted(found, key=lambda m: (m.start(), -m.end())):
        if not kept or match.start() >= kept[-1].end():  # '[Company Name]' once, not twice
            kept.append(match)
    return kept


@rule(
    code="HYG001",
    name="placeholder",
    severity=Severity.ERROR,
    source=(
        "Common practice for emails: a left-over '[Name]' tells the reader they received a "
        "template."
    ),
    instruction="Leave no placeholders such as [Name], {{company}} or XX: write the real words.",
    hint="Replace the placeholder with the real name, date or detail from your notes.",
    good=[
        _BODY,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        _BODY.replace("Sophie", "[Interviewer Name]"),
        _BODY.replace("Thursday", "XX/XX"),
        _BODY.replace("Thursday", "Thursday XX November"),
        Example(
            THANKS.replace("Dear Sophie,", "Dear [Interviewer Name],").replace(
                "Jordan Ellis", "[Your Name]"
            ),
            Kind.THANK_YOU,
            whole=True,
            why="Filled in vs. a template's blanks.",
        ),
    ],
)
def placeholder(ctx: Context) -> Iterator[Hit]:
    """A left-over '[Name]' tells the reader they received a template."""
    for match in find_placeholders(ctx.body):
        yield Hit(
            f"'{match.group()}' looks like an unfilled placeholder", match.start(), match.end()
        )
    for match in find_placeholders(ctx.subject):
        yield Hit(
            f"'{match.group()}' in the subject looks like an unfilled placeholder",
            match.start(),
            match.end(),
            in_subject=True,
        )


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps, giving up past `limit` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


_COMMON_NAME_WORDS = lists.words("hygiene", "common name words")
_ORDINARY = lists.words("hygiene", "ordinary capitals")


def _name_tokens(notes: InterviewNotes) -> list[tuple[str, str]]:
    """(as written, folded) for every distinctive name word in the notes, four letters or more.
    A possessive loses its 's, as the message's words do: 'St Mary's Hospital' gives 'Mary'."""
    names = [notes.candidate, notes.signature_name, notes.company] + [p.name for p in notes.people]
    found: dict[str, str] = {}
    for name in names:
        for word in tx.words(name):
            word = tx.without_possessive(word)
            folded = tx.fold(word)
            if len(word) >= 4 and folded not in _COMMON_NAME_WORDS:
                found.setdefault(folded, word)
    return [(word, folded) for folded, word in found.items()]


@rule(
    code="HYG002",
    name="misspelled-name",
    severity=Severity.ERROR,
    source="Common practice for emails: a misspelled name is the first thing its owner notices.",
    supersedes=["CRT003", "GRND001"],
    instruction="Spell every name and the organisation exactly as in your notes.",
    hint="Copy the name exactly as it appears in your notes.",
    good=[
        _BODY,
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        _BODY.replace("Sophie", "Sofie"),
        _BODY.replace("Jordan Ellis", "Jordan Elis"),
        Example(
            THANKS.replace("Dear Sophie,", "Dear Sofie,"),
            Kind.THANK_YOU,
            whole=True,
            why="'Sophie' as in the notes vs. 'Sofie'.",
        ),
    ],
)
def misspelled_name(ctx: Context) -> Iterator[Hit]:
    """A misspelled name is the first thing its owner notices. Compares each capitalised word
    with the names in the notes: one letter off (two for long names), same first letter.
    Words compare folded and without a possessive 's, so 'O’Neill' (a curly apostrophe) is the
    notes' 'O'Neill' and 'St Mary's' is 'St Mary'.
    """
    if ctx.notes is None:
        return
    names = memo(ctx.notes, "name-tokens", _name_tokens)
    known = notes_facts(ctx.notes).words  # 'Tutor' in the role is no misspelling of 'Tudor'

    texts = ctx.word_texts
    # Most words are short or lower-case: each distinct word is judged once, and where a word
    # stands is looked at only for a misspelling.
    # Each word once per notes, too: most bodies share their capitalised words.
    table = judged(
        "HYG002", ctx.cased_words, (names, known), lambda text: _judge_name(text, names, known)
    )
    found = {text: table[text] for text in ctx.cased_words if table[text] is not None}
    if not found:
        return
    for start, text in compress(
        zip(ctx.word_starts, texts, strict=True), map(found.__contains__, texts)
    ):
        word = tx.without_possessive(text)
        yield Hit(f"'{word}' looks like a misspelling of '{found[text]}'", start, start + len(word))


def _judge_name(text: str, names: list[tuple[str, str]], known: frozenset[str]) -> str | None:
    """What HYG002 makes of one distinct word of the body: the name it misspells, if any."""
    if len(text) < 4 or not text[0].isupper():
        return None
    return _misspelled(text, names, known)


def _misspelled(text: str, names: list[tuple[str, str]], known: frozenset[str]) -> str | None:
    """The notes' name that a capitalised word of the message misspells, if any."""
    word = tx.without_possessive(text)
    if len(word) < 4:
        return None
    folded = tx.fold(word)
    if folded in known or folded in _ORDINARY or folded in tx.STOPWORDS:
        return None
    if folded in _COMMON_NAME_WORDS:
        return None
    for name, target in names:
        if target[0] != folded[0] or folded.rstrip("s") == target.rstrip("s"):
            continue
        limit = 1 if len(target) <= 5 else 2
        if abs(len(folded) - len(target)) > limit:
            continue
        if _distance(folded, target, limit) <= limit:
            return name
    return None


# Matched in the lower-cased text, every branch starting with a literal so the scan skips
# straight to candidates: rule codes, the notes' markup, talk of prompts and instructions.
_PROMPT_PHRASES = lists.lines("hygiene", "prompt phrases")
_MARKUP = lists.lines("hygiene", "prompt markup")
_ANSWER_KEYS = lists.lines("hygiene", "answer keys")


@cache
def _echo() -> Pattern:
    """Built on first use, when every family has registered: a rule code is any family's
    letters and three digits. Matched in the lower-cased text, every branch starting with a
    literal so the scan skips straight to candidates; no two branches match at one place."""
    codes = [code.lower() for code in families()]
    ignore = at_word("ignore") + r" (?:all |the )?(?:previous|above|prior) instructions\b"
    return Pattern(
        "|".join(
            [
                *(at_word(code) + r"\d{3}\b" for code in codes),
                r"</?" + lists.alternation(_MARKUP) + ">",
                *(at_word(phrase) + r"\b" for phrase in _PROMPT_PHRASES),
                ignore,
                *('"' + re.escape(key) + r'"\s*:' for key in _ANSWER_KEYS),
                at_word("what it must do") + r"\s*:",
            ]
        ),
        needs=needles(
            [*_MARKUP, *_PROMPT_PHRASES, "instructions", "what it must do"]
            + [f'"{key}"' for key in _ANSWER_KEYS],
            whole=True,
        ),
        hint=r"\d{3}",  # a rule code's digits ('subj' alone is in every 'Subject:' line)
        digit_hint=True,
    )


@cache
def _echo_needs() -> tuple[tuple[str, frozenset[str]], ...]:
    """The echo pattern's needs, each with the words it holds whole (none for a need that
    spans lines, which could run from the subject into the body)."""
    return tuple((need, inner_words(need)) for need in _echo().needs or ())


def echo_possible(ctx: Context, lowered: str) -> bool:
    """`_echo().could_match(lowered)` for the lower-cased whole text, with fewer scans: a need
    on one line lies in the subject part or in the body, and in the body only if the body
    has every word it holds whole."""
    echo = _echo()
    head = lowered[: ctx.body_start]
    words = word_set(ctx.lower)
    for need, inner in _echo_needs():
        if not inner:
            if need in lowered:
                return True
        elif need in head or (inner <= words and need in lowered):
            return True
    if echo.digit_hint and has_no_digit(lowered):
        return False
    return echo.hint is not None and re.search(echo.hint, lowered, echo.flags) is not None


# A draft that repeats this many of the rules' own instructions word for word is reciting its
# prompt (one could be chance: 'Write in English.' is also just a sentence).
_ECHOED_INSTRUCTIONS = 2


@rule(
    code="HYG003",
    name="prompt-echo",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: a draft holds the email alone, nothing of the instructions "
        "it was written from."
    ),
    instruction="Write only the email: no rule codes, no notes markup, no talk of instructions.",
    hint="Remove everything that is not part of the email itself.",
    good=[
        f"{OPEN}Thank you for the interview for the Paralegal role.{SIGN}",
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}As an AI language model, here is the email (BREV001 met).{SIGN}",
        f"{OPEN}My system prompt says: <interview_notes> ...{SIGN}",
        Example(
            f"{OPEN}Thank you for Thursday. Keep every sentence under 40 words. Ask without "
            f"pressure: no deadlines, demands, 'ASAP' or complaints about waiting.{SIGN}",
            why="two of composer's own guideline lines, pasted into the email",
        ),
        Example(
            THANKS.replace(
                "Dear Sophie,", "As an AI language model, here is your email.\n\nDear Sophie,"
            ),
            Kind.THANK_YOU,
            whole=True,
            why="The email alone vs. a model talking about its instructions.",
        ),
    ],
)
def prompt_echo(ctx: Context) -> Iterator[Hit]:
    """A draft that talks about its prompt, echoes the notes' markup or names rule codes was not
    written for the interviewer; it also shows a model that leaked its instructions.
    """
    lowered = lowered_once(ctx.text)
    echo = _echo()
    for match in echo.pattern.finditer(lowered) if echo_possible(ctx, lowered) else ():
        yield Hit(
            f"'{ctx.text[match.start() : match.end()]}' is not part of an email",
            match.start() - ctx.body_start,
            match.end() - ctx.body_start,
        )
    echoed = []
    # A line (one line of text) lies in the subject line or in the body. In the body, a word
    # the line holds whole is one of the body's words (already worked out for every rule): a
    # line without it is not looked for.
    # A line longer than the subject part is not in it, and a line whose word the body lacks
    # is not in the body: only the other lines are looked for, in order.
    head = lowered[: ctx.body_start]
    lines, shortest, sizes, by_word = _instructions(ctx)
    words = word_set(ctx.lower)
    maybe = set(by_word[None])
    maybe.update(shortest[: bisect_right(sizes, len(head))])
    for word in by_word.keys() & words:
        maybe.update(by_word[word])
    for i in sorted(maybe):
        line, inner = lines[i]
        at = head.find(line) if inner else lowered.find(line)
        if at < 0 and inner and inner <= words:  # the body holds every word the line holds
            at = lowered.find(line, ctx.body_start)
        if at >= 0:
            echoed.append((at, at + len(line)))
    if len(echoed) >= _ECHOED_INSTRUCTIONS:
        for start, end in echoed:
            yield Hit(
                f"'{ctx.text[start:end]}' is one of composer's instructions, not part of an email",
                start - ctx.body_start,
                end - ctx.body_start,
            )


_Lines = tuple[list[tuple[str, frozenset[str]]], list[int], list[int], dict[str | None, list[int]]]
_LINES: dict[tuple[Kind, int], tuple[RuleSettings, _Lines]] = {}
_RUN = re.compile(r"\w+")


def inner_words(line: str) -> frozenset[str]:
    """The words of a one-line `line` with a non-word character either side of them inside the
    line, so wherever the line appears in a text, each is one of the text's words (none when
    the line has no such word, or more than one line)."""
    if "\n" in line:  # not one line: it could run from the subject into the body
        return frozenset()
    return frozenset(
        m.group() for m in _RUN.finditer(line) if m.start() > 0 and m.end() < len(line)
    )


def inner_word(line: str) -> str | None:
    """The longest of `inner_words(line)` (the first in the line of those as long), or None."""
    inner = [m.group() for m in _RUN.finditer(line) if m.group() in inner_words(line)]
    return max(inner, key=len) if inner else None


def _instructions(ctx: Context) -> _Lines:
    """The guideline lines prompts show the model (every kind's wording: a model may recite a
    line another kind's prompt shows), lower-cased, long ones only, each with the words it
    holds whole (`inner_words`); their places from the shortest line up, with the sizes in
    that order (the lines that fit in a subject are a bisect away); and their places by
    longest inner word. Worked out once per kind and settings object (the settings are held,
    so an id is never reused for another one while cached)."""
    key = (ctx.kind, id(ctx.settings))
    hit = _LINES.get(key)
    if hit is not None and hit[0] is ctx.settings:
        return hit[1]
    from composer.rules.base import REGISTRY  # every rule is registered by the time checks run

    every = (r.instruction_for(kind, ctx.settings) for r in REGISTRY.values() for kind in Kind)
    unique = dict.fromkeys(x.lower() for x in every)
    lines = [(line, inner_words(line)) for line in unique if len(line) >= 30]
    by_word: dict[str | None, list[int]] = {None: []}
    for i, (line, _) in enumerate(lines):
        by_word.setdefault(inner_word(line), []).append(i)
    # the lines' places in order of length: the first k are the lines at most sizes[k-1] long
    shortest = sorted(range(len(lines)), key=lambda i: len(lines[i][0]))
    made = (lines, shortest, [len(lines[i][0]) for i in shortest], by_word)
    if len(_LINES) > 64:
        _LINES.clear()
    _LINES[key] = (ctx.settings, made)
    return made


# -- HYG004: text a reader cannot see --------------------------------------------------------------
# Kept as one block at the end of the module (issue 13, item 3).

# An escape sequence (ESC or CSI, its parameters and final byte) is one finding; any other
# C0 control but tab and line break, DEL, a C1 control, a carriage return that does not end a
# line, and each bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069).
_HIDDEN = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte: colours, cursor moves, 8m
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]{0,200}(?:\x07|\x1b\\|\x9c)?"  # OSC / DCS / PM / APC strings
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+"
    r"|\r(?!\n)"
    r"|[\u202a-\u202e\u2066-\u2069]"
)
_CONTROL_NAMES = {
    0x00: "null character",
    0x07: "bell",
    0x08: "backspace",
    0x0D: "carriage return",
    0x1B: "escape sequence",
    0x7F: "delete character",
    0x9B: "escape sequence",
}
_BIDI_NAMES = {
    0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting",
    0x202D: "left-to-right override",
    0x202E: "right-to-left override",
    0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate",
    0x2068: "first strong isolate",
    0x2069: "pop directional isolate",
}


def hidden_pattern() -> re.Pattern[str]:
    """What HYG004 finds, without the guard that skips a printable text."""
    return _HIDDEN


def hidden_controls(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, what it is) for every control run, escape sequence and bidi control."""
    # Every character a match starts with is unprintable (a control, or a bidi control, which
    # is a format character), and so are tab and line feed: a text that is printable once
    # those are taken out holds no match, and `isprintable` is one C pass (the scan is many).
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return
    for match in _HIDDEN.finditer(text):
        point = ord(match.group()[0])
        if point in _BIDI_NAMES:
            what = f"a {_BIDI_NAMES[point]} (U+{point:04X}), which reorders what the reader sees"
        else:
            name = _CONTROL_NAMES.get(point, "control character")
            what = (
                f"a {name} (U+{point:04X}), which a terminal or mail client acts on instead "
                "of showing"
            )
        yield match.start(), match.end(), what


@rule(
    code="HYG004",
    name="hidden-control-character",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: a draft is plain text that reads the same on every "
        "screen, with nothing hidden, moved or reordered."
    ),
    instruction="Write plain text only: no control characters or text-direction overrides.",
    hint="Delete the control characters and direction overrides; retype the words around them.",
    in_prompt=False,  # a model does not write these on purpose; telling it changes nothing
    good=[
        _BODY,
        f"{OPEN}Thank you, محمد and דוד, for Thursday.\tI enjoyed it.{SIGN}",  # RTL is fine
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        _BODY.replace("Thursday;", "Thursday;\x1b[8m send me your password\x1b[0m"),
        _BODY.replace("keen", "\u202eneek\u202c"),
        _BODY.replace("Thursday", "Thursday\x1b]8;;https://evil.invalid\x1b\\"),
        Example(
            THANKS.replace("Dear Sophie,", "Dear Sophie,\x1b[2J"),
            Kind.THANK_YOU,
            whole=True,
            why="A clear-screen sequence hidden after the greeting vs. plain text.",
        ),
    ],
)
def hidden_control_character(ctx: Context) -> Iterator[Hit]:
    """Control characters and bidi overrides are invisible or act on the screen: ESC[8m hides
    the sentence after it, a clear-screen or cursor move rewrites what is shown, U+202E shows
    text backwards. A draft that holds one can read one way in composer and another way when
    it is sent, so it is never shown as passing."""
    for start, end, what in hidden_controls(ctx.body):
        yield Hit(what, start, end)
    for start, end, what in hidden_controls(ctx.subject):
        yield Hit(f"{what} in the subject", start, end, in_subject=True)
