"""People's names in their proper case: 'sarah jones' -> 'Sarah Jones', 'McAllister' kept."""

from __future__ import annotations

import re

# Lower-case particles inside a name ('Maria de la Cruz', 'Anna van der Berg'); a name that
# starts or ends with one ('De Souza', 'Lan Do') capitalises it.
_PARTICLES = frozenset(
    "da das de del della der des di dos du la le van von den ter ten zu bin binti ibn y".split()
)
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii"})
_WORD = re.compile(r"\S+")


def proper_case(name: str) -> str:
    """Capitalise the words of a name that were typed in lower case.

    A word that already has a capital letter is kept as typed ('McAllister', 'DeShawn',
    "O'Neill"): only its writer knows how it is spelled, and so are lower-case particles in
    a name that has capitals ('de la Cruz', 'Anna van der Berg'). Names in capitals ('SARAH
    JONES') are kept too, since initials ('AJ') and short names ('NG') cannot be told apart.
    """
    words = _WORD.findall(name)
    if not any(w.islower() for w in words):
        return name
    typed_capitals = any(c.isupper() for c in name)
    cased = []
    for index, word in enumerate(words):
        inside = 0 < index < len(words) - 1
        if not word.islower() or (word in _PARTICLES and (inside or typed_capitals)):
            cased.append(word)
        elif "@" in word or any(c.isdigit() for c in word):
            cased.append(word)  # an address or a number, not a name
        elif index and index == len(words) - 1 and word.rstrip(".,") in _ROMAN:
            cased.append(word.upper())  # 'John Smith III'
        else:
            cased.append(_cap_word(word))
    pieces = iter(cased)
    return _WORD.sub(lambda _: next(pieces), name)


def _cap_word(word: str) -> str:
    """'o'neill' -> "O'Neill", 'okonkwo-brennan' -> 'Okonkwo-Brennan', 'j.r.' -> 'J.R.'."""
    if "-" in word:
        return "-".join(_cap_word(part) if part else part for part in word.split("-"))
    for mark in ("'", "\u2019"):
        prefix, found, rest = word.partition(mark)
        if found and len(prefix) == 1 and rest:  # O'Neill, D'Arcy, N'Golo
            return prefix.upper() + mark + _cap_word(rest)
    if "." in word.rstrip("."):  # initials written together: 'j.r.'
        return ".".join(part[:1].upper() + part[1:] for part in word.split("."))
    if word.startswith("mc") and len(word) > 3 and word[2].isalpha():
        return "Mc" + word[2].upper() + word[3:]
    return word[:1].upper() + word[1:]
