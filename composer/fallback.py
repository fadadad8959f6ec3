"""Template-only drafts: written from the notes alone, with no model and no network.

The templates are prompts/messages/<kind>.j2, given the context every template shares
(composer.templates.context).
"""

from __future__ import annotations

import re
from pathlib import Path

from composer.checker import parse_message
from composer.kinds import spec
from composer.models import InterviewNotes, Kind, Message
from composer.templates import context, render


def draft(
    notes: InterviewNotes, kind: Kind, templates: Path | None = None, variant: int = 0
) -> Message:
    """Write one message of `kind` from the notes with the Jinja template `messages/<kind>.j2`."""
    values = context(notes, kind, variant=variant)
    text = render(spec(kind).message_template, templates, **values)
    message = parse_message(text)
    body = re.sub(r"[ \t]+\n", "\n", message.body)
    body = re.sub(r"([!?][\u201d\"])\.", r"\1", body)  # a quoted question ends its sentence
    return Message(subject=message.subject, body=re.sub(r"\n{3,}", "\n\n", body).strip())


def missing_for(notes: InterviewNotes, kind: Kind) -> list[str]:
    """What the notes lack for this kind to be as good as it can be, phrased as the key to add."""
    row = spec(kind)
    if row.needs and not any(getattr(notes, field) for field in row.needs):
        return [row.needs_advice]
    return []
