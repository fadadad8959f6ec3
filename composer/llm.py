"""The only module that talks to a model. `openai` is imported here, lazily, and nowhere else."""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from composer.checker import parse_message
from composer.errors import ModelError
from composer.models import ModelReply, Usage
from composer.settings import ModelSettings

if TYPE_CHECKING:
    import openai

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BUDGET = 60.0
# A draft is a few hundred words; an answer far longer is not one (and is not worth scanning).
MAX_ANSWER_CHARS = 64_000
# How often a wait for the model looks up from its thread to notice Ctrl-C.
_POLL_SECONDS = 0.05
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class ModelUnavailable(ModelError):
    """The endpoint did not answer in time: connection refused, timeouts, 429/5xx after retries."""


class ModelAuthError(ModelError):
    """The endpoint refused the key (401/403)."""


class ModelNotFound(ModelError):
    """The endpoint does not serve the requested model (404)."""


class BadAnswer(ModelError):
    """The model answered, but not with a usable draft (malformed, empty, refused, truncated).

    `raw` keeps what was received, so the history shows the answer that was refused."""

    retryable = True

    def __init__(self, message: str, raw: str | None = None) -> None:
        super().__init__(message)
        self.raw = raw


class Endpoint(BaseModel):
    """Where and how to reach the model; `None` in its place means offline."""

    model_config = ConfigDict(frozen=True)

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: SecretStr | None = None
    budget: float = Field(default=DEFAULT_BUDGET, gt=0, description="seconds per draft, all in")
    request_timeout: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)
    repair_rounds: int = Field(default=2, ge=0, le=5)

    @property
    def label(self) -> str:
        """Model and host, never the key: safe to print and to log."""
        host = re.sub(r"^https?://", "", self.base_url or "api.openai.com").split("/")[0]
        return f"{self.model} at {host}"


def resolve_endpoint(
    settings: ModelSettings,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    budget: float | None = None,
    repair_rounds: int | None = None,
) -> Endpoint | None:
    """The values given (the CLI reads them from flags and environment), then the config file.
    No key and no base URL means offline (None).

    A local server (Ollama, vLLM, llama.cpp) needs only a base URL; the SDK still wants some key,
    so a placeholder is sent to servers that ignore it.
    """
    key = api_key or settings.api_key
    url = base_url or settings.base_url
    if not key and not url:
        return None
    rounds = next((r for r in (repair_rounds, settings.repair_rounds) if r is not None), 2)
    return Endpoint(
        model=model or settings.name or DEFAULT_MODEL,
        base_url=url or None,
        api_key=SecretStr(key) if key else None,
        budget=budget or settings.timeout or DEFAULT_BUDGET,
        repair_rounds=rounds,
    )


class DraftOut(BaseModel):
    """The contract with the model: exactly a subject line and a body."""

    model_config = ConfigDict(extra="forbid")

    subject: str = Field(description="A short email subject line naming the role.")
    body: str = Field(description="The email from greeting to signature, plain text.")


class Reply(BaseModel):
    """One model answer, parsed."""

    subject: str
    body: str
    usage: Usage
    model: str
    structured: bool


