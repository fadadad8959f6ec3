"""The organisation and the role as a message names them, and a subject line that fits."""

from __future__ import annotations

import re

SUBJECT_LIMIT = 80  # the default of RuleSettings.subject_max_chars (SUBJ002)

# --- the organisation ---------------------------------------------------------------------

# A name ending in one of these is said with 'the': 'at the Crown Prosecution Service'.
_INSTITUTIONS = frozenset(
    """service agency authority council trust university college commission office department
    ministry institute institution society foundation library museum court tribunal ombudsman
    inspectorate executive board partnership""".split()
)


def organisation(company: str) -> str:
    """'Crown Prosecution Service' -> 'the Crown Prosecution Service', 'University of Leeds'
    -> 'the University of Leeds'; 'Bramley Kent LLP' and 'The Times' stay as written."""
    words = company.split()
    if not words or words[0].lower() == "the":
        return company
    of = len(words) > 2 and words[1].lower() == "of" and words[0].lower() in _INSTITUTIONS
    named = len(words) > 1 and (words[-1].lower() in _INSTITUTIONS or of)
    return f"the {company}" if named else company


# --- the role -------------------------------------------------------------------------------

ROLE_NOUNS = frozenset(
    """role position post job vacancy opening internship contract scheme programme program
    apprenticeship traineeship placement fellowship""".split()
)
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
_TRAILING_ASIDE = re.compile(r"\s*(\([^()]*\))\s*$")


def role_name(role: str) -> str:
    """The role without any parenthetical: 'Trainee Solicitor (September 2027 intake)' ->
    'Trainee Solicitor'; for every mention after the first, and for the subject."""
    name = re.sub(r"\s+", " ", _PARENTHETICAL.sub("", role)).strip(" ,-")
    return name or role.strip()


def role_aside(role: str) -> str:
    """The parenthetical the role ends with, '(September 2027 intake)', or ''."""
    match = _TRAILING_ASIDE.search(role)
    return match.group(1) if match and _TRAILING_ASIDE.sub("", role).strip() else ""


def role_phrase(role: str, *, first: bool = True) -> str:
    """'the Paralegal role', 'the Graduate Scheme position'; on first mention a parenthetical
    follows the noun ('the Trainee Solicitor role (September 2027 intake)'), later none."""
    aside = role_aside(role)
    written = re.sub(r"^the\s+", "", role.strip(), flags=re.IGNORECASE)
    base = role_name(written) if not first else _TRAILING_ASIDE.sub("", written).strip()
    base = base or written
    last = role_name(base).lower().split()[-1] if role_name(base).split() else ""
    noun = "" if last in ROLE_NOUNS else " role"
    return f"the {base}{noun}" + (f" {aside}" if first and aside else "")


_SEPARATORS = (" \u2013 ", " \u2014 ", " - ", ": ", ", ", " / ")
_DANGLING = frozenset("of and or for the a an in at to with & - \u2013 /".split())


def subject(
    purpose: str, role: str, *, role_first: bool = False, limit: int = SUBJECT_LIMIT
) -> str:
    """'Thank you - Trainee Solicitor' within `limit` characters: the role loses its
    parenthetical, then what follows its first separator, then words from the end; never
    a cut word, and never a dangling 'of' or '&'."""

    def line(name: str) -> str:
        if not name:
            return purpose
        return f"{name} - {purpose}" if role_first else f"{purpose} - {name}"

    name = role_name(role)
    if len(line(name)) <= limit:
        return line(name)
    for separator in _SEPARATORS:
        if separator in name:
            cut = name.split(separator)[0].strip()
            if cut and len(line(cut)) <= limit:
                return line(cut)
    words = name.split()
    while words and (len(line(" ".join(words))) > limit or words[-1].lower() in _DANGLING):
        words.pop()
    text = line(" ".join(words).rstrip(",;:"))
    return text if len(text) <= limit else purpose[:limit].rstrip()
