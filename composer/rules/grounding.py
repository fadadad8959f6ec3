"""Grounding: a model draft may only use names, dates, numbers and links the notes contain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from composer import text as tx
from composer.models import InterviewNotes, Severity
from composer.rules.base import Context, Hit, rule

_OPEN = "Dear Sophie,\n\n"
_SIGN = "\n\nKind regards,\nJordan Ellis"
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Capitalised words a follow-up uses that are nobody's name and promise nothing.
_DATE_WORDS = _WEEKDAYS | _MONTHS
_ORDINARY = frozenset(
    """i i'm i've i'd i'll dear hi hello hey subject thank thanks kind best regards warm
    sincerely yours many all cheers mr mrs ms miss mx dr prof professor sir madam cv hr
    uk us usa ok p.s ps re fw fwd english""".split()
)
# Starts with \d (then looks behind) so the engine jumps from digit to digit.
_NUMBER = re.compile(r"\d(?<![\w.]\d)(?:[\d,.:/\-]*\d|(?![\w]))")
# The address part starts only where a run of address characters starts: tried from every
# position of a long run with no '@' in it, `[\w.+'-]+@` was quadratic (6 s on 64 KB of 'a').
_LINK = re.compile(
    r"\b(?:https?://|www\.)\S+|(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|[\"'\u201c\u2018(\-\u2013\u2014])\s*$")


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


_ALLOWED: dict[int, tuple[InterviewNotes, tuple[set[str], set[str], str]]] = {}


def _allowed(notes: InterviewNotes) -> tuple[set[str], set[str], str]:
    """Words, numbers and lower-cased JSON of the notes, worked out once per notes object (a
    draft is checked again after every repair round, and three kinds share one notes)."""
    hit = _ALLOWED.get(id(notes))
    if hit is not None and hit[0] is notes:
        return hit[1]
    if len(_ALLOWED) > 64:
        _ALLOWED.clear()
    found = (_allowed_words(notes), _allowed_numbers(notes), notes.model_dump_json().lower())
    _ALLOWED[id(notes)] = (notes, found)
    return found


@rule(
    code="GRND001",
    name="not-in-notes",
    severity=Severity.WARNING,
    instruction="Use only names, dates, numbers and links that appear in the interview notes.",
    hint="Remove what the notes do not say, or replace it with what they do say.",
    good=[
        f"{_OPEN}Thank you for meeting me on Thursday about the Paralegal role at Bramley Kent "
        f"LLP.{_SIGN}"
    ],
    bad=[
        f"{_OPEN}Thank you for meeting me and Mark Hughes on Friday; I look forward to starting "
        f"on 3 January as agreed. See www.jordan-ellis.dev for my portfolio.{_SIGN}"
    ],
)
def not_in_notes(ctx: Context) -> Iterator[Hit]:
    """A model writes fluently about things that never happened: an interviewer who was not
    there, a start date nobody promised, a link the candidate does not own. Every capitalised
    name mid-sentence, weekday, month, number and link in the draft must appear in the notes.
    Needs notes; a warning, because a user's own message may rightly say more than the notes.

    Good: 'on Thursday' when the notes' interview date is a Thursday.
    Bad: 'Mark Hughes', 'on Friday', '3 January' and a web address the notes never mention.
    """
    if ctx.notes is None:
        return
    words, numbers, notes_text = _allowed(ctx.notes)
    body = ctx.body
    # A link needs '@', 'www.' or 'http': most drafts have none, and the scan is not cheap.
    maybe_link = "@" in body or "www." in ctx.lower or "http" in ctx.lower
    links = list(_LINK.finditer(body)) if maybe_link else []
    for match in links:
        if match.group().lower().rstrip(".,;") not in notes_text:
            yield Hit(f"'{match.group()}' is not in your notes", match.start(), match.end())
    linked = [(m.start(), m.end()) for m in links]
    for span in ctx.word_spans:
        word = span.text
        if not word[0].isupper() and word.lower() not in _DATE_WORDS:
            continue  # a lower-case word can only be a weekday or month the notes lack
        if linked and any(a <= span.start < b for a, b in linked):
            continue
        lower = word.lower().replace("\u2019", "'")
        if lower in words or lower.removesuffix("'s") in words:
            continue
        if lower in _WEEKDAYS or lower in _MONTHS:
            yield Hit(f"'{word}' is not a date in your notes", span.start, span.end)
            continue
        if not word[0].isupper() or lower in _ORDINARY:
            continue
        starts_sentence = bool(_SENTENCE_START.search(body[max(0, span.start - 3) : span.start]))
        if starts_sentence and not tx.is_shouting(word):
            continue  # 'Our', 'Please': capitalised only because a sentence starts there
        yield Hit(f"'{word}' is not in your notes", span.start, span.end)
    for match in _NUMBER.finditer(body):
        digits = re.findall(r"\d+", match.group())
        if not all(d in numbers for d in digits):
            yield Hit(f"'{match.group()}' is not in your notes", match.start(), match.end())
