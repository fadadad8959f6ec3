"""Note fields fitted to the slot a template puts them in: a phrase, a clause or a sentence.

People write a note in any form: 'the new AML regulations', 'We discussed the new AML
regulations.', 'I learned that they're hiring!', 'Fluent in Polish'. A template has three
kinds of slot, and each takes its own form:

- a phrase slot ('talk about ___', 'build on ___') takes a noun phrase or a how/what clause;
- a that-clause slot ('I was interested to learn that ___') takes a statement;
- a sentence slot stands alone ('I also enjoyed our discussion. ___').

Each reader (`topic`, `learned`, `reaffirmed`, `highlight`) reads a note once and gives every
form it can give safely, as a `Point`, said to the firm ('they are hiring' -> 'you are
hiring'); a form is None when the note cannot take it, and the template then uses another
wording. Pure functions: no I/O, no state.

- `readers`: `Point`, `topic`, `learned`, `reaffirmed`, `distinct`, and the lead-ins they drop
  ('We discussed', 'I learned that');
- `address`: `to_reader`, the firm's 'they' as 'you' (every message goes to the firm);
- `highlights`: `highlight`, the candidate's strengths as something to build on;
- `clauses`: a note's first sentence, final mark and length; statement or phrase; contractions;
- `case`: `lower_first`, `upper_first`; `vocabulary`: the word lists they all share;
- `roles`: the organisation, the role (its parenthetical said once) and the subject line;
- `wording`: `join`, `attach`, `picker`.
"""

from __future__ import annotations

from composer.phrasing.address import to_reader
from composer.phrasing.case import lower_first, upper_first
from composer.phrasing.clauses import MAX_WORDS, shorten
from composer.phrasing.highlights import highlight
from composer.phrasing.readers import Point, distinct, learned, reaffirmed, topic
from composer.phrasing.roles import (
    ROLE_NOUNS,
    SUBJECT_LIMIT,
    organisation,
    role_aside,
    role_name,
    role_phrase,
    subject,
)
from composer.phrasing.wording import attach, join, picker

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
    "to_reader",
    "topic",
    "upper_first",
]
