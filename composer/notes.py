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
from composer.files import read_limited
from composer.models import InterviewNotes, as_list, normalize_key, split_people

MAX_NOTES_BYTES = 1_000_000
KNOWN_KEYS = frozenset(InterviewNotes.model_fields)
_LIST_KEYS = frozenset({"interviewers", "topics", "highlights"})
# Free-text fields that may be written on several lines or keys: the pieces are joined.
_JOINED_KEYS = frozenset({"learned", "reaffirmed", "signature"})
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
    source_text: str | None = None  # what the user gave, kept in the history as typed


def _label(origin: str) -> str:
    """'the notes', 'the notes on standard input', or 'the notes in notes.txt'."""
    return f"the {origin}" if origin.startswith("notes") else f"the notes in {origin}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def read_notes_file(path: Path) -> LoadedNotes:
    """Read a notes file; its extension picks the format, anything else is sniffed."""
    if path.is_file() and path.stat().st_size > MAX_NOTES_BYTES:
        raise NotesError(
            f"{path} is {path.stat().st_size:,} bytes; interview notes over 1 MB are refused. "
            "Keep only the notes for this one interview."
        )
    raw = read_limited(path, MAX_NOTES_BYTES, "notes", NotesError)
    return parse_notes(
        decode(raw, str(path)), fmt=path.suffix.lower().lstrip("."), origin=str(path)
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
    """Parse notes text in the given format ('yaml', 'json', 'toml', 'txt') or a sniffed one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise NotesError(
            f"{_cap(_label(origin))} are empty. Run 'composer notes-template' for a skeleton."
        )
    fmt = {"yml": "yaml", "md": "txt", "text": "txt", "": None}.get(fmt or "", fmt)
    if fmt in ("yaml", "json", "toml", "txt"):
        data = _PARSERS[fmt](text, origin)
    else:
        data = _parse_sniffed(text, origin)
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
    data, warnings = _merge_keys(data, origin)
    notes = validate(data, origin)
    if notes.interview_date > date.today():
        day = notes.interview_date
        warnings.append(
            f"The interview date {day.day} {day:%B %Y} is in the future; "
            "if that is a typo, fix 'Interview date' in your notes."
        )
    return LoadedNotes(notes=notes, warnings=warnings, origin=origin, source_text=text)


def _parse_sniffed(text: str, origin: str) -> Any:
    """Standard input has no extension: guess the format; plain YAML falls back to pasted text."""
    fmt = _sniff(text)
    if fmt != "yaml":
        return _PARSERS[fmt](text, origin)
    try:
        return _parse_yaml(text, origin)
    except NotesError as yaml_error:
        try:
            return _parse_key_values(text, origin)
        except NotesError:
            raise yaml_error from None


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


_YAML_LOADER: Any = None


def _yaml_loader() -> Any:
    """A safe loader that keeps dates as text (composer reads them itself, with clear errors)
    and refuses aliases, which notes never need and which can expand without bound."""
    global _YAML_LOADER
    if _YAML_LOADER is None:
        import yaml

        class Loader(yaml.SafeLoader):
            def compose_node(self, parent: Any, index: Any) -> Any:
                if self.check_event(yaml.AliasEvent):
                    event = self.peek_event()
                    raise yaml.composer.ComposerError(
                        None, None, "aliases (*name) are not allowed in notes", event.start_mark
                    )
                return super().compose_node(parent, index)

        Loader.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if not tag.endswith(":timestamp")]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        _YAML_LOADER = Loader
    return _YAML_LOADER


def _parse_yaml(text: str, origin: str) -> Any:
    import yaml  # lazy: most notes are pasted text

    try:
        return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise NotesError(
            f"{_cap(_label(origin))} are not valid YAML{where}: "
            f"{getattr(exc, 'problem', None) or exc}."
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise NotesError(f"{_cap(_label(origin))} are not valid YAML: {exc}.") from None
    except RecursionError:
        raise NotesError(f"{_cap(_label(origin))} nest too deeply to be interview notes.") from None


def _parse_json(text: str, origin: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotesError(
            f"{_cap(_label(origin))} are not valid JSON "
            f"(line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise NotesError(f"{_cap(_label(origin))} nest too deeply to be interview notes.") from None


def _parse_toml(text: str, origin: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NotesError(f"{_cap(_label(origin))} are not valid TOML: {exc}.") from None


def _parse_key_values(text: str, origin: str) -> dict[str, Any]:
    """'Key: value' lines; '- item' lines under a key make a list; other lines continue a value.

    Known keys are stored under their canonical name, so 'Interviewer:' and 'Interviewers:'
    lines add to one list; unknown keys keep their spelling for the warning.
    """
    data: dict[str, Any] = {}
    current: str | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key_match = _KEY_LINE.match(line) if not line[:1].isspace() else None
        bullet = _BULLET.match(line)
        if key_match and not bullet:
            written = key_match["key"].strip()
            canonical = normalize_key(written)
            current = canonical if canonical in KNOWN_KEYS else written
            value: Any = _unquote((key_match["value"] or "").strip())
            if current in _LIST_KEYS:
                value = _items(current, value)
            elif not value:
                value = []  # filled by the bullets or lines below it, if any
            if current not in data:
                data[current] = value
            elif current in KNOWN_KEYS:
                data[current] = _combine(current, data[current], value, written, origin)
            else:
                data[current] = value
        elif current is None:
            raise NotesError(
                f"{_cap(_label(origin))} should start with 'Key: value' lines such as "
                f"'{EXAMPLE_LINES['candidate']}'; the first line is {line.strip()[:60]!r}. "
                "Run 'composer notes-template' for a skeleton."
            )
        elif bullet:
            previous = data[current]
            items = previous if isinstance(previous, list) else ([previous] if previous else [])
            data[current] = [*items, bullet["item"].strip()]
        else:
            # A signature keeps its lines (name, then phone); other values are prose.
            glue = "\n" if current == "signature" else " "
            previous = data[current]
            if isinstance(previous, list) and previous:
                previous[-1] = f"{previous[-1]}{glue}{line.strip()}"
            elif isinstance(previous, list):
                data[current] = line.strip()
            else:
                data[current] = f"{previous}{glue}{line.strip()}".strip()
    # A scalar field written as one list ("Learned:\n- a\n- b") is joined by the model; a
    # single item is the value itself, and a key with nothing under it is blank (not given).
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list) and key not in _LIST_KEYS:
            value = [v for v in value if not _blank(v)]
            value = value[0] if len(value) == 1 else (value or "")
        out[key] = value
    return out


def _unquote(value: str) -> str:
    """'"Bramley Kent LLP"' -> 'Bramley Kent LLP' (YAML habits in pasted text)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        if value[0] not in inner:
            return inner.strip()
    return value


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _items(key: str, value: Any) -> list[Any]:
    """A list field's value as items: 'A; B' and 'A\nB' are two interviewers or two topics."""
    if value is None:
        return []
    return split_people(value) if key == "interviewers" else as_list(value)


def _combine(key: str, previous: Any, value: Any, written: str, origin: str) -> Any:
    """Two values for one field: lists add up, prose joins, anything else must agree."""
    if key in _LIST_KEYS:
        return [*_items(key, previous), *_items(key, value)]
    if _blank(previous):
        return value
    if _blank(value) or value == previous:
        return previous
    if key in _JOINED_KEYS:
        as_list = [v if isinstance(v, list) else [v] for v in (previous, value)]
        return [*as_list[0], *as_list[1]]
    raise NotesError(
        f"{_cap(_label(origin))} give '{written}' twice ({_short(previous)} and "
        f"{_short(value)}); keep the one that is right and delete the other."
    )


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return repr(text if len(text) <= 40 else text[:37] + "...")


_PARSERS = {"yaml": _parse_yaml, "json": _parse_json, "toml": _parse_toml, "txt": _parse_key_values}


def _merge_keys(data: dict[Any, Any], origin: str) -> tuple[dict[str, Any], list[str]]:
    """Canonical keys for the model; unknown keys become warnings (with a guess), and two
    spellings of one field ('interviewer' and 'Interviewers') are merged, never dropped."""
    merged: dict[str, Any] = {}
    written: dict[str, str] = {}
    warnings = []
    for key, value in data.items():
        canonical = normalize_key(key)
        if canonical not in KNOWN_KEYS:
            guess = difflib.get_close_matches(canonical, sorted(KNOWN_KEYS), n=1, cutoff=0.7)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            warnings.append(f"Ignored unknown key '{key}'{hint}.")
            continue
        if canonical in merged:
            merged[canonical] = _combine(canonical, merged[canonical], value, str(key), origin)
        else:
            merged[canonical], written[canonical] = value, str(key)
    return merged, warnings


def validate(data: dict[str, Any], origin: str = "notes") -> InterviewNotes:
    """Build InterviewNotes, turning pydantic's errors into one paragraph a person can act on."""
    try:
        return InterviewNotes.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(err) for err in exc.errors()]
        raise NotesError(f"{_cap(_label(origin))} cannot be used: " + " ".join(problems)) from None
    except RecursionError:
        raise NotesError(f"{_cap(_label(origin))} nest too deeply to be interview notes.") from None


def _describe(err: Any) -> str:
    loc = err["loc"]
    name = str(loc[0]) if loc else ""
    where = name + "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in loc[1:])
    example = EXAMPLE_LINES.get(name)
    fix = f" Add a line such as '{example}'." if example else ""
    kind = err["type"]
    message = str(err.get("msg", "")).removeprefix("Value error, ")
    if kind == "missing":
        return f"'{where}' is missing.{fix}"
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
            return f"'{field_name[1]}'{field_name[2]}."
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
    if looks_like_path and (Path(path_or_text).exists() or _FILE_LIKE.search(path_or_text)):
        return read_notes_file(Path(path_or_text)).notes  # a missing file says so
    return parse_notes(path_or_text).notes