class Deadline:
    """The one time budget a draft may spend, across every call and retry.

    Ctrl-C also ends it: the main thread gets KeyboardInterrupt as usual, and every wait for the
    model (in whatever thread) stops within a few hundredths of a second instead of holding the
    process open until its budget runs out.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self._interrupts = _INTERRUPTS.count

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    @property
    def interrupted(self) -> bool:
        """True once Ctrl-C (SIGINT) has arrived since this deadline started."""
        return _INTERRUPTS.count != self._interrupts


class _Interrupts:
    """Counts SIGINTs, then hands each to the handler that was there before (which raises
    KeyboardInterrupt in the main thread). Installed once, from the main thread, by ChatClient."""

    def __init__(self) -> None:
        self.count = 0
        self._previous: Any = None
        self._installed = False

    def install(self) -> None:
        if self._installed or threading.current_thread() is not threading.main_thread():
            return
        try:
            previous = signal.getsignal(signal.SIGINT)
            if not callable(previous):  # SIG_IGN or SIG_DFL: not ours to change
                return
            self._previous = previous
            signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        except (ValueError, OSError):  # no signals here (an embedded interpreter)
            return

    def _handle(self, signum: int, frame: Any) -> None:
        self.count += 1
        self._previous(signum, frame)


_INTERRUPTS = _Interrupts()


class ModelInterrupted(ModelUnavailable):
    """Ctrl-C arrived while waiting for the model."""


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """JSON schema in the strict form OpenAI-compatible servers accept (no extras, all required)."""
    schema = model.model_json_schema()

    def tighten(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            for value in node.values():
                tighten(value)
        elif isinstance(node, list):
            for value in node:
                tighten(value)

    tighten(schema)
    return schema


def _run_within(deadline: Deadline, call: Callable[[], T]) -> T:
    """Run `call` in a daemon thread and stop waiting when the budget ends.

    The SDK's retries honour Retry-After and back off on their own schedule; this is the outer
    bound that keeps a draft within the budget the user set, whatever the server does.
    """
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = call()
        except BaseException as exc:  # handed to the waiting thread, re-raised there
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True, name="composer-model-call")
    thread.start()
    # Short waits, so Ctrl-C is noticed at once; the budget stays the outer bound.
    while thread.is_alive() and deadline.remaining() > 0 and not deadline.interrupted:
        thread.join(min(_POLL_SECONDS, max(deadline.remaining(), 0)))
    if thread.is_alive():
        thread.abandoned = True  # type: ignore[attr-defined]  # its retries send nothing more
        if deadline.interrupted:
            raise ModelInterrupted("interrupted (Ctrl-C) while waiting for the model")
        raise ModelUnavailable(
            f"the model did not answer within the {deadline.seconds:g} s budget"
            + _last_status_note(thread)
        )
    if "error" in result:
        raise result["error"]
    return result["value"]


class ModelClient(Protocol):
    """What drafting needs from a model: one answer to a conversation within a deadline.

    `ChatClient` is the real one; tests and the batch throttle implement this, not imitate the
    SDK. Raises `ModelError` (or `BadAnswer`, with the raw text) when there is no usable draft."""

    @property
    def endpoint(self) -> Endpoint: ...

    def reply(self, messages: list[dict[str, str]], deadline: Deadline) -> ModelReply: ...


class ChatClient:
    """A thin wrapper over the openai SDK's chat completions, the API every server implements."""

    def __init__(self, endpoint: Endpoint, http_client: Any = None) -> None:
        self.endpoint = endpoint
        self._http_client = http_client
        _INTERRUPTS.install()
        self.structured = True  # flips to False once a server rejects response formats
        self._shared: openai.OpenAI | None = None
        self._lock = threading.Lock()

    def _sdk(self) -> openai.OpenAI:
        """One SDK client for every call, so connections are reused and its ~15 ms set-up
        (an SSL context) is paid once. Thread-safe; calls abandoned at their deadline are cut
        off by `_refuse_abandoned` instead of by closing a client others are using."""
        with self._lock:
            if self._shared is None:
                import openai  # lazy: ~1 s of import that offline runs never pay

                key = self.endpoint.api_key.get_secret_value() if self.endpoint.api_key else None
                self._shared = openai.OpenAI(
                    api_key=key or "not-needed",
                    base_url=self.endpoint.base_url,
                    max_retries=self.endpoint.max_retries,
                    timeout=self.endpoint.request_timeout,
                    http_client=self._http_client
                    or openai.DefaultHttpxClient(
                        event_hooks={"request": [_refuse_abandoned], "response": [_note_status]}
                    ),
                )
            return self._shared

    def close(self) -> None:
        """Close the connections this client opened (not an http_client it was given)."""
        with self._lock:
            if self._shared is not None and self._http_client is None:
                self._shared.close()
            self._shared = None

    def reply(self, messages: list[dict[str, str]], deadline: Deadline) -> ModelReply:
        """One draft answer to `messages`, as exchanged (see `ModelClient`)."""
        out, raw, usage, model, structured = ask(self, lambda _structured: messages, deadline)
        return ModelReply(
            messages=messages,
            raw=raw,
            subject=out.subject.strip(),
            body=out.body.strip(),
            usage=usage,
            model=model,
            response_format="json_schema" if structured else "text",
        )

    def complete(
        self, messages: list[dict[str, str]], deadline: Deadline, schema: type[M] = DraftOut
    ) -> tuple[M | None, str, Usage, str]:
        """One chat completion within the deadline: (parsed or None, raw text, usage, model)."""
        if deadline.remaining() <= 0:
            raise ModelUnavailable(f"the {deadline.seconds:g} s budget was used up")
        sdk = self._sdk()
        return _run_within(deadline, lambda: self._complete(sdk, messages, deadline, schema))

    def _complete(
        self,
        sdk: openai.OpenAI,
        messages: list[dict[str, str]],
        deadline: Deadline,
        schema: type[M],
    ) -> tuple[M | None, str, Usage, str]:
        import openai

        sdk = sdk.with_options(
            timeout=max(min(self.endpoint.request_timeout, deadline.remaining()), 0.1)
        )
        kwargs: dict[str, Any] = {"model": self.endpoint.model, "messages": messages}
        if self.structured:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": schema.__name__.lower(),
                    "strict": True,
                    "schema": strict_schema(schema),
                },
            }
        try:
            response = sdk.chat.completions.create(**kwargs)
        except openai.BadRequestError as exc:
            if self.structured and _rejects_response_format(exc):
                self.structured = False
                raise _FormatRejected() from None
            raise translate(exc, self.endpoint) from None
        except openai.OpenAIError as exc:
            raise translate(exc, self.endpoint) from None
        except ValueError:  # a 200 whose body is not JSON: an HTML error page, a wrong URL
            raise BadAnswer(
                f"{self.endpoint.label} answered with something that is not JSON; check that "
                "the base URL is an OpenAI-compatible API (it usually ends in /v1)"
            ) from None
        secret = self.endpoint.api_key.get_secret_value() if self.endpoint.api_key else ""
        try:
            return _parse_response(
                response, schema, self.structured, self.endpoint.model, secret=secret
            )
        except (AttributeError, TypeError, IndexError, KeyError):
            raise BadAnswer(
                "the model's answer was not a chat completion (a field was missing or had the "
                "wrong type)"
            ) from None


