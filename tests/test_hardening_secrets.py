"""Secrets and privacy: the API key never leaves composer's hands, even when a server echoes it
back; the offline paths open no socket and never import `openai`; what composer writes is
user-only (0600 files, 0700 folders).
"""

from __future__ import annotations

import json
import logging
import os
import stat
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from composer.cli import app
from tests.conftest import CASSETTES, FIXTURES
from tests.fake_openai import FakeOpenAI, Step, draft
from tests.test_llm_wire import GOOD, SUBJECT
from tests.test_offline import run_composer

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
KEY = "sk-proj-SECRET0123456789abcdefghijKLMN"


def _model_named_after_the_key() -> bytes:
    body = json.dumps({"subject": SUBJECT, "body": GOOD})
    return json.dumps(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 1,
            "model": f"gpt-echo Bearer {KEY}",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": body},
                }
            ],
        }
    ).encode()


# Servers that put the Authorization header they received into what they send back.
ECHOES = {
    "401-error-message": [Step(status=401, error="Incorrect API key", echo_auth=True)],
    "500-error-message": [Step(status=500, error="Upstream failed for", echo_auth=True)],
    "400-error-message": [Step(status=400, error="Bad request from", echo_auth=True)],
    "in-the-draft": [draft(SUBJECT, GOOD, echo_auth=True)],
    "in-the-raw-content": [Step(content=f"Subject: {SUBJECT}\n\n{GOOD}", echo_auth=True)],
    "in-a-refusal": [Step(refusal=f"I will not, Bearer {KEY}")],
    "in-the-model-name": [Step(raw=_model_named_after_the_key())],
}


@pytest.fixture
def home() -> Path:
    return Path(os.environ["HOME"])  # tests/conftest.py gives every test its own


