"""llama-cpp-python's OpenAI-compatible server, as it really answers: recorded against the real
server (`../shared/tools/local-llm start qwen1.5b 8011`, Qwen2.5-Coder-1.5B-Instruct Q4 on
llama-cpp-python 0.3.x) into fixtures/cassettes/test_llm_llamacpp/, replayed offline in CI.

What these pin: its HTTP 500 to a `json_schema` response format (its real error body), that
composer then asks with `{"type": "json_object", "schema": ...}` (which it grammar-constrains)
and remembers that for the rest of the run, and that every draft reaches the checker on its
first call. Assertions are about the exchange, not about how good the 1.5B model's draft is.

Re-record (see fixtures/cassettes/README.md):
    COMPOSER_LIVE_BASE_URL=http://127.0.0.1:8011/v1 \\
    /work/venv/bin/python -m pytest tests/test_llm_llamacpp.py --record-mode=rewrite
"""

from __future__ import annotations

import json
import os

import pytest

from composer.drafting import compose
from composer.llm import ChatClient, Endpoint
from composer.models import Kind

pytestmark = pytest.mark.vcr
MODEL = "qwen1.5b"  # the alias local-llm serves it under; part of every recorded request


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict) -> dict:
    """The real server's answers are replayed in order by method and path, not by body: what
    these tests pin is the format negotiation (the 500, then json_object, remembered), which a
    change to the prompt's wording does not touch, and the real server cannot be re-asked in
    CI. The request bodies are still asserted below (response_format of each call)."""
    return {**vcr_config, "match_on": ["method", "path"], "allow_playback_repeats": False}


@pytest.fixture
def endpoint(request: pytest.FixtureRequest) -> Endpoint:
    recording = request.config.getoption("--record-mode") != "none"
    url = os.environ.get("COMPOSER_LIVE_BASE_URL", "http://127.0.0.1:8011/v1")
    return Endpoint(
        model=MODEL,
        base_url=url if recording else "http://127.0.0.1:9/v1",
        budget=600,  # a 1.5B model on a busy 2-core machine: up to ~80 s an answer
        repair_rounds=0,
        max_retries=0,
    )


def _sent(vcr) -> list[dict]:
    return [json.loads(r.body) for r in vcr.requests]


def _format(request: dict) -> str:
    return (request.get("response_format") or {}).get("type", "text")


def test_json_schema_is_refused_once_then_json_object_answers_every_draft(
    jordan, endpoint, vcr
) -> None:
    client = ChatClient(endpoint)
    first = compose(jordan.notes, [Kind.THANK_YOU], offline=False, client=client)
    second = compose(jordan.notes, [Kind.STATUS_CHECK], offline=False, client=client)
    assert [_format(r) for r in _sent(vcr)] == ["json_schema", "json_object", "json_object"]
    refused = vcr.responses[0]
    assert refused["status"]["code"] == 500
    said = json.loads(refused["body"]["string"])["error"]["message"]
    assert "response_format" in said and "'text' or 'json_object'" in said
    # The refusal is not an attempt: each draft's one call reached the checker.
    for result in (first, second):
        (item,) = result.drafts
        assert len(item.attempts) == 1 and item.attempts[0].error is None, item.attempts
        assert item.attempts[0].findings is not None
    # The json_object request carries the schema, which llama-cpp-python turns into a grammar.
    asked = _sent(vcr)[1]["response_format"]
    assert asked["schema"]["required"] == ["subject", "body"]
    assert json.loads(vcr.responses[1]["body"]["string"])["usage"]["prompt_tokens"] > 0


def test_plain_text_mode_reads_what_the_real_model_sends(jordan, endpoint, vcr) -> None:
    """structured = off: no response_format at all; the same prompt, read leniently. (Recorded:
    the model answered JSON without its closing brace, finish_reason 'stop'.)"""
    fixed = endpoint.model_copy(update={"structured": "off"})
    result = compose(jordan.notes, [Kind.FEEDBACK_REQUEST], offline=False, endpoint=fixed)
    (request,) = _sent(vcr)
    assert "response_format" not in request
    (item,) = result.drafts
    assert len(item.attempts) == 1 and item.attempts[0].error is None, item.attempts
