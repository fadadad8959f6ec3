"""The firm spoken to, not about: notes say 'they are moving the whole team to a hybrid
model', but every message goes to someone at the firm, so it says 'you are moving ...'.

Only a 'they' or 'their' that starts the point (or follows its question word: 'how they
train juniors') is the firm for certain; a later 'their' is the firm's only when nothing
that could own it comes between ('they are moving their team', not 'they pair new starters
with their mentors').
"""

from __future__ import annotations

import re

from composer.phrasing.vocabulary import DETERMINERS, WH

# 'They're' -> 'You're': the contraction is kept, only the pronoun changes.
_START = re.compile(
    r"^(?P<wh>(?:how|what|why|whether|where|when|which)\s+)?"
    r"(?P<word>they|their)(?=$|[\s,.;:!?'\u2019])",
    re.IGNORECASE,
)
_SECOND = {"they": "you", "their": "your", "themselves": "yourselves"}
_LATER = re.compile(r"\b(their|themselves)\b", re.IGNORECASE)
# A later 'their' is the subject's when at most this many words come between ...
_TIED_WITHIN = 3
# ... and none of them could own it: a noun phrase's start, a preposition, a plural noun.
_BREAKS = (
    DETERMINERS
    | WH
    | frozenset(
        """of at in on for with to from by about into onto over under between among than as and or
    but who whom whose that""".split()
    )
)
_S_WORDS = frozenset("always sometimes perhaps".split())  # adverbs, not plural nouns


def _second(word: str) -> str:
    you = _SECOND[word.lower()]
    return you.capitalize() if word[:1].isupper() else you


def to_reader(text: str) -> str:
    """'they are moving their team' -> 'you are moving your team'; 'how they train' -> 'how
    you train'; 'the team said they ...' and 'paralegals ... their first month' unchanged."""
    match = _START.match(text)
    if not match:
        return text
    start, end = match.span("word")
    rest = text[end:]
    if match.group("word").lower() == "they":
        rest = _tied(rest)
    return text[:start] + _second(match.group("word")) + rest


def _tied(rest: str) -> str:
    """The first later 'their' or 'themselves' that belongs to the subject 'they', made second
    person; the text as it was when another noun could own it."""
    later = _LATER.search(rest)
    if not later:
        return rest
    between = [w.lower().strip("'\u2019") for w in rest[: later.start()].split()]
    if len(between) > _TIED_WITHIN:
        return rest
    for word in between:  # "'re" of "They're" is a verb: it is 're' here
        plural = word.endswith("s") and word not in _S_WORDS
        if word in _BREAKS or plural or not word.isalpha():
            return rest  # another noun could own it, or a comma ends the clause
    return rest[: later.start()] + _second(later.group(1)) + rest[later.end() :]
