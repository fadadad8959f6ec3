"""Response-format negotiation and lenient answers, against servers that behave as real ones do.

llama-cpp-python's own behaviour is replayed from a cassette recorded against the real server
(tests/test_llm_llamacpp.py); the other servers' behaviours, as their issue trackers report
them, are scripted here on tests/fake_openai.py (real HTTP, the real SDK). Each test drives
`ChatClient.reply`, the one call the drafting service makes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import SecretStr

from composer.drafting import compose
from composer.llm import ChatClient, Deadline, Endpoint, FormatRefused
from composer.models import Kind, Source
from tests.fake_openai import FakeOpenAI, Step, draft, refuses
from tests.test_llm_wire import GOOD, SUBJECT

MESSAGES = [
    {"role": "system", "content": "You write follow-up emails."},
    {"role": "user", "content": "Write the thank-you email."},
]
AS_JSON = json.dumps({"subject": SUBJECT, "body": GOOD})
AS_TEXT = f"Subject: {SUBJECT}\n\n{GOOD}"
# What each server answers to a response_format type it does not take.
IK_LLAMA_500 = 'response_format type must be one of "text" or "json_object"'
LM_STUDIO_400 = {"error": "'response_format.type' must be 'json_schema' or 'text'"}
FASTAPI_422 = {
    "detail": [
        {
            "type": "literal_error",
            "loc": ["body", "response_format", "type"],
            "msg": "Input should be 'text' or 'json_object'",
            "input": "json_schema",
        }
    ]
}


def _client(url: str, **overrides: Any) -> ChatClient:
    settings: dict[str, Any] = {
        "base_url": url,
        "api_key": SecretStr("test-key"),
        "budget": 10.0,
        "max_retries": 2,
        **overrides,
    }
    return ChatClient(Endpoint(**settings))


def _types(server: FakeOpenAI) -> list[str]:
    return [(r.get("response_format") or {}).get("type", "text") for r in server.requests]


@pytest.mark.parametrize(
    ("refusals", "answer", "sent", "used"),
    [
        # ik_llama.cpp: 500, like llama-cpp-python; the SDK would have retried it twice.
        (
            {"json_schema": (500, IK_LLAMA_500)},
            AS_JSON,
            ["json_schema", "json_object"],
            "json_object",
        ),
        # A FastAPI server validating the request: 422 with a 'detail' list.
        (
            {"json_schema": (422, FASTAPI_422)},
            AS_JSON,
            ["json_schema", "json_object"],
            "json_object",
        ),
        # LM Studio takes json_schema (and refuses json_object with a 400): one request.
        ({"json_object": (400, LM_STUDIO_400)}, AS_JSON, ["json_schema"], "json_schema"),
        # A server that takes neither JSON form: plain text, the same prompt.
        (
            {
                "json_schema": (400, "Unsupported response_format type"),
                "json_object": (400, "Unsupported response_format type"),
            },
            AS_TEXT,
            ["json_schema", "json_object", "text"],
            "text",
        ),
    ],
    ids=["ik-llama-500", "fastapi-422", "lm-studio", "no-json-mode"],
)
def test_negotiation_finds_the_format_the_server_takes_and_remembers_it(
    refusals: dict, answer: str, sent: list[str], used: str
) -> None:
    with FakeOpenAI(refuses(refusals, Step(content=answer))) as server:
        client = _client(server.base_url)
        first = client.reply(MESSAGES, Deadline(10))
        assert _types(server) == sent
        second = client.reply(MESSAGES, Deadline(10))
        assert _types(server) == [*sent, used]  # remembered: no second negotiation
    for reply in (first, second):
        assert reply.response_format == used
        assert (reply.subject, reply.body) == (SUBJECT, GOOD)
    assert all(r["messages"] == MESSAGES for r in server.requests)  # one prompt for all


def test_a_500_that_is_not_about_the_format_is_retried_not_negotiated() -> None:
    with FakeOpenAI(
        [Step(status=500, error="CUDA out of memory"), Step(content=AS_JSON)]
    ) as server:
        reply = _client(server.base_url).reply(MESSAGES, Deadline(10))
    assert _types(server) == ["json_schema", "json_schema"]
    assert reply.response_format == "json_schema"


def test_a_400_that_is_not_about_the_format_is_not_negotiated() -> None:
    """A prompt over the context window is a 400 too; moving to plain text would not help."""
    from composer.errors import ModelError

    too_long = Step(status=400, error="This model's maximum context length is 4096 tokens")
    refused = r"refused the request \(HTTP 400: .*context length"
    with FakeOpenAI([too_long]) as server, pytest.raises(ModelError, match=refused):
        _client(server.base_url).reply(MESSAGES, Deadline(10))
    assert _types(server) == ["json_schema"]


@pytest.mark.parametrize(
    ("structured", "sent"),
    [("json_object", ["json_object"]), ("off", ["text"]), ("json_schema", ["json_schema"])],
)
def test_a_fixed_format_is_the_only_one_asked_for(structured: str, sent: list[str]) -> None:
    with FakeOpenAI([Step(content=AS_JSON)]) as server:
        reply = _client(server.base_url, structured=structured).reply(MESSAGES, Deadline(10))
    assert _types(server) == sent and reply.response_format == sent[0]
    assert (reply.subject, reply.body) == (SUBJECT, GOOD)


def test_a_fixed_format_the_server_refuses_is_a_clear_error() -> None:
    with FakeOpenAI(refuses({"json_schema": (500, IK_LLAMA_500)}, Step(content=AS_JSON))) as server:
        client = _client(server.base_url, structured="json_schema")
        with pytest.raises(FormatRefused, match=r'refused response_format json_schema.*"auto"'):
            client.reply(MESSAGES, Deadline(10))
    assert _types(server) == ["json_schema"]


def test_concurrent_drafts_all_reach_the_checker_on_their_first_call(jordan) -> None:
    """Three kinds at once against a llama-cpp-like server: each may be refused json_schema
    once, none is lost to negotiation (issue 10's first target)."""
    refusal = {"json_schema": (500, IK_LLAMA_500)}
    with FakeOpenAI(refuses(refusal, draft(SUBJECT, GOOD))) as server:
        endpoint = Endpoint(base_url=server.base_url, budget=10, repair_rounds=0)
        result = compose(jordan.notes, list(Kind), offline=False, endpoint=endpoint)
    for item in result.drafts:
        assert len(item.attempts) == 1 and item.attempts[0].error is None, item.attempts
    assert _types(server).count("json_object") == 3
    assert _types(server).count("json_schema") <= 3
    assert result.drafts[0].source is Source.LLM


# --- lenient answers: what real models send ---------------------------------------------------

BODY = "Dear Sophie,\n\nThank you for meeting me.\n\nKind regards,\nJordan Ellis"


@pytest.mark.parametrize(
    "content",
    [
        # A raw line break (and a tab) inside a JSON string: json.loads(strict=True) refuses it.
        '{"subject": "Thank you", "body": "Dear Sophie,\n\nThank you for meeting me.\n\n'
        'Kind regards,\nJordan Ellis"}',
        f"```json\n{json.dumps({'subject': 'Thank you', 'body': BODY})}\n```",
        f"Here is the email you asked for:\n\n{json.dumps({'subject': 'Thank you', 'body': BODY})}",
        f"<think>The reader is Sophie; keep it {{short}}.</think>\n"
        f"{json.dumps({'subject': 'Thank you', 'body': BODY})}",
        json.dumps({"subject": "", "body": f"Subject: Thank you\n\n{BODY}"}),
        json.dumps({"subject": "Thank you", "body": f"Subject: Thank you\n{BODY}"}),
        f"Subject: Thank you\n\n{BODY}",
        f"Sure! Here it is.\n\n**Subject:** Thank you\n\n{BODY}",
        json.dumps({"Subject": "Thank you", "Body": BODY, "notes": "extra keys are ignored"}),
        json.dumps({"subject": "Thank you", "body": BODY})[:-1],
    ],
    ids=[
        "raw-newline-in-json-string",
        "markdown-fence",
        "prose-before-json",
        "think-block",
        "subject-only-in-body",
        "subject-repeated-in-body",
        "plain-text",
        "plain-text-after-prose",
        "capitalised-keys",
        "closing-brace-missing",
    ],
)
def test_lenient_answers_are_read(content: str) -> None:
    """The server accepted json_schema and did not enforce it (some llama-server versions do
    not), or a small model wrapped its JSON: the draft is still read, and validated."""
    with FakeOpenAI([Step(content=content)]) as server:
        reply = _client(server.base_url).reply(MESSAGES, Deadline(10))
    assert reply.subject == "Thank you"
    assert reply.body.replace("\t", "") == BODY
    assert reply.raw == content.strip()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"subject": "Thank you", "body": "Dear Sophie', "JSON was malformed"),
        ('{"subject": "Thank you", "body": null}', "body is missing or not text"),
        ('{"subject": 7, "body": "Dear Sophie"}', "subject is missing or not text"),
        ("<think>I should write to Sophie and", "only its reasoning"),
    ],
    ids=["cut-off-json", "body-not-text", "subject-not-text", "unclosed-think"],
)
def test_unusable_answers_say_why_and_keep_the_raw_text(content: str, says: str) -> None:
    from composer.llm import BadAnswer

    with (
        FakeOpenAI([Step(content=content)]) as server,
        pytest.raises(BadAnswer, match=says) as caught,
    ):
        _client(server.base_url).reply(MESSAGES, Deadline(10))
    assert caught.value.raw == content


@pytest.mark.parametrize(
    ("step", "cached"),
    [
        (Step(content=AS_JSON), None),
        (
            Step(
                content=AS_JSON,
                usage={
                    "prompt_tokens": 900,
                    "completion_tokens": 150,
                    "total_tokens": 1050,
                    "prompt_tokens_details": {"cached_tokens": 640},
                },
            ),
            640,
        ),
        (Step(content=AS_JSON, timings={"cache_n": 512, "prompt_n": 388}), 512),
    ],
    ids=["not-reported", "openai-prompt-tokens-details", "llama-server-timings"],
)
def test_cached_prompt_tokens_are_reported_when_the_server_says(step: Step, cached) -> None:
    with FakeOpenAI([step]) as server:
        reply = _client(server.base_url).reply(MESSAGES, Deadline(10))
    assert reply.usage.cached_tokens == cached
