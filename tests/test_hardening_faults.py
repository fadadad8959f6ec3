"""Model and network faults, live: a scripted server on 127.0.0.1 (tests/fake_openai.py) fails
in every way the issue lists, and `composer draft` must end within its budget, say what happened
in one line a user understands, and hand back the template draft. Exit codes are pinned here too.

No test reads the clock. The budget is proved by what happened instead: the requests the server
saw, the reason given, and a server that answers well after the budget (a draft that waited for
it would be the model's, not the template); the deadline's own arithmetic runs on a fake clock.

No cassettes: each scenario is a real socket, with small limits so the whole set stays fast (a
2 s budget per draft, 0.5 s per request, one retry, a one-round repair).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from composer.cli import app
from tests.conftest import FIXTURES, ROOT
from tests.fake_openai import FakeOpenAI, Step, draft, refused_url
from tests.test_llm_wire import GOOD, SUBJECT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
KEY = "sk-hardening-0123456789abcdefXYZ"
BUDGET = 2.0  # --timeout: seconds per draft, retries and repairs included
LATE = 10.0  # a server this slow answers long after the budget: only the budget ends the wait
FRENCH = (
    "Chère Sophie,\n\nMerci beaucoup pour l'entretien de jeudi pour le poste de Paralegal chez "
    "Bramley Kent LLP. J'ai appris que les paralegals assistent aux réunions avec les clients "
    "dès le premier mois, et je serais ravi de rejoindre votre équipe.\n\nCordialement,\n"
    "Jordan Ellis"
)


def _echo_prompt(payload: dict[str, Any]) -> Step:
    """A model that 'reveals its instructions': the system prompt, pasted in as the body."""
    system = payload["messages"][0]["content"]
    return draft(SUBJECT, f"Dear Sophie,\n\n{system}\n\nKind regards,\nJordan Ellis")


@dataclass
class Fault:
    steps: list[Step] | Callable[[dict[str, Any]], Step] | None  # None: nothing listens
    says: list[str]  # fragments of the one warning line (a regex when it starts with '^')
    requests: tuple[int, int] = (0, 99)  # how many requests the server may see (min, max)
    request_timeout: float = 0.5  # per request; above the budget, only the budget cuts it off


FAULTS: dict[str, Fault] = {
    "connection-refused": Fault(None, ["cannot reach", "is the server running"]),
    "slow-first-byte": Fault(
        [Step(subject=SUBJECT, body=GOOD, delay=1.2)],
        [r"^.*did not answer (in time|within the 2 s budget)"],
        (1, 2),
    ),
    "dropped-mid-body": Fault(
        [Step(subject=SUBJECT, body=GOOD, drop_mid_body=True)], ["broke off"], (1, 4)
    ),
    "dropped-before-answer": Fault([Step(drop=True)], ["broke off"], (1, 4)),
    "401": Fault(
        [Step(status=401, error="Incorrect API key provided")],
        ["refused the API key (401)", "set OPENAI_API_KEY", "--offline"],
        (1, 1),
    ),
    "403": Fault(
        [Step(status=403, error="Forbidden")],
        ["denied access (403)", "OPENAI_API_KEY", "--model"],
        (1, 1),
    ),
    "404-model-not-found": Fault(
        [Step(status=404, error="The model `gpt-4o-mini` does not exist")],
        ["has no model 'gpt-4o-mini' (404)", "--model", "COMPOSER_MODEL"],
        (1, 1),
    ),
    "429-retry-after-short": Fault(
        [Step(status=429, error="Rate limit reached", headers={"retry-after-ms": "30"})],
        ["rate-limiting requests (429)", "retries ran out"],
        (2, 2),
    ),
    "429-retry-after-long": Fault(
        [Step(status=429, error="Rate limit reached", headers={"retry-after": "30"})],
        # Said at once: waiting 30 s would outlast the budget, so composer does not.
        ["rate-limiting requests (429)", "asked to wait 30 s", "2 s budget"],
        (1, 1),
    ),
    "429-no-retry-after": Fault(
        [Step(status=429, error="Rate limit reached")],
        ["rate-limiting requests (429)"],
        (1, 2),
    ),
    "500": Fault([Step(status=500, error="boom")], ["failed with HTTP 500"], (1, 2)),
    "502": Fault([Step(status=502, error="Bad gateway")], ["failed with HTTP 502"], (1, 2)),
    "503": Fault([Step(status=503, error="Overloaded")], ["failed with HTTP 503"], (1, 2)),
    "invalid-json": Fault(
        [Step(raw=b"<html><body>502 Bad Gateway</body></html>")],
        ["not JSON", "base URL", "/v1"],
        (2, 2),
    ),
    "json-not-a-completion": Fault(
        [Step(raw=b'{"choices": [{"message": null, "finish_reason": "stop"}]}')],
        ["not a chat completion"],
        (2, 2),
    ),
    "no-choices": Fault([Step(no_choices=True)], ["no answer", "empty list of choices"], (2, 2)),
    "content-filter": Fault(
        [Step(subject=SUBJECT, body=GOOD, finish_reason="content_filter")],
        ["content filter stopped the answer"],
        (2, 2),
    ),
    "truncated-by-length": Fault(
        [Step(subject=SUBJECT, body=GOOD[:120], finish_reason="length")],
        ["cut off", "length limit"],
        (2, 2),
    ),
    "refusal": Fault(
        [Step(refusal="I can't help\nwith that.")],
        [r"^.*the model refused: I can't help with that\.$"],
        (2, 2),
    ),
    "another-language": Fault([draft(SUBJECT, FRENCH)], ["LANG001"], (2, 2)),
    "echoes-the-prompt": Fault(_echo_prompt, ["HYG003"], (2, 2)),
    # A good draft, sent long after the budget: the template comes back (with the budget as the
    # reason) only if composer stopped waiting at the budget, not at the answer.
    "slower-than-the-budget": Fault(
        [Step(subject=SUBJECT, body=GOOD, delay=LATE)],
        ["did not answer within the 2 s budget"],
        (1, 1),
        request_timeout=30,
    ),
    "body-trickles-past-the-budget": Fault(
        [Step(subject=SUBJECT, body=GOOD, body_delay=LATE)],
        ["did not answer within the 2 s budget"],
        (1, 1),
        request_timeout=30,
    ),
}


@pytest.fixture(scope="module", autouse=True)
def _sdk_imported() -> None:
    """The first `import openai` costs about a second; the budget is about the network."""
    import openai  # noqa: F401


def limit_requests(monkeypatch: pytest.MonkeyPatch, request_timeout: float = 0.5) -> None:
    """A per-request timeout and one retry, as a config with small limits would give; the
    CLI's --timeout sets the budget for the whole draft."""
    import composer.llm as llm

    real = llm.resolve_endpoint

    def resolve(*args: Any, **kwargs: Any) -> Any:
        endpoint = real(*args, **kwargs)
        if endpoint is None:
            return None
        return endpoint.model_copy(update={"request_timeout": request_timeout, "max_retries": 1})

    monkeypatch.setattr(llm, "resolve_endpoint", resolve)


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    limit_requests(monkeypatch)


