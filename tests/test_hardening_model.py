"""Issue 13 on the model path: odd but valid server JSON, redirects, huge bodies, credentials in
the base URL, an echoed key with invisible characters in it, an invalid base URL, and the
messages that used to point the wrong way. Each test failed before its fix.

Every scenario is a real socket (tests/fake_openai.py) and, where the promise is about what a
user sees, the real CLI.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from composer.cli import app
from composer.drafting import compose
from composer.llm import Endpoint
from composer.models import Kind, Source
from tests.conftest import FIXTURES
from tests.fake_openai import FakeOpenAI, Step, draft
from tests.test_llm_wire import GOOD, SUBJECT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
KEY = "sk-hardening-0123456789abcdefXYZ"


@pytest.fixture(scope="module", autouse=True)
def _sdk_imported() -> None:
    import openai  # noqa: F401  # the first import costs about a second


def _thank_you(jordan: Any, url: str, **overrides: Any):
    settings: dict[str, Any] = {
        "base_url": url,
        "api_key": SecretStr(KEY),
        "budget": 10.0,
        "repair_rounds": 0,
        "max_retries": 0,
        **overrides,
    }
    result = compose(jordan.notes, [Kind.THANK_YOU], offline=False, endpoint=Endpoint(**settings))
    return result.drafts[0]


def _cli(url: str, monkeypatch: pytest.MonkeyPatch, *args: str, key: str = KEY):
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    return CliRunner().invoke(app, ["draft", NOTES, "--timeout", "10", *args])


# --- 2: odd but valid JSON ends in drafts, never exit 70 ----------------------------------------

ODD_USAGE = {
    "string": {"prompt_tokens": "700", "completion_tokens": "160", "total_tokens": "860"},
    "float": {"prompt_tokens": 700.5, "completion_tokens": 160.0, "total_tokens": 860.5},
    "1e30": {"prompt_tokens": 1e30, "completion_tokens": 1e30, "total_tokens": 1e30},
    "object": {"prompt_tokens": {"n": 700}, "completion_tokens": [160], "total_tokens": None},
    "10**20": {"prompt_tokens": 10**20, "completion_tokens": 10**20, "total_tokens": 2 * 10**20},
    "negative": {"prompt_tokens": -5, "completion_tokens": True, "total_tokens": -1},
    "not-an-object": "lots",
}


@pytest.mark.parametrize("usage", list(ODD_USAGE.values()), ids=list(ODD_USAGE))
def test_malformed_usage_is_unknown_and_every_draft_is_written_and_stored(
    usage: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "drafts"
    history = tmp_path / "history.db"
    monkeypatch.setenv("COMPOSER_HISTORY", str(history))
    with FakeOpenAI(lambda payload: _any_kind(payload, usage)) as server:
        result = _cli(server.base_url, monkeypatch, "--kind", "all", "--out", str(out))
    assert result.exit_code in (0, 1), result.output  # 1: the feedback request's outcome rule
    assert "unexpected problem" not in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "feedback-request.txt",
        "status-check.txt",
        "thank-you.txt",
    ]
    with sqlite3.connect(history) as db:  # usage stored, and small enough for SQLite
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
        assert tables


def _any_kind(payload: dict, usage: Any) -> Step:
    """A passing-enough draft for whichever kind is asked, with the usage under test."""
    user = payload["messages"][1]["content"]
    kind = next(k for k in Kind if f"Write the {k.value} email" in user)
    from composer.drafting import template_draft
    from composer.notes import read_notes_file

    notes = read_notes_file(Path(NOTES)).notes
    message = template_draft(notes, kind)
    return Step(subject=message.subject, body=message.body, usage=usage)


def test_usage_counts_that_are_not_counts_are_recorded_as_zero(jordan) -> None:
    with FakeOpenAI([draft(SUBJECT, GOOD, usage=ODD_USAGE["10**20"])]) as server:
        item = _thank_you(jordan, server.base_url)
    assert item.source is Source.LLM
    assert item.usage.prompt_tokens == item.usage.total_tokens == 0


def test_a_response_nested_100000_deep_ends_in_the_template_with_a_reason(
    jordan, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    deep = b'{"choices": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with FakeOpenAI([Step(raw=deep)]) as server:
        item = _thank_you(jordan, server.base_url)
        result = _cli(server.base_url, monkeypatch, "--kind", "all", "--out", str(tmp_path / "o"))
    assert item.source is Source.TEMPLATE
    assert "nested too deeply" in (item.fallback_reason or "")
    assert "unexpected problem" not in result.output and "RecursionError" not in result.output
    assert len(list((tmp_path / "o").iterdir())) == 3


def test_a_draft_nested_deep_inside_the_content_is_a_bad_answer_too(jordan) -> None:
    content = '{"subject": "Hi", "body": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with FakeOpenAI([Step(content=content[:60_000])]) as server:
        item = _thank_you(jordan, server.base_url)
    assert item.source is Source.TEMPLATE and item.fallback_reason


# --- 4: redirects to another origin are not followed -------------------------------------------


@pytest.mark.parametrize("status", [307, 308])
def test_a_redirect_to_another_origin_is_refused_and_nothing_is_sent_there(
    jordan, status: int
) -> None:
    with FakeOpenAI([draft(SUBJECT, GOOD)]) as elsewhere:
        target = f"{elsewhere.base_url}/chat/completions"
        with FakeOpenAI([Step(status=status, headers={"location": target})]) as configured:
            item = _thank_you(jordan, configured.base_url)
            port = configured._server.server_address[1]
        assert elsewhere.requests == []  # the notes never reached the other server
    assert item.source is Source.TEMPLATE
    reason = item.fallback_reason or ""
    assert f"127.0.0.1:{port}" in reason  # names the configured endpoint
    assert f"(HTTP {status}) to another server" in reason
    assert "does not follow a redirect to another origin" in reason


def test_a_redirect_within_the_same_origin_is_followed(jordan) -> None:
    def route(payload: dict) -> Step:
        return draft(SUBJECT, GOOD)

    with FakeOpenAI(route) as server:
        moved = Step(status=308, headers={"location": f"{server.base_url}/chat/completions"})
        calls = iter([moved])
        server.steps = lambda payload: next(calls, draft(SUBJECT, GOOD))
        item = _thank_you(jordan, server.base_url)
    assert item.source is Source.LLM and len(server.requests) == 2


# --- 12: what is read from a server is capped --------------------------------------------------


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """About 64 KB of gzip that expands to 64 MB (a real bomb is 1 MB -> 1 GB; same shape)."""
    return gzip.compress(b" " * (64 << 20), compresslevel=9)


def test_a_gzip_bomb_is_not_expanded(jordan, gzip_bomb: bytes) -> None:
    step = Step(raw=gzip_bomb, headers={"content-encoding": "gzip"})
    with FakeOpenAI([step]) as server:
        tracemalloc.start()
        try:
            item = _thank_you(jordan, server.base_url)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert item.source is Source.TEMPLATE
    assert "sent more than 1 MiB" in (item.fallback_reason or "")
    assert peak < 16 << 20, f"{peak >> 20} MB at the peak"


def test_an_endless_plain_body_is_cut_off_at_the_cap(jordan) -> None:
    body = b'{"choices": [], "padding": "' + b"x" * (3 << 20) + b'"}'
    with FakeOpenAI([Step(raw=body)]) as server:
        item = _thank_you(jordan, server.base_url)
    assert "sent more than 1 MiB" in (item.fallback_reason or "")


def test_a_compressed_answer_of_normal_size_is_read(jordan) -> None:
    answer = {
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {
                    "role": "assistant",
                    "content": json.dumps({"subject": SUBJECT, "body": GOOD}),
                },
            }
        ],
        "model": "gpt-4o-mini",
    }
    step = Step(
        raw=gzip.compress(json.dumps(answer).encode()), headers={"content-encoding": "gzip"}
    )
    with FakeOpenAI([step]) as server:
        item = _thank_you(jordan, server.base_url)
    assert item.source is Source.LLM and item.body == GOOD


# --- 11: an invalid base URL is bad input (exit 2), named ---------------------------------------


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://[::1/v1", "is not a valid URL"),
        ("http://localhost:80a/v1", "is not a valid URL"),
        ("localhost:8080/v1", "must start with http:// or https://"),
        ("http:///v1", "has no host name"),
        ("http://local host/v1", "has a space"),
    ],
    ids=["unclosed-ipv6", "bad-port", "no-scheme", "no-host", "space"],
)
def test_an_invalid_base_url_is_a_clear_error_exit_2(
    url: str, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _cli(url, monkeypatch)
    assert result.exit_code == 2, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert "OPENAI_BASE_URL" in errors[0] and says in errors[0]
    assert "Traceback" not in result.output


# --- 14: credentials never on screen -----------------------------------------------------------

PASSWORD = "hunter2-correct-horse"


def test_a_password_in_the_base_url_is_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAI(lambda payload: _any_kind(payload, None)) as server:
        url = server.base_url.replace("http://", f"http://jordan:{PASSWORD}@")
        result = _cli(url, monkeypatch, "-k", "thank-you")
        port = server._server.server_address[1]
    assert result.exit_code == 0, result.output
    assert f"Drafting with gpt-4o-mini at 127.0.0.1:{port}" in result.stderr
    assert PASSWORD not in result.output
    endpoint = Endpoint(base_url=url, api_key=SecretStr(KEY))
    for shown in (endpoint.label, repr(endpoint), str(endpoint), endpoint.model_dump_json()):
        assert PASSWORD not in shown


def test_an_invalid_base_url_with_a_password_does_not_print_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = _cli(f"http://jordan:{PASSWORD}@[::1/v1", monkeypatch)
    assert result.exit_code == 2 and PASSWORD not in result.output


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_an_echoed_key_with_an_invisible_character_inside_is_still_scrubbed(
    jordan, invisible: str
) -> None:
    hidden = KEY[:10] + invisible + KEY[10:]
    echoed = draft(SUBJECT, f"{GOOD}\n\nP.S. {hidden}", refusal=None)
    with FakeOpenAI([echoed, Step(refusal=f"I cannot use {hidden}")]) as server:
        item = _thank_you(jordan, server.base_url, repair_rounds=1)
    shown = json.dumps(item.model_dump(mode="json"), ensure_ascii=False).replace(invisible, "")
    assert KEY not in shown
    assert item.source is Source.TEMPLATE  # the draft that carried it failed HYG001
    assert "HYG001" in {f.code for f in item.attempts[0].findings}


# --- 15: messages that say what actually happened ----------------------------------------------


def test_a_non_ascii_key_is_named_as_such_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAI([draft(SUBJECT, GOOD)]) as server:
        result = _cli(server.base_url, monkeypatch, key="sk-abc\u2019def0123456789")
        assert server.requests == []
    assert result.exit_code == 2, result.output
    assert "OPENAI_API_KEY has a non-ASCII character (U+2019) at position 7" in result.stderr
    assert "not JSON" not in result.output and "0123456789" not in result.output


def test_a_key_given_to_the_endpoint_directly_that_is_not_ascii_is_said_so(jordan) -> None:
    with FakeOpenAI([draft(SUBJECT, GOOD)]) as server:
        item = _thank_you(jordan, server.base_url, api_key=SecretStr("sk-ab\u00e7-123456"))
    assert "not plain ASCII" in (item.fallback_reason or "")
    assert "not JSON" not in (item.fallback_reason or "")


def test_a_200_html_page_is_called_a_web_page_not_an_empty_answer(jordan) -> None:
    page = b"<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>"
    step = Step(raw=page, headers={"content-type": "text/html; charset=utf-8"})
    with FakeOpenAI([step]) as server:
        item = _thank_you(jordan, server.base_url)
    reason = item.fallback_reason or ""
    assert "web page (HTML)" in reason and "ends in /v1" in reason
    assert "empty list of choices" not in reason


def test_json_that_is_not_a_chat_completion_says_so(jordan) -> None:
    with FakeOpenAI([Step(raw=b'{"object": "list", "data": []}')]) as server:
        item = _thank_you(jordan, server.base_url)
    assert "not a chat completion (it has no 'choices')" in (item.fallback_reason or "")
