"""How notes become phrases a message can use: clauses, lists, the role, varied wording.

Pure text, shared by the template context (composer.templates) for offline drafts and prompts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from composer.text import STOPWORDS

_ROLE_NOUNS = ("role", "position", "post", "job", "vacancy", "opening", "internship", "contract")
_LEAD_IN = re.compile(
    r"^(?:i\s+(?:learned|learnt|found\s+out|discovered|heard)\s+|learned\s+|learnt\s+)?(?:that\s+)?",
    re.IGNORECASE,
)


MAX_CLAUSE_WORDS = 40


def clause(text: str | None, max_words: int = MAX_CLAUSE_WORDS) -> str:
    """A note as a clause that can follow a colon: no 'I learned that', no final full stop.

    A long note is cut to its first sentence, or at a comma, so a thank-you stays a note.
    """
    if not text:
        return ""
    text = _LEAD_IN.sub("", text.strip()).rstrip(" .;")
    if len(text.split()) > max_words:
        first = re.split(r"(?<=[.;!?])\s+", text, maxsplit=1)[0].rstrip(" .;!?")
        if len(first.split()) <= max_words:
            text = first
        else:
            head = " ".join(text.split()[:max_words])
            comma = head.rfind(",")
            text = (head[:comma] if comma > len(head) // 3 else head).rstrip(" ,;")
    first, _, rest = text.partition(" ")
    if first.lower() in STOPWORDS and first != "I" and first[:1].isupper():
        text = first.lower() + (" " + rest if rest else "")
    return text


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'; 'SQL and Python, and dashboards' when an item has 'and'."""
    items = [clause(i) for i in items if i.strip()]
    if len(items) == 1:
        return items[0]
    last = ", and " if any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def role_phrase(role: str) -> str:
    """'the Paralegal role', but 'the Graduate Scheme position' stays as written."""
    return f"the {role}" if role.lower().split()[-1] in _ROLE_NOUNS else f"the {role} role"


def picker(seed: int) -> Callable[..., str]:
    """Choose among phrasings: stable for one set of notes, different across candidates."""
    calls = [0]

    def pick(*options: str) -> str:
        calls[0] += 1
        return options[(seed + calls[0] * 7) % len(options)]

    return pick
