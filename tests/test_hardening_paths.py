"""Issue 13, items 9 and 10: composer's files are the user's alone, and composer never
replaces what is not a regular file.

Item 9: every folder composer creates is 0700, under any umask (the cache folder and each
parent it makes too), and a cache folder the user does not own, or that others can write, is
not used: Jinja unpickles its bytecode cache, so a crafted file there must never be loaded.
Item 10: `--ics` and `--out --force` refuse a FIFO, a device node or a symlink (dangling or
not) with a clear error, and leave it as it was.
"""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from typer.testing import CliRunner

from composer import templates
from composer.cli import app
from tests.conftest import FIXTURES

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    templates.environment.cache_clear()
    yield home
    templates.environment.cache_clear()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def render_once() -> str:
    templates.environment.cache_clear()
    return templates.render("messages/_macros.j2")


# --- item 9 -------------------------------------------------------------------------------------


def test_the_cache_folder_and_its_parents_are_made_0700_under_umask_000(
    cache_home: Path, umask_000: None
) -> None:
    render_once()
    made = [cache_home, cache_home / "composer", cache_home / "composer" / "templates"]
    assert [oct(mode(p)) for p in made] == ["0o700"] * 3
    assert list(made[-1].iterdir()), "the cache is used when the folder is the user's alone"


@pytest.mark.parametrize("make", ["out", "ics"])
def test_folders_made_for_drafts_and_calendars_are_0700_under_umask_000(
    tmp_path: Path, umask_000: None, make: str
) -> None:
    target = tmp_path / "a" / "b"
    if make == "out":
        args = ["draft", str(NOTES), "--offline", "--no-log", "-k", "thank-you", "--out"]
        args.append(str(target))
    else:
        args = ["plan", str(NOTES), "--today", "2026-11-13", "--ics", str(target / "f.ics")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert oct(mode(tmp_path / "a")) == oct(mode(target)) == "0o700"


def _plant(folder: Path, marker: Path) -> None:
    """A bytecode file for every built-in template, each unpickling into `os.mkdir(marker)`."""

    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.mkdir, (str(marker),))

    cache = jinja2.FileSystemBytecodeCache(str(folder))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates.builtin_dir())))
    for name in env.list_templates():
        _, filename, _ = env.loader.get_source(env, name)
        key = cache.get_cache_key(name, filename)
        path = folder / cache.pattern.replace("%s", key)
        path.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(Boom()))
        path.chmod(0o666)


@pytest.mark.parametrize("how", ["world-writable", "group-writable", "someone else's"])
def test_a_crafted_bytecode_file_in_an_unsafe_cache_folder_is_never_loaded(
    cache_home: Path, tmp_path: Path, how: str
) -> None:
    folder = cache_home / "composer" / "templates"
    folder.mkdir(parents=True)
    marker = tmp_path / "EXECUTED"
    _plant(folder, marker)
    if how == "world-writable":
        folder.chmod(0o777)
    elif how == "group-writable":
        folder.chmod(0o770)
    else:
        if os.getuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(folder, 12345, 12345)
        folder.chmod(0o755)
    render_once()
    result = CliRunner().invoke(app, ["draft", str(NOTES), "--offline", "--no-log"])
    assert result.exit_code in (0, 1), result.output
    assert not marker.exists(), "a crafted bytecode file was unpickled"


def test_a_crafted_file_inside_a_private_cache_folder_is_not_loaded_either(
    cache_home: Path, tmp_path: Path
) -> None:
    """The folder is the user's, but the file was made writable by others (or by someone else
    before the folder was tightened): it is not read."""
    folder = cache_home / "composer" / "templates"
    folder.mkdir(parents=True, mode=0o700)
    marker = tmp_path / "EXECUTED"
    _plant(folder, marker)  # each file 0666
    render_once()
    assert not marker.exists()
    if os.getuid() == 0:
        for path in folder.iterdir():
            path.chmod(0o600)
            os.chown(path, 12345, 12345)
        render_once()
        assert not marker.exists()


