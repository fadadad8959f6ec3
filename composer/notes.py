"""Read interview notes from YAML, JSON, TOML or pasted `Key: value` text."""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from composer.errors import NotesError
from composer.models import InterviewNotes, normalize_key

MAX_NOTES_BYTES = 1_000_000
KNOWN_KEYS = frozenset(InterviewNotes.model_fields)
_LIST_KEYS = frozenset({"interviewers", "topics", "highlights"})
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9 _\-/']{0,40}?)\s*:(?:\s+(?P<value>.*)|\s*)$")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+(?P<item>.*)$")
# What to write for each field, quoted in error messages and in `composer notes-template`.
EXAMPLE_LINES = {
    "candidate": "Candidate: Jordan Ellis",
    "company": "Company: Bramley Kent LLP",
    "role": "Role: Paralegal, Construction Disputes",
    "interviewers": "Interviewer: Sophie Turner, Senior Associate",
    "invited_by": "Invited by: Sophie Turner",
    "interview_date": "Interview date: 12 November 2026",
    "decision_by": "Decision by: 1 week (or a date such as 19 November 2026)",
    "topics": "Topics: the team's new adjudication practice; my placement at a law centre",
    "learned": "Learned: paralegals attend client meetings from their first month",
    "reaffirmed": "Reaffirmed: how much responsibility junior staff are trusted with",
    "highlights": "Highlights: three years of document review",
    "outcome": "Outcome: pending (or rejected, offered)",
    "tone": "Tone: formal (or warm)",
    "signature": "Signature: Jordan Ellis",
}


@dataclass
class LoadedNotes:
    """Notes and what the user should hear about them (ignored keys, odd dates)."""

    notes: InterviewNotes
    warnings: list[str] = field(default_factory=list)
    origin: str = "notes"


def read_notes_file(path: Path) -> LoadedNotes:
    """Read a notes file; its extension picks the format, anything else is sniffed."""
    try:
        if path.is_dir():
            raise NotesError(f"{path} is a folder; give the notes file inside it.")
        size = path.stat().st_size
        if size > MAX_NOTES_BYTES:
            raise NotesError(f"{path} is {size:,} bytes; interview notes over 1 MB are refused.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotesError(
            f"No notes file at {path}. Check the path, or pipe notes in with '-'."
        ) from None
    except OSError as exc:
        raise NotesError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    return parse_notes(
        decode(raw, str(path)), fmt=path.suffix.lower().lstrip("."), origin=str(path)
    )


