"""One exception hierarchy; each error carries the message a user reads and an exit code."""

from __future__ import annotations


class ComposerError(Exception):
    """Base for every error composer reports to a user instead of a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(ComposerError):
    """The user's input (notes, message, options, config) cannot be used as given."""

    exit_code = 2


class NotesError(InputError):
    """Interview notes that are missing a field, malformed or unreadable."""


class ConfigError(InputError):
    """A config file that cannot be read or holds an unknown setting."""


class OutputError(ComposerError):
    """A result that cannot be written where the user asked."""

    exit_code = 2


class ModelError(ComposerError):
    """The model endpoint failed in a way that a template draft can stand in for."""

    exit_code = 3
