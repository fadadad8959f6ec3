"""Small text helpers the rules share: words, sentences, content words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

# A run of letters and digits, and more runs joined by an apostrophe or hyphen. The repeats
# are possessive: a letter never follows a run and a joiner is no letter, so the greedy first
# try always stands and keeping no backtracking points changes no match (a third faster).
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]++(?:['\u2019\-][A-Za-z0-9\u00C0-\u024F]++)*+")
_SPLIT_WORDS = re.compile(f"({WORD.pattern})")
# A sentence ends at . ! ? (with closing quotes) before whitespace, at a blank line, after a
# line ending in , : ; (a greeting or sign-off line), or before a bullet. A hard-wrapped line
# that ends mid-sentence does not end the sentence.
# Every branch starts with a literal character (look-behinds come after it), so the engine
# jumps between candidate characters instead of trying each branch at every position.
_QUOTES = "[\"'\u201d\u2019)]*+(?=\\s)"
_SENTENCE_END = re.compile(
    # . ! ? and closing quotes (linear: no backtracking into a long run of marks)
    rf"\.(?<![.!?]\.)[.!?]*+{_QUOTES}|!(?<![.!?]!)[.!?]*+{_QUOTES}|\?(?<![.!?]\?)[.!?]*+{_QUOTES}"
    r"|\n[ \t]*\n"  # a blank line
    # a greeting or sign-off line: each branch starts at its , : or ; (a branch that started
    # at the space or tab after it, with a look-behind, was tried at every space of the text)
    r"|\n(?<=[,:;]\n)|,[ \t]++\n|:[ \t]++\n|;[ \t]++\n"
    r"|\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])\s)"  # a bullet
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr vs etc e.g i.e eg ie inc ltd co corp no approx dept est fig mx
    messrs rev hon gen col capt lt sgt mt ave rd tel ext jan feb mar apr jun jul aug sep sept
    oct nov dec""".split()
)
# A company's legal suffix ends a sentence when a capitalised word follows it ('... at Acme
# Analytics Ltd. While I am ...'), but only as a suffix: after a capitalised word, a comma or
# '&' ('Acme, Inc.', 'Smith & Co.'). 'in Co. Durham' (a county) stays whole, as does 'Dr. Shah'.
# 'etc.' before a capital ends a sentence wherever it stands.
_COMPANY_SUFFIXES = frozenset({"ltd", "inc", "co", "corp"})
_AFTER_NAME = re.compile(r"(?:[A-Z][\w'\u2019&\-]*,?|&)[ \t]+[A-Za-z]+\.$")
_NEXT_CAPITAL = re.compile(r"\s+[\"'\u201c\u2018(]?[A-Z]")
# 'U.S.', 'a.m.', 'Ph.D.': letters with dots between them end no sentence.
# The letters and dots of a tail such as 'U.S' (`dotted_tail`).
_TAIL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_INITIALS = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who
    whom why will with would you your yours team role work working really much many well""".split()
)


class Span(NamedTuple):
    """A piece of text and where it sits: `text == source[start:end]`."""

    start: int
    end: int
    text: str


def words(text: str) -> list[str]:
    return WORD.findall(text)


_new = tuple.__new__  # builds a Span without NamedTuple's slow Python-level __new__


def word_spans(text: str) -> list[Span]:
    return [_new(Span, (m.start(), m.end(), m.group())) for m in WORD.finditer(text)]


def words_and_starts(text: str) -> tuple[list[str], list[int]]:
    """`words(text)` and where each starts, from one split: the pieces alternate between the
    text between words and a word, so a word starts at the length of all the pieces before it.
    Every step runs in C; a match object per word cost twice as much."""
    pieces = _SPLIT_WORDS.split(text)
    return pieces[1::2], list(accumulate(map(len, pieces)))[0:-1:2]


def spans_of(starts: list[int], found: list[str]) -> list[Span]:
    """The spans of words that start at `starts`."""
    return [_new(Span, (at, at + len(word), word)) for at, word in zip(starts, found, strict=True)]


def sentences(text: str, offset: int = 0) -> list[Span]:
    """Split prose into sentences, keeping 'Dr. Shah', 'U.S. office' and 'e.g. this' whole."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        dot = match.start()
        if text[dot] == "." and _ends_with_abbreviation(text, start, end, dot):
            continue
        _add(spans, text, start, end, offset)
        start = end
    _add(spans, text, start, len(text), offset)
    return spans


# The longest abbreviation: a tail with more letters in a row than this is none.
_LONGEST = max(map(len, _ABBREVIATIONS))