def decode(raw: bytes, origin: str) -> str:
    """Bytes to text, refusing binary files and non-UTF-8 text with a clear message."""
    if len(raw) > MAX_NOTES_BYTES:
        raise NotesError(f"{origin} is over 1 MB; interview notes that large are refused.")
    if b"\x00" in raw:
        raise NotesError(f"{origin} looks like a binary file, not notes; give a text file.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotesError(f"{origin} is not UTF-8 text; save it as UTF-8 and try again.") from None


def parse_notes(text: str, fmt: str | None = None, origin: str = "notes") -> LoadedNotes:
    """Parse notes text in the given format ('yaml', 'json', 'toml', 'txt') or a sniffed one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise NotesError(f"The {origin} are empty. Run 'composer notes-template' for a skeleton.")
    fmt = {"yml": "yaml", "md": "txt", "text": "txt", "": None}.get(fmt or "", fmt)
    if fmt not in ("yaml", "json", "toml", "txt"):
        fmt = _sniff(text)
    data = _PARSERS[fmt](text, origin)
    if not isinstance(data, dict):
        raise NotesError(
            f"The {origin} should be a set of fields (Candidate, Company, Role, ...), not a "
            f"{type(data).__name__}. Run 'composer notes-template' for a skeleton."
        )
    warnings = _unknown_key_warnings(data)
    notes = validate(data, origin)
    if notes.interview_date > date.today():
        warnings.append(
            f"The interview date {notes.interview_date:%-d %B %Y} is in the future; "
            "if that is a typo, fix 'Interview date' in your notes."
        )
    return LoadedNotes(notes=notes, warnings=warnings, origin=origin)


def _sniff(text: str) -> str:
    first = text.lstrip()[:1]
    if first in "{[":
        return "json"
    meaningful = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if meaningful and re.match(r"^\s*(?:\[[\w.\-]+\]|[\w\-\"]+\s*=)", meaningful[0]):
        return "toml"
    if any(re.match(r"^\s+(?:-\s+)?[\w\-]+\s*:\s*\S", ln) for ln in meaningful):
        return "yaml"  # nested mappings ("  - name: Sophie") need a real YAML parser
    return "txt"


def _parse_yaml(text: str, origin: str) -> Any:
    import yaml  # lazy: most notes are pasted text

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise NotesError(
            f"The {origin} are not valid YAML{where}: {getattr(exc, 'problem', None) or exc}."
        ) from None


def _parse_json(text: str, origin: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotesError(
            f"The {origin} are not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise NotesError(f"The {origin} nest too deeply to be interview notes.") from None


def _parse_toml(text: str, origin: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NotesError(f"The {origin} are not valid TOML: {exc}.") from None


def _parse_key_values(text: str, origin: str) -> dict[str, Any]:
    """'Key: value' lines; '- item' lines under a key make a list; other lines continue a value."""
    data: dict[str, Any] = {}
    current: str | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key_match = _KEY_LINE.match(line) if not line[:1].isspace() else None
        bullet = _BULLET.match(line)
        if key_match and not bullet:
            current = key_match["key"].strip()
            value = (key_match["value"] or "").strip()
            if current in data:
                previous = data[current]
                data[current] = [*(previous if isinstance(previous, list) else [previous]), value]
            else:
                data[current] = value if value else []
        elif current is None:
            raise NotesError(
                f"The {origin} should start with 'Key: value' lines such as "
                f"'{EXAMPLE_LINES['candidate']}'; the first line is {line.strip()[:60]!r}. "
                "Run 'composer notes-template' for a skeleton."
            )
        elif bullet:
            previous = data[current]
            items = previous if isinstance(previous, list) else ([previous] if previous else [])
            data[current] = [*items, bullet["item"].strip()]
        else:
            previous = data[current]
            if isinstance(previous, list) and previous:
                previous[-1] = f"{previous[-1]} {line.strip()}"
            elif isinstance(previous, list):
                data[current] = line.strip()
            else:
                data[current] = f"{previous} {line.strip()}".strip()
    # A scalar field written as one list ("Learned:\n- a\n- b") is joined; list fields stay lists.
    return {
        k: (
            v[0]
            if isinstance(v, list) and len(v) == 1 and normalize_key(k) not in _LIST_KEYS
            else v
        )
        for k, v in data.items()
    }


_PARSERS = {"yaml": _parse_yaml, "json": _parse_json, "toml": _parse_toml, "txt": _parse_key_values}


def _unknown_key_warnings(data: dict[str, Any]) -> list[str]:
    warnings = []
    for key in data:
        canonical = normalize_key(key)
        if canonical in KNOWN_KEYS:
            continue
        guess = difflib.get_close_matches(canonical, sorted(KNOWN_KEYS), n=1, cutoff=0.7)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        warnings.append(f"Ignored unknown key '{key}'{hint}.")
    return warnings


def validate(data: dict[str, Any], origin: str = "notes") -> InterviewNotes:
    """Build InterviewNotes, turning pydantic's errors into one paragraph a person can act on."""
    try:
        return InterviewNotes.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(err) for err in exc.errors()]
        raise NotesError(f"The {origin} cannot be used: " + " ".join(problems)) from None
    except RecursionError:
        raise NotesError(f"The {origin} nest too deeply to be interview notes.") from None


def _describe(err: Any) -> str:
    loc = err["loc"]
    name = str(loc[0]) if loc else ""
    where = name + "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in loc[1:])
    example = EXAMPLE_LINES.get(name)
    fix = f" Add a line such as '{example}'." if example else ""
    kind = err["type"]
    message = str(err.get("msg", "")).removeprefix("Value error, ")
    if kind == "missing":
        return f"'{name}' is missing.{fix}"
    if kind == "string_too_short":
        return f"'{where}' is empty.{fix}"
    if kind == "too_short":
        return f"'{where}' needs at least one entry.{fix}"
    if kind == "too_long" or kind == "string_too_long":
        return f"'{where}' is too long ({message.lower()})."
    if kind == "enum":
        return f"'{where}' must be {err['ctx']['expected']} (got {err['input']!r})."
    if not loc:
        return f"{message[:1].upper()}{message[1:]}."
    if kind in ("value_error", "assertion_error"):
        return f"'{where}': {message}."
    return f"'{where}' has the wrong form ({message.lower()}).{fix}"


def load_notes(path_or_text: str | Path) -> InterviewNotes:
    """Public API: notes from a file path, or from notes text itself."""
    if isinstance(path_or_text, Path):
        return read_notes_file(path_or_text).notes
    looks_like_path = "\n" not in path_or_text and len(path_or_text) < 4096
    if looks_like_path and Path(path_or_text).is_file():
        return read_notes_file(Path(path_or_text)).notes
    return parse_notes(path_or_text).notes
