"""The errors the history raises; each message says where the file is, or which date, and
what to do."""

from __future__ import annotations

from pathlib import Path

from composer.errors import ComposerError, InputError


class HistoryError(ComposerError):
    """The history database cannot be opened, read or written; the message says what to do."""

    exit_code = 2


class ImpossibleDateError(InputError):
    """A send or an answer dated before its interview, in the future, or outside the dates
    composer can plan with; the message names both dates."""


def missing(path: Path, what: str, row_id: int) -> HistoryError:
    """'There is no draft 42 in the history at ...', and where the ids are listed."""
    where = "'composer history' lists the interviews"
    if what == "draft":
        where = "'composer history show ID' lists an interview's drafts"
    return HistoryError(f"There is no {what} {row_id} in the history at {path}; {where}.")
