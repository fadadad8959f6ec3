"""The history path (issue 13.10): only a regular file or a missing path is used. A symbolic
link (dangling, or to another file), a device node, a FIFO or a folder is refused with an error
naming the path, and nothing is created, followed or chmod-ed; folders are created 0700."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from composer.history import History, HistoryError
from composer.history import permissions as perms
from tests.test_history import NOTES_FILE, invoke, notes

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links, devices and modes")


@pytest.fixture(autouse=True)
def _no_history_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("COMPOSER_NO_LOG", "COMPOSER_TODAY", "COMPOSER_FORMAT", "COMPOSER_HISTORY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def no_chmod(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every chmod composer attempts is recorded and refused, so that a test of a shared file
    (/dev/null, as root) can never change it, even if the code under test were wrong."""
    calls: list[object] = []

    def refuse(target: object, *args: object, **kwargs: object) -> None:
        calls.append(target)
        raise PermissionError(1, "chmod refused by the test")

    monkeypatch.setattr(os, "chmod", refuse)
    monkeypatch.setattr(os, "fchmod", refuse)
    return calls


def test_a_dangling_symlink_is_refused_and_its_target_never_created(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "made-by-sqlite.db"
    target.parent.mkdir()
    link = tmp_path / "history.db"
    link.symlink_to(target)
    with pytest.raises(HistoryError) as info:
        History.open(link)
    message = info.value.message
    assert f"The history path {link} is a symbolic link (to {target})" in message
    assert "COMPOSER_HISTORY" in message
    assert not target.exists() and link.is_symlink()


def test_a_symlink_to_a_file_is_refused_and_the_file_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "someone-elses.txt"
    target.write_text("not a database\n", encoding="utf-8")
    os.chmod(target, 0o644)
    link = tmp_path / "history.db"
    link.symlink_to(target)
    with pytest.raises(HistoryError, match="is a symbolic link") as info:
        History.open(link)
    assert "damaged" not in info.value.message  # it is not called damaged either
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8") == "not a database\n"


def test_a_device_node_is_refused_and_never_chmod_ed(no_chmod: list[object]) -> None:
    devnull = Path("/dev/null")
    mode = devnull.stat().st_mode
    with pytest.raises(HistoryError) as info:
        History.open(devnull)
    assert info.value.message.startswith(
        "The history path /dev/null is a character device, not a regular file"
    )
    assert no_chmod == [] and devnull.stat().st_mode == mode


def test_a_fifo_is_refused_without_blocking(tmp_path: Path, no_chmod: list[object]) -> None:
    fifo = tmp_path / "history.db"
    os.mkfifo(fifo, 0o644)
    with pytest.raises(HistoryError, match=r"is a named pipe \(FIFO\), not a regular file"):
        History.open(fifo)
    assert no_chmod == [] and stat.S_IMODE(fifo.stat().st_mode) == 0o644


def test_a_symlinked_sidecar_is_refused(tmp_path: Path) -> None:
    """SQLite would follow history.db-wal too, creating its target."""
    path = tmp_path / "history.db"
    target = tmp_path / "elsewhere-wal"
    Path(f"{path}-wal").symlink_to(target)
    with pytest.raises(
        HistoryError, match=r"SQLite's file beside the history .*-wal is a symbolic"
    ):
        History.open(path)
    assert not target.exists() and not path.exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match=f"The history path {tmp_path} is a folder"):
        History.open(tmp_path)


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_every_folder_created_is_private(tmp_path: Path, umask: int) -> None:
    """`mkdir(parents=True)` gives the parents the umask's mode; composer makes each 0700."""
    os.chmod(tmp_path, 0o755)
    path = tmp_path / "a" / "b" / "c" / "history.db"
    old = os.umask(umask)
    try:
        with History.open(path) as opened:
            opened.record_interview(notes())
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # A folder that was already there is not composer's to change.
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


def test_regular_files_and_missing_paths_still_work(tmp_path: Path) -> None:
    loose = tmp_path / "loose.db"
    loose.touch()
    os.chmod(loose, 0o644)
    History.open(loose).close()
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600
    perms.prepare_file(tmp_path / "new.db", private_folder=False)
    assert (tmp_path / "new.db").is_file()


def test_the_commands_refuse_such_paths_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "made-by-sqlite.db"
    link = tmp_path / "history.db"
    link.symlink_to(target)
    monkeypatch.setenv("COMPOSER_HISTORY", str(link))
    # Writing commands refuse it; reading ones see no history (and create nothing).
    recorded = invoke("outcome", NOTES_FILE, "pending")
    assert recorded.exit_code == 2 and f"{link} is a symbolic link" in recorded.stderr
    drafted = invoke("draft", NOTES_FILE, "--offline", "-k", "thank-you")
    assert drafted.exit_code == 2 and "is a symbolic link" in drafted.stderr
    assert "No interviews tracked yet" in invoke("history").stdout
    assert not target.exists()
    target.write_bytes(b"")
    listed = invoke("history")
    assert listed.exit_code == 2 and "is a symbolic link" in listed.stderr