def test_the_cache_is_bypassed_not_fatal_when_it_cannot_be_made(
    cache_home: Path, tmp_path: Path
) -> None:
    cache_home.mkdir()
    (cache_home / "composer").write_text("a file where the folder should be", encoding="utf-8")
    render_once()  # no error
    assert templates.environment(None).bytecode_cache is None


def test_a_sandboxed_user_folder_keeps_no_bytecode(cache_home: Path, tmp_path: Path) -> None:
    user = tmp_path / "tpl"
    user.mkdir()
    templates.environment.cache_clear()
    assert templates.environment(user).bytecode_cache is None
    assert templates.environment(None).bytecode_cache is not None


# --- item 10 ------------------------------------------------------------------------------------


def _special(tmp_path: Path, kind: str, name: str) -> tuple[Path, Path | None]:
    """A path of the given kind; and for a symlink, the file it points at."""
    path = tmp_path / name
    target = None
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        try:
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    elif kind == "symlink":
        target = tmp_path / "elsewhere.txt"
        target.write_text("not yours to replace\n", encoding="utf-8")
        path.symlink_to(target)
    elif kind == "dangling symlink":
        target = tmp_path / "nowhere" / "x.txt"
        path.symlink_to(target)
    return path, target


def _unchanged(path: Path, kind: str, target: Path | None) -> None:
    info = path.lstat()
    expected = {
        "fifo": stat.S_ISFIFO,
        "device": stat.S_ISCHR,
        "symlink": stat.S_ISLNK,
        "dangling symlink": stat.S_ISLNK,
    }[kind]
    assert expected(info.st_mode), f"{path} was replaced"
    if kind == "symlink":
        assert target is not None
        assert target.read_text(encoding="utf-8") == "not yours to replace\n"
    if kind == "dangling symlink":
        assert target is not None and not target.exists()


KINDS = ["fifo", "device", "symlink", "dangling symlink"]


@pytest.mark.parametrize("kind", KINDS)
def test_ics_never_replaces_a_fifo_a_device_or_a_symlink(tmp_path: Path, kind: str) -> None:
    path, target = _special(tmp_path, kind, "follow-ups.ics")
    result = CliRunner().invoke(
        app, ["plan", str(NOTES), "--today", "2026-11-13", "--ics", str(path)]
    )
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.stderr and "unexpected" not in result.stderr
    _unchanged(path, kind, target)


@pytest.mark.parametrize("force", [False, True], ids=["no force", "--force"])
@pytest.mark.parametrize("kind", KINDS)
def test_out_never_replaces_a_fifo_a_device_or_a_symlink(
    tmp_path: Path, kind: str, force: bool
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path, target = _special(out, kind, "thank-you.txt")
    args = ["draft", str(NOTES), "--offline", "--no-log", "-k", "thank-you", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, *(["--force"] if force else [])])
    assert result.exit_code == 2, result.output
    assert "thank-you.txt" in result.stderr and "unexpected" not in result.stderr
    if force or kind != "symlink":  # without --force an existing file is refused as such
        assert "not a regular file" in result.stderr, result.stderr
    _unchanged(path, kind, target)


def test_atomic_write_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    from composer.files import NotAFile, atomic_write

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotAFile, match="named pipe"):
        atomic_write(tmp_path / "pipe", "x")
    (tmp_path / "dir").mkdir()
    with pytest.raises(NotAFile, match="folder"):
        atomic_write(tmp_path / "dir", "x")
    atomic_write(tmp_path / "file", "x")  # a new file, and then its replacement
    atomic_write(tmp_path / "file", "y")
    assert (tmp_path / "file").read_text() == "y" and mode(tmp_path / "file") == 0o600


def test_review_names_never_write_through_a_dangling_symlink(tmp_path: Path) -> None:
    from composer.outbox import free_path

    (tmp_path / "a.txt").symlink_to(tmp_path / "nowhere.txt")
    assert free_path(tmp_path, "a", ".txt") == tmp_path / "a-2.txt"
