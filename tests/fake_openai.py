"""A small OpenAI-compatible chat server on 127.0.0.1, scripted per scenario.

Real HTTP, real sockets, the real SDK on the other side: the cassettes under fixtures/cassettes
were recorded against it (see fixtures/cassettes/README.md). Each request takes the next step of
the script; when the script runs out, the last step repeats.

Faults (tests/test_hardening_faults.py): a slow first byte (`delay`), a connection dropped before
(`drop`) or in the middle of the body (`drop_mid_body`), a body that is not JSON (`raw`), a body
that trickles in (`body_delay`), and a server that echoes the Authorization header it received
into its error message and its draft (`echo_auth`). `refused_url()` is an address where nothing
listens.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Step:
    """One scripted answer: a draft, raw content, an HTTP error, or a broken connection."""

    subject: str | None = None
    body: str | None = None
    content: str | None = None  # raw assistant content, when not a {subject, body} draft
    status: int = 200
    error: str | None = None  # error message for non-200 answers
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    refusal: str | None = None
    no_choices: bool = False
    delay: float = 0.0
    drop: bool = False  # close the connection without answering
    # Added for the fault tests; every default keeps the behaviour above.
    drop_mid_body: bool = False  # send the headers and half the body, then close
    raw: bytes | None = None  # send these bytes as the body (e.g. not JSON at all)
    body_delay: float = 0.0  # seconds between the headers and the body
    echo_auth: bool = False  # put the Authorization header received into the error and draft
    # Added for the model-path tests (issue 10, 13): what a real server sends that others do not.
    usage: Any = None  # the "usage" object to send instead of the usual counts
    timings: Any = None  # llama.cpp's "timings" object (cache_n: prompt tokens reused)
    error_body: Any = None  # the whole JSON error body, when not {"error": {"message": ...}}


def draft(subject: str, body: str, **kw: Any) -> Step:
    return Step(subject=subject, body=body, **kw)


def refused_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def _echoed(step: Step, auth: str) -> Step:
    """The step with the Authorization header written into its error message and its draft."""
    return replace(
        step,
        error=f"{step.error or 'Incorrect API key provided'}: {auth}",
        body=None if step.body is None else f"{step.body}\n\n(sent with {auth})",
        content=None if step.content is None else f"{step.content} {auth}",
    )


def refuses(formats: dict[str, tuple[int, Any]], answer: Step) -> Callable[[dict[str, Any]], Step]:
    """A server that answers `formats[type]` = (status, error body or message) to the
    response_format types it does not take, and `answer` to everything else."""

    def route(payload: dict[str, Any]) -> Step:
        kind = (payload.get("response_format") or {}).get("type", "text")
        if kind in formats:
            status, said = formats[kind]
            if isinstance(said, str):
                return Step(status=status, error=said)
            return Step(status=status, error_body=said)
        return answer

    return route


def _completion(step: Step, model: str, structured: bool) -> dict[str, Any]:
    if step.content is not None:
        content: str | None = step.content
    elif step.subject is not None:
        content = (
            json.dumps({"subject": step.subject, "body": step.body})
            if structured
            else f"Subject: {step.subject}\n\n{step.body}"
        )
    else:
        content = None
    choices = (
        []
        if step.no_choices
        else [
            {
                "index": 0,
                "finish_reason": step.finish_reason,
                "message": {
                    "role": "assistant",
                    "content": None if step.refusal else content,
                    "refusal": step.refusal,
                },
            }
        ]
    )
    answer: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1767225600,
        "model": model,
        "choices": choices,
        "usage": (
            {"prompt_tokens": 700, "completion_tokens": 160, "total_tokens": 860}
            if step.usage is None
            else step.usage
        ),
    }
    if step.timings is not None:
        answer["timings"] = step.timings
    return answer


class FakeOpenAI:
    """`with FakeOpenAI([Step(...), ...]) as server:` then point the client at server.base_url."""

    def __init__(
        self, steps: list[Step] | Callable[[dict[str, Any]], Step], model: str = "gpt-4o-mini"
    ) -> None:
        self.steps = steps
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []  # the request headers, one dict per request
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                with outer._lock:
                    index = len(outer.requests)
                    outer.requests.append(payload)
                    outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                    step = (
                        outer.steps(payload)
                        if callable(outer.steps)
                        else outer.steps[min(index, len(outer.steps) - 1)]
                    )
                if step.echo_auth:
                    step = _echoed(step, self.headers.get("authorization", ""))
                if step.delay:
                    time.sleep(step.delay)
                if step.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                if step.raw is not None:
                    self._send(step, step.raw)
                    return
                if step.status != 200 and step.error_body is not None:
                    body = step.error_body
                elif step.status != 200:
                    body = {
                        "error": {
                            "message": step.error or "error",
                            "type": "fake_error",
                            "code": None,
                        }
                    }
                else:
                    body = _completion(
                        step, payload.get("model", outer.model), "response_format" in payload
                    )
                self._send(step, json.dumps(body).encode())

            def _send(self, step: Step, data: bytes) -> None:
                self.send_response(step.status)
                if "content-type" not in {k.lower() for k in step.headers}:
                    self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in step.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if step.drop_mid_body:
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if step.body_delay:
                    self.wfile.flush()
                    time.sleep(step.body_delay)
                try:
                    self.wfile.write(data)
                except OSError:  # the client gave up first
                    self.close_connection = True

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # A short poll interval: stop() returns in ~0.05 s instead of up to 0.5 s.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