def _note_status(response: Any) -> None:
    """An httpx response hook: remember the last HTTP status this thread saw, so a call cut off
    at the budget can say what the server was doing (rate limiting, failing) meanwhile."""
    threading.current_thread().last_status = response.status_code  # type: ignore[attr-defined]


_STATUS_NOTES = {
    429: "it was rate-limiting requests (429)",
    500: "it was failing (HTTP 500)",
    502: "it was failing (HTTP 502)",
    503: "it was unavailable (HTTP 503)",
    504: "it was timing out (HTTP 504)",
}


def _last_status_note(thread: threading.Thread) -> str:
    status = getattr(thread, "last_status", None)
    note = _STATUS_NOTES.get(status) if isinstance(status, int) else None
    return f"; {note}" if note else ""


def _refuse_abandoned(request: Any) -> None:
    """An httpx request hook: a call given up at its deadline sends no retry. Raising an
    OpenAIError makes the SDK stop at once instead of retrying."""
    if getattr(threading.current_thread(), "abandoned", False):
        import openai

        raise openai.OpenAIError("the call was abandoned at the end of its time budget")


class _FormatRejected(Exception):
    """Internal: the server does not take response_format; the caller asks again in plain text."""


def _rejects_response_format(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("response_format", "json_schema", "response format"))


def scrub(text: str, secret: str) -> str:
    """`text` without the API key: a server that echoes the key back (in a draft, a refusal,
    a model name) must not get it printed. What is left, '[API key removed]', reads as a
    placeholder, so a draft that held the key fails HYG001 and is never shown as passing."""
    if len(secret) < 6 or secret not in text:
        return text
    return text.replace(secret, "[API key removed]")


def _parse_response(
    response: Any, schema: type[M], structured: bool, requested: str, secret: str = ""
) -> tuple[M | None, str, Usage, str]:
    usage = Usage()
    if getattr(response, "usage", None) is not None:
        usage = Usage(
            prompt_tokens=response.usage.prompt_tokens or 0,
            completion_tokens=response.usage.completion_tokens or 0,
            total_tokens=response.usage.total_tokens or 0,
        )
    model = getattr(response, "model", None)
    model = scrub(" ".join(model.split()), secret)[:100] if isinstance(model, str) else ""
    model = model or requested
    if not getattr(response, "choices", None):
        raise BadAnswer("the model returned no answer (an empty list of choices)")
    choice = response.choices[0]
    message = choice.message
    if getattr(message, "refusal", None):
        said = scrub(" ".join(str(message.refusal).split()), secret)[:200].rstrip(".")
        raise BadAnswer(f"the model refused: {said}")
    if choice.finish_reason == "length":
        raise BadAnswer("the model's answer was cut off (it hit its length limit)")
    if choice.finish_reason == "content_filter":
        raise BadAnswer("the endpoint's content filter stopped the answer")
    content = scrub(message.content or "", secret).strip()
    if not content:
        raise BadAnswer("the model returned an empty answer")
    if len(content) > MAX_ANSWER_CHARS:
        raise BadAnswer(f"the model's answer was over {MAX_ANSWER_CHARS:,} characters, not a draft")
    parsed = _parse_content(content, schema, structured)
    return parsed, content, usage, model


