"""The first letter's case where a note is placed: lower mid-sentence unless it starts a
name, upper at the start of a sentence."""

from __future__ import annotations

import re

from composer.phrasing.vocabulary import (
    ADJECTIVES_ED,
    COMMON_STARTS,
    COMMON_SUFFIXES,
    FUNCTION_WORDS,
    NAMES_LIKE_WORDS,
    PERSON_NOUNS,
)

_FIRST_WORD = re.compile(r"([^\W\d_][\w'\u2019\-&]*)(.*)", re.DOTALL)


def lower_first(text: str) -> str:
    """'The team's ...' -> 'the team's ...' mid-sentence; 'AML', 'Python', 'I' and 'Crown
    Prosecution Service' keep their capitals. Only a word known to be common is lowered."""
    match = _FIRST_WORD.match(text)
    if not match:
        return text
    word, rest = match.group(1), match.group(2)
    if word == "I" or word.startswith(("I'", "I\u2019")):
        return text
    if not (word[0].isupper() and word[1:] == word[1:].lower()):
        return text  # already lower case, an acronym ('AML'), or a brand ('McKinsey')
    low = word.lower()
    head = low.split("-")[0].replace("\u2019", "'").split("'")[0]
    next_word = rest.split()[0] if rest.split() else ""
    if len(word) == 1 or head in FUNCTION_WORDS:
        return low + rest
    if _is_capitalised(next_word):
        return text  # 'Crown Prosecution Service', 'New York office'
    common = (
        head in COMMON_STARTS
        or head in PERSON_NOUNS
        or head in ADJECTIVES_ED
        or (head.endswith(COMMON_SUFFIXES) and len(head) > 5 and head not in NAMES_LIKE_WORDS)
    )
    return low + rest if common else text


def _is_capitalised(word: str) -> bool:
    letters = word.strip(",;:()\"'")
    return len(letters) > 1 and letters[0].isupper() and letters[1:] == letters[1:].lower()


def upper_first(text: str) -> str:
    """A capital first letter for a sentence; 'iPhone' and 'eBay' are left alone."""
    match = _FIRST_WORD.match(text)
    if not match:
        return text
    word = match.group(1)
    if word[0].isupper() or any(c.isupper() for c in word[1:]):
        return text
    return word[0].upper() + word[1:] + match.group(2)
