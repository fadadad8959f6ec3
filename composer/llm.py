"""The only module that talks to a model. `openai` is imported here, lazily, and nowhere else.

One chat completion per call, the API every OpenAI-compatible server implements, with the
response format negotiated per endpoint: strict `json_schema` first; when the server refuses it
(llama-cpp-python and ik_llama.cpp answer 500, others 400 or 422), `json_object` with the schema
(llama-cpp-python's grammar-constrained form), then plain text. What worked is remembered for
the run. The prompt is the same whatever the format, and the answer is validated whatever the
server claims to enforce (`composer.answers`).
"""

from __future__ import annotations

import json
import random
import re
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel

from composer.answers import (
    MAX_ANSWER_CHARS,
    BadAnswer,
    DraftOut,
    one_line,
    read_completion,
    read_draft,
    read_object,
)
from composer.endpoint import (
    DEFAULT_BUDGET,
    DEFAULT_MODEL,
    STRUCTURED_MODES,
    Endpoint,
    check_base_url,
    redact_url,
    resolve_endpoint,
)
from composer.errors import ModelError
from composer.models import ModelReply, Usage

if TYPE_CHECKING:
    import openai

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_MODEL",
    "STRUCTURED_MODES",
    "BadAnswer",
    "ChatClient",
    "Deadline",
    "DraftOut",
    "Endpoint",
    "ModelAuthError",
    "ModelClient",
    "ModelNotFound",
    "ModelUnavailable",
    "check_base_url",
    "redact_url",
    "resolve_endpoint",
]

# Connecting is quick when the server is there; a request's own limit is for the answer.
CONNECT_TIMEOUT = 10.0
# Response formats, strictest first: negotiation only ever moves down this list.
FORMATS = ("json_schema", "json_object", "text")
# Statuses a server uses to refuse a response_format it does not support.
_FORMAT_REFUSALS = (400, 422, 500)
# Statuses worth asking again after a pause (the SDK's list): timeouts, conflicts, limits, 5xx.
_RETRYABLE = (408, 409, 429)
# How often a wait for the model looks up from its thread to notice Ctrl-C.
_POLL_SECONDS = 0.05
# Characters that hide inside an echoed secret without showing (zero-width, joiners, bidi
# marks, soft hyphens), as themselves or as the JSON escapes a model's answer carries them in.
_INVISIBLE = (
    "(?:[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
    r"|\\u(?i:00ad|034f|061c|180e|200[b-f]|202[a-e]|206[0-4]|feff))*"
)
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class ModelUnavailable(ModelError):
    """The endpoint did not answer in time: connection refused, timeouts, 429/5xx after retries."""


class ModelAuthError(ModelError):
    """The endpoint refused the key (401/403)."""


class ModelNotFound(ModelError):
    """The endpoint does not serve the requested model (404)."""


class FormatRefused(ModelError):
    """The server refused the response format the settings fixed (structured != auto)."""


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


def response_format_param(fmt: str, schema: type[BaseModel]) -> dict[str, Any] | None:
    """The `response_format` request field for one format (None: plain text, no field)."""
    if fmt == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {
                "name": schema.__name__.lower(),
                "strict": True,
                "schema": strict_schema(schema),
            },
        }
    if fmt == "json_object":
        # llama-cpp-python turns the schema into a grammar; servers that do not know the key
        # ignore it or refuse it (and negotiation moves on to plain text).
        return {"type": "json_object", "schema": strict_schema(schema)}
    return None


