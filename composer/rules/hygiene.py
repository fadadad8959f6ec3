"""Hygiene: nothing left unfilled, names spelled as in the notes, a short subject line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import InterviewNotes, Severity
from composer.rules.base import Context, Hit, rule

_BODY = (
    "Dear Sophie,\n\nThank you for Thursday; I am keen on the role.\n\nKind regards,\nJordan Ellis"
)

_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{1,60}\]"  # [Name], [Company]
    r"|\{\{?[^}\n]{1,60}\}?\}"  # {company}, {{ role }}
    r"|<(?![\w.+'-]+@)[A-Za-z][A-Za-z _'\-]{0,40}>"  # <role>, but not <sophie@firm.com>
    r"|\bX{2,}\b|\bTBD\b|\bTODO\b|\bTBC\b|\bINSERT\b|lorem ipsum|_{3,}"
    r"|\b(?:Your|Company|Interviewer(?:'s)?|Hiring Manager's|Recruiter's|Job|Position|Role)"
    r" (?:Name|Title)\b"
)


@rule(
    code="HYG001",
    name="placeholder",
    severity=Severity.ERROR,
    instruction="Leave no placeholders such as [Name], {{company}} or XX: write the real words.",
    hint="Replace the placeholder with the real name, date or detail from your notes.",
    good=[_BODY],
    bad=[_BODY.replace("Sophie", "[Interviewer Name]"), _BODY.replace("Thursday", "XX/XX")],
)
def placeholder(ctx: Context) -> Iterator[Hit]:
    """A left-over '[Name]' tells the reader they received a template.

    Good: 'Dear Sophie,'. Bad: 'Dear [Interviewer Name],' or 'on XX November'.
    """
    for match in _PLACEHOLDER.finditer(ctx.body):
        yield Hit(
            f"'{match.group()}' looks like an unfilled placeholder", match.start(), match.end()
        )
    for match in _PLACEHOLDER.finditer(ctx.subject):
        yield Hit(
            f"'{match.group()}' in the subject looks like an unfilled placeholder",
            match.start(),
            match.end(),
            in_subject=True,
        )


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps, giving up past `limit` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _name_tokens(notes: InterviewNotes) -> set[str]:
    names = [notes.candidate, notes.signature_name, notes.company] + [p.name for p in notes.people]
    return {w for n in names for w in tx.words(n) if len(w) >= 4}


@rule(
    code="HYG002",
    name="misspelled-name",
    severity=Severity.ERROR,
    instruction="Spell every name and the organisation exactly as in your notes.",
    hint="Copy the name exactly as it appears in your notes.",
    good=[_BODY],
    bad=[_BODY.replace("Sophie", "Sofie"), _BODY.replace("Jordan Ellis", "Jordan Elis")],
)
def misspelled_name(ctx: Context) -> Iterator[Hit]:
    """A misspelled name is the first thing its owner notices. Compares each capitalised word
    with the names in the notes: one letter off (two for long names), same first letter.

    Good (notes: Sophie Turner): 'Dear Sophie,'. Bad: 'Dear Sofie,'.
    """
    if ctx.notes is None:
        return
    names = _name_tokens(ctx.notes)
    lowered = {n.lower() for n in names}
    for span in ctx.word_spans:
        word = re.sub(r"['\u2019]s$", "", span.text)
        if len(word) < 4 or not word[0].isupper() or word.lower() in lowered:
            continue
        for name in names:
            if name[0].lower() != word[0].lower() or word.rstrip("s").lower() == name.lower():
                continue
            limit = 1 if len(name) <= 5 else 2
            if _distance(word.lower(), name.lower(), limit) <= limit:
                yield Hit(
                    f"'{word}' looks like a misspelling of '{name}'",
                    span.start,
                    span.start + len(word),
                )
                break


@rule(
    code="SUBJ001",
    name="no-subject",
    severity=Severity.WARNING,
    instruction="Give the email a short subject line that names the role.",
    hint="Add a first line 'Subject: Thank you - <the role> interview'.",
    good=["Subject: Thank you - Paralegal interview\n\n" + _BODY],
    bad=[_BODY],
)
def no_subject(ctx: Context) -> Iterator[Hit]:
    """An email without a subject is easy to miss and hard to find again.

    Good: 'Subject: Thank you - Paralegal interview'. Bad: no subject line at all.
    """
    if not ctx.subject.strip():
        yield Hit("no subject line (write 'Subject: ...' as the first line)")


@rule(
    code="SUBJ002",
    name="long-subject",
    severity=Severity.WARNING,
    instruction="Keep the subject line under {subject_max_chars} characters.",
    hint="Shorten the subject to the role and the purpose, e.g. 'Thank you - Paralegal interview'.",
    good=["Subject: Thank you - Paralegal interview\n\n" + _BODY],
    bad=[
        "Subject: " + "Thank you so much for taking the time to interview me " * 3 + "\n\n" + _BODY
    ],
)
def long_subject(ctx: Context) -> Iterator[Hit]:
    """Mail apps cut subjects at about 60-80 characters; the point must come first and fit.

    Good: 'Thank you - Paralegal interview'. Bad: a 150-character sentence as the subject.
    """
    limit = ctx.settings.subject_max_chars
    if len(ctx.subject) > limit:
        yield Hit(
            f"the subject is {len(ctx.subject)} characters; keep it under {limit}",
            limit,
            len(ctx.subject),
            in_subject=True,
        )
