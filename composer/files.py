"""Writing files so that an interrupted run leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


def private_dirs(folder: Path) -> None:
    """Create `folder` and every missing parent user-only (0700). `mkdir(parents=True)` gives
    the parents the default mode (0755 under the usual umask), whatever `mode` says."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for item in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made a moment ago by another run
            item.mkdir(mode=0o700)


@contextlib.contextmanager
def _term_as_exit() -> Iterator[None]:
    """While a temp file exists, SIGTERM unwinds (exit status 143) instead of killing the
    process outright, so the temp file is removed. Only where SIGTERM still has its default
    action and only in the main thread (signal handlers cannot be set elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.getsignal(signal.SIGTERM)
    except (ValueError, OSError):
        previous = None
    if previous != signal.SIG_DFL:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def atomic_write(path: Path, text: str) -> None:
    """Write to a private temp file beside `path`, then rename it into place (user-only mode).

    An interruption at any point (Ctrl-C, SIGTERM, a full disk) leaves the old file or the new
    one, never half of one; the temp file is removed unless the process is killed outright.
    """
    private_dirs(path.parent)
    with _term_as_exit():
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
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, as not every system allows it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
        raise error(
            f"No {what} file at {path}. Check the path, or pipe the {what} in with '-'."
        ) from None
    except OSError as exc:
        raise error(
            f"Cannot read {path}: {exc.strerror or exc}. Check that the file is "
            f"readable (its permissions), or pipe the {what} in with '-'."
        ) from None
    return raw
