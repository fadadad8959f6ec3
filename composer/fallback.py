"""Template-only drafts: written from the notes alone, with no model and no network."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from composer import phrasing, prompts
from composer.checker import parse_message
from composer.dates import human
from composer.models import InterviewNotes, Kind, Message, Tone


def role_phrase(role: str) -> str:
    """'the Paralegal role' on first mention; see `phrasing.role_phrase`."""
    return phrasing.role_phrase(role)


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
    # Each note in the form its slot takes (phrasing.py): a phrase after 'about' or 'build
    # on', a clause after 'learn that', a sentence on its own; reaffirmed is never a topic.
    learned = phrasing.learned(notes.learned)
    reaffirmed = phrasing.reaffirmed(notes.reaffirmed)
    topics = phrasing.distinct(map(phrasing.topic, notes.topics))[:2]
    topic_phrases = [p.phrase for p in topics if p.phrase]
    highlights = phrasing.distinct(map(phrasing.highlight, notes.highlights))[:2]
    highlight_phrases = phrasing.join(p.phrase for p in highlights if p.phrase)
    company = phrasing.organisation(notes.company)  # 'the Crown Prosecution Service'
    return {
        "n": notes,
        "warm": notes.tone is Tone.WARM,
        "reader": recipient.greeting_name(notes.tone),
        "role_phrase": phrasing.role_phrase(notes.role),
        "subject": partial(phrasing.subject, role=notes.role),
        "company": company,
        "interview_day": human(notes.interview_date),
        "weekday": f"{notes.interview_date:%A}" if recent else human(notes.interview_date),
        "learned": learned.text if learned else "",
        "learned_that": (learned.clause or "") if learned else "",
        "what_learned": (learned.learn or "") if learned else "",
        "reaffirmed": reaffirmed.text if reaffirmed else "",
        "reaffirmed_that": (reaffirmed.clause or "") if reaffirmed else "",
        "topics": phrasing.join(topic_phrases),
        "topic_sentences": " ".join(p.sentence for p in topics if not p.phrase and p.sentence),
        "first_topic": topic_phrases[0] if topic_phrases else "",
        "talked_about": topic_phrases[0] if topic_phrases else "",
        "highlights": highlight_phrases,
        "highlights_at": phrasing.attach(
            highlight_phrases, f" at {company}", " with your team", ""
        ),
        "highlight_sentence": next((p.sentence for p in highlights if not p.phrase), "") or "",
        "others": phrasing.join(others),
        "met": met,
        "signature": notes.signature or notes.candidate,
        "pick": _picker(seed),
    }


def draft(
    notes: InterviewNotes, kind: Kind, templates: Path | None = None, variant: int = 0
) -> Message:
    """Write one message of `kind` from the notes with the Jinja template `messages/<kind>.j2`."""
    text = prompts.render(f"messages/{kind.value}.j2", templates, **context(notes, variant))
    message = parse_message(text)
    body = re.sub(r"[ \t]+\n", "\n", message.body)
    body = re.sub(r"([!?][\u201d\"])\.", r"\1", body)  # a quoted question ends its sentence
    return Message(subject=message.subject, body=re.sub(r"\n{3,}", "\n\n", body).strip())


def missing_for(notes: InterviewNotes, kind: Kind) -> list[str]:
    """What the notes lack for this kind to be as good as it can be, phrased as the key to add."""
    if kind is Kind.THANK_YOU and not (notes.learned or notes.reaffirmed or notes.topics):
        return [
            "Your notes have no 'Learned', 'Reaffirmed' or 'Topics': the thank-you cannot mention "
            "anything specific. Add a line such as 'Learned: paralegals attend client meetings "
            "from their first month'."
        ]
    return []
