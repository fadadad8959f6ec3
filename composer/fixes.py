"""Mechanical fixes a model draft gets before another model call: what the notes settle.

Each fix is a pure function `(message, notes) -> Fix | None`: the new message and a one-line
description, `"NAME: what changed"` (NAME is the short label the draft's provenance line
shows, e.g. 'llm-fixed: placeholder, greeting'). A fix uses only values from the notes and
never invents one: a placeholder the notes cannot fill stays, and the draft still fails.

    fixed = apply(message, notes)      # every fix, in order; fixed.fixes lists what changed
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from composer.kinds import Kind, Tone
from composer.models import Draft, InterviewNotes, Message, Source
from composer.phrasing.roles import organisation, role_name
from composer.rules import REGISTRY, Context
from composer.rules.hygiene import find_placeholders
from composer.settings import RuleSettings

__all__ = [
    "FIXES",
    "KIND_FIXES",
    "Fix",
    "Fixed",
    "applied",
    "apply",
    "fix_name",
    "greeting",
    "missing_greeting",
    "missing_sign_off",
    "missing_thanks",
    "placeholders",
    "presumption",
    "second_greeting",
    "sign_off",
    "signature",
]

# The greeting, sign-off and signature rules apply to every kind alike: any kind parses them.
_KIND = Kind.THANK_YOU
_SETTINGS = RuleSettings()


class Fix(NamedTuple):
    """One fix applied: the message after it, and what changed ('greeting: ... -> ...')."""

    message: Message
    description: str


class Fixed(NamedTuple):
    """A message after every fix that applied, and each fix's description, in order."""

    message: Message
    fixes: list[str]


def fix_name(description: str) -> str:
    """The fix's short label: 'greeting' for "greeting: 'Dear Sarah,' -> 'Dear Sophie,'"."""
    return description.partition(":")[0].strip()


def applied(draft: Draft) -> list[str]:
    """The fixes behind an llm-fixed draft: those of the model call whose fixed text it is."""
    if draft.source is not Source.LLM_FIXED:
        return []
    for attempt in reversed(draft.attempts):
        if attempt.fixes and (attempt.subject, attempt.body) == (draft.subject, draft.body):
            return list(attempt.fixes)
    return []


def _context(message: Message, notes: InterviewNotes) -> Context:
    return Context(message, _KIND, notes, _SETTINGS)


def _fails(code: str, ctx: Context) -> bool:
    return bool(REGISTRY[code].run(ctx))


def _quote(text: str) -> str:
    return "'" + re.sub(r"\s+", " ", text).strip() + "'"


# --- placeholders -------------------------------------------------------------------------------

# What a placeholder's label names, after _label() (lower case, no brackets, no 'your').
_CANDIDATE = frozenset({"candidate", "candidate name", "applicant", "applicant name", "my name"})
_NAMES = frozenset({"name", "full name", "first name", "last name", "surname"})
_RECIPIENT = frozenset(
    {
        "interviewer",
        "interviewer name",
        "interviewer full name",
        "interviewer first name",
        "name of interviewer",
        "hiring manager",
        "hiring manager name",
        "recipient",
        "recipient name",
        "contact name",
        "manager name",
    }
)
_COMPANY = frozenset(
    {
        "company",
        "company name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "firm",
        "firm name",
        "employer",
        "employer name",
        "name of company",
    }
)
_ROLE = frozenset(
    {
        "role",
        "role name",
        "role title",
        "position",
        "position name",
        "position title",
        "job",
        "job title",
        "job role",
        "job position",
    }
)
_DATE = frozenset({"date", "interview date", "date of interview", "date of the interview"})
_PHONE = frozenset(
    {"phone", "phone number", "telephone", "telephone number", "mobile", "mobile number"}
)
_EMAIL = frozenset({"email", "email address", "e-mail", "e-mail address"})
_DEADLINE = re.compile(r"\b(?:by|before|until)\s+$", re.IGNORECASE)
_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_PHONE_LINE = re.compile(r"^[+()\d][\d ()+.\-]{6,}$")
_EMAIL_LINE = re.compile(r"^[\w.+'-]+@[\w-]+(?:\.[\w-]+)+$")


def _label(placeholder: str) -> tuple[str, bool]:
    """'[Your Name]' -> ('name', True); "{{ interviewer_name }}" -> ('interviewer name', False)."""
    label = placeholder.strip("[]{}<>() \t").lower().replace("\u2019", "'")
    label = re.sub(r"'s\b", "", label)
    label = re.sub(r"[\s_\-]+", " ", label).strip()
    label = re.sub(r"^(?:insert|enter|add|fill in)\s+", "", label)
    label = re.sub(r"^(?:the|a)\s+", "", label)
    yours = label.startswith("your ")
    return label.removeprefix("your "), yours


