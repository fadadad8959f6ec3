"""Language: the message is in English, the one language the rules can judge."""

from __future__ import annotations

from collections.abc import Iterator

from composer import text as tx
from composer.models import Kind, Severity
from composer.rules.base import Context, Example, Hit, rule
from composer.rules.examples import OPEN, SIGN, THANKS


@rule(
    code="LANG001",
    name="not-english",
    severity=Severity.ERROR,
    source=(
        "composer's checks on drafts: the rules read English, so a message in another language "
        "cannot be judged."
    ),
    instruction="Write in English.",
    hint="Write the whole message in English.",
    good=[
        f"{OPEN}Thank you for the interview for the Paralegal role; I am very keen.{SIGN}",
        Example(
            THANKS,
            Kind.THANK_YOU,
            whole=True,
        ),
    ],
    bad=[
        f"{OPEN}Merci beaucoup pour l'entretien de jeudi. J'ai beaucoup appris sur le poste "
        f"et je serais ravi de rejoindre votre équipe à Londres.{SIGN}",
        Example(
            "Chère Sophie,\n\nMerci beaucoup pour l'entretien de jeudi pour le poste de juriste "
            "chez Bramley Kent LLP. J'ai beaucoup appris sur la nouvelle pratique d'arbitrage et "
            "je serais ravi de rejoindre votre équipe.\n\nCordialement,\nJordan Ellis",
            Kind.THANK_YOU,
            whole=True,
            why="English vs. French.",
        ),
    ],
)
def not_english(ctx: Context) -> Iterator[Hit]:
    """composer's rules read English; a draft in another language cannot be judged, and a model
    that switched language has usually misread its task. English prose is about half
    function words ('the', 'to', 'and'); other languages score far lower.
    """
    words = ctx.word_texts  # the words, already split once
    if len(words) < 12:
        return
    ratio = sum(map(tx.STOPWORDS.__contains__, map(str.lower, words))) / len(words)
    if ratio < 0.18:
        yield Hit(f"this does not read as English ({ratio:.0%} common English words)")
