"""The one writer of draft files, with one naming scheme.

A draft's file is `<kind>.txt`, or `<kind>-call.txt` / `<kind>-voicemail.txt` for the phone
channel. Where one folder holds several interviews (review's drafts folder) the name starts
with the interview: `<date>-<company>-<kind>.txt`; where each interview has its own folder
(`draft --out DIR`, and `draft --batch`'s DIR/<notes name>/) it does not. Every write is atomic
and user-only; nothing is replaced without `force`, and review never replaces at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from composer.errors import OutputError
from composer.files import NotAFile, atomic_write, refuse_special
from composer.kinds import Channel, Kind
from composer.models import Draft, InterviewNotes

_SUFFIX = {Channel.EMAIL: "", Channel.PHONE: "-call", Channel.VOICEMAIL: "-voicemail"}


def draft_stem(kind: Kind | str, channel: Channel | str = Channel.EMAIL) -> str:
    """'thank-you', 'status-check-call', 'status-check-voicemail'."""
    return f"{Kind(kind).value}{_SUFFIX[Channel(channel)]}"


def file_name(kind: Kind | str, channel: Channel | str = Channel.EMAIL) -> str:
    """The file a draft of this kind and channel is written to."""
    return draft_stem(kind, channel) + ".txt"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "notes"


def interview_stem(notes: InterviewNotes) -> str:
    """'2026-11-12-bramley-kent-llp': what tells interviews apart in a shared folder."""
    return f"{notes.interview_date:%Y-%m-%d}-{slug(notes.company)}"


def refuse_existing(folder: Path, names: Iterable[str], force: bool) -> None:
    """OutputError naming the files that exist, unless `force`, and naming any that is not a
    regular file (a FIFO, a device, a symlink), even with `force`: checked before any work."""
    names = list(names)
    for name in names:
        try:
            refuse_special(folder / name)
        except NotAFile as exc:
            raise OutputError(f"{name} in {folder}: {exc.strerror}; nothing was written.") from None
        except OSError as exc:  # a name too long, a folder that cannot be read
            raise OutputError(f"Cannot write to {folder}: {exc.strerror or exc}.") from None
    existing = [name for name in names if os.path.lexists(folder / name)]
    if existing and not force:
        verb, them = ("exists", "it") if len(existing) == 1 else ("exist", "them")
        raise OutputError(
            f"{', '.join(existing)} already {verb} in {folder}; nothing was written. Use "
            f"--force to replace {them}, or choose another --out."
        )


def write_drafts(folder: Path, drafts: list[Draft], force: bool = False) -> list[Path]:
    """Each draft to folder/<its file name>; nothing is written when one would be replaced
    without `force`. Returns the paths, in the drafts' order."""
    targets = {folder / file_name(d.kind, d.channel): d for d in drafts}
    refuse_existing(folder, [p.name for p in targets], force)
    try:
        for path, item in targets.items():
            atomic_write(path, item.message.text + "\n")
    except OSError as exc:
        raise OutputError(f"Cannot write to {folder}: {exc.strerror or exc}.") from None
    return list(targets)


def free_path(folder: Path, name: str, suffix: str) -> Path:
    """`name.suffix`, or `name-2.suffix` and so on: an accepted draft never replaces another."""
    path = folder / f"{name}{suffix}"
    counter = 2
    while os.path.lexists(path):  # a dangling symlink is taken too: never written through
        path = folder / f"{name}-{counter}{suffix}"
        counter += 1
    return path


def eml(notes: InterviewNotes, draft: Draft, now: datetime | None = None) -> bytes:
    """An RFC 5322 message, marked unsent so mail clients open it as a draft to send."""
    # Lazy: the email package costs every `composer draft` a few ms, and only review needs it.
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime, formataddr

    message = EmailMessage(policy=SMTP)
    recipient = notes.recipient
    if recipient.email:
        message["To"] = formataddr((recipient.plain_name, recipient.email))
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["X-Unsent"] = "1"
    message.set_content(draft.body + "\n")
    return message.as_bytes()


def save_accepted(folder: Path, notes: InterviewNotes, draft: Draft) -> list[Path]:
    """An accepted draft as .txt, plus an .eml for an email (atomically, user-only): the .txt
    first, then the .eml."""
    name = f"{interview_stem(notes)}-{draft_stem(draft.kind, draft.channel)}"
    txt = free_path(folder, name, ".txt")
    atomic_write(txt, draft.message.text + "\n")
    if draft.channel is not Channel.EMAIL:
        return [txt]  # a call script is read aloud, not mailed
    mail = txt.with_suffix(".eml")
    atomic_write(mail, eml(notes, draft).decode("utf-8"))
    return [txt, mail]


def save_version(folder: Path, notes: InterviewNotes, draft: Draft, number: int) -> Path:
    """Every version the user sees or makes, kept before the next action."""
    name = f"{interview_stem(notes)}-{draft_stem(draft.kind, draft.channel)}"
    path = free_path(folder / ".versions", f"{name}-v{number}-{draft.source}", ".txt")
    atomic_write(path, draft.message.text + "\n")
    return path
