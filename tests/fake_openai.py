"""A small OpenAI-compatible chat server on 127.0.0.1, scripted per scenario.

Real HTTP, real sockets, the real SDK on the other side: the cassettes under fixtures/cassettes
were recorded against it (see fixtures/cassettes/README.md). Each request takes the next step of
the script; when the script runs out, the last step repeats.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Callable
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


def draft(subject: str, body: str, **kw: Any) -> Step:
    return Step(subject=subject, body=body, **kw)


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
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1767225600,
        "model": model,
        "choices": choices,
        "usage": {"prompt_tokens": 700, "completion_tokens": 160, "total_tokens": 860},
    }


class FakeOpenAI:
    """`with FakeOpenAI([Step(...), ...]) as server:` then point the client at server.base_url."""

    def __init__(
        self, steps: list[Step] | Callable[[dict[str, Any]], Step], model: str = "gpt-4o-mini"
    ) -> None:
        self.steps = steps
        self.model = model
        self.requests: list[dict[str, Any]] = []
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
                    step = (
                        outer.steps(payload)
                        if callable(outer.steps)
                        else outer.steps[min(index, len(outer.steps) - 1)]
                    )
                if step.delay:
                    time.sleep(step.delay)
                if step.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                if step.status != 200:
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
                data = json.dumps(body).encode()
                self.send_response(step.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in step.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

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
