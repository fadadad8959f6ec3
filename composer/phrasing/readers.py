"""The readers of topics, things learned and what reaffirmed the wish to join: each note
read once into a `Point`, with every form its slot can take."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from composer import text as tx
from composer.phrasing.address import to_reader
from composer.phrasing.case import lower_first, upper_first
from composer.phrasing.clauses import expand, is_clause, note_parts
from composer.phrasing.vocabulary import WH_START


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
            return self.phrase if WH_START.match(self.phrase) else f"about {self.phrase}"
        return None


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
    r"|(?:was|were)\s+asked\s+about|told\s+(?:me|us)\s+about|heard\s+about|learn(?:ed|t)\s+about|found\s+out\s+about"
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


def _read(text: str | None, *, default_phrase: bool, topic_leads: bool) -> Point | None:
    parts = note_parts(text)
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
        if that or is_clause(body):  # 'We discussed that they are hiring'
            body = body[that.end() :] if that else body
            clause = body
        else:
            phrase = body
    else:
        lead = _THAT_LEAD.match(head) or _THAT.match(head)
        led = lead is not None and bool(head[lead.end() :])
        body = head[lead.end() :] if lead is not None and led else head
        said_that = led and lead is not None and lead.group().split()[-1].lower() == "that"
        if led and WH_START.match(body):
            phrase = body  # 'I learned how they train juniors'
        elif said_that or is_clause(body):
            clause = body
        elif WH_START.match(body) or default_phrase:
            phrase = body
    # Every message goes to someone at the firm: the notes' 'they' is 'you' there.
    lead_in, said = head[: len(head) - len(body)], to_reader(body)
    rest = parts.rest
    if said != body:  # the point is about the firm: so are its later sentences' 'they'
        rest = " ".join(to_reader(s.text) for s in tx.sentences(rest))
    body = said
    phrase = body if phrase is not None else None
    clause = body if clause is not None else None
    more = f". {rest}" if rest else ""
    sentence = None
    if clause is not None:
        # The sentence keeps the note's own words ('We discussed ...', 'You're ...').
        sentence = upper_first(_THAT.sub("", to_reader(lead_in) + body, count=1)) + more + "."
        clause = lower_first(expand(clause)) + more
    core = clause or (lower_first(phrase) if phrase else lower_first(body)) + more
    if clause and _FIRST_PERSON_START.match(clause):
        clause = None  # 'I was interested to learn that I ...' is nonsense: a sentence only
    return Point(
        text=core, phrase=lower_first(phrase) if phrase else None, clause=clause, sentence=sentence
    )


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
