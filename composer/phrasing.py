"""Note fields fitted to the slot a template puts them in: a phrase, a clause or a sentence.

People write a note in any form: 'the new AML regulations', 'We discussed the new AML
regulations.', 'I learned that they're hiring!', 'Fluent in Polish'. A template has three
kinds of slot, and each takes its own form:

- a phrase slot ('talk about ___', 'build on ___') takes a noun phrase or a how/what clause;
- a that-clause slot ('I was interested to learn that ___') takes a statement;
- a sentence slot stands alone ('I also enjoyed our discussion. ___').

Each reader below (`topic`, `learned`, `reaffirmed`, `highlight`) reads a note once and gives
every form it can give safely; a form is None when the note cannot take it, and the template
then uses another wording. Pure functions: no I/O, no state.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from composer import text as tx

__all__ = [
    "MAX_WORDS",
    "ROLE_NOUNS",
    "SUBJECT_LIMIT",
    "Point",
    "attach",
    "distinct",
    "highlight",
    "join",
    "learned",
    "lower_first",
    "organisation",
    "picker",
    "reaffirmed",
    "role_aside",
    "role_name",
    "role_phrase",
    "shorten",
    "subject",
    "topic",
    "upper_first",
]

MAX_WORDS = 40  # a note longer than this is cut, so a thank-you stays a note
SUBJECT_LIMIT = 80  # the default of RuleSettings.subject_max_chars (SUBJ002)


@dataclass(frozen=True)
class Point:
    """One note in every form it can safely take; None where it cannot take a form."""

    text: str  # after a colon or 'in particular,': lead-in and final mark gone, case fitted
    phrase: str | None = None  # 'talk about ___', 'build on ___'
    clause: str | None = None  # 'learn that ___'
    sentence: str | None = None  # on its own: a capital first letter and one final mark

    @property
    def learn(self) -> str | None:
        """What follows 'learn' or 'hearing': 'that they ...', 'how they ...', 'about X'."""
        if self.clause:
            return f"that {self.clause}"
        if self.phrase:
            return self.phrase if _WH_START.match(self.phrase) else f"about {self.phrase}"
        return None


# --- word lists -----------------------------------------------------------------------------

_WH = frozenset("how what why whether where when who which".split())
_WH_START = re.compile(r"(?:how|what|why|whether|where|when|who|which)\b", re.IGNORECASE)
# Words after which an auxiliary belongs to a relative or reported clause, not to the note.
_RELATIVE = _WH | {"that", "whom", "whose", "if"}
_AUX = frozenset(
    """is are was were has have had will would can could should must may might shall do does
    did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't
    shouldn't mustn't don't doesn't didn't""".split()
)
_PRONOUNS = frozenset("i we they he she it you".split())
_DETERMINERS = frozenset(
    """the a an their its our your his her my this these those some any every each all both
    no another other such many several one two three four five six seven eight nine ten""".split()
)
# Lower-cased mid-sentence when a note starts with them: never a name, even before one.
_FUNCTION_WORDS = (
    _DETERMINERS
    | _WH
    | frozenset(
        """about above after again also and as at because before being below between but by
    during for from further here if in into just more most nor not now of off on once only or
    out over own same so than that then there they we it he she you through to too under until
    up very while with within without across around working eleven twelve twenty thirty forty
    fifty hundred first second third fourth fifth last next fluent native strong excellent
    extensive solid practical proven hands-on lots plenty""".split()
    )
)
# Common words that start notes, capitalised only because they came first; a capitalised
# word after one makes a name of both ('New York', 'Great Ormond Street', 'Legal Aid Agency').
_COMMON_STARTS = frozenset(
    """new good great recent current previous
    former various flexible remote hybrid client clients team teams staff junior senior
    graduate daily weekly monthly annual career experience knowledge skills work pro typical
    future internal external open early late big small large local regional national
    international global digital data customer customers patient patients community office
    offices hours pay salary progression development growth culture values supervision
    secondment secondments rotation rotations seats case cases matters deals projects project
    product products service services sales marketing engineering design research legal
    financial technical tech hands-on lots plenty either mentoring training onboarding
    opportunities opportunity people mock moot pupillage placement placements volunteering
    leadership bilingual""".split()
)
_COMMON_SUFFIXES = ("ing", "tion", "sion", "ment", "ness", "ship", "ism", "ity")
# Names that end like common words: a place or a brand keeps its capital.
_NAMES_LIKE_WORDS = frozenset(
    """reading ealing woking barking epping kettering worthing beijing sterling stirling
    kipling parliament guinness inverness caithness trinity unity""".split()
)

