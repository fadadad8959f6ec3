"""Putting phrases together, and choosing among wordings."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from composer import text as tx


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


# --- varied wording -------------------------------------------------------------------------


def picker(seed: int) -> Callable[..., str]:
    """Choose among phrasings: stable for one set of notes, different across candidates."""
    calls = [0]

    def pick(*options: str) -> str:
        calls[0] += 1
        return options[(seed + calls[0] * 7) % len(options)]

    return pick
