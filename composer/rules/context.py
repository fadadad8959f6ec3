"""Context: the message says which role and which employer it is about, and no other."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from composer import text as tx
from composer.models import InterviewNotes, Kind, Severity
from composer.rules import lists
from composer.rules.base import Context, Example, Hit, memo, rule
from composer.rules.examples import OPEN, SIGN, THANKS
from composer.rules.patterns import Pattern, phrases

_APPLICATION_WORDS = phrases(
    *lists.lines("context", "application words"),
    *(f"{title}{plural}" for title in lists.words("context", "job titles") for plural in ("", "s")),
)


_LEGAL_SUFFIX = Pattern(r"[\s,]*\b(?:llp|ltd|limited|plc|inc|llc|gmbh|corp|co)\.?$", re.I)


def _first_of_each(hits: Iterator[Hit]) -> Iterator[Hit]:
    """The first place the message names the role, and the first it names the employer."""
    seen: set[str] = set()
    for hit in hits:
        if hit.message not in seen:
            seen.add(hit.message)
            yield hit


def _named(ctx: Context) -> Iterator[Hit]:
    """Where the message names the role or the employer, the subject first."""
    for text, in_subject in ((ctx.subject, True), (ctx.body, False)):
        if not text:
            continue
        if ctx.notes is None:
            for match in _APPLICATION_WORDS.finditer(text):
                yield Hit("the application", match.start(), match.end(), in_subject=in_subject)
            continue
        names = memo(ctx.notes, "names", _names)
        for match in names.company.finditer(text):
            yield Hit("the employer", match.start(), match.end(), in_subject=in_subject)
        for match in names.role.finditer(text):
            yield Hit("the role", match.start(), match.end(), in_subject=in_subject)
        if in_subject or names.role_stems & ctx.body_stems:  # the body's stems: computed once
            for match in tx.WORD.finditer(text):
                if len(match.group()) > 3 and tx.stem(match.group()) in names.role_stems:
                    yield Hit("the role", match.start(), match.end(), in_subject=in_subject)


@dataclass(frozen=True)
class _Names:
    """How a message may name the role and employer in the notes, worked out once per notes."""

    company: re.Pattern[str]  # 'Bramley Kent LLP', 'Bramley Kent', and 'Bramley' as written
    role: re.Pattern[str]  # synonyms ('training contract') and initials ('RVN')
    role_stems: frozenset[str]


def _names(notes: InterviewNotes) -> _Names:
    company = _LEGAL_SUFFIX.sub("", notes.company).strip()
    words = company.split()
    phrases_ = [company] + [
        " ".join(words[:n])
        for n in range(len(words) - 1, 1, -1)
        if words[n - 1] != "&" and words[n - 1].lower() not in _ORG_WORDS
    ]
    first = words[0] if words else ""
    if first.lower() in _COMMON_FIRST and len(words) > 1:
        first = words[1]
    branches = [
        "(?i:" + r"\s+".join(re.escape(w) for w in phrase.split()) + ")"
        for phrase in dict.fromkeys(p for p in phrases_ if p)
    ]
    if len(first) >= 4 and first[0].isupper() and first.lower() not in _COMMON_FIRST:
        branches.append(re.escape(first))  # as written: 'Riverside', not 'riverside'
    role = notes.role.lower()
    synonyms = [
        alias
        for line in lists.lines("context", "role synonyms")
        for key, _, aliases in [line.partition(":")]
        if re.search(rf"\b{re.escape(key.strip())}\b", role)
        for alias in (a.strip() for a in aliases.split(","))
        if alias
    ]
    role_branches = ["(?i:" + r"\s+".join(re.escape(w) for w in s.split()) + ")" for s in synonyms]
    initials = "".join(w[0] for w in tx.words(notes.role) if w[0].isupper())
    if len(initials) >= 2:
        role_branches.append(re.escape(initials))  # 'RVN' for Registered Veterinary Nurse
    return _Names(
        company=re.compile(rf"(?<![\w])(?:{'|'.join(branches) or '(?!)'})(?![\w])"),
        role=re.compile(rf"(?<![\w])(?:{'|'.join(role_branches) or '(?!)'})(?![\w])"),
        role_stems=frozenset(tx.content_stems(notes.role)),
    )


_COMMON_FIRST = lists.words("context", "common first words")


@rule(
    code="CTX001",
    name="role-not-named",
    severity=Severity.ERROR,
    source=(
        "Common practice for emails: an interviewer sees many candidates for many roles; say "
        "which one you are."
    ),
    instruction=(
        "Name the role (and the organisation) so the reader knows which application this is."
    ),
    hint="Mention the role by name, e.g. 'the Paralegal role at Bramley Kent LLP'.",
    good=[
        f"{OPEN}Thank you for the interview for the Paralegal role. I am keen.{SIGN}",
        Example(
            f"Subject: Thank you - Paralegal interview\n\n{OPEN}Thank you for your time on "
            f"Thursday. I am keen.{SIGN}",
            why="The subject line names the role, and the reader sees it first.",
        ),
        Example(
            f"{OPEN}Thank you for Thursday. I am very keen to join Bramley Kent.{SIGN}",
            why="'Bramley Kent' is how people name Bramley Kent LLP.",
        ),
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}Thank you for your time. I am keen.{SIGN}",
        Example(
            "Dear Sophie,\n\nThank you for your time on Thursday. I particularly valued learning "
            "that junior staff attend client meetings from their first month, and I am very keen "
            "to hear more.\n\nKind regards,\nJordan Ellis",
            Kind.THANK_YOU,
            whole=True,
            why="Names the role and firm vs. 'our meeting' with no hint of which application.",
        ),
    ],
    evidence=lambda ctx: _first_of_each(_named(ctx)),
)
def role_not_named(ctx: Context) -> Iterator[Hit]:
    """Interviewers see many candidates for many roles; say which one you are. The subject
    line counts (the reader sees it first), and so do the names people use: the firm's
    short name ('Hartwell & Crane' for 'Hartwell & Crane Solicitors'), a synonym of the role
    ('training contract' for Trainee Solicitor) or its initials ('RVN').
    """
    if ctx.notes is not None and memo(ctx.notes, "names", _names).role_stems & ctx.body_stems:
        return  # the body names the role: the quick answer for most messages
    if next(_named(ctx), None) is None:
        if ctx.notes is None:
            yield Hit("the message never says which role or interview it is about")
        else:
            yield Hit(f"name the role ('{ctx.notes.role}') or '{ctx.notes.company}'")


# Where a follow-up names the employer it writes to: 'the Analyst role at X', 'joining X'.
# The anchor words are found with str.find (a fast scan) and the name matched right after;
# an alternation of nouns tried at every position cost ten times as much.
_ANCHORS = (" at", " with", "join", "joining", " for")
_NAME = Pattern(
    r"\s+(?P<name>(?:the[ \t]+)?[A-Z][\w&'\u2019\-]*"
    r"(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'\u2019\-]*){0,4})"
)
_SLOT_BEFORE = Pattern(
    r"(?:(?:role|position|post|job|vacancy|opportunit(?:y|ies)|team|interview|internship|career|"
    r"future|place)s?\s+(?:at|with)|join|joining|work(?:ing)?\s+(?:at|for)|"
    # 'train at OtherFirm' names where the writer means to work, as 'work at' does
    r"(?:train|intern|qualify|start|begin)(?:ing|ed)?\s+(?:my\s+(?:career|training)\s+)?at)$"
)


def _employer_slots(body: str, lower: str) -> list[re.Match[str]]:
    """Capitalised names right after 'role at', 'joining', 'work for' and the like."""
    found: dict[int, re.Match[str]] = {}
    for anchor in _ANCHORS:
        at = lower.find(anchor)
        while at >= 0:
            end = at + len(anchor)
            match = _NAME.pattern.match(body, end)
            if match and _SLOT_BEFORE.pattern.search(lower, max(0, end - 30), end):
                found.setdefault(match.start("name"), match)
            at = lower.find(anchor, end)
    return [found[k] for k in sorted(found)]


def _right_employer(ctx: Context) -> Iterator[Hit]:
    """Where the message names the employer it writes to, and it is the one in the notes."""
    if ctx.notes is None:
        return
    known = memo(ctx.notes, "employer-words", _employer_words)
    for match in _employer_slots(ctx.body, ctx.lower):
        name = re.sub(r"^the\s+", "", match["name"])
        if any(tx.fold(w) in known for w in tx.words(name) if tx.fold(w) not in _ORG_WORDS):
            yield Hit("the employer you interviewed with", match.start("name"), match.end("name"))


@rule(
    code="CTX002",
    name="another-employer",
    severity=Severity.ERROR,
    source=(
        "Common practice for emails: a letter that names another employer ends the application on"
        " the spot."
    ),
    supersedes=["GRND001"],
    instruction="Name only the organisation you interviewed with, as your notes spell it.",
    hint="Write the organisation's name from your notes; this one is someone else.",
    good=[
        f"{OPEN}Thank you for the interview for the Paralegal role at Bramley Kent LLP. "
        f"I am very keen to join Bramley Kent.{SIGN}",
        Example(
            THANKS.replace("to join you.", "to join you after my last job at Harcourt Lane LLP."),
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}Thank you for the interview for the Paralegal role at Harcourt Lane LLP. "
        f"I am very keen to join the team.{SIGN}",
        Example(
            f"{OPEN}Thank you for the interview for the Paralegal role. I would like to train at "
            f"Harcourt Lane in September.{SIGN}",
            why="'train at' another firm names where the writer means to work, as 'work at' does.",
        ),
        Example(
            THANKS.replace("Bramley Kent LLP", "Harcourt Lane LLP"),
            Kind.THANK_YOU,
            whole=True,
            why=(
                "The firm in the notes vs. a letter reused from another application ('role at "
                "Harcourt Lane LLP'); a former employer named elsewhere ('my last job at ...') is"
                " fine."
            ),
        ),
    ],
    evidence=_right_employer,
)
def another_employer(ctx: Context) -> Iterator[Hit]:
    """A letter reused from another application, or a model that mixed up its context, thanks
    the wrong employer: the one mistake that ends an application on the spot. Checked only
    where a message names the employer it writes to ('the role at X', 'joining X'), so a
    former employer mentioned elsewhere is fine.
    """
    if ctx.notes is None or not any(w in ctx.lower for w in (" at ", " with ", "join", "work")):
        return
    known = memo(ctx.notes, "employer-words", _employer_words)
    for match in _employer_slots(ctx.body, ctx.lower):
        before = ctx.lower[max(0, match.start() - 24) : match.start()]
        if _FORMER.pattern.search(before) and not _AHEAD.pattern.search(before):
            continue  # 'my last job at Initech' is where the candidate worked before
        name = re.sub(r"^the\s+", "", match["name"])
        words = [tx.fold(w) for w in tx.words(name) if tx.fold(w) not in _ORG_WORDS]
        if not words or any(w in known for w in words):
            continue
        if words[0] in _NOT_A_NAME:
            continue  # 'joining Monday', 'work at Christmas'
        yield Hit(
            f"'{name}' is not {ctx.notes.company}: is this message for the right employer?",
            match.start("name"),
            match.end("name"),
        )


def _employer_words(notes: InterviewNotes) -> frozenset[str]:
    """Every word the notes use: any of them in the named employer means it is this one."""
    return frozenset(tx.fold(w) for w in tx.words(notes.model_dump_json()))


_ORG_WORDS = lists.words("context", "organisation words")
# 'to start my career at X' looks ahead, though it says 'my'.
_AHEAD = Pattern(r"\b(?:start|begin|build|train)(?:ing)?\s+my\s+(?:career|training)\s+at\s*$")
_FORMER = Pattern(r"\b(?:my|previous|former|current|last|earlier|prior|present)\b[^.!?\n]*$")
_NOT_A_NAME = lists.words("context", "not a name")
