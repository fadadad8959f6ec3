"""The model path end to end through the CLI, against a live scripted server on 127.0.0.1."""

from __future__ import annotations

import json
import re

from composer.cli import app
from tests.conftest import CASSETTES, FIXTURES
from tests.fake_openai import FakeOpenAI, Step, draft
from tests.test_llm_wire import GOOD, SUBJECT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
KEY_LIKE = re.compile(r"sk-[A-Za-z0-9_-]{12,}|Bearer\s+\S{8,}|test-key", re.IGNORECASE)


def test_draft_with_a_local_server_writes_model_drafts(runner, monkeypatch) -> None:
    with FakeOpenAI([draft(SUBJECT, GOOD)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = runner.invoke(app, ["draft", NOTES, "-k", "thank-you", "--format", "json"])
    assert result.exit_code == 0, result.output
    item = json.loads(result.stdout)["drafts"][0]
    assert item["source"] == "llm" and item["body"] == GOOD
    assert item["usage"]["total_tokens"] == 860
    # No key configured: a local server gets a placeholder, never an empty header.
    assert server.requests and server.requests[0]["model"] == "gpt-4o-mini"


def test_server_gone_mid_run_yields_template_drafts_and_a_notice(runner, monkeypatch) -> None:
    server = FakeOpenAI([draft(SUBJECT, GOOD)]).__enter__()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    server.stop()  # the server dies before composer's request reaches it
    result = runner.invoke(app, ["draft", NOTES, "-k", "thank-you", "--timeout", "5"])
    assert result.exit_code == 0
    assert "(template)" in result.stdout
    assert "using the template draft" in result.stderr and "cannot reach" in result.stderr


def test_dropped_connection_mid_answer_falls_back(runner, monkeypatch) -> None:
    with FakeOpenAI([Step(drop=True)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("COMPOSER_TIMEOUT", "5")
        result = runner.invoke(app, ["draft", NOTES, "-k", "status-check", "--format", "json"])
    item = json.loads(result.stdout)["drafts"][0]
    assert item["source"] == "template" and item["fallback_reason"]


def test_offline_flag_sends_nothing_even_with_a_key(runner, monkeypatch) -> None:
    with FakeOpenAI([draft(SUBJECT, GOOD)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789abcdef")
        result = runner.invoke(app, ["draft", NOTES, "--offline", "--format", "json"])
    assert result.exit_code == 0 and server.requests == []
    assert "sk-test" not in result.stdout + result.stderr


def test_prompt_command_prints_what_would_be_sent(runner) -> None:
    result = runner.invoke(app, ["prompt", NOTES, "--kind", "status-check"])
    assert result.exit_code == 0
    assert "=== system ===" in result.stdout and "=== user ===" in result.stdout
    assert "Ask politely whether there is any update on the decision." in result.stdout
    assert "<interview_notes>" in result.stdout


def test_cassettes_carry_no_credentials() -> None:
    cassettes = sorted(CASSETTES.rglob("*.yaml"))
    assert cassettes, "the recorded scenarios are missing"
    for path in cassettes:
        text = path.read_text(encoding="utf-8")
        assert not KEY_LIKE.search(text), f"{path} holds a key-like string"
        assert "authorization" not in text.lower()


def test_a_missing_notes_file_with_a_model_configured_is_a_clear_error(runner, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    result = runner.invoke(app, ["draft", "no-such-notes.txt", "--no-log"])
    assert result.exit_code == 2 and "No notes file" in result.stderr
