"""Pydantic contracts: interview notes in; drafts, findings and reports out."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from composer import dates
from composer.kinds import Channel, Kind, Outcome, Severity, Source, Tone
from composer.names import proper_case

__all__ = [
    "ComposeResult",
    "Draft",
    "Finding",
    "InterviewNotes",
    "Kind",
    "Message",
    "Outcome",
    "Person",
    "Report",
    "Severity",
    "Source",
    "Stats",
    "Tone",
]


# Keys people write for the same field; matched after normalize_key().
KEY_ALIASES: dict[str, str] = {
    "interviewer": "interviewers",
    "interviewed_by": "interviewers",
    "name": "candidate",
    "my_name": "candidate",
    "candidate_name": "candidate",
    "organisation": "company",
    "organization": "company",
    "employer": "company",
    "firm": "company",
    "position": "role",
    "job": "role",
    "job_title": "role",
    "title": "role",
    "invited": "invited_by",
    "invitation_from": "invited_by",
    "recipient": "invited_by",
    "date": "interview_date",
    "interviewed_on": "interview_date",
    "interview": "interview_date",
    "date_of_interview": "interview_date",
    "interview_day": "interview_date",
    "decision": "decision_by",
    "decision_date": "decision_by",
    "decision_expected": "decision_by",
    "expect_decision": "decision_by",
    "hear_back_by": "decision_by",
    "decision_expected_by": "decision_by",
    "expected_decision": "decision_by",
    "hear_back": "decision_by",
    "topic": "topics",
    "discussed": "topics",
    "learnt": "learned",
    "learning": "learned",
    "reaffirmed_by": "reaffirmed",
    "highlight": "highlights",
    "result": "outcome",
    "status": "outcome",
    "sign_off": "signature",
    "signoff": "signature",
}

# Line breaks of every kind: a name, a role or a subject is one line (YAML notes or a model can
# put a break in one, which would start a line of its own: a fake 'Bcc:' header).
_LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")


def one_line(value: str) -> str:
    """The text with every line break (and the spaces around it) as one space; linear in the
    text's length (a pattern with a leading \\s* is quadratic on a run of spaces)."""
    if not _LINE_BREAK.search(value):
        return value
    return " ".join(part.strip() for part in _LINE_BREAK.split(value) if part.strip())


_HONORIFICS = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame")
_EMAIL = re.compile(r"<?\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*>?")


def normalize_key(key: object) -> str:
    """'Interview date', 'interview-date' and 'INTERVIEW_DATE' are all 'interview_date';
    'Interviewer(s)' is 'interviewers'."""
    text = str(key).strip().lower().replace("(s)", "s").replace("\u2019", "'")
    canonical = re.sub(r"[\s\-]+", "_", text).strip("_")
    return KEY_ALIASES.get(canonical, canonical)


