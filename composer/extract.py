"""Free-form notes: when pasted text is not 'Key: value' notes, a model reads the fields out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from composer.errors import ModelError, NotesError
from composer.llm import ChatClient, Deadline, ask
from composer.models import KEY_ALIASES
from composer.notes import KNOWN_KEYS

REQUIRED = ("candidate", "company", "role", "interviewers", "interview_date")
_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z _\-]{1,30}?)\s*[:=]", re.MULTILINE)


class ExtractedNotes(BaseModel):
    """The contract with the model for extraction: every field present, empty when unknown."""

    model_config = ConfigDict(extra="forbid")

    candidate: str
    company: str
    role: str
    interviewers: list[str]
    invited_by: str
    interview_date: str
    decision_by: str
    topics: list[str]
    learned: str
    reaffirmed: str
    highlights: list[str]
    outcome: str
    tone: str


def looks_structured(text: str) -> bool:
    """True when the text names at least one notes field as a key (YAML, TOML, 'Key: value')."""
    if text.lstrip().startswith(("{", "[")):
        return True
    for match in _KEY.finditer(text):
        key = re.sub(r"[\s\-]+", "_", match.group(1).strip().lower())
        if key in KNOWN_KEYS or key in KEY_ALIASES:
            return True
    return False


def extract(text: str, client: ChatClient, templates: Path | None = None) -> dict[str, Any]:
    """Ask the model for the fields; returns only the ones it filled."""
    from composer.prompts import extract_messages

    deadline = Deadline(client.endpoint.budget)
    messages = extract_messages(text, templates)
    try:
        found, *_ = ask(client, lambda _structured: messages, deadline, ExtractedNotes)
    except ModelError as exc:
        # No draft is possible without the fields, so this is the notes' problem to fix (exit
        # 2), said in one line with both ways out.
        raise NotesError(
            "The notes are not 'Key: value' lines, and the model could not read them: "
            f"{exc.message.rstrip('.')}. Write them as 'Key: value' lines ('composer "
            "notes-template' shows how), or try again when the model answers."
        ) from None
    data = {k: v for k, v in found.model_dump().items() if v not in ("", [], None)}
    return data


def missing(data: dict[str, Any]) -> list[str]:
    return [field for field in REQUIRED if not data.get(field)]


def understood(data: dict[str, Any]) -> str:
    """What the model read from the notes, one field a line, for the user to confirm."""
    lines = []
    for key, value in data.items():
        shown = "; ".join(value) if isinstance(value, list) else value
        lines.append(f"  {key.replace('_', ' ').capitalize()}: {shown}")
    return "\n".join(lines)
