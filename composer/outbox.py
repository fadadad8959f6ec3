"""Where accepted drafts go: a .txt to read and an .eml that opens in a mail client."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from pathlib import Path

from composer.files import atomic_write
from composer.models import Draft, InterviewNotes


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "notes"


def stem(notes: InterviewNotes, draft: Draft) -> str:
    return f"{notes.interview_date:%Y-%m-%d}-{slug(notes.company)}-{draft.kind}"


def free_path(folder: Path, name: str, suffix: str) -> Path:
    """`name.suffix`, or `name-2.suffix` and so on: an accepted draft never replaces another."""
    path = folder / f"{name}{suffix}"
    counter = 2
    while path.exists():
        path = folder / f"{name}-{counter}{suffix}"
        counter += 1
    return path


def eml(notes: InterviewNotes, draft: Draft, now: datetime | None = None) -> bytes:
    """An RFC 5322 message, marked unsent so mail clients open it as a draft to send."""
    message = EmailMessage(policy=SMTP)
    recipient = notes.recipient
    if recipient.email:
        message["To"] = formataddr((recipient.plain_name, recipient.email))
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["X-Unsent"] = "1"
    message.set_content(draft.body + "\n")
    return message.as_bytes()


def save_accepted(folder: Path, notes: InterviewNotes, draft: Draft) -> tuple[Path, Path]:
    """Write the .txt and .eml of an accepted draft (atomically, user-only) and return both."""
    name = stem(notes, draft)
    txt = free_path(folder, name, ".txt")
    mail = txt.with_suffix(".eml")
    atomic_write(txt, draft.message.text + "\n")
    atomic_write(mail, eml(notes, draft).decode("utf-8"))
    return txt, mail


def save_version(folder: Path, notes: InterviewNotes, draft: Draft, number: int) -> Path:
    """Every version the user sees or makes, kept before the next action."""
    path = free_path(folder / ".versions", f"{stem(notes, draft)}-v{number}-{draft.source}", ".txt")
    atomic_write(path, draft.message.text + "\n")
    return path
