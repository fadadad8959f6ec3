"""The one error the history raises; its message says where the file is and what to do."""

from __future__ import annotations

from composer.errors import ComposerError


class HistoryError(ComposerError):
    """The history database cannot be opened, read or written; the message says what to do."""

    exit_code = 2
