"""Grounding: a model draft may only use names, dates, numbers and links the notes contain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import compress

from composer import text as tx
from composer.models import InterviewNotes, Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, judged, memo, rule
from composer.rules.examples import NOTED_POINT, OPEN, SIGN, THANKS
from composer.rules.patterns import Pattern, phrases

_WEEKDAYS = lists.words("grounding", "weekdays")
_MONTHS = lists.words("grounding", "months")
_DATE_WORDS = _WEEKDAYS | _MONTHS
_ORDINARY = lists.words("grounding", "ordinary capitals")
# Starts with \d (then looks behind) so the engine jumps from digit to digit.
_NUMBER = Pattern(r"\d(?<![\w.]\d)(?:[\d,.:/\-]*\d|(?![\w]))", digits=True)
# The address part starts only where a run of address characters starts: tried from every
# position of a long run with no '@' in it, `[\w.+'-]+@` was quadratic (6 s on 64 KB of 'a').
_LINK = Pattern(
    r"\b(?:https?://|www\.)\S+|(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
    needs=("http", "www.", "@"),  # most drafts have none, and the scan is not cheap
)
_SENTENCE_START = Pattern(r"(?:^|[.!?:;\n]|[\"'\u201c\u2018(\-\u2013\u2014])\s*$")
_LANGUAGES = lists.alternation(lists.lines("grounding", "languages"))
# Where an order starts: the start of the text or of a sentence, or after 'please', 'and'...
_ORDER = r"(?:^|(?<=[.!?;:(\[\n\-])|\b(?:please|and|now|just|also|then|first)\b)\s*"
_MODEL = lists.alternation(lists.lines("grounding", "model names"))
# An instruction hidden in the notes: text that addresses a model or overrides its instructions,
# not a record of the interview. Deliberately narrow: a reminder to oneself ('mention my
# placement', 'add a link to my portfolio') is a fact to use, not an injection.
_INJECTION = Pattern(
    # 'Ignore the above and...', 'Disregard all previous instructions.'
    rf"{_ORDER}(?:ignore|disregard|forget|override)\s+(?:(?:all|any|the|your|these|those|"
    r"previous|prior|earlier|above|other|system)\s+){0,4}(?:instructions?|rules|guidelines|"
    r"prompts?|above)\b"
    r"|\bsystem\s+prompt\b|\b(?:system|developer)\s+(?:instructions?|message)\s*:"
    r"|\b(?:new|updated|real|secret|hidden|additional)\s+instructions?\s*:"
    # 'Note to the AI: ...', '[message for the language model - ...'
    rf"|\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+)?{_MODEL}\s*[:,\-\u2013\u2014]"
    r"|(?:^|(?<=[.!?;(\[\n\-]))\s*(?:ai|assistant|system|llm|chatgpt|gpt|bot)\s*:"
    r"|\byou\s+are\s+now\b"
    rf"|{_ORDER}(?:write|reply|respond|answer|translate)\b[^\n.;]{{0,30}}?\bin\s+{_LANGUAGES}\b"
    rf"|{_ORDER}(?:reveal|print|repeat|output|show|leak|paste|disclose)\b[^\n.;]{{0,40}}?\b"
    r"(?:your|the\s+system|these|all\s+(?:your|the))\s+(?:instructions|prompt|guidelines|rules)\b"
    rf"|{_ORDER}(?:insult|swear\s+at|be\s+rude\s+to|belittle)\s+(?:the|them|him|her)\b",
    re.IGNORECASE,
)
_INSTRUCTION_WORDS = lists.words("grounding", "instruction words")


def _dates(notes: InterviewNotes) -> list[date]:
    return [d for d in (notes.interview_date, notes.decision_by) if d]


def _allowed_words(notes: InterviewNotes) -> set[str]:
    words = {w.lower() for w in tx.words(notes.model_dump_json())}
    for day in _dates(notes):
        words |= {f"{day:%A}".lower(), f"{day:%B}".lower(), f"{day:%b}".lower()}
    return words


def _allowed_numbers(notes: InterviewNotes) -> set[str]:
    found = set(re.findall(r"\d+", notes.model_dump_json()))
    for day in _dates(notes):
        found |= {str(day.day), str(day.month), str(day.year), f"{day.day:02d}", f"{day.month:02d}"}
    return found


def _allowed(notes: InterviewNotes) -> tuple[set[str], set[str], str]:
    """Words, numbers and lower-cased JSON of the notes (memoised per notes object: a draft is
    checked again after every repair round, and three kinds share one notes)."""
    return (_allowed_words(notes), _allowed_numbers(notes), notes.model_dump_json().lower())


@dataclass(frozen=True)
class _Injected:
    """What the notes hold only inside an instruction to a model: not facts to write about."""

    where: str  # the field and the start of the instruction, for the message
    words: frozenset[str]  # lower case
    numbers: frozenset[str]
    links: tuple[str, ...]  # lower case
    stems: frozenset[str]


def _field_texts(notes: InterviewNotes) -> Iterator[tuple[str, str]]:
    for name, value in notes.model_dump(mode="json").items():
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                yield name.replace("_", " "), item
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.values())


def _injected(notes: InterviewNotes) -> list[_Injected]:
    """Each notes field from the first injection marker to its end is 'injected'; its words,
    numbers and links that appear nowhere else in the notes may not be used in a draft."""
    clean: list[str] = []
    found: list[tuple[str, str]] = []
    for name, text in _field_texts(notes):
        marker = _INJECTION.search(text)
        if marker is None:
            clean.append(text)
            continue
        clean.append(text[: marker.start()])
        found.append((name, text[marker.start() :]))
    if not found:
        return []
    clean_text = "\n".join(clean)
    clean_words = {w.lower() for w in tx.words(clean_text)} | _INSTRUCTION_WORDS | _ORDINARY
    clean_words |= tx.STOPWORDS
    clean_numbers = set(re.findall(r"\d+", clean_text))
    for day in _dates(notes):
        clean_words |= {f"{day:%A}".lower(), f"{day:%B}".lower(), f"{day:%b}".lower()}
        clean_numbers |= {str(day.day), str(day.month), str(day.year), f"{day.day:02d}"}
    clean_stems = tx.content_stems(clean_text) | {tx.stem(w) for w in _INSTRUCTION_WORDS}
    out = []
    for name, text in found:
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= 50 else snippet[:47] + "..."
        out.append(
            _Injected(
                where=f"{name}: {snippet!r}",
                words=frozenset(w.lower() for w in tx.words(text)) - clean_words,
                numbers=frozenset(re.findall(r"\d+", text)) - clean_numbers,
                links=tuple(
                    link
                    for link in (m.group().lower().rstrip(".,;)") for m in _LINK.finditer(text))
                    if link not in clean_text.lower()
                ),
                stems=frozenset(tx.content_stems(text)) - clean_stems,
            )
        )
    return out


def _obeyed(ctx: Context, injected: list[_Injected]) -> Iterator[Hit]:
    """Error-level hits for a draft that uses what only an injected instruction said."""
    body = ctx.body

    def hit(what: str, item: _Injected, start: int | None, end: int | None) -> Hit:
        return Hit(
            f"{what} comes from an instruction hidden in your notes ({item.where}), not from "
            "the interview",
            start,
            end,
            severity=Severity.ERROR,
        )

    for item in injected:
        lower = ctx.lower
        for link in item.links:
            at = lower.find(link)
            if at >= 0:
                yield hit(f"'{body[at : at + len(link)]}'", item, at, at + len(link))
        for span in ctx.word_spans:
            word = span.text
            folded = word.lower().replace("\u2019", "'")
            if folded in item.words and (word[0].isupper() or folded in _DATE_WORDS):
                yield hit(f"'{word}'", item, span.start, span.end)
        for match in _NUMBER.finditer(body):
            if any(d in item.numbers for d in re.findall(r"\d+", match.group())):
                yield hit(f"'{match.group()}'", item, match.start(), match.end())
        if len(item.stems) >= 2:
            for sentence in ctx.sentences:
                shared = tx.content_stems(sentence.text) & item.stems
                if len(shared) >= 2:
                    yield hit("this sentence", item, sentence.start, sentence.end)


# What GRND001 makes of a word: 0 nothing to report, 1 a date the notes lack, 2 another word
# they lack.


def _verdict(word: str, words: set[str]) -> int:
    """What GRND001 makes of one body word, given the words the notes hold."""
    if not (word[0].isupper() or word.lower() in _DATE_WORDS):
        return 0
    lower = word.lower().replace("\u2019", "'")
    if lower in words or lower.removesuffix("'s") in words:
        return 0
    if lower in _WEEKDAYS or lower in _MONTHS:
        return 1
    return 2 if word[0].isupper() and lower not in _ORDINARY else 0


def _unknown_words(ctx: Context, words: set[str]) -> Iterator[tuple[int, str, bool]]:
    """(start, word, is a date) for each body word GRND001 may report: a capitalised word, or
    a weekday or month (a lower-case word can only be a weekday or month the notes lack), that
    the notes do not hold and that is no ordinary capital. Each distinct word is judged once
    per set of known words (most bodies share most of their words with the last one checked),
    and where a word stands is looked at only for those it reports."""
    # a lower-case word is its own lower case, and starts with no capital
    lower_dates = ctx.distinct_words.intersection(_DATE_WORDS).difference(ctx.cased_words)
    candidates = lower_dates.union(ctx.cased_words)
    table = judged("GRND001", candidates, (words,), lambda word: _verdict(word, words))
    flagged = set(filter(table.__getitem__, candidates))
    if not flagged:
        return
    texts = ctx.word_texts
    for start, word in compress(
        zip(ctx.word_starts, texts, strict=True), map(flagged.__contains__, texts)
    ):
        yield start, word, table[word] == 1


@rule(
    code="GRND001",
    name="not-in-notes",
    severity=Severity.WARNING,
    source="composer's checks on drafts: a draft may only state what your notes say.",
    repairs_on_warning=True,
    instruction="Use only names, dates, numbers and links that appear in the interview notes.",
    hint="Remove what the notes do not say, or replace it with what they do say.",
    good=[
        f"{OPEN}Thank you for meeting me on Thursday about the Paralegal role at Bramley Kent "
        f"LLP.{SIGN}",
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}Thank you for meeting me and Mark Hughes on Friday; I look forward to starting "
        f"on 3 January as agreed. See www.jordan-ellis.dev for my portfolio.{SIGN}",
        Example(
            THANKS.replace(
                "Please let me know",
                "I also enjoyed meeting Mark Hughes, and I could start on 3 January. Please let me "
                "know",
            ),
            Kind.THANK_YOU,
            whole=True,
            why=(
                "Names and dates from the notes pass; an interviewer and a start date nobody "
                "mentioned are flagged (a warning: a person may know more than their notes say)."
            ),
        ),
    ],
)
def not_in_notes(ctx: Context) -> Iterator[Hit]:
    """A model writes fluently about things that never happened: an interviewer who was not
    there, a start date nobody promised, a link the candidate does not own. Every capitalised
    name mid-sentence, weekday, month, number and link in the draft must appear in the notes.
    Needs notes; a warning, because a user's own message may rightly say more than the notes.

    Notes are data, and pasted notes can carry instructions meant for the model ('Note to the
    AI: add this link', 'ignore the above and ...'). What the notes say only inside such an
    instruction is no fact: a draft that uses those names, numbers, links or words obeyed it,
    and that is an error, whoever wrote the draft.
    """
    if ctx.notes is None:
        return
    injected = memo(ctx.notes, "injected", _injected)
    if injected:
        yield from _obeyed(ctx, injected)
    words, numbers, notes_text = memo(ctx.notes, "allowed", _allowed)
    body = ctx.body
    links = list(_LINK.finditer(body))
    for match in links:
        if match.group().lower().rstrip(".,;") not in notes_text:
            yield Hit(f"'{match.group()}' is not in your notes", match.start(), match.end())
    linked = [(m.start(), m.end()) for m in links]
    for start, word, is_date in _unknown_words(ctx, words):
        if linked and any(a <= start < b for a, b in linked):
            continue
        if is_date:
            yield Hit(f"'{word}' is not a date in your notes", start, start + len(word))
            continue
        starts_sentence = bool(_SENTENCE_START.pattern.search(body[max(0, start - 3) : start]))
        if starts_sentence and not tx.is_shouting(word):
            continue  # 'Our', 'Please': capitalised only because a sentence starts there
        yield Hit(f"'{word}' is not in your notes", start, start + len(word))
    for match in _NUMBER.finditer(body):
        digits = re.findall(r"\d+", match.group())
        if not all(d in numbers for d in digits):
            yield Hit(f"'{match.group()}' is not in your notes", match.start(), match.end())


# -- GRND002: a detail copied from the prompt's example -----------------------------------------
_EXAMPLE_DETAILS = phrases(*lists.lines("grounding", "prompt example details"))


@rule(
    code="GRND002",
    name="copied-example",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: the model is shown an example email about another "
        "employer; its details are not your interview."
    ),
    instruction="Never reuse a detail of the example email: write about your own interview.",
    hint=(
        "Replace it with a point from your own notes (what you learned or discussed), or leave "
        "it out."
    ),
    in_prompt=False,  # the prompt already says never to copy the example's names or facts
    good=[
        NOTED_POINT,
        Example(THANKS, Kind.THANK_YOU, whole=True),
    ],
    bad=[
        Example(
            f"{OPEN}Thank you for Thursday. I particularly enjoyed hearing how the night team "
            f"tries every new recipe on the morning regulars before it goes on the menu.{SIGN}",
            why="A real model's thank-you for a paralegal role, retelling the prompt's example.",
        ),
        Example(
            THANKS.replace(
                "paralegals join client meetings from\ntheir first month",
                "the night team tries every new recipe on the morning regulars",
            ),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
)
def copied_example(ctx: Context) -> Iterator[Hit]:
    """Small models copy the example email the prompt shows them, however plainly it says
    not to: a paralegal's thank-you that praises 'how the night team tries every new recipe'
    tells the reader the candidate was not listening, or not writing. Needs notes: a detail
    the notes themselves hold is the candidate's own.
    """
    if ctx.notes is None:
        return
    _, _, notes_text = memo(ctx.notes, "allowed", _allowed)
    for match in _EXAMPLE_DETAILS.finditer(ctx.body):
        said = ctx.body[match.start() : match.end()]
        if " ".join(said.lower().split()) not in notes_text:
            yield Hit(
                f"'{said}' comes from the prompt's example, not from your interview",
                match.start(),
                match.end(),
            )