# --- lead-ins -------------------------------------------------------------------------------

_ADVERB = r"(?:(?:also|then|briefly|mainly|mostly|really|both)\s+)?"
_SUBJECT = rf"(?:(?:we|i|they|you|she|he|the\s+(?:interviewers?|panel|partner))\s+{_ADVERB})"
# A name ('Sophie', 'Dr Shah'; its capital checked though the lead-ins ignore case) leads in
# only with a verb of speaking: 'Training covered contract law' is a statement, not a lead-in.
_NAME = (
    r"(?-i:(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\w'\u2019\-]+(?:\s+[A-Z][\w'\u2019\-]+)?)"
    rf"\s+{_ADVERB}"
)
_WHO = rf"(?:{_SUBJECT}|{_NAME})"
_TALK = (
    r"(?:discussed|talked\s+(?:about|through)|covered|spoke\s+about|went\s+(?:over|through)"
    r"|touched\s+on|looked\s+at|chatted\s+about|explored|asked\s+(?:me\s+|us\s+)?about"
    r"|told\s+(?:me|us)\s+about|heard\s+about|learn(?:ed|t)\s+about|found\s+out\s+about"
    r"|(?:had\s+)?(?:an?\s+)?(?:long\s+|good\s+|brief\s+|great\s+|interesting\s+)?"
    r"(?:discussion|chat|conversation|talk)\s+(?:about|of|on|around))"
)
_ABOUT_LEAD = re.compile(
    rf"^(?:{_SUBJECT}?{_TALK}|{_NAME}(?:talked|spoke)\s+about|{_NAME}told\s+(?:me|us)\s+about"
    rf"|{_NAME}discussed)\s+",
    re.IGNORECASE,
)
# 'I explained how I handled ...': a topic, but in a highlight the verb is the point.
_TOPIC_LEAD = re.compile(
    rf"^{_WHO}(?:mentioned|described|explained|presented|shared|showed\s+(?:me|us))\s+",
    re.IGNORECASE,
)
_THAT_LEAD = re.compile(
    r"^(?:(?:i|we)\s+(?:(?:also|then)\s+)?(?:learn(?:ed|t)|found\s+out|discovered|heard"
    r"|realised|realized|noticed|understood|was\s+told|were\s+told)"
    rf"|{_WHO}(?:told\s+(?:me|us)"
    r"|said|explained|mentioned|confirmed|stressed|emphasi[sz]ed|made\s+(?:it\s+)?clear)"
    r"|(?:it|this|the\s+interview)\s+(?:reaffirmed|confirmed|reinforced|showed(?:\s+me)?)"
    r"|learn(?:ed|t)|found\s+out|discovered|heard|reaffirmed|confirmed)"
    r"(?:\s+that\b)?\s+",
    re.IGNORECASE,
)
_THAT = re.compile(r"^that\s+", re.IGNORECASE)
_FIRST_PERSON_START = re.compile(r"^(?:i|me|my|myself)(?:['\u2019](?:m|ve|d|ll))?\b", re.IGNORECASE)
_CONTRACTION = re.compile(
    r"^(they|we|you|it|that|there|he|she|i)['\u2019](re|ve|ll|s|m|d)\b", re.IGNORECASE
)
_FULL_FORM = {"re": "are", "ve": "have", "ll": "will", "m": "am", "d": "would"}

