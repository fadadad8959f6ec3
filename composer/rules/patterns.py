"""Patterns compiled on first use, each behind a pre-filter that skips texts it cannot match.

Compiling every rule's patterns cost about 40 ms at import, most of it for patterns an
ordinary message never needs (pressure, bitterness, insults, placeholders). So a pattern
compiles only the first time a text passes its pre-filter, and a text that cannot match is
never scanned:

- `Phrases`, a word or phrase list, needs one word of some phrase among the text's words (the
  word is derived from the list: each phrase's longest word);
- `Pattern`, a hand-written regex, needs one of its `needs` as a substring of the text: derived
  from the data list the regex is built from (`needles`), or, for a regex that is all shape
  (brackets, links), written beside it. tests/test_rules_registry.py proves every such guard
  sound with the standard library's regex parser, and that guarded and unguarded scans agree.

Only a scan of a whole text is guarded; a scan from an offset (`pos`, `endpos`) runs as is.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import Any

from composer import text as tx

# Every pattern made, so tests and benchmarks can see which ones compiled.
MADE: list[Pattern | Phrases] = []

_RUN = re.compile(r"\w+")

# What a phrase needs of a text's words: all its words, its pairs of neighbours, and its first
# word (None when a phrase does not start with a word).
_Needed = tuple[frozenset[str], frozenset[tuple[str, str]], str | None]


class _Words:
    """The words (runs of \\w) of a lower-cased text, and its pairs of neighbouring words,
    worked out the first time they are asked for; and what every filed phrase list may find
    in it (`passed`)."""

    __slots__ = ("_pairs", "_passed", "runs", "set")

    def __init__(self, lower: str) -> None:
        self.runs = _RUN.findall(lower)
        self.set = frozenset(self.runs)
        self._pairs: frozenset[tuple[str, str]] | None = None
        self._passed: tuple[int, dict[int, set[str] | None]] | None = None

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        if self._pairs is None:
            self._pairs = frozenset(pairwise(self.runs))
        return self._pairs

    def passed(self, slot: int) -> dict[int, set[str] | None]:
        """For each filed list (by slot) that may match this text, the first words of its
        phrases that passed the word test (None: scan it all); worked out for every list at
        once, from the text's words, and again only when a list filed since asks."""
        if self._passed is None or self._passed[0] <= slot:
            self._passed = _FILED.passed(self)
        return self._passed[1]


class _Filed:
    """Every phrase list's phrases filed under their longest words, in one index, so a text's
    words are looked up once for every list (a set intersection per list cost more than all
    the lists' checks). Replaced whole when a list is added, never changed in place."""

    __slots__ = ("by_word", "count", "keys")

    def __init__(self, by_word: dict[str, list[tuple[int, _Needed]]], count: int) -> None:
        self.by_word = by_word
        self.keys = frozenset(by_word)
        self.count = count

    def passed(self, words: _Words) -> tuple[int, dict[int, set[str] | None]]:
        found: dict[int, set[str] | None] = {}
        text_words = words.set
        for key in self.keys.intersection(text_words):
            for slot, (needed, pairs, first) in self.by_word[key]:
                if needed <= text_words and (not pairs or pairs <= words.pairs):
                    if first is None:
                        found[slot] = None
                    else:
                        firsts = found.setdefault(slot, set())
                        if firsts is not None:
                            firsts.add(first)
        return self.count, found

    def adding(self, index: dict[str, list[_Needed]]) -> tuple[_Filed, int]:
        """This index with one more list, and the slot the list is filed under."""
        slot = self.count
        by_word = {key: list(entries) for key, entries in self.by_word.items()}
        for key, entries in index.items():
            by_word.setdefault(key, []).extend((slot, needed) for needed in entries)
        return _Filed(by_word, slot + 1), slot


_FILED = _Filed({}, 0)
_FILING = threading.Lock()


_WORDS: dict[int, tuple[str, _Words]] = {}


def _words_of(lower: str) -> _Words:
    """The words of a lower-cased text, once per text object: every rule looks up the same
    body and sentences."""
    cached = _WORDS.get(id(lower))
    if cached is not None and cached[0] is lower:
        return cached[1]
    found = _Words(lower)
    if len(_WORDS) > 512:
        _WORDS.clear()
    _WORDS[id(lower)] = (lower, found)
    return found


def word_set(lower: str) -> frozenset[str]:
    """The words (runs of \\w) of a lower-cased text, worked out once per text object."""
    return _words_of(lower).set


_LOWERED: dict[int, tuple[str, str]] = {}


def lowered(text: str) -> str:
    """`tx.lowered(text)`, one string object per text object (the text itself when it is
    lower case already), so the words worked out for it are shared by every rule."""
    cached = _LOWERED.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    low = tx.lowered(text)
    if low == text:
        low = text
    if len(_LOWERED) > 512:
        _LOWERED.clear()
    _LOWERED[id(text)] = (text, low)
    return low


_DIGITS = "0123456789"

