"""Read interview notes from YAML, JSON, TOML or pasted `Key: value` text."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from composer import paste, structured
from composer.errors import NotesError
from composer.files import read_limited
from composer.models import InterviewNotes, normalize_key
from composer.paste import KNOWN_KEYS
from composer.structured import RepeatedKeyError, StructuredError

__all__ = ["KNOWN_KEYS", "LoadedNotes", "decode", "load_notes", "parse_notes", "validate"]

MAX_NOTES_BYTES = 1_000_000
MAX_NAME_BYTES = 255  # the longest file name most file systems allow (NAME_MAX)
MAX_PATH_BYTES = 4095
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


# The key to name when the user wrote none: the one the notes template shows.
DEFAULT_LABELS = {name: line.split(":", 1)[0] for name, line in EXAMPLE_LINES.items()}


@dataclass
class LoadedNotes:
    """Notes and what the user should hear about them (ignored keys, odd dates)."""

    notes: InterviewNotes
    warnings: list[str] = field(default_factory=list)
    origin: str = "notes"
    source_text: str | None = None  # what the user gave, kept in the history as typed


def _label(origin: str) -> str:
    """'the notes', 'the notes on standard input', or 'the notes in notes.txt'."""
    return f"the {origin}" if origin.startswith("notes") else f"the notes in {origin}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def read_notes_file(path: Path) -> LoadedNotes:
    """Read a notes file; its extension picks the format, anything else is sniffed."""
    _check_path(path)
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        size = 0  # read_limited says what is wrong with the path
    if size > MAX_NOTES_BYTES:
        raise NotesError(
            f"{path} is {size:,} bytes; interview notes over 1 MB are refused. "
            "Keep only the notes for this one interview."
        )
    raw = read_limited(path, MAX_NOTES_BYTES, "notes", NotesError)
    return parse_notes(
        decode(raw, str(path)), fmt=path.suffix.lower().lstrip("."), origin=str(path)
    )


def _check_path(path: Path) -> None:
    """A path no file system can hold is a clear error, not an OSError from deep inside."""
    longest = max(path.parts, key=lambda part: len(os.fsencode(part)), default="")
    shown = str(path) if len(str(path)) <= 60 else str(path)[:57] + "..."
    if len(os.fsencode(longest)) > MAX_NAME_BYTES:
        raise NotesError(
            f"{shown}: a file or folder name in this path is {len(longest):,} characters long, "
            f"and file names can be at most {MAX_NAME_BYTES}. Check the path, or pipe the notes "
            "in with '-'."
        )
    if len(os.fsencode(str(path))) > MAX_PATH_BYTES:
        raise NotesError(
            f"{shown}: this path is {len(str(path)):,} characters long, more than the "
            f"{MAX_PATH_BYTES + 1:,} a path can have. Check the path, or pipe the notes in "
            "with '-'."
        )


def decode(raw: bytes, origin: str) -> str:
    """Bytes to text, refusing binary files and non-UTF-8 text with a clear message.

    `origin` is a file name or 'notes on standard input'; messages lead with it as written.
    """
    if len(raw) > MAX_NOTES_BYTES:
        raise NotesError(f"{origin}: over 1 MB, far more than interview notes; it is refused.")
    if b"\x00" in raw:
        raise NotesError(f"{origin}: this looks like a binary file, not text; give a text file.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotesError(
            f"{origin}: this is not UTF-8 text (byte {exc.start + 1} cannot be read); "
            "save it as UTF-8 and try again."
        ) from None


def parse_notes(text: str, fmt: str | None = None, origin: str = "notes") -> LoadedNotes:
    """Parse notes text in the given format ('yaml', 'json', 'toml', 'txt') or a sniffed one.

    Pasted text (no format, or 'txt') is read both as `Key: value` notes and, when it looks
    like YAML, as YAML: the first reading that gives usable notes wins, and a reading that
    could not even be parsed is blamed only when no reading could.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise NotesError(
            f"{_cap(_label(origin))} are empty. Run 'composer notes-template' for a skeleton."
        )
    fmt = {"yml": "yaml", "md": "txt", "text": "txt", "": None}.get(fmt or "", fmt)
    if fmt in structured.FORMATS:
        return _build(_structured(text, fmt, origin), [], origin, text, fmt)
    pasted = paste.clean(text)
    sniffed = _sniff(pasted)
    if fmt == "txt":  # a .txt file is pasted notes, or YAML saved with the wrong extension
        order = ["txt", "yaml"] if sniffed == "yaml" else ["txt"]
        sniffed = "txt"
    else:
        order = [sniffed, "txt"] if sniffed != "txt" else ["txt"]
    # Which error to report when no reading gives usable notes: what the pasted text lacks
    # as 'Key: value' notes, unless it is JSON or TOML (whose own mistake is the one to fix).
    structural = sniffed in ("json", "toml")
    unusable: list[NotesError] = []  # read, but not usable notes
    unreadable: list[NotesError] = []  # could not be read in this format at all
    for reading in order:
        try:
            if reading == "txt":
                data, warnings = _pasted(pasted, origin)
            else:
                data, warnings = _structured(pasted, reading, origin), []
                if reading == "yaml" and not isinstance(data, dict):
                    continue  # a line of prose is valid YAML too
        except _TooDeep:
            raise  # an attack or a runaway file, whatever else the text might read as
        except NotesError as exc:
            if reading == sniffed and sniffed == "yaml" and _only_yaml(pasted):
                raise  # read as 'Key: value' lines, a YAML list of mappings is garbage
            read = isinstance(exc, _RepeatedKey) or (structural and reading == sniffed)
            (unusable if read else unreadable).append(exc)
            continue
        try:
            return _build(data, warnings, origin, text, reading)
        except NotesError as exc:
            unusable.append(exc)
    raise (unusable or unreadable)[0]


