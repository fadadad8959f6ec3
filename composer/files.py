"""Writing files so that an interrupted run leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, text: str) -> None:
    """Write to a private temp file beside `path`, then rename it into place (user-only mode)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_limited(path: Path, limit: int, what: str, error: type[Exception]) -> bytes:
    """Read a user's file, at most one byte past `limit`, with an error a person can act on.

    `what` names the file for messages ('notes', 'message'); /dev/zero and friends report a
    size of 0, so the read itself is bounded rather than trusting stat().
    """
    try:
        if path.is_dir():
            raise error(f"{path} is a folder; give the {what} file inside it.")
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise error(f"No {what} file at {path}. Check the path, or pipe the {what} in "
                    "with '-'.") from None
    except OSError as exc:
        raise error(f"Cannot read {path}: {exc.strerror or exc}. Check that the file is "
                    f"readable (its permissions), or pipe the {what} in with '-'.") from None
    return raw
