"""Word and phrase lists, read once from the data files beside the rules (data/<module>.txt).

A data file holds sections: a line '[name]' starts one, every other line is an entry, and
lines starting with '#' are comments (say there why a phrase is in, or why one is left out).
A phrase list takes each line as one phrase; a word set takes every word on every line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def _sections(name: str) -> dict[str, tuple[str, ...]]:
    """Every section of data/<name>.txt, read and split once per process."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            if line[1:-1] in sections:
                raise ValueError(f"data/{name}.txt:{number}: section {line} appears twice")
            current = sections.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"data/{name}.txt:{number}: an entry before any [section]")
        else:
            current.append(line)
    return {key: tuple(items) for key, items in sections.items()}


def lines(name: str, section: str) -> tuple[str, ...]:
    """The entries of one section, one phrase a line, in file order."""
    return _sections(name)[section]


def word_list(name: str, section: str) -> tuple[str, ...]:
    """Every word of one section, in file order: a list written many words to a line."""
    return tuple(word for line in _sections(name)[section] for word in line.split())


def words(name: str, section: str) -> frozenset[str]:
    """Every word of one section, as a set."""
    return frozenset(word_list(name, section))


def alternation(items: Iterable[str]) -> str:
    """Regex text matching any of `items` literally, tried in order; a space matches any run of
    white space."""
    return "(?:" + "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in items) + ")"