_LOWER: dict[int, tuple[str, str]] = {}


def _lower_once(text: str) -> str:
    """`text.lower()`, once per text object: every case-insensitive pattern's guard reads the
    same body."""
    cached = _LOWER.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    low = text.lower()
    if len(_LOWER) > 512:
        _LOWER.clear()
    _LOWER[id(text)] = (text, low)
    return low


# Once a list is compiled, a text shorter than this is scanned without the pre-filter.
_SHORT = 256


class Phrases:
    """Whole-word phrases found case-insensitively, fast: one trie-shaped pattern run over
    lower-cased text (a plain alternation of fifty phrases is several times slower).

    `search`, `finditer` and `fullmatch` take the original text; match offsets index into it,
    and `group()` is lower-cased, so quote the original text by offsets.

    A match holds its phrase's words as neighbouring words of the text: a space in a phrase
    matches white space, an apostrophe either apostrophe, a hyphen itself, none of them part
    of a word, and the match starts and ends at word boundaries. So a text is skipped unless,
    for some phrase, it has every word of the phrase and every pair of neighbours in it. The
    phrases are filed under their longest word: only those sharing a word with the text are
    looked at.

    A long text that passes is not scanned from end to end either: a match starts where its
    phrase's first word does (a word of the text, after no word character), so the pattern is
    tried only where the first word of a phrase that passed the test starts (`str.find`, a
    fraction of a scan), in order, each try after the end of the last match: the matches of
    `finditer` exactly.
    """

    __slots__ = ("_compiled", "_keys", "_slot", "items")

    def __init__(self, items: Iterable[str]) -> None:
        self.items = tuple(dict.fromkeys(i.lower() for i in items))
        self._keys: frozenset[str] | None = None  # filed on first use; empty: scan every text
        self._slot = -1  # where the shared index files this list
        self._compiled: re.Pattern[str] | None = None
        MADE.append(self)

    def _file(self) -> frozenset[str]:
        """File each phrase under its longest word, with the words and pairs it needs, in the
        index every list shares (built aside and then set, so a thread that checks at the same
        time never sees half of it)."""
        global _FILED
        index: dict[str, list[_Needed]] = {}
        for item in self.items:
            words = _RUN.findall(item)
            if not words:  # nothing to file it under: every text must be scanned
                index.clear()
                break
            first = words[0] if item.startswith(words[0]) else None  # None: '-ish' starts no word
            needed = (frozenset(words), frozenset(pairwise(words)), first)
            index.setdefault(max(reversed(words), key=len), []).append(needed)
        with _FILING:
            if self._keys is None:
                if index:
                    _FILED, self._slot = _FILED.adding(index)
                self._keys = frozenset(index)
        return self._keys

    @property
    def compiled(self) -> bool:
        return self._compiled is not None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled trie, built on first use."""
        if self._compiled is None:
            trie: dict[str, dict] = {}
            for item in self.items:
                node = trie
                for char in item:
                    node = node.setdefault(char, {})
                node[""] = {}
            self._compiled = re.compile(rf"(?<![\w'\u2019])(?:{_trie_pattern(trie)})(?![\w])")
        return self._compiled

    def _lower(self, text: str) -> tuple[str, set[str] | None] | None:
        """The lower-cased text and the first words of the phrases that passed the test (None:
        scan it all), or None when no phrase can match in it."""
        if self._compiled is not None and len(text) < _SHORT:
            # a sentence: scanning it costs less than the pre-filter
            return tx.lowered(text), None
        lower = lowered(text)
        keys = self._keys if self._keys is not None else self._file()
        if not keys:
            return lower, None
        passed = _words_of(lower).passed(self._slot)
        if self._slot not in passed:
            return None
        return lower, passed[self._slot]

    def _matches(self, lower: str, firsts: set[str] | None) -> Iterator[re.Match[str]]:
        """`finditer` over `lower`, tried only where one of `firsts` starts a word."""
        if firsts is None:
            yield from self.pattern.finditer(lower)
            return
        starts = sorted(at for first in firsts for at in word_starts(lower, first))
        match = self.pattern.match
        end = 0
        for at in starts:
            if at >= end:
                found = match(lower, at)
                if found is not None:
                    yield found
                    end = found.end()

    def search(self, text: str) -> re.Match[str] | None:
        found = self._lower(text)
        if found is None:
            return None
        if found[1] is None:
            return self.pattern.search(found[0])
        return next(self._matches(*found), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        found = self._lower(text)
        return iter(()) if found is None else self._matches(*found)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        found = self._lower(text)
        return None if found is None else self.pattern.fullmatch(found[0])


_ONE_LETTER: dict[str, re.Pattern[str]] = {}


def word_starts(lower: str, word: str) -> Iterator[int]:
    """Where `word` occurs in `lower` after no word character or apostrophe (where a phrase
    that starts with it can start: 'new' in 'a new role', not in 'renew')."""
    if len(word) == 1:  # 'i', 'a': in most words, so one scan in C beats a str.find loop
        found = _ONE_LETTER.get(word)
        if found is None:
            first = re.escape(word)
            found = _ONE_LETTER[word] = re.compile(rf"{first}(?<![\w'\u2019]{first})")
        yield from (m.start() for m in found.finditer(lower))
        return
    at = lower.find(word)
    while at >= 0:
        if at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] in "_'\u2019"):
            yield at
        at = lower.find(word, at + 1)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = []
    for char in sorted(k for k in node if k):
        atom = r"\s+" if char == " " else ("['\u2019]" if char == "'" else re.escape(char))
        branches.append(atom + _trie_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def phrases(*items: str) -> Phrases:
    """Case-insensitive whole-word phrases; a space matches any white space and an apostrophe
    either apostrophe ('don't', 'don’t')."""
    return Phrases(items)


def has_no_digit(text: str) -> bool:
    """True when `text` holds no decimal digit (nothing `\\d` matches). Known only for ASCII
    text, whose only decimal digits are 0-9: ten substring tests cost a fraction of a scan."""
    return text.isascii() and not any(map(text.__contains__, _DIGITS))


class Pattern:
    """A regex compiled on first use; a whole text with none of `needs` in it (and, if given,
    no match of the small `hint` regex) is not scanned.

    For a case-insensitive pattern, `needs` are lower case and looked for in the lower-cased
    text. `needs=None` means no pre-filter: the pattern compiles the first time it is used.
    A `hint` covers what substrings cannot say, such as 'three digits' for a rule code;
    `digit_hint` says every match of the hint holds a decimal digit (`\\d`), and `digits` that
    every match of the pattern does: a text with no digit (`has_no_digit`) skips that scan.
    """

    __slots__ = (
        "_compiled",
        "_fold",
        "_hint",
        "digit_hint",
        "digits",
        "flags",
        "hint",
        "needs",
        "source",
    )

    def __init__(
        self,
        source: str,
        flags: int = 0,
        needs: str | Iterable[str] | None = None,
        hint: str | None = None,
        digit_hint: bool = False,
        digits: bool = False,
    ) -> None:
        self.source = source
        self.flags = flags
        self.needs = (needs,) if isinstance(needs, str) else None if needs is None else tuple(needs)
        self.hint = hint
        self.digit_hint = digit_hint
        self.digits = digits
        self._hint: re.Pattern[str] | None = None
        self._fold = bool(flags & re.IGNORECASE)  # an int, not the slow enum, on every call
        self._compiled: re.Pattern[str] | None = None
        MADE.append(self)

    @property
    def compiled(self) -> bool:
        return self._compiled is not None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def could_match(self, text: str) -> bool:
        """False when the text cannot hold a match: it has none of `needs`."""
        if self.digits and has_no_digit(text):
            return False
        if self.needs is None:
            return True
        if self._fold:
            text = _lower_once(text)
        needs = self.needs
        # one need (most patterns): a plain substring test, without any() and map()
        if needs[0] in text if len(needs) == 1 else any(map(text.__contains__, needs)):
            return True
        if self.hint is None:
            return False
        if self.digit_hint and has_no_digit(text):
            return False
        if self._hint is None:
            self._hint = re.compile(self.hint, self.flags)
        return self._hint.search(text) is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if pos == 0 and endpos >= len(text) and not self.could_match(text):
            return None
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if pos == 0 and endpos >= len(text) and not self.could_match(text):
            return None
        return self.pattern.match(text, pos, endpos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.pattern.fullmatch(text) if self.could_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.could_match(text) else iter(())

    def findall(self, text: str) -> list[Any]:
        return self.pattern.findall(text) if self.could_match(text) else []

    def sub(self, repl: str, text: str) -> str:
        return self.pattern.sub(repl, text) if self.could_match(text) else text


def needles(items: Iterable[str], whole: bool = False) -> tuple[str, ...]:
    """Substrings at least one of which any match of a regex built from `items` contains:
    each item's longest word, or (`whole`) the item itself when the regex matches it
    character for character. An item that contains another's needle adds nothing."""
    found = [item if whole else max(_RUN.findall(item), key=len) for item in items]
    unique = sorted(set(found), key=len)
    kept: list[str] = []
    for need in unique:
        if not any(shorter in need for shorter in kept):
            kept.append(need)
    return tuple(kept)


def word_start(word: str) -> str:
    """Pattern text for `word` at the start of a word, written to begin with a literal
    character so the regex engine jumps straight to candidates (a leading look-behind or
    `\\b` makes it try every position)."""
    first = re.escape(word[0])
    return rf"{first}(?<![\w'\u2019]{first}){re.escape(word[1:])}"


def at_word(text: str) -> str:
    """Pattern text for `\\b` + `text` (regex; its first character a letter), written to begin
    with that letter and then look behind, so a scan jumps straight to candidates."""
    first = re.escape(text[0])
    return rf"{first}(?<!\w{first}){text[1:]}"
