"""How a note is built: its first sentence and final mark, its length, whether it is a
statement ('they ship weekly') or a phrase ('weekly releases'), and its contractions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from composer import text as tx
from composer.phrasing.vocabulary import AUX, PRONOUNS, RELATIVE, WH

MAX_WORDS = 40  # a note longer than this is cut, so a thank-you stays a note

_CONTRACTION = re.compile(
    r"^(they|we|you|it|that|there|he|she|i)['\u2019](re|ve|ll|s|m|d)\b", re.IGNORECASE
)
_FULL_FORM = {"re": "are", "ve": "have", "ll": "will", "m": "am", "d": "would"}


@dataclass(frozen=True)
class NoteParts:
    """A note cut where its forms are decided: the first sentence, the rest, and whether the
    first sentence asks a question."""

    head: str  # the first sentence, final mark removed
    rest: str  # any further sentences, as written, without the final mark
    question: bool


def note_parts(text: str | None, max_words: int = MAX_WORDS) -> NoteParts | None:
    """The note's parts, or None for a note with no words (a lone '-' or '?')."""
    if not text or not tx.WORD.search(text):
        return None
    body = shorten(re.sub(r"\s+", " ", text).strip().lstrip("-*\u2022 "), max_words)
    body, mark = strip_end(body)
    pieces = [s.text for s in tx.sentences(body)] or [body]
    head, head_mark = strip_end(pieces[0])
    if len(pieces) == 1:
        head_mark = mark
    words = head.split()
    first = words[0].lower() if words else ""
    second = words[1].lower() if len(words) > 1 else ""
    question = head_mark == "?" and (first in AUX or (first in WH and second in AUX))
    return NoteParts(head, " ".join(pieces[1:]), question)


def is_clause(text: str) -> bool:
    """Whether a note is a statement ('they ship weekly') rather than a phrase ('weekly
    releases'): it starts with a pronoun, or has an auxiliary verb outside a relative clause."""
    words = [w.strip(",;:()\"'\u201c\u201d") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return False
    first = words[0].lower().replace("\u2019", "'")
    second = words[1].lower() if len(words) > 1 else ""
    if first in RELATIVE:
        return False  # 'how the team is structured' is a phrase: 'talk about how ...'
    acronym = len(words[0]) > 1 and words[0].isupper()  # 'IT support' is not 'it'
    if len(words) > 1 and not acronym and (first in PRONOUNS or _CONTRACTION.match(first)):
        return True
    if first in {"there", "this", "that", "these", "those"} and second in AUX:
        return True
    for before, word in itertools.pairwise(words):
        low = word.lower().replace("\u2019", "'")
        if low in RELATIVE:
            return False
        if before.lower() == "to":
            continue  # 'the chance to do pro bono work': an infinitive, not a finite verb
        if word[:1].islower() and (
            low in AUX or low.endswith("n't") or re.search(r"'(?:re|ve|ll)$", low)
        ):
            return True
    return False


def expand(clause: str) -> str:
    """'They're moving' -> 'They are moving'; 'it's been' -> 'it has been'."""

    def full(match: re.Match[str]) -> str:
        short = match.group(2).lower()
        if short == "s":
            after = clause[match.end() :].split()
            word = "has" if after and after[0].lower() in {"been", "got", "had"} else "is"
        else:
            word = _FULL_FORM[short]
        return f"{match.group(1)} {word}"

    return _CONTRACTION.sub(full, clause, count=1)


_TRAILING = re.compile(r"\s*(?P<marks>[.!?\u2026;:,]+)(?P<quote>[\"'\u201d\u2019)]?)\s*$")


def strip_end(text: str) -> tuple[str, str]:
    """The text without its final marks (a closing quote stays), and the last mark removed:
    'next year!' -> ('next year', '!'), so a template's '.' never makes '!.'."""
    text = text.strip()
    match = _TRAILING.search(text)
    if not match:
        return text, ""
    marks = match.group("marks")
    return (text[: match.start()] + match.group("quote")).rstrip(), marks[-1]


def shorten(text: str, max_words: int = MAX_WORDS) -> str:
    """A long note cut to its first sentence, or at a comma, so a message stays short."""
    if len(text.split()) <= max_words:
        return text
    first = tx.sentences(text)[0].text if tx.sentences(text) else text
    if len(first.split()) <= max_words:
        return first
    head = " ".join(text.split()[:max_words])
    comma = head.rfind(",")
    return (head[:comma] if comma > len(head) // 3 else head).rstrip(" ,;")