# --- readers --------------------------------------------------------------------------------


def topic(text: str | None) -> Point | None:
    """A topic discussed: a phrase for 'talk about ___' where it is one, else a sentence."""
    return _read(text, default_phrase=True, topic_leads=True)


def learned(text: str | None) -> Point | None:
    """Something learned: a clause for 'learn that ___' where it is one; the text always."""
    return _read(text, default_phrase=False, topic_leads=False)


def reaffirmed(text: str | None) -> Point | None:
    """What confirmed the wish to join: for 'in particular, ___'; never a topic."""
    return _read(text, default_phrase=False, topic_leads=False)


@dataclass(frozen=True)
class _Parts:
    head: str  # the first sentence, final mark removed
    rest: str  # any further sentences, as written, without the final mark
    question: bool


def _parts(text: str | None, max_words: int = MAX_WORDS) -> _Parts | None:
    if not text or not tx.WORD.search(text):
        return None
    body = shorten(re.sub(r"\s+", " ", text).strip().lstrip("-*\u2022 "), max_words)
    body, mark = _strip_end(body)
    pieces = [s.text for s in tx.sentences(body)] or [body]
    head, head_mark = _strip_end(pieces[0])
    if len(pieces) == 1:
        head_mark = mark
    words = head.split()
    first = words[0].lower() if words else ""
    second = words[1].lower() if len(words) > 1 else ""
    question = head_mark == "?" and (first in _AUX or (first in _WH and second in _AUX))
    return _Parts(head, " ".join(pieces[1:]), question)


def _read(text: str | None, *, default_phrase: bool, topic_leads: bool) -> Point | None:
    parts = _parts(text)
    if parts is None:
        return None
    head = parts.head
    if parts.question:
        # 'talk about what does a day look like' is not English, but a quoted question is; a
        # question is nothing learned, though, so only a topic keeps one.
        if not default_phrase:
            return None
        quoted = f"the question \u201c{upper_first(head)}?\u201d"
        return Point(text=quoted, phrase=quoted)
    phrase = clause = None
    lead = _ABOUT_LEAD.match(head) or (_TOPIC_LEAD.match(head) if topic_leads else None)
    if lead and head[lead.end() :]:
        body = head[lead.end() :]
        that = _THAT.match(body)
        if that or _is_clause(body):  # 'We discussed that they are hiring'
            body = body[that.end() :] if that else body
            clause = body
        else:
            phrase = body
    else:
        lead = _THAT_LEAD.match(head) or _THAT.match(head)
        led = lead is not None and bool(head[lead.end() :])
        body = head[lead.end() :] if lead is not None and led else head
        said_that = led and lead is not None and lead.group().split()[-1].lower() == "that"
        if led and _WH_START.match(body):
            phrase = body  # 'I learned how they train juniors'
        elif said_that or _is_clause(body):
            clause = body
        elif _WH_START.match(body) or default_phrase:
            phrase = body
    more = f". {parts.rest}" if parts.rest else ""
    sentence = None
    if clause is not None:
        # The sentence keeps the note's own words ('We discussed ...', 'They're ...').
        sentence = upper_first(_THAT.sub("", head, count=1)) + more + "."
        clause = lower_first(_expand(clause)) + more
    core = clause or (lower_first(phrase) if phrase else lower_first(body)) + more
    if clause and _FIRST_PERSON_START.match(clause):
        clause = None  # 'I was interested to learn that I ...' is nonsense: a sentence only
    return Point(
        text=core, phrase=lower_first(phrase) if phrase else None, clause=clause, sentence=sentence
    )


