"""The candidate's highlights as something to build on: 'I led the team' -> 'leading the
team', 'Fluent in Polish' -> 'my fluent Polish', 'Native Spanish speaker' -> 'being a native
Spanish speaker'."""

from __future__ import annotations

import re

from composer.phrasing.case import lower_first, upper_first
from composer.phrasing.clauses import is_clause, note_parts
from composer.phrasing.readers import Point
from composer.phrasing.vocabulary import ADJECTIVES_ED, DETERMINERS, PERSON_NOUNS

# Past tenses that do not end in -ed, with their -ing form: "I led the team" -> "leading".
_IRREGULAR = dict(
    pair.split(":")
    for pair in """
    led:leading ran:running built:building wrote:writing co-wrote:co-writing won:winning
    taught:teaching took:taking made:making gave:giving began:beginning held:holding
    spent:spending sold:selling brought:bringing drove:driving chose:choosing grew:growing
    kept:keeping met:meeting spoke:speaking stood:standing went:going became:becoming did:doing
    got:getting found:finding oversaw:overseeing undertook:undertaking overcame:overcoming
    sang:singing fed:feeding
    """.split()
)
# Present-tense verbs a highlight starts with ('I speak fluent Polish', 'I volunteer at ...').
_PRESENT = dict(
    pair.split(":")
    for pair in """
    speak:speaking lead:leading manage:managing run:running write:writing teach:teaching
    coach:coaching volunteer:volunteering mentor:mentoring organise:organising
    organize:organizing work:working play:playing study:studying train:training build:building
    design:designing develop:developing coordinate:coordinating supervise:supervising
    edit:editing chair:chairing tutor:tutoring represent:representing hold:holding serve:serving
    help:helping support:supporting sing:singing
    """.split()
)
# Words in -ed that describe rather than tell what was done ('Experienced paralegal').
# 'Fluent in Polish' -> 'my fluent Polish'; {} is what follows the preposition.
_ADJECTIVE_PHRASES = {
    ("fluent", "in"): "my fluent {}",
    ("proficient", "in"): "my proficiency in {}",
    ("proficient", "with"): "my proficiency with {}",
    ("skilled", "in"): "my skills in {}",
    ("skilled", "at"): "my skills in {}",
    ("experienced", "in"): "my experience in {}",
    ("experienced", "with"): "my experience with {}",
    ("experienced", "as"): "my experience as {}",
    ("trained", "in"): "my training in {}",
    ("trained", "as"): "my training as {}",
    ("qualified", "in"): "my qualification in {}",
    ("qualified", "as"): "my qualification as {}",
    ("certified", "in"): "my certification in {}",
    ("passionate", "about"): "my passion for {}",
    ("familiar", "with"): "my familiarity with {}",
    ("knowledgeable", "about"): "my knowledge of {}",
    ("knowledgeable", "in"): "my knowledge of {}",
    ("confident", "in"): "my confidence in {}",
    ("confident", "with"): "my confidence with {}",
    ("comfortable", "with"): "being comfortable with {}",
    ("bilingual", "in"): "being bilingual in {}",
}
_BARE_ADJECTIVES = frozenset("fluent bilingual trilingual multilingual".split())
_OFFICES = frozenset(
    "captain president chair secretary treasurer editor founder co-founder".split()
)
_THE_PERSON = frozenset("winner runner-up".split())
_FIRST_PERSON = re.compile(
    r"^i(?:['\u2019](?P<short>m|ve))?\s+(?:(?P<adverb>also|recently|previously|successfully|once"
    r"|currently|have\s+also|also\s+have)\s+)?",
    re.IGNORECASE,
)


def highlight(text: str | None) -> Point | None:
    """A strength to build on: a phrase for 'build on ___' where one can be made
    ('I led the team' -> 'leading the team'), else a clause and a sentence."""
    parts = note_parts(text)
    if parts is None or parts.question:
        return None
    head = parts.head
    more = f". {parts.rest}" if parts.rest else ""
    first_person = _FIRST_PERSON.match(head)
    if first_person and len(head.split()) > 1:
        phrase = _from_first_person(head, first_person)
        clause = head
    else:
        phrase = _as_phrase(head)
        past = _gerund(head.split()[0])
        # 'Led the mock trial team': a line from a CV; said in full it is 'I led ...'.
        said = f"I {head[0].lower()}{head[1:]}"
        clause = said if past and phrase and phrase.startswith(past) else None
    if phrase is None:
        return Point(text=head + more, clause=head, sentence=upper_first(head) + more + ".")
    sentence = upper_first(clause) + more + "." if clause else None
    phrase = _owned(phrase)
    return Point(text=phrase + more, phrase=phrase, clause=clause, sentence=sentence)


_CONNECTIVES = frozenset({"and", "&", "or"})
_LEAD_ADVERBS = frozenset({"recently", "previously", "successfully", "once"})


