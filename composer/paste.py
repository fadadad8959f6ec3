"""Read pasted `Key: value` notes the way people copy them from notes apps, emails and Word:
bulleted or indented key lines, capital keys, bold keys, tab-separated tables, quoted replies."""

from __future__ import annotations

import json
import re
from typing import Any

from composer.models import InterviewNotes, as_list, normalize_key, split_people
from composer.structured import RepeatedKeyError

KNOWN_KEYS = frozenset(InterviewNotes.model_fields)
LIST_KEYS = frozenset({"interviewers", "topics", "highlights"})
# Free-text fields that may be written on several lines or keys: the pieces are joined.
JOINED_KEYS = frozenset({"learned", "reaffirmed", "signature"})

_KEY_CHARS = r"[A-Za-z][A-Za-z0-9 _\-/'\u2019()]{0,40}?"
_KEY_LINE = re.compile(rf"^(?P<key>{_KEY_CHARS})\s*:(?:\s+(?P<value>.*)|\s*)$")
# Forms read only when the key is one composer knows: 'Role:Paralegal', 'Role<TAB>Paralegal'
# (a two-column table copied from Word or a spreadsheet).
_TIGHT_KEY = re.compile(rf"^(?P<key>{_KEY_CHARS})\s*(?::|\t+)\s*(?P<value>.*)$")
_BULLET = re.compile(
    r"^\s*(?:[-*+\u2022\u25e6\u2023\u2043\u25aa\u25cf\u00b7\u2013\u2014\u2219\uf0b7\uf0a7\u00a7]"
    r"|o(?=\t)|\d+[.)]|[a-z][.)](?=\s))\s+(?P<item>.*)$"
)
# '**Candidate:** Jordan' and '__Role__: Paralegal' from Markdown notes apps.
_EMPHASIS = re.compile(
    r"^(?P<lead>\s*(?:[-*+\u2022]\s+)?)(?P<em>\*\*|__)(?P<key>[^*_:\n]{1,40}?)"
    r"(?P<c1>:?)\s*(?P=em)(?P<c2>:?)"
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad"))
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}
_PREAMBLE_LINES = 3  # a title or a greeting above the notes, not a paragraph of prose