_LIST_OF_MAPPINGS = re.compile(r"^( *)- +[\w\-\"']+ *:(?: .*)?\n\1  +[\w\-\"']+ *:", re.MULTILINE)
_BLOCK_TEXT = re.compile(r"^[\w\- \"']+: *[|>][-+]? *$", re.MULTILINE)


def _only_yaml(text: str) -> bool:
    """Forms only YAML reads: a list of mappings ('- name: ...' then '  title: ...') or block
    text ('signature: |'); a YAML mistake in such text is reported as one."""
    return bool(_LIST_OF_MAPPINGS.search(text) or _BLOCK_TEXT.search(text))


def _pasted(text: str, origin: str) -> tuple[dict[str, Any], list[str]]:
    try:
        return paste.parse_pasted(text, EXAMPLE_LINES["candidate"])
    except paste.PasteError as exc:
        raise NotesError(f"{_cap(_label(origin))} {exc.problem}.") from None
    except RepeatedKeyError as exc:
        raise _repeated(exc, origin) from None


def _structured(text: str, fmt: str, origin: str) -> Any:
    try:
        return structured.loads(text, fmt, repeats_at_top=True)
    except RepeatedKeyError as exc:
        raise _repeated(exc, origin) from None
    except StructuredError as exc:
        if exc.problem.startswith("nested"):
            raise _TooDeep(
                f"{_cap(_label(origin))} are {exc.problem}; interview notes need at most 3 "
                "(the notes, a list of interviewers, each with a name and title)."
            ) from None
        raise NotesError(f"{_cap(_label(origin))} are {exc.problem}.") from None


class _TooDeep(NotesError):
    """Notes nested far deeper than notes go: reported as such, never read another way."""


class _RepeatedKey(NotesError):
    """A key given twice: the text was read, and what it says is the problem."""


def _repeated(exc: RepeatedKeyError, origin: str) -> _RepeatedKey:
    """The same message whatever the format: text, YAML, JSON and TOML notes alike."""
    values = ""
    if exc.first is not None and exc.second is not None:
        values = f" ({paste.short(exc.first)} and {paste.short(exc.second)})"
    where = f" (line {exc.line})" if exc.line else ""
    return _RepeatedKey(
        f"{_cap(_label(origin))} give '{exc.key}' twice{values}{where}; keep the one that is "
        "right and delete the other."
    )