def files_under(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module", autouse=True)
def _sdk_imported() -> None:
    import openai  # noqa: F401


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("name", list(ECHOES))
def test_the_key_never_appears_even_when_the_server_echoes_it(
    name: str,
    fmt: str,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    out = tmp_path / "drafts"
    with FakeOpenAI(ECHOES[name]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        with caplog.at_level(logging.DEBUG):
            result = CliRunner().invoke(
                app,
                [
                    *("draft", NOTES, "-k", "thank-you", "--timeout", "5"),
                    *("--repair-rounds", "1", "--format", fmt, "--out", str(out)),
                ],
            )
        seen = server.headers
    # The server did get the key, so it had something to echo.
    assert seen and seen[0]["authorization"] == f"Bearer {KEY}"
    assert result.exit_code in (0, 1), result.output
    places = {
        "stdout": result.stdout,
        "stderr": result.stderr,
        "logs": caplog.text,
        **{str(p): p.read_bytes().decode("utf-8", "replace") for p in files_under(out)},
        # The history (and anything else composer keeps under the user's home).
        **{str(p): p.read_bytes().decode("latin-1") for p in files_under(home)},
    }
    assert any(p.suffix == ".db" for p in files_under(home)), "no history was kept to search"
    for place, text in places.items():
        assert KEY not in text, f"the key leaked into {place}"
        assert KEY[8:24] not in text, f"part of the key leaked into {place}"
    if fmt == "json":
        item = json.loads(result.stdout)["drafts"][0]
        # A draft that carried the key is never the one handed back as passing.
        assert not (item["source"] != "template" and "[API key removed]" in item["body"])


def test_a_draft_carrying_the_key_is_caught_by_a_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from composer.drafting import compose
    from composer.llm import Endpoint
    from composer.models import Kind, Source
    from composer.notes import read_notes_file

    notes = read_notes_file(Path(NOTES)).notes
    with FakeOpenAI([draft(SUBJECT, GOOD, echo_auth=True)]) as server:
        endpoint = Endpoint(
            base_url=server.base_url, api_key=SecretStr(KEY), budget=5, repair_rounds=1
        )
        result = compose(notes, [Kind.THANK_YOU], offline=False, endpoint=endpoint)
    item = result.drafts[0]
    assert item.source is Source.TEMPLATE and KEY not in item.body
    first = item.attempts[0]
    assert not first.passed and "HYG001" in {f.code for f in first.findings}
    assert all(KEY not in f.message for a in item.attempts for f in a.findings)


def test_errors_and_reprs_never_carry_the_key() -> None:
    """What an exception or a debug print could show: the endpoint, the translated error (and
    its traceback), a ChatClient."""
    import httpx2
    import openai

    from composer.llm import ChatClient, Endpoint, translate

    endpoint = Endpoint(base_url="http://127.0.0.1:9/v1", api_key=SecretStr(KEY))
    request = httpx2.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    response = httpx2.Response(401, request=request, json={"error": {"message": f"bad {KEY}"}})
    sdk_error = openai.AuthenticationError(f"bad key {KEY}", response=response, body=None)
    try:
        raise translate(sdk_error, endpoint) from None
    except Exception as exc:
        shown = "".join(traceback.format_exception(exc))
        for text in (str(exc), repr(exc), shown, repr(exc.args)):
            assert KEY not in text
    for text in (
        repr(endpoint),
        str(endpoint),
        endpoint.model_dump_json(),
        json.dumps(endpoint.model_dump(mode="json")),
        endpoint.label,
        repr(ChatClient(endpoint)),
    ):
        assert KEY not in text


def test_recorded_cassettes_and_their_filters_drop_the_key() -> None:
    from tests.conftest import vcr_config

    config = vcr_config.__wrapped__()  # type: ignore[attr-defined]
    assert "authorization" in config["filter_headers"]
    for path in CASSETTES.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "Bearer" not in text and "sk-" not in text, path


# --- offline: no socket, no openai --------------------------------------------------------------


MINIMAL = str(FIXTURES / "notes" / "minimal.json")
NOTES_TEXT = Path(NOTES).read_text(encoding="utf-8")
WITH_A_MODEL = {
    "OPENAI_API_KEY": KEY,
    "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
    "COMPOSER_MODEL": "gpt-4o",
}


@pytest.mark.parametrize(
    ("args", "env", "stdin"),
    [
        (["draft", "-", "--kind", "all"], None, NOTES_TEXT),
        (["draft", NOTES, "--offline", "--format", "json"], WITH_A_MODEL, None),
        (["draft", "-", "--offline"], WITH_A_MODEL, NOTES_TEXT),
        (["draft", MINIMAL, "--offline", "-o", "OUT"], WITH_A_MODEL, None),
        (["prompt", NOTES, "--kind", "status-check"], WITH_A_MODEL, None),
        (["plan", NOTES, "--today", "2026-11-13", "--no-log"], None, None),
        (["rules", "--format", "json"], WITH_A_MODEL, None),
        (["notes-template"], None, None),
        (["check", "-", "--kind", "thank-you", "--notes", NOTES], WITH_A_MODEL, GOOD),
    ],
    ids=[
        "draft-stdin-no-key",
        "draft-offline-with-key-and-url",
        "draft-stdin-offline-with-key",
        "draft-out-offline",
        "prompt-with-key",
        "plan",
        "rules",
        "notes-template",
        "check-with-key",
    ],
)
def test_offline_commands_open_no_socket_and_never_import_openai(
    args: list[str], env: dict[str, str] | None, stdin: str | None, tmp_path: Path
) -> None:
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    proc, report = run_composer(*args, env={**home, **(env or {})}, stdin=stdin)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    assert report["openai"] == [], "the offline path imported openai"
    assert report["attempts"] == [], f"sockets were attempted: {report['attempts']}"
    assert KEY not in proc.stdout + proc.stderr


# --- user-only files ------------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, so 'user-only' is composer's doing, not the test machine's."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_drafts_written_with_out_are_user_only(tmp_path: Path) -> None:
    out = tmp_path / "new" / "nested" / "drafts"
    result = CliRunner().invoke(
        app, ["draft", NOTES, "--offline", "--kind", "all", "--out", str(out), "--no-log"]
    )
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert [p.name for p in files] == ["feedback-request.txt", "status-check.txt", "thank-you.txt"]
    for path in files:
        assert mode(path) == 0o600, path
    for folder in (tmp_path / "new", tmp_path / "new" / "nested", out):
        assert mode(folder) == 0o700, folder


@pytest.mark.usefixtures("umask_022")
def test_replacing_a_world_readable_draft_makes_it_user_only(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    old = out / "thank-you.txt"
    old.write_text("old\n", encoding="utf-8")
    old.chmod(0o644)
    result = CliRunner().invoke(
        app, ["draft", NOTES, "--offline", "-k", "thank-you", "-o", str(out), "--force"]
    )
    assert result.exit_code == 0, result.output
    assert mode(old) == 0o600 and old.read_text(encoding="utf-8") != "old\n"


@pytest.mark.usefixtures("umask_022")
def test_the_history_database_is_user_only(home: Path) -> None:
    result = CliRunner().invoke(app, ["draft", NOTES, "--offline", "-k", "thank-you"])
    assert result.exit_code == 0, result.output
    from composer.history import history_path

    db = history_path()
    assert db.exists(), "draft keeps a history by default"
    assert mode(db) == 0o600 and mode(db.parent) == 0o700
    for extra in db.parent.glob(db.name + "-*"):  # SQLite's -wal and -shm
        assert mode(extra) == 0o600, extra


@pytest.mark.usefixtures("umask_022")
def test_accepted_review_drafts_and_plan_calendars_are_user_only(tmp_path: Path) -> None:
    from composer.drafting import template_draft
    from composer.models import Kind
    from composer.notes import read_notes_file
    from composer.outbox import save_accepted

    notes = read_notes_file(Path(NOTES)).notes
    folder = tmp_path / "accepted" / "bramley"
    txt, eml = save_accepted(folder, notes, template_draft(notes, Kind.THANK_YOU))
    assert mode(txt) == 0o600 and mode(eml) == 0o600
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
    ics = tmp_path / "cal" / "plan.ics"
    result = CliRunner().invoke(
        app, ["plan", NOTES, "--today", "2026-11-13", "--ics", str(ics), "--no-log"]
    )
    assert result.exit_code == 0, result.output
    assert mode(ics) == 0o600 and mode(ics.parent) == 0o700
