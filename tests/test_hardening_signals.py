"""Nothing lost: a run interrupted during a write or during a model call leaves the old file or
the new one, never half of one, and Ctrl-C ends a model call at once with exit status 130.

Each test runs composer in a child process and sends it a real signal at the worst moment: half
of a file written (a slowed-down write), or a request waiting on a slow model server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.fake_openai import FakeOpenAI, Step
from tests.test_llm_wire import GOOD, SUBJECT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
NEVER = 3600.0  # a model server's delay no test waits for
HANG_GUARD = 30  # seconds: ends a stuck child; not a speed limit (the run budget is 60 s)
OLD = "the old file, complete\n" * 200
NEW = "the new file, complete\n" * 400

# The child writes NEW over `target` with composer's atomic_write, but its write stops halfway
# (after flushing half the text to disk) and waits to be killed.
SLOW_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from composer.files import atomic_write

    real_fdopen = os.fdopen

    class HalfThenWait:
        def __init__(self, handle):
            self.handle = handle
        def write(self, text):
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            os.fsync(self.handle.fileno())
            print("HALF", flush=True)
            time.sleep(30)
            self.handle.write(text[len(text) // 2 :])
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def __getattr__(self, name):
            return getattr(self.handle, name)

    os.fdopen = lambda fd, *a, **k: HalfThenWait(real_fdopen(fd, *a, **k))
    atomic_write(Path(sys.argv[1]), sys.argv[2] * int(sys.argv[3]))
    print("DONE", flush=True)
    """
)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "COMPOSER_")) and k != "PYTHONSTARTUP"
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def wait_for_line(proc: subprocess.Popen[str], expected: str, timeout: float = 20) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip() == expected:
            return
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"the child never said {expected!r}: {proc.communicate()}")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=str)
@pytest.mark.parametrize("exists", [True, False], ids=["replacing", "creating"])
def test_a_write_killed_halfway_leaves_the_old_file_or_none(
    tmp_path: Path, sig: signal.Signals, exists: bool
) -> None:
    target = tmp_path / "drafts" / "thank-you.txt"
    if exists:
        target.parent.mkdir()
        target.write_text(OLD, encoding="utf-8")
    unit = "the new file, complete\n"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target), unit, "400"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path),
    )
    wait_for_line(proc, "HALF")
    temps = list(target.parent.glob(".thank-you.txt.*.tmp"))
    assert len(temps) == 1 and 0 < temps[0].stat().st_size < len(NEW)  # half is on disk
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=20)
    assert proc.returncode != 0
    if exists:
        assert target.read_text(encoding="utf-8") == OLD, "the old file was damaged"
    else:
        assert not target.exists(), "a half-written file was left in place"
    if sig is not signal.SIGKILL:  # a killed process cleans nothing up; the others do
        assert list(target.parent.glob("*.tmp")) == [], "the temp file was left behind"
        assert "Traceback" not in stderr or sig is signal.SIGINT
    if sig is signal.SIGTERM:
        assert proc.returncode == 128 + signal.SIGTERM


def test_an_uninterrupted_slow_write_is_whole(tmp_path: Path) -> None:
    """The harness itself: the same slowed-down write, left alone, leaves the whole new file."""
    target = tmp_path / "t.txt"
    target.write_text(OLD, encoding="utf-8")
    writer = SLOW_WRITER.replace("time.sleep(30)", "time.sleep(0)")
    proc = subprocess.run(
        [sys.executable, "-c", writer, str(target), "the new file, complete\n", "400"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path),
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert target.read_text(encoding="utf-8") == NEW


def _draft_child(home: Path, url: str, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "composer.cli",
            "draft",
            NOTES,
            "-k",
            "thank-you",
            "--out",
            str(out),
            "--timeout",
            "60",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=home,
        env=child_env(home, OPENAI_BASE_URL=url, OPENAI_API_KEY="sk-signal-test-0123456789"),
    )


def _wait_for_request(server: FakeOpenAI, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while not server.requests and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    if not server.requests:
        proc.kill()
        raise AssertionError(f"no request reached the server: {proc.communicate()}")
    time.sleep(0.2)  # the call is now waiting on the slow answer


@pytest.mark.parametrize("force", [False, True], ids=["new-folder", "replacing-with-force"])
def test_ctrl_c_during_a_model_call_exits_130_at_once_and_writes_nothing(
    tmp_path: Path, force: bool
) -> None:
    out = tmp_path / "drafts"
    if force:
        out.mkdir()
        (out / "thank-you.txt").write_text(OLD, encoding="utf-8")
    # The server never answers within the test and the budget is 60 s: the run can end only
    # because of Ctrl-C. Were it waiting for the answer or the budget, the hang guard would
    # fire; the budget running out would also show as exit 0 and the template draft.
    with FakeOpenAI([Step(subject=SUBJECT, body=GOOD, delay=NEVER)]) as server:
        proc = _draft_child(tmp_path, server.base_url, out, *(["--force"] if force else []))
        _wait_for_request(server, proc)
        proc.send_signal(signal.SIGINT)
        try:
            stdout, stderr = proc.communicate(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise AssertionError(
                f"Ctrl-C did not end the run: still waiting {HANG_GUARD} s later (budget 60 s)"
            ) from None
        seen = len(server.requests)
    assert proc.returncode == 130, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr
    assert seen == 1  # nothing was asked again after Ctrl-C
    assert "Dear Sophie" not in stdout  # no draft was shown either
    if force:
        assert [p.name for p in out.iterdir()] == ["thank-you.txt"]
        assert (out / "thank-you.txt").read_text(encoding="utf-8") == OLD
    else:
        assert not out.exists() or list(out.iterdir()) == []


def test_sigterm_during_a_model_call_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    with FakeOpenAI([Step(subject=SUBJECT, body=GOOD, delay=30)]) as server:
        proc = _draft_child(tmp_path, server.base_url, out)
        _wait_for_request(server, proc)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert not out.exists() or list(out.iterdir()) == []