def _build(data: Any, warnings: list[str], origin: str, text: str, fmt: str) -> LoadedNotes:
    """Notes from parsed data: keys merged, fields validated, odd things said as warnings."""
    if data is None:
        raise NotesError(
            f"{_cap(_label(origin))} hold no fields, only comments. "
            "Run 'composer notes-template' for a skeleton."
        )
    if not isinstance(data, dict):
        kind = {list: "list", str: "single line of text", bool: "yes/no value"}.get(
            type(data), "number" if isinstance(data, int | float) else type(data).__name__
        )
        raise NotesError(
            f"{_cap(_label(origin))} should be a set of fields (Candidate, Company, Role, ...), "
            f"not a {kind}. Run 'composer notes-template' for a skeleton."
        )
    try:
        merged, keys = _merge_keys(data, snake=fmt in structured.FORMATS)
    except RepeatedKeyError as exc:
        raise _repeated(exc, origin) from None
    notes = validate(merged, origin, keys)
    warnings = [*warnings, *keys.warnings]
    if notes.interview_date > date.today():
        day = notes.interview_date
        warnings.append(
            f"The interview date {day.day} {day:%B %Y} is in the future; "
            f"if that is a typo, fix '{keys.label('interview_date')}' in your notes."
        )
    return LoadedNotes(notes=notes, warnings=warnings, origin=origin, source_text=text)


def _sniff(text: str) -> str:
    first = text.lstrip()[:1]
    if first in "{[":
        return "json"
    meaningful = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if meaningful and re.match(r"^\s*(?:\[[\w.\-]+\]|[\w\-\"]+\s*=)", meaningful[0]):
        return "toml"
    if any(re.match(r"^\s+(?:-\s+)?[\w\-]+\s*:\s*\S", ln) for ln in meaningful):
        return "yaml"  # nested mappings ("  - name: Sophie") need a real YAML parser
    if any(re.match(r"^[\w\- ]+:\s*(?:\[.*\]|\{.*\}|[|>][-+]?)\s*$", ln) for ln in meaningful):
        return "yaml"  # flow lists ("topics: [a, b]") and block text ("signature: |")
    return "txt"


@dataclass
class Keys:
    """The keys as the user wrote them, so messages name what they typed, not field names."""

    written: dict[str, str] = field(default_factory=dict)  # field -> key as written
    unknown: dict[str, str] = field(default_factory=dict)  # likely field -> unknown key
    warnings: list[str] = field(default_factory=list)
    snake: bool = False  # YAML, JSON and TOML keys are written interview_date

    def label(self, name: str) -> str:
        """'Interview date' as written; else as the template writes it, in the user's style."""
        if name in self.written:
            return self.written[name]
        default = DEFAULT_LABELS.get(name, name)
        keys = list(self.written.values()) + list(self.unknown.values())
        if any("_" in key for key in keys) or (self.snake and not any(" " in k for k in keys)):
            return name
        if keys and all(key == key.lower() for key in keys):
            return default.lower()
        return default

    def guess(self, name: str, written: str) -> str:
        """A field named for a suggestion: 'interviewers', or 'interview_date' to a YAML user."""
        return name if "_" in written else name.replace("_", " ")


