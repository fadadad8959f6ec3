"""The history file is the user's alone: created 0600 in 0700 folders before SQLite opens it.

Only a regular file or a missing path is used. SQLite follows a symbolic link (a dangling one
makes it create the target with the umask's mode; a link to another file gets that file
chmod-ed and called damaged), and a device node such as /dev/null would be chmod-ed for
everyone on the machine: such paths are refused, naming the path, before anything is touched.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from composer.history.errors import HistoryError

# SQLite's own files beside the database: the same rules hold for them.
SIDECARS = ("-wal", "-shm", "-journal")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def prepare_file(path: Path, private_folder: bool) -> None:
    """Create the folder and every missing parent (0700) and an empty database file (0600)
    before SQLite opens it.

    An existing folder is made private only when it is composer's own (`private_folder`); an
    existing file readable by others is made user-only. A path that is a folder, a symbolic
    link, a device, a FIFO or a socket (or has such a sidecar) is a HistoryError.
    """
    refuse_odd(path, path)
    for suffix in SIDECARS:
        refuse_odd(Path(f"{path}{suffix}"), path)
    folder = path.parent
    try:
        if folder.is_dir():
            if private_folder:
                with contextlib.suppress(OSError):
                    os.chmod(folder, 0o700)
        else:
            private_folders(folder)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW | _CLOEXEC, 0o600)
        except FileExistsError:
            _make_user_only(path)
        else:
            try:
                _chmod(fd, path)
            finally:
                os.close(fd)
    except HistoryError:
        raise
    except OSError as exc:
        raise HistoryError(
            f"Cannot create the history database at {path}: {exc.strerror or exc}. Set "
            "COMPOSER_HISTORY to a writable file, or use --no-log."
        ) from None


def refuse_odd(candidate: Path, path: Path) -> None:
    """A HistoryError when `candidate` (the history at `path`, or one of its sidecars) exists
    and is not a regular file; nothing is followed or changed."""
    try:
        mode = os.lstat(candidate).st_mode
    except FileNotFoundError:
        return
    except OSError:
        return  # cannot look (a parent is not a folder...): creating it says why
    named = "The history path" if candidate == path else "SQLite's file beside the history"
    if stat.S_ISDIR(mode):
        raise HistoryError(
            f"{named} {candidate} is a folder; set COMPOSER_HISTORY to a file path such as "
            "~/composer-history.db."
        )
    if stat.S_ISLNK(mode):
        try:
            target = f" (to {os.readlink(candidate)})"
        except OSError:
            target = ""
        raise HistoryError(
            f"{named} {candidate} is a symbolic link{target}; composer keeps its history only "
            "in a regular file, so that it never creates or changes a file elsewhere. Set "
            "COMPOSER_HISTORY to the real file, or to a new path."
        )
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise HistoryError(
            f"{named} {candidate} is {what}, not a regular file; composer leaves it alone. "
            "Set COMPOSER_HISTORY to a file path such as ~/composer-history.db."
        )


def private_folders(folder: Path) -> None:
    """Create `folder` and every missing parent 0700 (`mkdir(parents=True)` gives the parents
    the umask's mode, and `mode` itself is masked by the umask)."""
    missing: list[Path] = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for item in reversed(missing):
        try:
            os.mkdir(item, 0o700)
        except FileExistsError:  # made a moment ago by another run: not ours to change
            continue
        os.chmod(item, 0o700)


def _make_user_only(path: Path) -> None:
    """Make an existing history file 0600, through a descriptor that did not follow a link,
    and only if it is (still) a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC)
    except PermissionError:
        return  # not ours to change; SQLite says what is wrong when it opens it
    except OSError:
        refuse_odd(path, path)  # replaced a moment ago by a link or a device
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            refuse_odd(path, path)
            raise HistoryError(
                f"The history path {path} is not a regular file; composer leaves it alone."
            )
        if mode & 0o077:
            with contextlib.suppress(OSError):
                _chmod(fd, path)
    finally:
        os.close(fd)


def _chmod(fd: int, path: Path) -> None:
    """0600 on the open file itself (by name where there is no fchmod)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)
    else:  # pragma: no cover - Windows
        os.chmod(path, 0o600)