def _run_within(deadline: Deadline, call: Callable[[], T]) -> T:
    """Run `call` in a daemon thread and stop waiting when the budget ends.

    Retries honour Retry-After and back off on their own schedule; this is the outer bound
    that keeps a draft within the budget the user set, whatever the server does.
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


_STATUS_NOTES = {
    429: "it was rate-limiting requests (429)",
    500: "it was failing (HTTP 500)",
    502: "it was failing (HTTP 502)",
    503: "it was unavailable (HTTP 503)",
    504: "it was timing out (HTTP 504)",
}


def _last_status_note(thread: threading.Thread) -> str:
    """What the server was doing when the budget ran out (the last status the thread saw)."""
    status = getattr(thread, "last_status", None)
    note = _STATUS_NOTES.get(status) if isinstance(status, int) else None
    return f"; {note}" if note else ""


class ModelClient(Protocol):
    """What drafting needs from a model: one answer to a conversation within a deadline.

    `ChatClient` is the real one; tests and the batch throttle implement this, not imitate the
    SDK. Raises `ModelError` (or `BadAnswer`, with the raw text) when there is no usable draft."""

    @property
    def endpoint(self) -> Endpoint: ...

    def reply(self, messages: list[dict[str, str]], deadline: Deadline) -> ModelReply: ...


@dataclass(frozen=True)
class Exchange:
    """One answered call: what was parsed out of it, the text it came in, and how."""

    parsed: Any
    raw: str
    usage: Usage
    model: str
    response_format: str


class _FormatRejected(Exception):
    """Internal: the server refused this response format; negotiation moves on."""

    def __init__(self, fmt: str, status: int, said: str) -> None:
        super().__init__(fmt)
        self.fmt, self.status, self.said = fmt, status, said


class ChatClient:
    """A thin wrapper over the openai SDK's chat completions, the API every server implements.

    One per endpoint and run: it remembers which response format the server accepted, so only
    the first call of a run pays for finding out."""

    def __init__(self, endpoint: Endpoint, http_client: Any = None) -> None:
        self.endpoint = endpoint
        self._http_client = http_client
        _INTERRUPTS.install()
        self._shared: openai.OpenAI | None = None
        self._lock = threading.Lock()
        fixed = {"json_schema": 0, "json_object": 1, "off": 2}.get(endpoint.structured)
        self._negotiate = fixed is None
        self._format = fixed or 0  # index into FORMATS; only ever moves down the list

    @property
    def response_format(self) -> str:
        """The format the next call asks for: json_schema, json_object or text."""
        return FORMATS[self._format]

    @property
    def structured(self) -> bool:
        """Whether calls still ask for JSON through response_format (kept for older callers)."""
        return self.response_format != "text"

    @structured.setter
    def structured(self, value: bool) -> None:
        with self._lock:
            self._format = 0 if value and self._negotiate else max(self._format, 0 if value else 2)

    def _sdk(self) -> openai.OpenAI:
        """One SDK client for every call, so connections are reused and its ~15 ms set-up
        (an SSL context) is paid once. Thread-safe; calls abandoned at their deadline are cut
        off by a request hook instead of by closing a client others are using."""
        with self._lock:
            if self._shared is None:
                import openai  # lazy: ~1 s of import that offline runs never pay

                from composer.llm_http import guarded_client

                key = self.endpoint.api_key.get_secret_value() if self.endpoint.api_key else None
                self._shared = openai.OpenAI(
                    api_key=key or "not-needed",
                    base_url=self.endpoint.base_url,
                    max_retries=0,  # retries are composer's: never after a read timeout
                    http_client=self._http_client or guarded_client(),
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
        done = self.exchange(messages, deadline, DraftOut)
        return ModelReply(
            messages=messages,
            raw=done.raw,
            subject=done.parsed.subject,
            body=done.parsed.body,
            usage=done.usage,
            model=done.model,
            response_format=done.response_format,
        )

    def complete(
        self, messages: list[dict[str, str]], deadline: Deadline, schema: type[M] = DraftOut
    ) -> tuple[M | None, str, Usage, str]:
        """One chat completion within the deadline: (parsed, raw text, usage, model)."""
        done = self.exchange(messages, deadline, schema)
        return done.parsed, done.raw, done.usage, done.model

    def exchange(
        self, messages: list[dict[str, str]], deadline: Deadline, schema: type[BaseModel]
    ) -> Exchange:
        """Ask once in the best format the server takes; a refused format is not an attempt."""
        if deadline.remaining() <= 0:
            raise ModelUnavailable(f"the {deadline.seconds:g} s budget was used up")
        sdk = self._sdk()
        while True:
            fmt = self.response_format
            try:
                return _run_within(
                    deadline, lambda f=fmt: self._call(sdk, messages, deadline, schema, f)
                )
            except _FormatRejected as refused:
                if not self._negotiate:
                    raise FormatRefused(
                        f"{self.endpoint.label} refused response_format {fmt} (HTTP "
                        f"{refused.status}: {refused.said}); set [model] structured (or "
                        'COMPOSER_STRUCTURED) to "auto" to let composer find what it accepts'
                    ) from None
                with self._lock:
                    self._format = max(self._format, FORMATS.index(fmt) + 1)

    def _call(
        self,
        sdk: openai.OpenAI,
        messages: list[dict[str, str]],
        deadline: Deadline,
        schema: type[BaseModel],
        fmt: str,
    ) -> Exchange:
        """One request, retried (within the budget) on connection errors, 429 and 5xx only:
        never after a read timeout, when a slow server may still be working on the answer."""
        import httpx2
        import openai

        from composer.llm_http import (
            Abandoned,
            CrossOriginRedirect,
            ResponseTooLarge,
            UnreadableEncoding,
        )

        endpoint = self.endpoint
        kwargs: dict[str, Any] = {"model": endpoint.model, "messages": messages}
        param = response_format_param(fmt, schema)
        if param is not None:
            kwargs["response_format"] = param
        tries = 0
        while True:
            limit = _request_limit(endpoint, deadline)
            try:
                raw = sdk.chat.completions.with_raw_response.create(
                    **kwargs, timeout=httpx2.Timeout(limit, connect=min(limit, CONNECT_TIMEOUT))
                )
                response = raw.http_response
                break
            except openai.APITimeoutError as exc:
                if not isinstance(exc.__cause__, httpx2.ConnectTimeout):
                    raise ModelUnavailable(
                        f"{endpoint.label} did not answer in time (the {limit:g} s limit per "
                        "request); composer does not send the request again while the server "
                        "may still be working on it (raise --timeout, or [model] request_timeout)"
                    ) from None
                error: Exception = exc
                wait = _backoff(tries)
            except openai.APIStatusError as exc:
                if fmt != "text" and _rejects_format(exc, fmt):
                    raise _FormatRejected(
                        fmt, exc.status_code, _server_said(exc, endpoint)
                    ) from None
                error, wait = exc, _retry_wait(exc, tries)
                if (
                    wait is not None
                    and tries < endpoint.max_retries
                    and wait > deadline.remaining()
                ):
                    raise ModelUnavailable(_outlasts(exc, wait, endpoint, deadline)) from None
            except openai.APIConnectionError as exc:
                error, wait = exc, _backoff(tries)
            except ResponseTooLarge as exc:
                raise BadAnswer(
                    f"{endpoint.label} sent more than {exc.limit >> 20} MiB, which is no draft "
                    "(a draft is a few KB); the rest was not read"
                ) from None
            except UnreadableEncoding as exc:
                raise BadAnswer(
                    f"{endpoint.label} sent an answer composer cannot read ({exc})"
                ) from None
            except CrossOriginRedirect as exc:
                raise ModelError(
                    f"{endpoint.label} redirected the request (HTTP {exc.status}) to another "
                    f"server, {exc.target}; composer does not follow a redirect to another "
                    "origin, so nothing was sent there (if that server is the right one, make "
                    "it the base URL)"
                ) from None
            except Abandoned:
                raise ModelUnavailable("the call was abandoned at the end of its budget") from None
            except UnicodeEncodeError:
                raise ModelAuthError(
                    "the API key holds a character that is not plain ASCII, so it cannot be "
                    "sent; paste the key again"
                ) from None
            if wait is None or tries >= endpoint.max_retries or wait > deadline.remaining():
                raise translate(error, endpoint, retried=tries > 0) from None
            tries += 1
            _pause(wait)
        return self._read(response, schema, fmt)

    def _read(self, response: Any, schema: type[BaseModel], fmt: str) -> Exchange:
        """The answer in an HTTP 200 response, checked and parsed; BadAnswer with the raw text
        when it is not a usable one."""
        secrets = self.endpoint.secrets()
        try:
            body = response.content
        except Exception:  # a body that broke off while being read
            raise BadAnswer("the model's answer broke off while it was being read") from None
        done = read_completion(body, response.headers.get("content-type", ""))
        model = one_line(scrub(done.model or "", *secrets), 100) or self.endpoint.model
        if done.refusal:
            said = one_line(scrub(done.refusal, *secrets)).rstrip(".")
            raise BadAnswer(f"the model refused: {said}")
        if done.finish_reason == "length":
            raise BadAnswer(
                "the model's answer was cut off (it hit its length limit)",
                scrub(done.content, *secrets),
            )
        if done.finish_reason == "content_filter":
            raise BadAnswer("the endpoint's content filter stopped the answer")
        content = scrub(done.content, *secrets).strip()
        if not content:
            raise BadAnswer("the model returned an empty answer")
        if len(content) > MAX_ANSWER_CHARS:
            raise BadAnswer(
                f"the model's answer was over {MAX_ANSWER_CHARS:,} characters, not a draft",
                content[:MAX_ANSWER_CHARS],
            )
        parsed = read_draft(content) if schema is DraftOut else read_object(content, schema)
        return Exchange(parsed, content, done.usage, model, fmt)


def _request_limit(endpoint: Endpoint, deadline: Deadline) -> float:
    """Seconds one HTTP request may take. With no limit of its own (or one past the budget),
    a little more than the budget left, so the budget is what ends the call, in one place."""
    left = max(deadline.remaining(), 0.1)
    own = endpoint.request_timeout
    return own if own is not None and own < left else left + 1.0


def _pause(seconds: float) -> None:
    """Sleep before a retry, stopping early if the call is abandoned meanwhile."""
    ends = time.monotonic() + seconds
    while (left := ends - time.monotonic()) > 0:
        if getattr(threading.current_thread(), "abandoned", False):
            return  # the request hook refuses the retry
        time.sleep(min(left, _POLL_SECONDS))


def _backoff(tries: int) -> float:
    """The SDK's schedule: 0.5 s doubling to 8 s, with up to 25 % jitter."""
    return min(0.5 * 2**tries, 8.0) * (1 - 0.25 * random.random())