def _owned(phrase: str) -> str:
    """The strength as the candidate's own, since every slot reads 'build on ___': 'building a
    model' -> 'my experience of building a model' (not 'build on building'), 'SQL and Power
    BI' -> 'my experience with SQL and Power BI', 'a law degree' -> 'my law degree'."""
    first, _, rest = phrase.partition(" ")
    low = first.lower()
    if low in {"my", "being", "having"} or (not rest and not first[:1].isupper()):
        return phrase
    if not rest:
        return f"my experience with {phrase}"  # 'Excel'
    if low == "speaking" and rest.lower().startswith("fluent "):
        return f"my {rest}"  # 'I speak fluent Polish' -> 'my fluent Polish'
    gerund = rest.split()[0].lower() if low in _LEAD_ADVERBS else low
    if gerund.endswith("ing") and len(gerund) > 4:
        return f"my experience of {phrase}"
    if low in {"a", "an", "the"}:
        return f"my {rest}"
    if low == "experience":
        return f"my {phrase}"
    words = [w.strip(",") for w in phrase.split() if w.strip(",").lower() not in _CONNECTIVES]
    named = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    if named >= 2 and named >= len(words) - named:
        return f"my experience with {phrase}"  # tools and languages: 'Python, pandas and Tableau'
    return f"my {lower_first(phrase)}"


def _from_first_person(head: str, match: re.Match[str]) -> str | None:
    """'I led X' -> 'leading X'; 'I have three years of X' -> 'my three years of X'."""
    short = (match.group("short") or "").lower()
    adverb = (match.group("adverb") or "").lower()
    words = head[match.end() :].split()
    if not words:
        return None
    verb, rest = words[0], " ".join(words[1:])
    low = verb.lower()
    if short == "m" or low == "am":
        return _being(rest if low == "am" else " ".join(words))
    if short == "ve" or low == "have" or adverb in {"have also", "also have"}:
        body = words if short == "ve" or adverb in {"have also", "also have"} else words[1:]
        if not body:
            return None
        if body[0].lower() == "been":
            return "having been " + " ".join(body[1:]) if len(body) > 1 else None
        if body[0].lower().endswith("ed") or body[0].lower() in _IRREGULAR:
            return "having " + " ".join(body)
        return _my(" ".join(body))
    if low == "was":
        return "having been " + rest if rest else None
    if low == "can":
        return "being able to " + rest if rest else None
    gerund = _gerund(low) or _PRESENT.get(low)
    if gerund is None or not rest:
        return None
    lead = f"{adverb} " if adverb in {"recently", "previously", "successfully", "once"} else ""
    return f"{lead}{gerund} {rest}"


def _being(rest: str) -> str | None:
    """After 'I am': 'fluent in Polish' -> 'my fluent Polish'; 'a nurse' -> 'being a nurse'."""
    if not rest:
        return None
    adjective = _adjective_phrase(rest)
    if adjective:
        return adjective
    return "being " + lower_first(rest)


def _my(noun_phrase: str) -> str:
    """'a first-class law degree' -> 'my first-class law degree'."""
    bare = re.sub(r"^(?:an?|the|my)\s+", "", noun_phrase, flags=re.IGNORECASE)
    return "my " + lower_first(bare)


def _adjective_phrase(text: str) -> str | None:
    words = text.split()
    if len(words) == 1 and words[0].lower() in _BARE_ADJECTIVES:
        return f"being {words[0].lower()}"  # 'Bilingual'
    if len(words) < 2:
        return None
    key = (words[0].lower(), words[1].lower())
    if key in _ADJECTIVE_PHRASES and len(words) > 2:
        return _ADJECTIVE_PHRASES[key].format(" ".join(words[2:]))
    if words[0].lower() in _BARE_ADJECTIVES and words[1].lower() not in {"in", "with", "at"}:
        return "my " + lower_first(text)  # 'Fluent Polish' -> 'my fluent Polish'
    return None


def _as_phrase(head: str) -> str | None:
    """A highlight with no 'I' as a phrase for 'build on ___'; None when it is a statement."""
    words = head.split()
    adjective = _adjective_phrase(head)
    if adjective:
        return adjective
    person = _person(words)
    if person:
        return person
    gerund = _gerund(words[0].lower())
    if gerund and len(words) > 1:
        return f"{gerund} {' '.join(words[1:])}"
    if is_clause(head):
        return None
    return lower_first(head)


def _person(words: list[str]) -> str | None:
    """'Native Spanish speaker' -> 'being a native Spanish speaker'; 'Captain of X' ->
    'being captain of X'."""
    start = 1 if words[0].lower() in {"a", "an"} else 0
    if words[0].lower() in DETERMINERS - {"a", "an"}:
        return None
    for i, word in enumerate(words[start : start + 4], start):
        low = word.lower().strip(",")
        if low in {"of", "at", "in", "for", "with", "and"}:
            return None
        if low in PERSON_NOUNS and (i + 1 == len(words) or words[i + 1].lower() in _PREPOSITIONS):
            body = lower_first(" ".join(words[start:]))
            following = words[i + 1].lower() if i + 1 < len(words) else ""
            if i == start and low in _OFFICES and following == "of":
                return f"being {body}"
            if i == start and low in _THE_PERSON:
                return f"being the {body}"
            article = "an" if body[:1].lower() in "aeiou" else "a"
            return f"being {article} {body}"
    return None


_PREPOSITIONS = frozenset("of at in for with on to from".split())


def _gerund(word: str) -> str | None:
    """'led' -> 'leading', 'managed' -> 'managing', 'planned' -> 'planning'; None for a word
    that is not a past tense ('experienced' describes; 'red' is a colour)."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if len(low) < 5 or not low.endswith("ed") or low in ADJECTIVES_ED or not low.isalpha():
        return None
    if low.endswith("ied"):
        return low[:-3] + "ying"
    if low.endswith("eed"):
        return low[:-1] + "ing"  # 'agreed' -> 'agreeing'
    return low[:-2] + "ing"  # 'managed' -> 'managing', 'planned' -> 'planning'
