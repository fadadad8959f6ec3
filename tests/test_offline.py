"""The offline path in a fresh interpreter: no socket is opened and `openai` is never imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from .conftest import FIXTURES, ROOT

# Runs in the child: every way of opening a network connection raises (and is counted, in case
# some code swallows the error), then the real console-script entry point runs.
CHILD = textwrap.dedent(
    """
    import atexit, json, socket, sys

    attempts = []

    def blocked(*args, **kwargs):
        attempts.append(repr(args)[:80])
        raise OSError("network access is blocked in this test")

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            blocked(*args)

    socket.socket = NoSocket
    socket.create_connection = blocked
    socket.getaddrinfo = blocked
    socket.socketpair = blocked

    def report():
        sys.stderr.write("\\nOFFLINE-REPORT " + json.dumps({
            "openai": sorted(m for m in sys.modules if m == "openai" or m.startswith("openai.")),
            "httpx": "httpx" in sys.modules,
            "attempts": attempts,
        }) + "\\n")

    atexit.register(report)
    sys.argv = ["composer", *sys.argv[1:]]
    from composer.cli import main
    main()
    """
)


def run_composer(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> tuple[subprocess.CompletedProcess[str], dict]:
    """composer in a fresh interpreter with the network blocked; `env` adds to a clean one."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OPENAI_", "COMPOSER_")) and key != "PYTHONSTARTUP"
    }
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**base, **(env or {})},
        input=stdin,
        timeout=60,
    )
    marker = "OFFLINE-REPORT "
    assert marker in proc.stderr, proc.stderr
    report = json.loads(proc.stderr.split(marker, 1)[1].splitlines()[0])
    return proc, report


@pytest.mark.parametrize(
    "extra",
    [["--offline"], []],
    ids=["offline-flag", "no-api-key"],
)
def test_draft_all_kinds_offline_opens_no_socket_and_never_imports_openai(
    extra: list[str],
) -> None:
    notes = str(FIXTURES / "notes" / "jordan-ellis.txt")
    proc, report = run_composer("draft", notes, *extra, "--kind", "all")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for kind in ("thank-you", "status-check", "feedback-request"):
        assert f"── {kind} (template)" in proc.stdout
    assert proc.stdout.count("passes every error-level rule") == 3
    assert report["openai"] == [], "the offline path imported openai"
    assert report["attempts"] == [], f"sockets were attempted: {report['attempts']}"


def test_check_opens_no_socket_and_never_imports_openai(tmp_path) -> None:  # type: ignore[no-untyped-def]
    message = tmp_path / "m.txt"
    message.write_text(
        "Subject: Thank you\n\nDear Sophie,\n\nThank you for meeting me on Thursday to discuss "
        "the Paralegal role at Bramley Kent LLP. I learned that paralegals attend client "
        "meetings from their first month, and I am very keen to join the team.\n\n"
        "Kind regards,\nJordan Ellis\n",
        encoding="utf-8",
    )
    notes = str(FIXTURES / "notes" / "jordan-ellis.txt")
    proc, report = run_composer("check", str(message), "--kind", "thank-you", "--notes", notes)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    assert report["openai"] == []
    assert report["attempts"] == []


def test_the_guard_itself_catches_a_socket() -> None:
    """Proves the harness works: code that does open a socket is seen."""
    probe = CHILD.replace(
        "from composer.cli import main\nmain()",
        "import socket\ntry:\n    socket.socket()\nexcept OSError:\n    pass\nimport openai\n",
    )
    assert probe != CHILD
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    report = json.loads(proc.stderr.split("OFFLINE-REPORT ", 1)[1].splitlines()[0])
    assert len(report["attempts"]) == 1
    assert "openai" in report["openai"]