def _date_text(notes: InterviewNotes, before: str) -> str | None:
    """The interview date ('12 November 2026'), or the decision date after 'by' or 'before'."""
    if _DEADLINE.search(before):
        day = notes.decision_by
        return f"{day.day} {day:%B %Y}" if day else None
    day = notes.interview_date
    return f"{day.day} {day:%B %Y}"


def _signature_line(notes: InterviewNotes, pattern: re.Pattern[str]) -> str | None:
    """A line of the notes' signature that looks like a phone number, or an email address."""
    lines = (notes.signature or "").splitlines()[1:]
    return next((line.strip() for line in lines if pattern.match(line.strip())), None)


def _value(label: str, yours: bool, where: str, before: str, notes: InterviewNotes) -> str | None:
    """What the notes put in a placeholder, by its label and where it stands (greeting,
    sign-off, or anywhere else); None when the notes cannot fill it."""
    recipient = notes.recipient
    if label in _NAMES and not yours and where == "greeting":
        if label == "first name":
            return recipient.first_name
        if label in {"last name", "surname"}:
            return recipient.last_name
        return recipient.greeting_name(notes.tone)
    if label in _CANDIDATE or (label in _NAMES and (yours or where == "sign-off")):
        if label == "first name":
            return notes.candidate.split()[0]
        if label in {"last name", "surname"}:
            return notes.candidate.split()[-1]
        return notes.signature_name if where == "sign-off" else notes.candidate
    if label in _RECIPIENT:
        if where == "greeting":
            return recipient.greeting_name(notes.tone)
        return recipient.first_name if "first" in label else recipient.name
    if label in _COMPANY:
        if _THE.search(before):  # 'at the [Company]': the article is already there
            return re.sub(r"^the\s+", "", notes.company, flags=re.IGNORECASE)
        return organisation(notes.company)
    if label in _ROLE:
        return role_name(notes.role)
    if label in _DATE:
        return _date_text(notes, before)
    if label in _PHONE:
        return _signature_line(notes, _PHONE_LINE)
    if label in _EMAIL:
        return _signature_line(notes, _EMAIL_LINE)
    return None


def _fill(text: str, notes: InterviewNotes, region: Callable[[int], str], done: list[str]) -> str:
    """`text` with each placeholder the notes fill replaced; `done` collects what was filled."""
    out = text
    for match in reversed(find_placeholders(text)):
        label, yours = _label(match.group())
        value = _value(label, yours, region(match.start()), text[: match.start()], notes)
        if value:
            out = out[: match.start()] + value + out[match.end() :]
            filled = f"{match.group()} -> {_quote(value)}"
            if filled not in done:
                done.insert(0, filled)  # matches come last first: keep the text's order
    return out


def placeholders(message: Message, notes: InterviewNotes) -> Fix | None:
    """'[Your Name]', '[Company]', '[Role]', '[Interviewer]', '[Date]'... filled from the notes:
    a name in the greeting is the reader's, in the sign-off the candidate's."""
    ctx = _context(message, notes)
    greet = ctx.greeting
    sign = (
        ctx.closing if ctx.closing is not None else (ctx.last_prose.end if ctx.last_prose else None)
    )

    def region(pos: int) -> str:
        if greet is not None and greet[0] <= pos < greet[0] + len(greet[1]):
            return "greeting"
        if sign is not None and pos >= sign:
            return "sign-off"
        return "body"

    in_subject: list[str] = []
    in_body: list[str] = []
    subject = _fill(message.subject, notes, lambda pos: "subject", in_subject)
    body = _fill(message.body, notes, region, in_body)
    done = list(dict.fromkeys(in_subject + in_body))
    if not done:
        return None
    return Fix(Message(subject=subject, body=body), f"placeholder: {', '.join(done)}")


# --- the sign-off on its own line ---------------------------------------------------------------


def sign_off(message: Message, notes: InterviewNotes) -> Fix | None:
    """'... for your time. Best regards, Jordan' -> the sign-off and the name on lines of their
    own: 'Best regards,' then 'Jordan'."""
    ctx = _context(message, notes)
    body, closing = message.body, ctx.closing
    if closing is None or not ctx.name_lines:
        return None
    line_end = body.find("\n", closing)
    line_end = len(body) if line_end < 0 else line_end
    segment = body[closing:line_end].strip()
    name = ctx.name_lines[0]
    if segment == name or not segment.endswith(name):
        return None  # the sign-off already stands alone, the name on the next line
    phrase = segment[: -len(name)].rstrip(" \t,.!\u2014-")
    if not phrase:
        return None
    head = body[:closing].rstrip()
    new = f"{head}\n\n" if head else ""
    new += f"{phrase},\n{name}{body[line_end:]}"
    return Fix(
        Message(subject=message.subject, body=new),
        f"sign-off: {_quote(phrase + ',')} on its own line",
    )


