"""Cues more than one family reads: a wish to hear about other roles in future."""

from __future__ import annotations

from composer.rules import lists
from composer.rules.patterns import Pattern, at_word

# Searched in the lower-cased body, as two patterns whose branches all start with a letter: the
# engine skips straight to candidates (case-insensitive, it tried every branch everywhere).
OTHER_ROLES = (
    Pattern(
        "(?:"
        + "|".join(at_word(word) for word in lists.word_list("cues", "other roles"))
        + r")\s+(?:\w+\s+){0,2}?(?:roles?|positions?|opportunit(?:y|ies)|openings?|"
        r"vacanc(?:y|ies)|posts?|jobs?)\b"
    ),
    Pattern(
        "|".join(
            [
                at_word("keep") + " me in mind",
                at_word("bear") + " me in mind",
                r"keep (?:me|my (?:details|cv|application|r[ée]sum[ée])) on file",
                at_word("consider") + "(?:ed)? me for",
                r"consider my application for|future opportunit|talent pool|on your radar",
                r"anything (?:else )?(?:comes|come) up",
                r"should (?:anything|something) (?:else )?(?:come|open) up",
                r"opportunit(?:y|ies) in (?:the )?future",
            ]
        )
    ),
)
