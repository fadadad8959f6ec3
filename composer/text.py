"""Small text helpers the rules share: words, sentences, content words."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019\-][A-Za-z0-9\u00C0-\u024F]+)*")
# A sentence ends at . ! ? (with closing quotes) before whitespace, at a blank line, after a
# line ending in , : ; (a greeting or sign-off line), or before a bullet. A hard-wrapped line
# that ends mid-sentence does not end the sentence.
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)]*(?=\s)"  # . ! ? and closing quotes
    r"|\n[ \t]*\n"  # a blank line
    r"|(?<=[,:;])[ \t]*\n"  # a greeting or sign-off line
    r"|\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])\s)"  # a bullet
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc e.g i.e inc ltd co corp no approx dept est fig mx".split()
)
STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who
    whom why will with would you your yours team role work working really much many well""".split()
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def words(text: str) -> list[str]:
    return WORD.findall(text)


def word_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def sentences(text: str, offset: int = 0) -> list[Span]:
    """Split prose into sentences, keeping 'Dr. Shah' and 'e.g. this' whole."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        piece = text[start:end]
        if match.group().startswith(".") and _ends_with_abbreviation(piece):
            continue
        _add(spans, text, start, end, offset)
        start = end
    _add(spans, text, start, len(text), offset)
    return spans


def _ends_with_abbreviation(piece: str) -> bool:
    tail = re.search(r"([A-Za-z.]+)\.$", piece.rstrip("\"'\u201d\u2019)"))
    return bool(tail) and (tail.group(1).lower() in _ABBREVIATIONS or len(tail.group(1)) == 1)


def _add(spans: list[Span], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if words(stripped):
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        spans.append(Span(s + offset, s + len(stripped) + offset, stripped))


def stem(word: str) -> str:
    """A crude stem so 'adjudication'/'adjudications' and 'meeting'/'meetings' match."""
    w = word.lower().replace("\u2019", "'")
    w = re.sub(r"'s$", "", w)
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def content_stems(text: str) -> set[str]:
    """The words that carry meaning in a phrase: no stopwords, no short words."""
    return {stem(w) for w in words(text) if len(w) > 3 and w.lower() not in STOPWORDS}


def is_shouting(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
