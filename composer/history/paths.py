"""Where the history lives. No environment is read here: the CLI passes COMPOSER_HISTORY in."""

from __future__ import annotations

import os
import shlex
from pathlib import Path


def default_path() -> Path:
    """history.db in the user's data folder (platformdirs: ~/.local/share/composer on Linux)."""
    from platformdirs import user_data_dir  # lazy: only when the history is used

    return Path(user_data_dir("composer", appauthor=False)) / "history.db"


def history_path(override: str | Path | None = None) -> Path:
    """`override` (a path the user gave, `~` expanded) when it is not blank, else the default."""
    text = str(override).strip() if override is not None else ""
    return Path(text).expanduser() if text else default_path()


def quoted(path: Path) -> str:
    """The path as a user pastes it into a shell command."""
    return shlex.quote(str(path)) if os.name != "nt" else f'"{path}"'