def _merge_keys(data: dict[Any, Any], snake: bool = False) -> tuple[dict[str, Any], Keys]:
    """Canonical keys for the model; unknown keys become warnings (with a guess), and a key
    given twice, or two spellings of one field ('interviewer' and 'Interviewers'), are
    combined the way pasted text combines them: lists add up, anything else must agree."""
    merged: dict[str, Any] = {}
    keys = Keys(snake=snake)
    pairs = data.pairs if isinstance(data, structured.Mapping) else list(data.items())
    for key, value in pairs:
        canonical = normalize_key(key)
        if canonical not in KNOWN_KEYS:
            guess = difflib.get_close_matches(canonical, sorted(KNOWN_KEYS), n=1, cutoff=0.7)
            hint = ""
            if guess:
                keys.unknown.setdefault(guess[0], str(key))
                hint = f" (did you mean '{keys.guess(guess[0], str(key))}'?)"
            if not any(w.startswith(f"Ignored unknown key '{key}'") for w in keys.warnings):
                keys.warnings.append(f"Ignored unknown key '{key}'{hint}.")
            continue
        if canonical in merged:
            merged[canonical] = paste.combine(canonical, merged[canonical], value, str(key))
        else:
            merged[canonical], keys.written[canonical] = value, str(key)
    return merged, keys


def validate(
    data: dict[str, Any], origin: str = "notes", keys: Keys | None = None
) -> InterviewNotes:
    """Build InterviewNotes, turning pydantic's errors into one paragraph a person can act on."""
    try:
        return InterviewNotes.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(err, keys or Keys()) for err in exc.errors()]
        raise NotesError(f"{_cap(_label(origin))} cannot be used: " + " ".join(problems)) from None
    except RecursionError:
        raise NotesError(f"{_cap(_label(origin))} nest too deeply to be interview notes.") from None


def _describe(err: Any, keys: Keys) -> str:
    """One problem, naming the key as the user wrote it."""
    loc = err["loc"]
    name = str(loc[0]) if loc else ""
    head = keys.label(name) if name in KNOWN_KEYS else name
    where = head + "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in loc[1:])
    example = EXAMPLE_LINES.get(name)
    fix = f" Add a line such as '{example}'." if example else ""
    kind = err["type"]
    message = re.sub(r"^(?:Value error|Assertion failed), ", "", str(err.get("msg", "")))
    if kind == "missing":
        if len(loc) == 1 and name in keys.unknown:
            typed = keys.unknown[name]
            return (
                f"'{keys.guess(name, typed)}' is missing: the notes have '{typed}', which "
                f"composer does not know (did you mean '{keys.guess(name, typed)}'?).{fix}"
            )
        return f"'{where}' is missing.{fix}"
    if kind == "decision_before_interview":
        return (
            f"'{keys.label('decision_by')}' ({err['ctx']['decision']}) is before the "
            f"interview date ({err['ctx']['interview']}); check both dates."
        )
    if kind == "string_too_short":
        return f"'{where}' is empty.{fix}"
    if kind == "too_short":
        return f"'{where}' needs at least one entry.{fix}"
    if kind == "too_long" or kind == "string_too_long":
        return f"'{where}' is too long ({message.lower()})."
    if kind == "enum":
        return f"'{where}' must be {err['ctx']['expected']} (got {err['input']!r})."
    if kind == "extra_forbidden" and len(loc) > 1:
        return (
            f"'{where}' is not something composer reads about a person; "
            "give only name, title and email."
        )
    if not loc:
        field_name = re.match(r"^(\w+)\b(.*)$", message, re.DOTALL)
        if field_name and field_name[1] in KNOWN_KEYS:
            return f"'{keys.label(field_name[1])}'{field_name[2]}."
        return f"{_cap(message)}."
    if kind in ("value_error", "assertion_error"):
        return f"'{where}': {message}."
    return f"'{where}' has the wrong form ({message.lower()}).{fix}"


_FILE_LIKE = re.compile(r"\.(?:txt|text|md|ya?ml|json|toml)$", re.IGNORECASE)


def load_notes(path_or_text: str | Path) -> InterviewNotes:
    """Public API: notes from a file path, or from notes text itself."""
    if isinstance(path_or_text, Path):
        return read_notes_file(path_or_text).notes
    looks_like_path = "\n" not in path_or_text and len(path_or_text) < 4096
    if looks_like_path and (_exists(path_or_text) or _FILE_LIKE.search(path_or_text)):
        return read_notes_file(Path(path_or_text)).notes  # a missing file says so
    return parse_notes(path_or_text).notes


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except (OSError, ValueError):  # a name too long for the file system is not a file
        return False