def _parse_content(content: str, schema: type[M], structured: bool) -> M | None:
    """JSON when asked for JSON; a 'Subject:' message when the server answered in plain text."""
    text = _unfence(content.strip())
    if text.startswith("{"):
        try:
            return schema.model_validate_json(text)
        except ValidationError as exc:
            raise BadAnswer(
                f"the model's JSON did not match {{subject, body}}: {_first_error(exc)}"
            ) from None
    if schema is DraftOut and re.match(r"^\s*subject\s*:", text, re.IGNORECASE):
        message = parse_message(text)
        return schema.model_validate({"subject": message.subject, "body": message.body})
    if structured:
        raise BadAnswer("the model's answer was not the JSON that was asked for")
    if schema is DraftOut:  # plain-text path with no subject line: the whole text is the body
        return schema.model_validate({"subject": "", "body": text})
    raise BadAnswer("the model's answer was not the JSON that was asked for")


def _unfence(text: str) -> str:
    """A markdown code fence around the answer goes (string operations: a regex `\\s*```$`
    is quadratic on a long run of spaces)."""
    if text.startswith("```"):
        text = text[3:]
        text = text[4:] if text.startswith("json") else text
        text = text.lstrip()
    if text.endswith("```"):
        text = text[:-3].rstrip()
    return text


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "answer"
    return f"{where}: {err['msg']}"


def translate(exc: Exception, endpoint: Endpoint) -> ModelError:
    """SDK exceptions -> our errors, each a sentence that says what to do next."""
    import openai

    where = endpoint.label
    if isinstance(exc, openai.AuthenticationError):
        return ModelAuthError(
            f"{where} refused the API key (401); set OPENAI_API_KEY to a valid key, or run "
            "with --offline"
        )
    if isinstance(exc, openai.PermissionDeniedError):
        return ModelAuthError(
            f"{where} denied access (403): the key in OPENAI_API_KEY may lack access to "
            f"{endpoint.model}; use a key that has it, choose another model with --model, or "
            "run with --offline"
        )
    if isinstance(exc, openai.NotFoundError):
        return ModelNotFound(
            f"{where} has no model '{endpoint.model}' (404); choose another with --model or "
            "COMPOSER_MODEL (for Ollama, 'ollama list' shows yours)"
        )
    if isinstance(exc, openai.RateLimitError):
        return ModelUnavailable(f"{where} is rate-limiting requests (429) and retries ran out")
    if isinstance(exc, openai.APITimeoutError):
        return ModelUnavailable(f"{where} did not answer in time")
    if isinstance(exc, openai.APIConnectionError) and _broke_off(exc):
        return ModelUnavailable(
            f"the connection to {where} broke off before the answer was complete (retried)"
        )
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailable(
            f"cannot reach {where} (is the server running, and is the address right?)"
        )
    if isinstance(exc, openai.InternalServerError | openai.APIStatusError):
        status = getattr(exc, "status_code", "?")
        return ModelUnavailable(f"{where} failed with HTTP {status} after retries")
    if isinstance(exc, openai.LengthFinishReasonError):
        return BadAnswer("the model's answer was cut off (it hit its length limit)")
    if isinstance(exc, openai.ContentFilterFinishReasonError):
        return BadAnswer("the endpoint's content filter stopped the answer")
    return ModelError(f"{where} failed: {type(exc).__name__}")


def _broke_off(exc: BaseException) -> bool:
    """Whether a connection error happened after the server was reached (a dropped answer),
    not before (refused, unknown host): the httpx error names it."""
    cause = exc.__cause__ or exc.__context__
    return type(cause).__name__ in ("RemoteProtocolError", "ReadError")


def ask(
    client: ChatClient,
    messages_for: Callable[[bool], list[dict[str, str]]],
    deadline: Deadline,
    schema: type[M] = DraftOut,  # type: ignore[assignment]
) -> tuple[M, str, Usage, str, bool]:
    """Ask once; if the server rejects response formats, ask again in plain text.

    `messages_for(structured)` builds the prompt for either mode, since the output instructions
    differ. Returns (parsed, raw text, usage, model, structured).
    """
    try:
        parsed, raw, usage, model = client.complete(
            messages_for(client.structured), deadline, schema
        )
    except _FormatRejected:
        parsed, raw, usage, model = client.complete(messages_for(False), deadline, schema)
    assert parsed is not None
    return parsed, raw, usage, model, client.structured
