"""Template-only drafts: written from the notes alone, with no model and no network."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from composer import prompts
from composer.checker import parse_message
from composer.dates import human
from composer.kinds import spec
from composer.models import InterviewNotes, Kind, Message, Tone
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


def _picker(seed: int) -> Callable[..., str]:
    """Choose among phrasings: stable for one set of notes, different across candidates."""
    calls = [0]

    def pick(*options: str) -> str:
        calls[0] += 1
        return options[(seed + calls[0] * 7) % len(options)]

    return pick


def context(
    notes: InterviewNotes, variant: int = 0, today: date | None = None
) -> dict[str, object]:
    """Everything a message template may use, computed once in Python rather than in Jinja."""
    seed = zlib.crc32(f"{notes.candidate}|{notes.company}|{notes.role}".encode()) + variant
    recipient = notes.recipient
    others = [p.plain_name for p in notes.interviewers if p.name != recipient.name]
    # 'on Tuesday' is clear within the week; later it needs the date.
    recent = ((today or date.today()) - notes.interview_date).days <= 6
    # Whether the reader sat in the interview, or (a recruiter, say) only arranged it.
    met = len(others) < len(notes.interviewers)
    return {
        "n": notes,
        "warm": notes.tone is Tone.WARM,
        "reader": recipient.greeting_name(notes.tone),
        "role_phrase": role_phrase(notes.role),
        "company": notes.company,
        "interview_day": human(notes.interview_date),
        "weekday": f"{notes.interview_date:%A}" if recent else human(notes.interview_date),
        "learned": clause(notes.learned),
        "reaffirmed": clause(notes.reaffirmed),
        "topics": join(notes.topics[:2]) if notes.topics else "",
        "first_topic": clause(notes.topics[0]) if notes.topics else "",
        # Something to have enjoyed hearing about: a topic, else what reaffirmed the wish to
        # join (a noun phrase or a 'how ...' clause, unlike 'learned', which is a sentence).
        "talked_about": clause(notes.topics[0] if notes.topics else notes.reaffirmed),
        "highlights": join(notes.highlights[:2]) if notes.highlights else "",
        "others": join(others) if others else "",
        "met": met,
        "signature": notes.signature or notes.candidate,
        "pick": _picker(seed),
    }


def draft(
    notes: InterviewNotes, kind: Kind, templates: Path | None = None, variant: int = 0
) -> Message:
    """Write one message of `kind` from the notes with the Jinja template `messages/<kind>.j2`."""
    text = prompts.render(spec(kind).message_template, templates, **context(notes, variant))
    message = parse_message(text)
    body = re.sub(r"[ \t]+\n", "\n", message.body)
    return Message(subject=message.subject, body=re.sub(r"\n{3,}", "\n\n", body).strip())


def missing_for(notes: InterviewNotes, kind: Kind) -> list[str]:
    """What the notes lack for this kind to be as good as it can be, phrased as the key to add."""
    row = spec(kind)
    if row.needs and not any(getattr(notes, field) for field in row.needs):
        return [row.needs_advice]
    return []