class Person(BaseModel):
    """Someone the candidate met; the title and email are optional."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=120)
    title: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_person(value)
        if isinstance(value, dict):
            keys = {"role": "title", "position": "title", "e_mail": "email", "mail": "email"}
            return {
                keys.get(k, k): v
                for k, v in (
                    (re.sub(r"[\s\-]+", "_", str(k).strip().lower()), v) for k, v in value.items()
                )
            }
        return value

    @field_validator("name")
    @classmethod
    def _cased(cls, value: str) -> str:
        return proper_case(one_line(value))  # 'sarah jones' -> 'Sarah Jones'; 'McAllister' kept

    @property
    def honorific(self) -> str | None:
        first = self.name.split()[0].rstrip(".").lower()
        return self.name.split()[0] if first in _HONORIFICS and len(self.name.split()) > 1 else None

    @property
    def plain_name(self) -> str:
        """The name without an honorific: 'Dr. Amal Shah' -> 'Amal Shah'."""
        return self.name.split(maxsplit=1)[1] if self.honorific else self.name

    @property
    def first_name(self) -> str:
        """'Sophie' for 'Sophie Turner' and 'Dr. Amal Shah'; 'Mrs Patel' when that is all we have,
        since 'Hi Patel' would be rude."""
        parts = self.name.split()
        if self.honorific:
            return parts[1] if len(parts) > 2 else f"{parts[0]} {parts[1]}"
        return parts[0]

    @property
    def last_name(self) -> str:
        return self.name.split()[-1]

    def greeting_name(self, tone: Tone) -> str:
        """'Ms Turner' when an honorific was given for a formal note, else the first name."""
        if self.honorific and tone is Tone.FORMAL:
            return f"{self.honorific} {self.last_name}"
        return self.first_name


def parse_person(text: str) -> dict[str, str | None]:
    """'Sophie Turner, Senior Associate <sophie@bk.com>' -> name, title, email."""
    if len(text) > 1000:  # far past any name: let validation refuse it, before any regex runs
        return {"name": text, "title": None, "email": None}
    email = None
    match = _EMAIL.search(text)
    if match:
        email = match.group(1)
        text = (text[: match.start()] + text[match.end() :]).strip(" ,;-()")
    name, _, title = (part.strip(" ,") for part in text.partition(","))
    if not title and " - " in name:
        name, _, title = (part.strip() for part in name.partition(" - "))
    if not title:
        paren = re.match(r"^(.*?)\s*\((.+)\)\s*$", name)
        if paren:
            name, title = paren.group(1), paren.group(2)
    return {"name": name, "title": title or None, "email": email}


_JOINED = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_CLAUSE_START = re.compile(r"^(?:and|or|but|which|who|with|including|especially|such|as)\b", re.I)


def split_people(value: Any) -> list[Any]:
    """People from one text: one per line or ';', and 'Ms Shah and Mr Jones' is two people."""
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, str):
        return list(value) if isinstance(value, list | tuple) else [value]
    people: list[Any] = []
    for part in (p.strip() for p in re.split(r"\s*;\s*|\n", value)):
        names = _JOINED.split(part) if "," not in part and "<" not in part else [part]
        if len(names) > 1 and all(0 < len(n.split()) <= 4 for n in names):
            people.extend(names)
        elif part:
            people.extend(_comma_people(part))
    return people


# Words that make the text after a comma a job title ('Sophie Turner, Senior Associate'), not
# a second person ('Tom Reilly (Head of Analytics), Priya Shah').
_TITLE_WORDS = frozenset(
    """head lead leader manager director partner associate senior junior principal chief officer
    recruiter recruitment recruiting talent hr human resources engineer developer analyst
    solicitor counsel lawyer barrister paralegal consultant specialist coordinator
    co-ordinator advisor adviser executive president vp ceo cto cfo coo founder co-founder owner
    supervisor team scientist designer architect administrator assistant professor lecturer
    editor producer acquisition people operations product marketing sales finance legal
    technical staff member fellow intern trainee of for at the global regional deputy""".split()
)


def _comma_people(part: str) -> list[str]:
    """'A (title), B and C' is three people; 'A, Senior Associate' is one person and a title."""
    if "," not in part or "<" in part:
        return [part]
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    if pieces and pieces[-1].lower().startswith("and "):
        pieces[-1] = pieces[-1][4:].strip()
    pieces = [n.strip() for p in pieces for n in _JOINED.split(p)]

    def titled(piece: str) -> bool:
        bare = re.sub(r"\(.*?\)", " ", piece)
        return any(w.strip(".").lower() in _TITLE_WORDS for w in bare.split())

    def named(piece: str) -> bool:
        bare = re.sub(r"\s*\(.*?\)\s*$", "", piece).strip()
        return 0 < len(bare.split()) <= 4 and not titled(bare)

    if len(pieces) > 1 and all(named(p) for p in pieces):
        return pieces
    return [part]


def as_list(value: Any) -> list[Any]:
    """Items from a list, from lines ('- item'), or from one line split at ';' or at commas.

    Commas split only when every piece is a short phrase that does not start a clause, so
    'the move from SAS to Python, and what it means' stays one topic.
    """
    if value is None:
        return []
    if not isinstance(value, str):
        return list(value) if isinstance(value, list | tuple) else [value]
    parts = [line.strip().lstrip("-*• ").strip() for line in value.splitlines()]
    parts = [p for p in parts if p]
    if len(parts) != 1:
        return parts
    line = parts[0]
    if ";" in line:
        return [p.strip() for p in line.split(";") if p.strip()]
    pieces = [p.strip() for p in line.split(",")]
    if len(pieces) > 2 and pieces[-1].lower().startswith("and "):
        pieces[-1] = pieces[-1][4:].strip()  # 'a, b, and c'
    if len(pieces) > 1 and all(
        p and len(p.split()) <= 8 and not _CLAUSE_START.match(p) for p in pieces
    ):
        return pieces
    return parts


# One topic or highlight: a phrase, not a document.
Phrase = Annotated[str, Field(max_length=1000)]


class InterviewNotes(BaseModel):
    """What the candidate remembers of one interview: the contract every draft is built from."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    candidate: str = Field(min_length=1, max_length=120)
    company: str = Field(min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=200)
    interviewers: list[Person] = Field(min_length=1, max_length=20)
    invited_by: Person | None = None
    interview_date: date
    decision_by: date | None = None
    topics: list[Phrase] = Field(default_factory=list, max_length=30)
    learned: str | None = Field(default=None, max_length=1000)
    reaffirmed: str | None = Field(default=None, max_length=1000)
    highlights: list[Phrase] = Field(default_factory=list, max_length=30)
    outcome: Outcome = Outcome.PENDING
    tone: Tone = Tone.FORMAL
    signature: str | None = Field(default=None, max_length=500)

    @model_validator(mode="before")
    @classmethod
    def _normalize_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.setdefault(normalize_key(key), value)
        for key in ("learned", "reaffirmed", "signature", "candidate", "company", "role"):
            if isinstance(out.get(key), list):
                out[key] = (
                    "; ".join(str(v) for v in out[key])
                    if key != "signature"
                    else ("\n".join(str(v) for v in out[key]))
                )
        # Blank optional values ("Learned:" with nothing after it) mean "not given".
        required = ("candidate", "company", "role", "interviewers", "interview_date")
        return {
            k: v
            for k, v in out.items()
            if k in required or not (v is None or (isinstance(v, str) and not v.strip()))
        }

    @field_validator("candidate", "company", "role")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return one_line(value)

    @field_validator("candidate")
    @classmethod
    def _candidate_cased(cls, value: str) -> str:
        return proper_case(value)

    @field_validator("signature")
    @classmethod
    def _signature_cased(cls, value: str | None) -> str | None:
        """The name line of a signature in proper case; a phone or address line as typed."""
        if not value:
            return value
        first, newline, rest = value.partition("\n")
        if re.fullmatch(r"[^\W\d_][\w .'\u2019-]*", first.strip()):
            first = proper_case(first)
        return first + newline + rest

    @field_validator("interviewers", mode="before")
    @classmethod
    def _people(cls, value: Any) -> list[Any]:
        return split_people(value)

    @field_validator("topics", "highlights", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> list[Any]:
        items = as_list(value)
        if any(isinstance(item, dict | list) for item in items):
            raise ValueError("expected a list of short phrases, one per line")
        return [str(item) for item in items]

    @field_validator("interview_date", mode="before")
    @classmethod
    def _interview_date(cls, value: Any) -> date:
        return dates.parse_date(value)

    @field_validator("decision_by", mode="before")
    @classmethod
    def _decision(cls, value: Any, info: ValidationInfo) -> date | None:
        if value is None or value == "":
            return None
        interview = info.data.get("interview_date")
        if interview is None:
            # The interview date is missing or wrong, and that is the error to report: a
            # decision such as '2 weeks' is fine, only one that reads as nothing is wrong too.
            if dates.readable_decision(value):
                return None
            return dates.resolve_decision(value, dates.FIRST_PLANNABLE)
        return dates.resolve_decision(value, interview)

    @field_validator("outcome", "tone", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _defaults(self) -> InterviewNotes:
        if self.decision_by and self.decision_by < self.interview_date:
            # A custom error (no 'Value error,' prefix); notes.validate names the keys as written.
            raise PydanticCustomError(
                "decision_before_interview",
                "the decision ({decision}) is before the interview ({interview}); check both dates",
                {
                    "decision": f"{self.decision_by.day} {self.decision_by:%B %Y}",
                    "interview": f"{self.interview_date.day} {self.interview_date:%B %Y}",
                },
            )
        if self.invited_by is None:
            self.invited_by = self.interviewers[0]
        else:
            self.invited_by = self._known_person(self.invited_by)
        if not self.signature:
            self.signature = self.candidate
        return self

    def _known_person(self, person: Person) -> Person:
        """Let 'Invited by: Sophie' point at the interviewer 'Sophie Turner, Senior Associate'."""
        wanted = {person.name.lower(), person.plain_name.lower()}
        for known in self.interviewers:
            names = {known.name, known.plain_name, known.first_name, known.last_name}
            if wanted & {n.lower() for n in names}:
                return known.model_copy(
                    update={k: v for k, v in person.model_dump().items() if v and k != "name"}
                )
        return person

    @property
    def recipient(self) -> Person:
        """Whoever invited the candidate: every follow-up goes to them."""
        assert self.invited_by is not None  # set by the after-validator
        return self.invited_by

    @property
    def signature_name(self) -> str:
        """The name line of the signature (a signature may carry a phone number below it)."""
        return (self.signature or self.candidate).strip().splitlines()[0]

    @property
    def specifics(self) -> list[str]:
        """Everything concrete the candidate noted, for the specific-learning rule."""
        found = [self.learned, self.reaffirmed, *self.topics, *self.highlights]
        return [item for item in found if item]

    @property
    def people(self) -> list[Person]:
        everyone = [self.recipient, *self.interviewers]
        return [p for i, p in enumerate(everyone) if p.name not in {q.name for q in everyone[:i]}]


class Finding(BaseModel):
    """One place where a draft breaks a rule."""

    code: str
    rule: str
    severity: Severity
    message: str
    start: int | None = None
    end: int | None = None


class Stats(BaseModel):
    words: int
    sentences: int


class Report(BaseModel):
    """The checker's verdict on one message; `passed` means no error-level finding."""

    kind: Kind
    passed: bool
    findings: list[Finding]
    stats: Stats

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


class Message(BaseModel):
    subject: str = ""
    body: str

    @field_validator("subject")
    @classmethod
    def _subject_line(cls, value: str) -> str:
        return one_line(value)  # a header is one line, in the .txt and in the .eml

    @property
    def text(self) -> str:
        """The message as a person reads it; report spans index into this."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body


class Usage(BaseModel):
    """Tokens a model call used, as the endpoint reported them (cached: prefix-cache hits)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cached_tokens: int | None = None

    def __add__(self, other: Usage) -> Usage:
        cached = (
            None
            if self.cached_tokens is None and other.cached_tokens is None
            else (self.cached_tokens or 0) + (other.cached_tokens or 0)
        )
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            cached_tokens=cached,
        )


class ModelReply(BaseModel):
    """One model answer as it was exchanged: the messages sent, the text received, the draft
    parsed from it. The contract between a model client and the drafting service."""

    messages: list[dict[str, str]]
    raw: str
    subject: str
    body: str
    usage: Usage = Field(default_factory=Usage)
    model: str
    response_format: str = Field(description="json_schema, json_object or text: what was used")


class Attempt(BaseModel):
    """One model call on the way to a draft, as it happened: the messages sent, the raw answer,
    the draft parsed from it, what the checker said, and any mechanical fixes applied."""

    source: Source
    passed: bool = False
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
    usage: Usage = Field(default_factory=Usage)
    seconds: float = 0.0
    messages: list[dict[str, str]] = Field(default_factory=list)
    raw: str | None = None
    subject: str | None = None
    body: str | None = None
    response_format: str | None = None
    fixes: list[str] = Field(default_factory=list)


class Draft(BaseModel):
    """A checked message and its provenance: source, model, tokens, attempts, fallback reason."""

    kind: Kind
    subject: str
    body: str
    source: Source
    report: Report
    channel: Channel = Channel.EMAIL
    model: str | None = None
    usage: Usage = Field(default_factory=Usage)
    attempts: list[Attempt] = Field(default_factory=list)
    fallback_reason: str | None = None
    history_id: int | None = Field(
        default=None, description="this version's id in the history ('composer sent ID')"
    )

    @field_validator("subject")
    @classmethod
    def _subject_line(cls, value: str) -> str:
        return one_line(value)  # a header is one line, in the .txt and in the .eml

    @property
    def message(self) -> Message:
        return Message(subject=self.subject, body=self.body)


class ComposeResult(BaseModel):
    """Everything `composer draft` produces: the JSON output is this model's dump."""

    drafts: list[Draft]
    warnings: list[str] = Field(default_factory=list)
    nothing_to_send: str | None = Field(
        default=None,
        description="Why no draft was written when none was asked for by kind (after an "
        "offer, once the thank-you's moment has passed)",
    )
