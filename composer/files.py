"""Writing files so that an interrupted run leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


def private_dirs(folder: Path) -> None:
    """Create `folder` and every missing parent user-only (0700). `mkdir(parents=True)` gives
    the parents the default mode (0755 under the usual umask, 0777 under umask 000), whatever
    `mode` says, and `mode` itself is masked by the umask: each folder made is set to 0700."""
    missing = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for item in reversed(missing):
        try:
            item.mkdir(mode=0o700)
        except FileExistsError:  # made a moment ago by another run: not ours to change
            continue
        os.chmod(item, 0o700)


class NotAFile(OSError):
    """The path names something that is not a regular file (a FIFO, a device, a symlink, a
    folder); composer never replaces one with a file."""


def _what(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    for test, name in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def refuse_special(path: Path) -> None:
    """NotAFile when `path` exists and is not a regular file (checked without following a
    symlink): replacing /dev/null, a FIFO or a symlink with a file is never what was meant."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    what = _what(mode)
    if what is not None:
        raise NotAFile(
            errno.EEXIST,
            f"it is {what}, not a regular file, and composer does not replace it (remove it, "
            "or choose another name)",
            str(path),
        )


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
    A path that is a FIFO, a device, a symlink or a folder is refused (NotAFile), not replaced.
    """
    private_dirs(path.parent)
    refuse_special(path)
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