class PasteError(ValueError):
    """Text that is not `Key: value` notes; `problem` completes 'The notes ...'."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def clean(text: str) -> str:
    """Drop invisible characters Word and web pages leave behind, and the '> ' of a quoted
    email reply when every line carries it."""
    text = text.translate(_INVISIBLE)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith(">") for ln in lines):
        text = "\n".join(re.sub(r"^\s*(?:>\s?)+", "", ln) for ln in text.splitlines())
    return text


def parse_pasted(text: str, example: str) -> tuple[dict[str, Any], list[str]]:
    """'Key: value' lines; '- item' lines under a key make a list; other lines continue a value.

    Known keys are combined under one field, so 'Interviewer:' and 'Interviewers:' lines add
    to one list, and stored under the first spelling the user wrote (errors quote it); unknown
    keys keep their spelling for the warning. `example` is the key line to suggest.
    """
    reader = _Reader()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            reader.line(line, example)
    if reader.current is None and not reader.preamble:
        raise PasteError(
            "hold no fields, only comments. Run 'composer notes-template' for a skeleton"
        )
    if reader.current is None:
        raise _not_key_value(reader.preamble[0], example)
    return reader.result()


def _not_key_value(line: str, example: str) -> PasteError:
    return PasteError(
        f"should start with 'Key: value' lines such as '{example}'; the first line is "
        f"{line.strip()[:60]!r}. Run 'composer notes-template' for a skeleton"
    )


class _Reader:
    """The state of reading pasted notes line by line."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.spelled: dict[str, str] = {}  # field -> the key as first written
        self.current: str | None = None
        self.shape = (0, False)  # indentation and bullet of the current key's line
        self.collecting = False  # the current key takes the lines below it as items
        self.preamble: list[str] = []

    def line(self, line: str, example: str) -> None:
        line = _EMPHASIS.sub(_plain_key, line, count=1)
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        bullet = _BULLET.match(line)
        body = bullet["item"] if bullet else line.strip()
        key = _key_of(body)
        if key and self._starts_field(key[0], indent, bool(bullet)):
            self.shape = (indent, bool(bullet))
            self._key(*key)
        elif self.current is None:
            self.preamble.append(line)
            if len(self.preamble) > _PREAMBLE_LINES or len(line.strip()) > 80:
                raise _not_key_value(self.preamble[0], example)
        elif bullet:
            self._item(bullet["item"].strip())
        else:
            self._continue(line.strip())

    def _starts_field(self, written: str, indent: int, bullet: bool) -> bool:
        """A key line starts a field; an indented or bulleted one may be a value's line."""
        if self.current is None or (indent == 0 and not bullet):
            return True
        known = normalize_key(written) in KNOWN_KEYS
        same_shape = indent <= self.shape[0] and bullet == self.shape[1]
        return (known and (same_shape or not self.collecting)) or (
            same_shape and not self.collecting
        )

    def _key(self, written: str, raw: str) -> None:
        canonical = normalize_key(written)
        current = canonical if canonical in KNOWN_KEYS else written
        self.current = current
        self.spelled.setdefault(current, written)
        value: Any = unquote(raw.strip())
        self.collecting = not value
        if current in LIST_KEYS:
            value = items(current, value)
        elif not value:
            value = []  # filled by the bullets or lines below it, if any
        if current not in self.data:
            self.data[current] = value
        elif current in KNOWN_KEYS:
            previous = self._flat(current, self.data[current])
            self.data[current] = combine(current, previous, value, written)
        else:
            self.data[current] = value

    def _item(self, item: str) -> None:
        assert self.current is not None
        previous = self.data[self.current]
        if not isinstance(previous, list) or isinstance(previous, _Lines):  # 'Topics: a', '- b'
            text = self._flat(self.current, previous)
            previous = self.data[self.current] = [text] if text else []
        previous.append(unquote(item))  # in place: thousands of bullets stay linear
        self.collecting = True

    def _continue(self, text: str) -> None:
        assert self.current is not None
        previous = self.data[self.current]
        if isinstance(previous, _Lines):
            previous.append(text)
        elif isinstance(previous, list) and previous:  # the last item goes on
            last = previous[-1]
            if isinstance(last, _Lines):
                last.append(text)
            else:
                previous[-1] = _Lines([last, text])
        elif isinstance(previous, list) or not previous:
            self.data[self.current] = _Lines([text])
        else:
            self.data[self.current] = _Lines([previous, text])

    def _flat(self, key: str, value: Any) -> Any:
        """A value with its lines joined: a signature keeps its lines (name, then phone),
        other values are prose."""
        if isinstance(value, _Lines):
            return ("\n" if key == "signature" else " ").join(value).strip()
        if isinstance(value, list):
            return [self._flat(key, item) for item in value]
        return value

    def result(self) -> tuple[dict[str, Any], list[str]]:
        # A scalar field written as one list ("Learned:\n- a\n- b") is joined by the model; a
        # single item is the value itself, and a key with nothing under it is blank.
        out: dict[str, Any] = {}
        for key, value in self.data.items():
            value = self._flat(key, value)
            if isinstance(value, list) and key not in LIST_KEYS:
                value = [v for v in value if not blank(v)]
                value = value[0] if len(value) == 1 else (value or "")
            out[self.spelled.get(key, key)] = value
        warnings = []
        if self.preamble:
            lines = "; ".join(repr(ln.strip()[:60]) for ln in self.preamble)
            warnings.append(f"Skipped the line(s) before the first 'Key: value' line: {lines}.")
        return out, warnings


class _Lines(list[str]):
    """The lines of one value, joined once at the end (joining as they come is quadratic)."""


def _plain_key(match: re.Match[str]) -> str:
    if not (match["c1"] or match["c2"]):
        return match.group()  # bold text, not a bold key
    return f"{match['lead']}{match['key'].strip()}:"


def _key_of(body: str) -> tuple[str, str] | None:
    """(key as written, value) when `body` is a key line."""
    match = _KEY_LINE.match(body)
    if match:
        return match["key"].strip(), match["value"] or ""
    tight = _TIGHT_KEY.match(body)
    if tight and normalize_key(tight["key"]) in KNOWN_KEYS:
        return tight["key"].strip(), tight["value"]
    return None


def unquote(value: str) -> str:
    """'"Bramley Kent LLP"' and '“Bramley Kent LLP”' -> 'Bramley Kent LLP'."""
    if len(value) >= 2 and _QUOTES.get(value[0]) == value[-1]:
        inner = value[1:-1]
        if value[0] not in inner and value[-1] not in inner:
            return inner.strip()
    return value


def blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def items(key: str, value: Any) -> list[Any]:
    """A list field's value as items: 'A; B' and 'A\nB' are two interviewers or two topics."""
    if value is None:
        return []
    return split_people(value) if key == "interviewers" else as_list(value)


def combine(key: str, previous: Any, value: Any, written: str) -> Any:
    """Two values for one field: lists add up, prose joins, anything else must agree
    (RepeatedKeyError otherwise)."""
    if key in LIST_KEYS:
        return [*items(key, previous), *items(key, value)]
    if blank(previous):
        return value
    if blank(value) or value == previous:
        return previous
    if key in JOINED_KEYS:
        both = [v if isinstance(v, list) else [v] for v in (previous, value)]
        return [*both[0], *both[1]]
    raise RepeatedKeyError(written, previous, value)


def short(value: Any) -> str:
    """A value quoted for a message, cut at 40 characters."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return repr(text if len(text) <= 40 else text[:37] + "...")
