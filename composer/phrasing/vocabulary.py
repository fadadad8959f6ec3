"""The word lists the readers share: question words, auxiliaries, pronouns, determiners,
and the common words a note may start with that are never names."""

from __future__ import annotations

import re

WH = frozenset("how what why whether where when who which".split())
WH_START = re.compile(r"(?:how|what|why|whether|where|when|who|which)\b", re.IGNORECASE)
# Words after which an auxiliary belongs to a relative or reported clause, not to the note.
RELATIVE = WH | {"that", "whom", "whose", "if"}
AUX = frozenset(
    """is are was were has have had will would can could should must may might shall do does
    did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't
    shouldn't mustn't don't doesn't didn't""".split()
)
PRONOUNS = frozenset("i we they he she it you".split())
DETERMINERS = frozenset(
    """the a an their its our your his her my this these those some any every each all both
    no another other such many several one two three four five six seven eight nine ten""".split()
)
# Lower-cased mid-sentence when a note starts with them: never a name, even before one.
FUNCTION_WORDS = (
    DETERMINERS
    | WH
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
COMMON_STARTS = frozenset(
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
COMMON_SUFFIXES = ("ing", "tion", "sion", "ment", "ness", "ship", "ism", "ity")
# Names that end like common words: a place or a brand keeps its capital.
NAMES_LIKE_WORDS = frozenset(
    """reading ealing woking barking epping kettering worthing beijing sterling stirling
    kipling parliament guinness inverness caithness trinity unity""".split()
)
ADJECTIVES_ED = frozenset(
    """experienced qualified skilled trained certified accredited detailed advanced varied
    dedicated motivated talented interested based published registered licensed chartered
    seasoned proven limited mixed""".split()
)
# Nouns for a person: 'Native Spanish speaker' -> 'being a native Spanish speaker'.
PERSON_NOUNS = frozenset(
    """speaker graduate captain member volunteer leader president officer student holder
    winner finalist author mentor representative ambassador champion trustee chair secretary
    treasurer editor tutor coach scholar runner-up player musician linguist solicitor nurse
    paralegal barrister teacher analyst engineer founder co-founder organiser organizer""".split()
)