@contextmanager
def serving(steps: Any) -> Iterator[tuple[str, FakeOpenAI | None]]:
    if steps is None:
        yield refused_url(), None
        return
    with FakeOpenAI(steps) as server:
        yield server.base_url, server


def draft_with(url: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    return CliRunner().invoke(
        app,
        [
            "draft",
            NOTES,
            "-k",
            "thank-you",
            "--timeout",
            f"{BUDGET:g}",
            "--repair-rounds",
            "1",
            *args,
        ],
    )


def fallback_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if "using the template draft" in ln]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_ends_in_budget_with_one_clear_line_and_the_template(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fault = FAULTS[name]
    limit_requests(monkeypatch, fault.request_timeout)
    with serving(fault.steps) as (url, server):
        result = draft_with(url, monkeypatch)
        seen = len(server.requests) if server else 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output  # the template draft passes every error rule
    assert "── thank-you (template)" in result.stdout
    line = fallback_line(result.stderr)
    assert line.startswith("warning: thank-you: using the template draft, because ")
    assert len(line) < 320, line
    for fragment in fault.says:
        if fragment.startswith("^"):
            assert re.match(fragment, line), (fragment, line)
        else:
            assert fragment in line, (fragment, line)
    assert "Traceback" not in line and "Error(" not in line  # no exception repr
    lo, hi = fault.requests  # no retry past the limit, no wait past the budget
    assert lo <= seen <= hi, f"{seen} requests"
    assert KEY not in result.output


@pytest.mark.usefixtures("small_limits")
def test_faults_in_json_output_say_template_and_why(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    with serving([Step(status=401, error="bad key")]) as (url, _):
        result = draft_with(url, monkeypatch, "--format", "json")
    assert result.exit_code == 0
    item = json.loads(result.stdout)["drafts"][0]
    assert item["source"] == "template" and item["report"]["passed"]
    assert "refused the API key" in item["fallback_reason"]
    assert any("using the template draft" in w for w in json.loads(result.stdout)["warnings"])


def test_a_request_that_timed_out_is_not_sent_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-request limit (not the budget) fires: a slow local server may still be working on
    the answer, so the same request is not sent again (issue 10); the budget had time left."""
    from pydantic import SecretStr

    from composer.drafting import compose
    from composer.llm import Endpoint
    from composer.models import Kind, Source
    from composer.notes import read_notes_file

    notes = read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt").notes
    with FakeOpenAI([Step(subject=SUBJECT, body=GOOD, delay=1.0)]) as server:
        endpoint = Endpoint(
            base_url=server.base_url,
            api_key=SecretStr(KEY),
            budget=5.0,
            request_timeout=0.3,
            max_retries=2,
            repair_rounds=0,
        )
        result = compose(notes, [Kind.THANK_YOU], offline=False, endpoint=endpoint)
        seen = len(server.requests)
    item = result.drafts[0]
    assert item.source is Source.TEMPLATE and item.report.passed
    assert "did not answer in time (the 0.3 s limit per request)" in (item.fallback_reason or "")
    assert "does not send the request again" in (item.fallback_reason or "")
    assert seen == 1


def test_the_request_limit_follows_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no request limit of its own, one request may take the whole budget: with --timeout
    900 the HTTP read limit is about 900 s, not a fixed 30 s the user cannot change (issue 10:
    drafts failed at ~93 s with --timeout 900). The SDK sends its read limit as a header."""
    from pydantic import SecretStr

    from composer.drafting import compose
    from composer.llm import Endpoint
    from composer.models import Kind, Source
    from composer.notes import read_notes_file

    notes = read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt").notes
    with FakeOpenAI([Step(subject=SUBJECT, body=GOOD)]) as server:
        endpoint = Endpoint(
            base_url=server.base_url, api_key=SecretStr(KEY), budget=900, repair_rounds=0
        )
        result = compose(notes, [Kind.THANK_YOU], offline=False, endpoint=endpoint)
        sent = server.headers[0]
    assert result.drafts[0].source is Source.LLM
    assert 890 < float(sent["x-stainless-read-timeout"]) <= 901


class _Clock:
    """A stand-in for time.monotonic that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    """composer.llm's clock, faked (sleeps and wall time stay real)."""
    import composer.llm as llm

    fake = _Clock()
    monkeypatch.setattr(
        llm, "time", SimpleNamespace(monotonic=fake, sleep=time.sleep, time=time.time)
    )
    return fake


def _client(url: str, budget: float) -> Any:
    from pydantic import SecretStr

    from composer.llm import ChatClient, Endpoint

    return ChatClient(
        Endpoint(base_url=url, api_key=SecretStr(KEY), budget=budget, repair_rounds=0)
    )


ASK = [{"role": "user", "content": "Draft the thank-you."}]


def test_the_deadline_counts_down_from_the_budget(clock: _Clock) -> None:
    from composer.llm import Deadline

    deadline = Deadline(BUDGET)
    assert deadline.remaining() == BUDGET
    clock.now += 1.5
    assert deadline.remaining() == BUDGET - 1.5
    clock.now += 1.0
    assert deadline.remaining() == BUDGET - 2.5  # spent: below zero, never reset


def test_no_request_is_sent_once_the_budget_is_spent(clock: _Clock) -> None:
    from composer.llm import Deadline, ModelUnavailable

    deadline = Deadline(BUDGET)
    clock.now += BUDGET
    with FakeOpenAI([Step(subject=SUBJECT, body=GOOD)]) as server:
        with pytest.raises(ModelUnavailable, match="the 2 s budget was used up"):
            _client(server.base_url, BUDGET).reply(ASK, deadline)
        assert server.requests == []


def test_the_wait_for_an_answer_ends_when_the_deadline_clock_passes_the_budget(
    clock: _Clock,
) -> None:
    """Once a request is waiting, the fake clock jumps past a 30 s budget; the server would
    answer after 10 s of real time, the HTTP read limit after 31 s. Only the budget check can end
    the wait first, with the budget as the reason."""
    from composer.llm import Deadline, ModelUnavailable

    budget = 30.0

    with FakeOpenAI([Step(subject=SUBJECT, body=GOOD, delay=LATE)]) as server:

        def budget_passes() -> None:
            for _ in range(3000):  # up to 30 s for the request to arrive
                if server.requests:
                    break
                time.sleep(0.01)
            clock.now += budget + 0.1

        threading.Thread(target=budget_passes, daemon=True).start()
        with pytest.raises(ModelUnavailable, match="did not answer within the 30 s budget"):
            _client(server.base_url, budget).reply(ASK, Deadline(budget))
        assert len(server.requests) == 1  # and it was not sent again


# --- free-form notes the model cannot read: no draft is possible, so exit 2 ------------------


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize(
    ("step", "says"),
    [
        (Step(status=401, error="bad key"), "set OPENAI_API_KEY"),
        (Step(status=404, error="no such model"), "--model"),
        (Step(raw=b"not json"), "not JSON"),
    ],
    ids=["401", "404", "invalid-json"],
)
def test_free_form_notes_the_model_cannot_read_exit_2_in_one_line(
    step: Step, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    free_form = "Had my interview yesterday with Sophie at Bramley Kent for the paralegal job.\n"
    with FakeOpenAI([step]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        result = CliRunner().invoke(
            app, ["draft", "-", "--timeout", f"{BUDGET:g}"], input=free_form
        )
        seen = len(server.requests)
    assert result.exit_code == 2, result.output
    assert seen == 1  # asking again would not mend it, so the draft ends at once
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert "could not read them" in errors[0] and says in errors[0]
    assert "Key: value" in errors[0]
    assert result.stdout == "" and KEY not in result.output


# --- exit codes: documented in the README and what the CLI returns ------------------------------


def test_readme_documents_every_exit_code() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for text in (
        "0 success",
        "1 a draft or checked message fails an error-level rule",
        "2 bad input",
        "70 an unexpected error",
        "130 interrupted",
    ):
        assert text in readme, text


MESSAGE_FAILS = "Subject: Hi\n\nI still haven't heard back. Reply ASAP.\n"


def _raise(exc: BaseException) -> Callable[..., Any]:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return boom


@pytest.mark.parametrize(
    ("args", "stdin", "patch", "code", "says"),
    [
        (["draft", NOTES, "--offline"], None, None, 0, ""),
        (["check", "-", "-k", "status-check"], MESSAGE_FAILS, None, 1, ""),
        (["draft", "nowhere.txt", "--offline"], None, None, 2, "No notes file"),
        (["draft", NOTES, "--offline"], None, RuntimeError("boom"), 70, "COMPOSER_DEBUG=1"),
        (["draft", NOTES, "--offline"], None, KeyboardInterrupt(), 130, "Interrupted"),
    ],
    ids=["0-success", "1-fails-a-rule", "2-bad-input", "70-unexpected", "130-interrupted"],
)
def test_exit_codes(
    args: list[str],
    stdin: str | None,
    patch: BaseException | None,
    code: int,
    says: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if patch is not None:
        monkeypatch.setattr("composer.drafting.Session.draft", _raise(patch))
    result = CliRunner().invoke(app, args, input=stdin)
    assert result.exit_code == code, result.output
    assert says in result.stderr
    assert "Traceback" not in result.output
