"""The history file is the user's alone: created 0600 in a 0700 folder before SQLite opens it."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from composer.history.errors import HistoryError


def prepare_file(path: Path, private_folder: bool) -> None:
    """Create the folder (0700) and an empty database file (0600) before SQLite opens it.

    An existing folder is made private only when it is composer's own (`private_folder`); an
    existing file readable by others is made user-only.
    """
    folder = path.parent
    try:
        if path.is_dir():
            raise HistoryError(
                f"The history path {path} is a folder; set COMPOSER_HISTORY to a file path "
                "such as ~/composer-history.db."
            )
        try:
            folder.mkdir(parents=True, mode=0o700)
        except FileExistsError:  # already there (perhaps made a moment ago by another run)
            if private_folder:
                with contextlib.suppress(OSError):
                    os.chmod(folder, 0o700)
        else:
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            with contextlib.suppress(OSError):
                if path.stat().st_mode & 0o077:
                    os.chmod(path, 0o600)
        else:
            os.close(fd)
            os.chmod(path, 0o600)
    except HistoryError:
        raise
    except OSError as exc:
        raise HistoryError(
            f"Cannot create the history database at {path}: {exc.strerror or exc}. Set "
            "COMPOSER_HISTORY to a writable file, or use --no-log."
        ) from None
