"""Scenarios that make sense against a real model, recorded so CI can replay them.

By default the cassettes come from tests/fake_openai.py answering like a model would (with the
template draft for the kind asked). To record them against a live endpoint instead, see
fixtures/cassettes/README.md: the same tests then check a real model's drafts.
"""

from __future__ import annotations

import json
import os

import pytest
from pydantic import SecretStr

from composer import fallback
from composer.drafting import compose
from composer.llm import Endpoint
from composer.models import InterviewNotes, Kind, Source
from tests.conftest import FIXTURES
from tests.fake_openai import FakeOpenAI, Step

pytestmark = pytest.mark.vcr
MODEL = os.environ.get("COMPOSER_LIVE_MODEL", "gpt-4o-mini")


def _plausible_model(payload: dict) -> Step:
    """Answer as a well-behaved model: the template draft for the notes and kind asked about."""
    user = payload["messages"][1]["content"]
    notes = json.loads(
        user.split("<interview_notes>")[1].split("</interview_notes>")[0].replace("<\\/", "</")
    )
    notes.pop("interview_weekday", None)
    kind = next(k for k in Kind if f"Write the {k.value} email" in user)
    message = fallback.draft(InterviewNotes.model_validate(notes), kind)
    return Step(subject=message.subject, body=message.body)


@pytest.fixture
def endpoint(request: pytest.FixtureRequest):
    mode = request.config.getoption("--record-mode")
    live = os.environ.get("COMPOSER_LIVE_BASE_URL")
    key = os.environ.get("COMPOSER_LIVE_API_KEY")
    if mode == "none":
        yield Endpoint(
            model=MODEL, base_url="http://127.0.0.1:9/v1", api_key=SecretStr("test-key"), budget=60
        )
    elif live:
        yield Endpoint(model=MODEL, base_url=live, api_key=SecretStr(key or "test-key"), budget=120)
    else:
        with FakeOpenAI(_plausible_model) as server:
            yield Endpoint(
                model=MODEL, base_url=server.base_url, api_key=SecretStr("test-key"), budget=60
            )


# A fixed list: a new fixture file must not silently need a cassette nobody recorded.
RECORDED = [
    "jordan-ellis.txt",
    "marco-rossi.toml",
    "minimal.json",
    "priya-raman.yaml",
    "zoe-okonkwo.txt",
]


@pytest.mark.parametrize(
    "path", [FIXTURES / "notes" / name for name in RECORDED], ids=lambda p: p.stem
)
def test_every_kind_for_every_fixture(path, endpoint) -> None:
    from composer.notes import read_notes_file

    notes = read_notes_file(path).notes
    result = compose(notes, list(Kind), offline=False, endpoint=endpoint)
    assert [d.kind for d in result.drafts] == list(Kind)
    for item in result.drafts:
        assert item.report.passed, (item.kind, item.report.findings)
        assert item.attempts, "every model call is recorded on the draft"
        if item.source is Source.TEMPLATE:
            assert item.fallback_reason
        else:
            assert item.usage.total_tokens > 0 and item.model