# --- the greeting -------------------------------------------------------------------------------


def greeting(message: Message, notes: InterviewNotes) -> Fix | None:
    """'Dear Hiring Manager,' or 'Dear Sarah,' (nobody in the notes) -> the greeting for the
    reader and the tone, as the offline templates write it ('Dear Sophie,', 'Hi Sophie,')."""
    from composer.templates import context as template_context

    ctx = _context(message, notes)
    if ctx.greeting is None or not (_fails("CRT002", ctx) or _fails("CRT003", ctx)):
        return None
    pos, old = ctx.greeting
    new = str(template_context(notes, _KIND)["greeting"])
    if old[-1:] not in ",:;!":
        new = new.rstrip(",")  # 'Dear Hiring Manager - thank you': keep what follows as it was
    body = message.body[:pos] + new + message.body[pos + len(old) :]
    return Fix(
        Message(subject=message.subject, body=body), f"greeting: {_quote(old)} -> {_quote(new)}"
    )


def second_greeting(message: Message, notes: InterviewNotes) -> Fix | None:
    """'Dear Joe,' then 'Hi Joe,' -> the one the tone calls for (the first, if neither is)."""
    from composer.templates import context as template_context

    ctx = _context(message, notes)
    second = ctx.second_greeting
    if second is None or ctx.greeting is None:
        return None
    wanted = str(template_context(notes, _KIND)["greeting"])
    drop_pos, dropped = ctx.greeting if second[1] == wanted else second
    start = message.body.rfind("\n", 0, drop_pos) + 1
    end = message.body.find("\n", drop_pos)
    end = len(message.body) if end < 0 else end + 1
    body = message.body[:start] + message.body[end:]
    return Fix(Message(subject=message.subject, body=body), f"greeting: removed {_quote(dropped)}")


def missing_greeting(message: Message, notes: InterviewNotes) -> Fix | None:
    """A body that starts straight in ('Thank you for ...') -> the reader's greeting first."""
    from composer.templates import context as template_context

    ctx = _context(message, notes)
    if ctx.greeting is not None or not _fails("CRT001", ctx) or not message.body.strip():
        return None
    new = str(template_context(notes, _KIND)["greeting"])
    body = f"{new}\n\n{message.body.lstrip()}"
    return Fix(Message(subject=message.subject, body=body), f"greeting: added {_quote(new)}")


def missing_sign_off(message: Message, notes: InterviewNotes) -> Fix | None:
    """A draft that ends on its last sentence, or on a bare name -> a sign-off line for the tone
    ('Kind regards,', 'Best wishes,') above the name; the signature fix then signs it."""
    ctx = _context(message, notes)
    if ctx.closing is not None or not _fails("CRT005", ctx):
        return None
    phrase = "Best wishes," if notes.tone is Tone.WARM else "Kind regards,"
    body = message.body.rstrip()
    names = ctx.name_lines
    at = body.rfind(names[0]) if names else -1
    if at > 0 and (ctx.last_prose is None or at >= ctx.last_prose.end):
        new = f"{body[:at].rstrip()}\n\n{phrase}\n{body[at:]}"
    else:
        new = f"{body}\n\n{phrase}"
    return Fix(Message(subject=message.subject, body=new), f"sign-off: added {_quote(phrase)}")


# --- the thanks -----------------------------------------------------------------------------------


def missing_thanks(message: Message, notes: InterviewNotes) -> Fix | None:
    """A thank-you that never thanks (CRT004) -> 'Thank you for meeting me to talk about the
    Data Analyst role at Northwind Health.' opening its first paragraph; the notes settle the
    role and the employer."""
    from composer.templates import context as template_context

    ctx = Context(message, Kind.THANK_YOU, notes, _SETTINGS)
    if ctx.greeting is None or not REGISTRY["CRT004"].run(ctx):
        return None
    values = template_context(notes, Kind.THANK_YOU)
    thanks = (
        f"Thank you for meeting me to talk about {values['role_phrase']} at {values['company']}."
    )
    pos, old = ctx.greeting
    rest = message.body[pos + len(old) :].lstrip()
    body = f"{message.body[: pos + len(old)]}\n\n{thanks} {rest}"
    return Fix(Message(subject=message.subject, body=body), f"thanks: added {_quote(thanks)}")


# --- a presumed job made a hope ------------------------------------------------------------------

