"""Cues more than one family reads: a wish to hear about other roles in future."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer.rules import lists
from composer.rules.patterns import Pattern, at_word

_OTHER_WORDS = lists.word_list("cues", "other roles")
# 'other suitable roles', 'future openings': a word that looks past this application, then a
# role within two words. Found from the word (str.find), then matched there: a regex scan of
# the whole text for any of the words cost five times as much.
_PAST_THIS_ROLE = Pattern(
    "(?:"
    + "|".join(at_word(word) for word in _OTHER_WORDS)
    + r")\s+(?:\w+\s+){0,2}?(?:roles?|positions?|opportunit(?:y|ies)|openings?|"
    r"vacanc(?:y|ies)|posts?|jobs?)\b"
)
# Asking to be kept in mind. Each branch holds one of `needs`, so a text without them is not
# scanned.
_KEEP_IN_MIND = Pattern(
    "|".join(
        [
            at_word("keep") + " me in mind",
            at_word("bear") + " me in mind",
            r"keep (?:me|my (?:details|cv|application|r[ée]sum[ée])) on file",
            at_word("consider") + "(?:ed)? me for",
            r"consider my application for|future opportunit|talent pool|on your radar",
            r"anything (?:else )?(?:comes|come) up",
            r"should (?:anything|something) (?:else )?(?:come|open) up",
            r"opportunit(?:y|ies) in (?:the )?future",
        ]
    ),
    needs=("mind", "file", "consider", "future", "talent", "radar", "up"),
)


def other_roles(lower: str) -> Iterator[re.Match[str]]:
    """Each place a lower-cased text says the writer would welcome other roles in future:
    'other suitable roles', 'keep me in mind', 'should anything come up'."""
    starts = sorted(at for word in _OTHER_WORDS if word in lower for at in _starts(lower, word))
    for at in starts:
        match = _PAST_THIS_ROLE.pattern.match(lower, at)
        if match is not None:
            yield match
    yield from _KEEP_IN_MIND.finditer(lower)


def _starts(lower: str, word: str) -> Iterator[int]:
    """Where `word` starts a word of the text ('new', not 'renew')."""
    at = lower.find(word)
    while at >= 0:
        if at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] in "_'\u2019"):
            yield at
        at = lower.find(word, at + 1)


def mentions_other_roles(lower: str) -> bool:
    return next(other_roles(lower), None) is not None