def _is_clause(text: str) -> bool:
    """Whether a note is a statement ('they ship weekly') rather than a phrase ('weekly
    releases'): it starts with a pronoun, or has an auxiliary verb outside a relative clause."""
    words = [w.strip(",;:()\"'\u201c\u201d") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return False
    first = words[0].lower().replace("\u2019", "'")
    second = words[1].lower() if len(words) > 1 else ""
    if first in _RELATIVE:
        return False  # 'how the team is structured' is a phrase: 'talk about how ...'
    acronym = len(words[0]) > 1 and words[0].isupper()  # 'IT support' is not 'it'
    if len(words) > 1 and not acronym and (first in _PRONOUNS or _CONTRACTION.match(first)):
        return True
    if first in {"there", "this", "that", "these", "those"} and second in _AUX:
        return True
    for before, word in itertools.pairwise(words):
        low = word.lower().replace("\u2019", "'")
        if low in _RELATIVE:
            return False
        if before.lower() == "to":
            continue  # 'the chance to do pro bono work': an infinitive, not a finite verb
        if word[:1].islower() and (
            low in _AUX or low.endswith("n't") or re.search(r"'(?:re|ve|ll)$", low)
        ):
            return True
    return False


def _expand(clause: str) -> str:
    """'They're moving' -> 'They are moving'; 'it's been' -> 'it has been'."""

    def full(match: re.Match[str]) -> str:
        short = match.group(2).lower()
        if short == "s":
            after = clause[match.end() :].split()
            word = "has" if after and after[0].lower() in {"been", "got", "had"} else "is"
        else:
            word = _FULL_FORM[short]
        return f"{match.group(1)} {word}"

    return _CONTRACTION.sub(full, clause, count=1)


# --- highlights -----------------------------------------------------------------------------

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
_ADJECTIVES_ED = frozenset(
    """experienced qualified skilled trained certified accredited detailed advanced varied
    dedicated motivated talented interested based published registered licensed chartered
    seasoned proven limited mixed""".split()
)
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
# Nouns for a person: 'Native Spanish speaker' -> 'being a native Spanish speaker'.
_PERSON_NOUNS = frozenset(
    """speaker graduate captain member volunteer leader president officer student holder
    winner finalist author mentor representative ambassador champion trustee chair secretary
    treasurer editor tutor coach scholar runner-up player musician linguist solicitor nurse
    paralegal barrister teacher analyst engineer founder co-founder organiser organizer""".split()
)
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
    parts = _parts(text)
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
    return Point(text=phrase + more, phrase=phrase, clause=clause, sentence=sentence)


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
    if _is_clause(head):
        return None
    return lower_first(head)


def _person(words: list[str]) -> str | None:
    """'Native Spanish speaker' -> 'being a native Spanish speaker'; 'Captain of X' ->
    'being captain of X'."""
    start = 1 if words[0].lower() in {"a", "an"} else 0
    if words[0].lower() in _DETERMINERS - {"a", "an"}:
        return None
    for i, word in enumerate(words[start : start + 4], start):
        low = word.lower().strip(",")
        if low in {"of", "at", "in", "for", "with", "and"}:
            return None
        if low in _PERSON_NOUNS and (i + 1 == len(words) or words[i + 1].lower() in _PREPOSITIONS):
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
    if len(low) < 5 or not low.endswith("ed") or low in _ADJECTIVES_ED or not low.isalpha():
        return None
    if low.endswith("ied"):
        return low[:-3] + "ying"
    if low.endswith("eed"):
        return low[:-1] + "ing"  # 'agreed' -> 'agreeing'
    return low[:-2] + "ing"  # 'managed' -> 'managing', 'planned' -> 'planning'


# --- case, ends and length ------------------------------------------------------------------

_FIRST_WORD = re.compile(r"([^\W\d_][\w'\u2019\-&]*)(.*)", re.DOTALL)


def lower_first(text: str) -> str:
    """'The team's ...' -> 'the team's ...' mid-sentence; 'AML', 'Python', 'I' and 'Crown
    Prosecution Service' keep their capitals. Only a word known to be common is lowered."""
    match = _FIRST_WORD.match(text)
    if not match:
        return text
    word, rest = match.group(1), match.group(2)
    if word == "I" or word.startswith(("I'", "I\u2019")):
        return text
    if not (word[0].isupper() and word[1:] == word[1:].lower()):
        return text  # already lower case, an acronym ('AML'), or a brand ('McKinsey')
    low = word.lower()
    head = low.split("-")[0].replace("\u2019", "'").split("'")[0]
    next_word = rest.split()[0] if rest.split() else ""
    if len(word) == 1 or head in _FUNCTION_WORDS:
        return low + rest
    if _is_capitalised(next_word):
        return text  # 'Crown Prosecution Service', 'New York office'
    common = (
        head in _COMMON_STARTS
        or head in _PERSON_NOUNS
        or head in _ADJECTIVES_ED
        or (head.endswith(_COMMON_SUFFIXES) and len(head) > 5 and head not in _NAMES_LIKE_WORDS)
    )
    return low + rest if common else text


def _is_capitalised(word: str) -> bool:
    letters = word.strip(",;:()\"'")
    return len(letters) > 1 and letters[0].isupper() and letters[1:] == letters[1:].lower()


def upper_first(text: str) -> str:
    """A capital first letter for a sentence; 'iPhone' and 'eBay' are left alone."""
    match = _FIRST_WORD.match(text)
    if not match:
        return text
    word = match.group(1)
    if word[0].isupper() or any(c.isupper() for c in word[1:]):
        return text
    return word[0].upper() + word[1:] + match.group(2)


_TRAILING = re.compile(r"\s*(?P<marks>[.!?\u2026;:,]+)(?P<quote>[\"'\u201d\u2019)]?)\s*$")


def _strip_end(text: str) -> tuple[str, str]:
    """The text without its final marks (a closing quote stays), and the last mark removed:
    'next year!' -> ('next year', '!'), so a template's '.' never makes '!.'."""
    text = text.strip()
    match = _TRAILING.search(text)
    if not match:
        return text, ""
    marks = match.group("marks")
    return (text[: match.start()] + match.group("quote")).rstrip(), marks[-1]


def shorten(text: str, max_words: int = MAX_WORDS) -> str:
    """A long note cut to its first sentence, or at a comma, so a message stays short."""
    if len(text.split()) <= max_words:
        return text
    first = tx.sentences(text)[0].text if tx.sentences(text) else text
    if len(first.split()) <= max_words:
        return first
    head = " ".join(text.split()[:max_words])
    comma = head.rfind(",")
    return (head[:comma] if comma > len(head) // 3 else head).rstrip(" ,;")


def distinct(points: Iterable[Point | None]) -> list[Point]:
    """The points given, less the empty ones and repeats ('Mentoring.' after 'mentoring')."""
    seen: set[str] = set()
    out = []
    for point in points:
        key = point.text.casefold() if point else ""
        if point and key not in seen:
            seen.add(key)
            out.append(point)
    return out


def join(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'; 'SQL and Python, and dashboards' when an item has 'and'."""
    items = [i for i in items if i and i.strip()]
    if len(items) <= 1:
        return items[0] if items else ""
    last = ", and " if any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def attach(phrase: str, *tails: str) -> str:
    """The phrase with the first tail whose preposition it does not already use, so 'three
    years at a regional firm' never gets ' at Bramley Kent LLP' after it."""
    used = {w.lower() for w in tx.words(phrase)}
    for tail in tails:
        first = tx.words(tail)[:1]
        if not first or first[0].lower() not in used:
            return phrase + tail
    return phrase


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


# --- varied wording -------------------------------------------------------------------------


def picker(seed: int) -> Callable[..., str]:
    """Choose among phrasings: stable for one set of notes, different across candidates."""
    calls = [0]

    def pick(*options: str) -> str:
        calls[0] += 1
        return options[(seed + calls[0] * 7) % len(options)]

    return pick