def _retry_wait(exc: Any, tries: int) -> float | None:
    """Seconds to wait before asking again, or None when asking again will not help."""
    headers = exc.response.headers
    told = headers.get("x-should-retry")
    status = exc.status_code
    if told == "false" or (told != "true" and status not in _RETRYABLE and status < 500):
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(float(value) * scale, 0.0)
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
            except (TypeError, ValueError):
                continue
    return _backoff(tries)


def _outlasts(exc: Any, wait: float, endpoint: Endpoint, deadline: Deadline) -> str:
    status = exc.status_code
    if status == 429:
        return (
            f"{endpoint.label} is rate-limiting requests (429) and asked to wait {wait:.0f} s, "
            f"more than is left of the {deadline.seconds:g} s budget"
        )
    return (
        f"{endpoint.label} failed with HTTP {status}, and waiting to ask again would outlast "
        f"the {deadline.seconds:g} s budget"
    )


def _server_said(exc: Any, endpoint: Endpoint) -> str:
    """The server's own error message, one line, without secrets."""
    body = getattr(exc, "body", None)
    said: Any = None
    if isinstance(body, dict):
        said = body.get("message") or body.get("detail") or body.get("error")
    if not isinstance(said, str):
        said = json.dumps(said, default=str) if said is not None else str(exc.message)
    return one_line(scrub(said, *endpoint.secrets()), 160)


