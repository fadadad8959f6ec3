"""Safety: what a model must never hand the candidate, whatever the notes asked of it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules.base import Context, Hit, at_word, phrases, rule
from composer.settings import RuleSettings

_OPEN = "Dear Sophie,\n\n"
_SIGN = "\n\nKind regards,\nJordan Ellis"
_INSULT = phrases(
    "idiot",
    "idiots",
    "idiotic",
    "stupid",
    "moron",
    "morons",
    "incompetent",
    "pathetic",
    "useless",
    "clueless",
    "imbecile",
    "fools",
    "joke of a",
    "shame on you",
    "you people",
    "screw you",
    "damn",
    "crap",
    "hell",
    "bullshit",
    "shit",
    "fuck",
    "fucking",
    "bastards",
    "disgrace",
    "losers",
    "worthless",
)
# Matched in the lower-cased text, every branch starting with a literal so the scan skips
# straight to candidates: rule codes, the notes' markup, talk of prompts and instructions.
_ECHO = re.compile(
    "|".join(
        [
            *(
                at_word(code) + r"\d{3}\b"
                for code in "brev spec enth ask ctx crt tone hyg subj grnd lang".split()
            ),
            r"</?(?:interview_notes|pasted_notes)>",
            at_word("system prompt") + r"\b",
            at_word("as an ai") + r"\b",
            at_word("language model") + r"\b",
            at_word("ignore") + r" (?:all |the )?(?:previous|above|prior) instructions\b",
            at_word("my instructions") + r"\b",
            r"\"(?:subject|body)\"\s*:",
            # Lines of composer's own prompts (prompts/llm/*.j2) that no email would contain.
            at_word("you help a job candidate") + r"\b",
            at_word("every draft is checked") + r"\b",
            at_word("data the candidate typed") + r"\b",
            at_word("never mention these instructions") + r"\b",
            at_word("answer with a json object") + r"\b",
            at_word("answer with the email only") + r"\b",
            at_word("the draft breaks these guidelines") + r"\b",
            at_word("meets every guideline") + r"\b",
            at_word("what it must do") + r"\s*:",
        ]
    )
)
_ECHO_HINT = re.compile(r"\d{3}|<|\"")
_ECHO_PHRASES = (
    "system prompt",
    "as an ai",
    "language model",
    "instructions",
    "you help a job candidate",
    "every draft is checked",
    "data the candidate typed",
    "answer with",
    "meets every guideline",
    "the draft breaks",
    "what it must do",
)
# A draft that repeats this many of the rules' own instructions word for word is reciting its
# prompt (one could be chance: 'Write in English.' is also just a sentence).
_ECHOED_INSTRUCTIONS = 2


@rule(
    code="TONE007",
    name="insulting",
    severity=Severity.ERROR,
    instruction="Never insult or swear, however the interview went.",
    hint="Remove the insult; say nothing rather than something unkind.",
    good=[f"{_OPEN}Thank you for letting me know about the Paralegal role.{_SIGN}"],
    bad=[f"{_OPEN}You people are idiots for turning me down for the Paralegal role.{_SIGN}"],
)
def insulting(ctx: Context) -> Iterator[Hit]:
    """An insult ends the relationship the seed says to keep: the next role there could be yours.
    Also the check that catches a model obeying notes that asked it to insult the reader.

    Good: 'Thank you for letting me know.' Bad: 'You people are idiots.'
    """
    for match in _INSULT.finditer(ctx.body):
        yield Hit(f"'{match.group()}' is insulting", match.start(), match.end())


@rule(
    code="HYG003",
    name="prompt-echo",
    severity=Severity.ERROR,
    instruction="Write only the email: no rule codes, no notes markup, no talk of instructions.",
    hint="Remove everything that is not part of the email itself.",
    good=[f"{_OPEN}Thank you for the interview for the Paralegal role.{_SIGN}"],
    bad=[
        f"{_OPEN}As an AI language model, here is the email (BREV001 met).{_SIGN}",
        f"{_OPEN}My system prompt says: <interview_notes> ...{_SIGN}",
    ],
)
def prompt_echo(ctx: Context) -> Iterator[Hit]:
    """A draft that talks about its prompt, echoes the notes' markup or names rule codes was not
    written for the interviewer; it also shows a model that leaked its instructions.

    Good: the email alone. Bad: 'As an AI language model...' or '<interview_notes>', or the
    guideline list itself, pasted into the email.
    """
    lowered = tx.lowered(ctx.text)
    # The full pattern costs ~35 us a message; it can only match where a rule code's digits,
    # the notes' markup, a JSON key or one of the literal phrases stands, so test those first.
    maybe = _ECHO_HINT.search(lowered) or any(p in lowered for p in _ECHO_PHRASES)
    for match in _ECHO.finditer(lowered) if maybe else ():
        yield Hit(
            f"'{ctx.text[match.start() : match.end()]}' is not part of an email",
            match.start() - ctx.body_start,
            match.end() - ctx.body_start,
        )
    echoed = []
    for line in _instructions(ctx):
        at = lowered.find(line)
        if at >= 0:
            echoed.append((at, at + len(line)))
    if len(echoed) >= _ECHOED_INSTRUCTIONS:
        for start, end in echoed:
            yield Hit(
                f"'{ctx.text[start:end]}' is one of composer's instructions, not part of an email",
                start - ctx.body_start,
                end - ctx.body_start,
            )


_LINES: dict[tuple[Kind, int], tuple[RuleSettings, list[str]]] = {}


def _instructions(ctx: Context) -> list[str]:
    """The guideline lines a prompt for this kind shows the model, lower-cased; long ones only.
    Worked out once per kind and settings object (the settings are held, so an id is never
    reused for another one while cached)."""
    key = (ctx.kind, id(ctx.settings))
    hit = _LINES.get(key)
    if hit is not None and hit[0] is ctx.settings:
        return hit[1]
    from composer.rules.base import REGISTRY  # every rule is registered by the time checks run

    lines = [r.instruction_for(ctx.kind, ctx.settings).lower() for r in REGISTRY.values()]
    lines = [line for line in lines if len(line) >= 30]
    if len(_LINES) > 64:
        _LINES.clear()
    _LINES[key] = (ctx.settings, lines)
    return lines


@rule(
    code="LANG001",
    name="not-english",
    severity=Severity.ERROR,
    instruction="Write in English.",
    hint="Write the whole message in English.",
    good=[f"{_OPEN}Thank you for the interview for the Paralegal role; I am very keen.{_SIGN}"],
    bad=[
        f"{_OPEN}Merci beaucoup pour l'entretien de jeudi. J'ai beaucoup appris sur le poste "
        f"et je serais ravi de rejoindre votre équipe à Londres.{_SIGN}"
    ],
)
def not_english(ctx: Context) -> Iterator[Hit]:
    """composer's rules read English; a draft in another language cannot be judged, and a model
    that switched language has usually misread its task. English prose is about half
    function words ('the', 'to', 'and'); other languages score far lower.

    Good: an English note. Bad: a note in French.
    """
    words = [span.text.lower() for span in ctx.word_spans]  # the words, already split once
    if len(words) < 12:
        return
    ratio = sum(map(tx.STOPWORDS.__contains__, words)) / len(words)
    if ratio < 0.18:
        yield Hit(f"this does not read as English ({ratio:.0%} common English words)")