def _ends_with_abbreviation(text: str, start: int, end: int, dot: int) -> bool:
    first = max(start, end - 24)
    # Most sentences end in a long word ('decision.'): letters in a row before the dot, more
    # than any abbreviation holds, and more than the one or two of an initial ('U.S.'), so the
    # tail is neither ('Ltd' and 'etc' only ever keep a sentence whole).
    # (only a lone dot: in '.!.' the tail is what lies between the marks)
    before = text[dot - _LONGEST - 1 : dot]
    if (
        dot - _LONGEST - 1 >= first
        and (end == dot + 1 or text[dot + 1] not in ".!?")
        and before.isalpha()
        and before.isascii()
    ):
        return False
    piece = text[first:end].rstrip("\"'\u201d\u2019)")
    word = dotted_tail(piece)
    if word is None:
        return False
    lower = word.lower()
    if (lower in _COMPANY_SUFFIXES or lower == "etc") and _NEXT_CAPITAL.match(text, end):
        stop = first + len(piece)  # before any closing quote
        if lower == "etc" or _AFTER_NAME.search(text, max(start, stop - 40), stop):
            return False
    # 'Dr.', 'Ms.', 'J.' (an initial), 'U.S.', 'a.m.'; but not 'Turner.' or 'CV.' (initials
    # hold a dot: most words are judged without the regex)
    return (
        lower in _ABBREVIATIONS
        or len(word) == 1
        or ("." in word and word[0].isalpha() and bool(_INITIALS.fullmatch(word)))
    )


def dotted_tail(piece: str) -> str | None:
    """The letters and dots before the full stop that ends `piece` ('U.S' in 'the U.S.'), or
    None: what `([A-Za-z.]+)\\.$` finds in a piece that does not end in a line break, read
    backwards from the end (a loop over a few characters costs less than the regex, which
    tries each position of the piece in turn)."""
    last = len(piece) - 1
    if last < 1 or piece[last] != ".":
        return None
    at = last
    while at > 0 and piece[at - 1] in _TAIL_CHARS:
        at -= 1
    return None if at == last else piece[at:last]


# Characters that start a word (WORD): a piece that starts with one holds a word.
_ASCII_WORD_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _add(spans: list[Span], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped and (stripped[0] in _ASCII_WORD_START or WORD.search(stripped)):
        # the first character that is no white space is the stripped text's first
        s = start + chunk.find(stripped[0])
        spans.append(_new(Span, (s + offset, s + len(stripped) + offset, stripped)))


_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem so 'adjudication'/'adjudications' and 'meeting'/'meetings' match."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


@lru_cache(maxsize=8192)
def content_stem(word: str) -> str | None:
    """The stem of a word that carries meaning (more than three letters, no stopword), else
    None."""
    return stem(word) if len(word) > 3 and word.lower() not in STOPWORDS else None


# content_stem of every word seen, for `stems_of` (a dict, so a body's words are looked up in C)
_STEM_OF: dict[str, str | None] = {}


def stems_of(words: frozenset[str]) -> frozenset[str]:
    """The stems of the content words among `words` (`content_stem` of each, Nones dropped),
    each word's stem worked out once per process: only words not seen before are stemmed one
    by one, the rest are looked up in C (an lru_cache call per word cost most of the time)."""
    global _STEM_OF
    memo = _STEM_OF
    new = words.difference(memo)
    if new:
        if len(memo) > 16384:  # a new dict, not clear(): a check in another thread keeps its own
            memo = _STEM_OF = {}
            new = words
        for word in new:
            memo[word] = content_stem(word)
    return frozenset(filter(None, map(memo.__getitem__, words)))


@lru_cache(maxsize=1024)
def _content_stems(text: str) -> frozenset[str]:
    return frozenset(
        stem(w) for w in WORD.findall(text) if len(w) > 3 and w.lower() not in STOPWORDS
    )


def content_stems(text: str) -> set[str]:
    """The words that carry meaning in a phrase: no stopwords, no short words."""
    return set(_content_stems(text))


def is_shouting(word: str) -> bool:
    """Two or more letters, all of them capitals ('ASAP', 'THANK'); 'KPIs' is not."""
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def fold(text: str) -> str:
    """Lower case without accents and with straight apostrophes, so 'Zoë' and 'Zoe' compare
    equal, and so do 'O’Neill' (as Mac, Outlook and Gmail type it) and 'O'Neill'."""
    text = text.lower()
    if text.isascii():
        return text
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)


def without_possessive(word: str) -> str:
    """'Mary's' -> 'Mary', 'Sainsbury’s' -> 'Sainsbury'; other words unchanged."""
    return _POSSESSIVE.sub("", word)


def lowered(text: str) -> str:
    """`text.lower()` with every offset kept, so a match in it is a span in `text`."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