def _rejects_format(exc: Any, fmt: str) -> bool:
    """Whether an error answer is the server refusing `response_format` (not the request)."""
    if exc.status_code not in _FORMAT_REFUSALS:
        return False
    text = f"{exc.message} {getattr(exc, 'body', '')}".lower()
    return any(
        word in text
        for word in ("response_format", "response format", "json_schema", "json_object", fmt)
    )


def scrub(text: str, *secrets: str) -> str:
    """`text` without any secret in it, even one with invisible characters slipped inside: a
    server that echoes the key back (in a draft, a refusal, a model name) must not get it
    printed. What is left, '[API key removed]', reads as a placeholder, so a draft that held
    the key fails HYG001 and is never shown as passing."""
    for secret in secrets:
        if len(secret) < 6:
            continue
        if secret in text:
            text = text.replace(secret, "[API key removed]")
        pattern = _INVISIBLE.join(re.escape(char) for char in secret)
        text = re.sub(pattern, "[API key removed]", text)
    return text


def translate(exc: Exception, endpoint: Endpoint, retried: bool = True) -> ModelError:
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
            f"the connection to {where} broke off before the answer was complete"
            + (" (retried)" if retried else "")
        )
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailable(
            f"cannot reach {where} (is the server running, and is the address right?)"
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status >= 500 or status in _RETRYABLE:
            return ModelUnavailable(
                f"{where} failed with HTTP {status}" + (" after retries" if retried else "")
            )
        return ModelError(
            f"{where} refused the request (HTTP {status}: {_server_said(exc, endpoint)})"
        )
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
    """One answer through `client.complete` (kept for callers not yet on `ModelClient.reply`).

    The prompt no longer depends on the format, so `messages_for` is called once. Returns
    (parsed, raw text, usage, model, whether a JSON response format was used)."""
    parsed, raw, usage, model = client.complete(messages_for(True), deadline, schema)
    assert parsed is not None
    return parsed, raw, usage, model, client.structured