# 'I am (really) looking forward to joining', 'and look forward to joining', 'I'm looking
# forward to being part of': the one presumption small models write, and one with a plain
# hopeful form. The subject is kept; the verb group becomes 'would love the chance to'.
_PRESUMED = re.compile(
    r"\b(?P<who>I(?:\s+am|['\u2019]m)?|and(?:\s+am)?)\s+"
    r"(?P<how>(?:really|very\s+much|so|truly|greatly)\s+)?"
    r"look(?:ing)?\s+forward\s+to\s+(?P<what>joining|being\s+part\s+of|becoming\s+part\s+of)\b"
)


# 'I am thrilled to join the company' -> 'I would be thrilled to join the company'.
_GLAD_TO_JOIN = re.compile(
    r"\bI(?:\s+am|['\u2019]m)\s+(?P<how>(?:really|so|absolutely|truly)\s+)?"
    r"(?P<glad>thrilled|excited|delighted)\s+to\s+join\b"
)


def presumption(message: Message, notes: InterviewNotes) -> Fix | None:
    """'I am looking forward to joining the team' -> 'I would love the chance to join the
    team', 'I am thrilled to join' -> 'I would be thrilled to join': a hope for the job, not
    the job taken for granted (PRES001)."""
    ctx = _context(message, notes)
    if not _fails("PRES001", ctx):
        return None
    done: list[str] = []

    def hope(match: re.Match[str]) -> str:
        who = match["who"]
        subject = "I" if who.startswith("I") else "and"
        how = "really " if match["how"] else ""
        what = "join" if match["what"] == "joining" else "be part of"
        new = f"{subject} would {how}love the chance to {what}"
        done.append(f"{_quote(match.group())} -> {_quote(new)}")
        return new

    def would_be(match: re.Match[str]) -> str:
        new = f"I would {match['how'] or ''}be {match['glad']} to join"
        done.append(f"{_quote(match.group())} -> {_quote(new)}")
        return new

    body = _GLAD_TO_JOIN.sub(would_be, _PRESUMED.sub(hope, message.body))
    if not done:
        return None
    return Fix(Message(subject=message.subject, body=body), f"presumption: {', '.join(done)}")


# --- the signature ------------------------------------------------------------------------------


def signature(message: Message, notes: InterviewNotes) -> Fix | None:
    """A draft signed with another name, or not at all, signed with the notes' signature."""
    ctx = _context(message, notes)
    if not _fails("CRT006", ctx):
        return None
    body = message.body
    start = (
        ctx.closing if ctx.closing is not None else (ctx.last_prose.end if ctx.last_prose else 0)
    )
    if ctx.name_lines:
        wrong = ctx.name_lines[0]
        at = body.find(wrong, start)
        if at >= 0:
            new = body[:at] + notes.signature_name + body[at + len(wrong) :]
            return Fix(
                Message(subject=message.subject, body=new),
                f"signature: {_quote(wrong)} -> {_quote(notes.signature_name)}",
            )
    # Not signed: the notes' whole signature goes on the line after the sign-off.
    signed = (notes.signature or notes.candidate).strip()
    if ctx.closing is not None:
        line_end = body.find("\n", ctx.closing)
        line_end = len(body) if line_end < 0 else line_end
        new = body[:line_end].rstrip() + "\n" + signed + body[line_end:]
    else:
        new = body.rstrip() + "\n" + signed
    return Fix(Message(subject=message.subject, body=new), f"signature: added {_quote(signed)}")


# Placeholders first ('Dear [Name],' is then a greeting to check), the sign-off next (so an
# inline 'Best, Sophie' has its name on a line of its own), then the greeting, a missing
# greeting or sign-off, and last the signature (which signs below the sign-off just added).
FIXES: tuple[Callable[[Message, InterviewNotes], Fix | None], ...] = (
    placeholders,
    sign_off,
    second_greeting,
    greeting,
    missing_greeting,
    missing_sign_off,
    presumption,
    signature,
)
# Fixes for one kind only, after the ones above.
KIND_FIXES: dict[Kind, tuple[Callable[[Message, InterviewNotes], Fix | None], ...]] = {
    Kind.THANK_YOU: (missing_thanks,),
}


def apply(message: Message, notes: InterviewNotes, kind: Kind | None = None) -> Fixed:
    """Every fix that applies (and the kind's own), in order, each to the message the one
    before it left."""
    fixes: list[str] = []
    for fix in (*FIXES, *KIND_FIXES.get(kind, ())) if kind else FIXES:
        result = fix(message, notes)
        if result is not None and result.message != message:
            message = result.message
            fixes.append(result.description)
    return Fixed(message, fixes)
