"""An in-process ModelClient with queued answers, for logic tests of the drafting service.

It implements `composer.llm.ModelClient` (an endpoint and `reply`) rather than imitating the
SDK: each call takes the next queued answer - a (subject, body) pair, a ModelReply, or an
exception to raise - and remembers the messages it was sent.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterable

from composer.llm import Deadline, Endpoint
from composer.models import ModelReply, Usage

Answer = tuple[str, str] | ModelReply | BaseException


class FakeClient:
    """Answers from a queue; `sent` keeps every conversation it was asked, in order."""

    def __init__(self, answers: Iterable[Answer], **endpoint: object) -> None:
        self.endpoint = Endpoint(base_url="http://fake.invalid/v1", **endpoint)  # type: ignore[arg-type]
        self.answers: deque[Answer] = deque(answers)
        self.sent: list[list[dict[str, str]]] = []
        self.lock = threading.Lock()

    def reply(self, messages: list[dict[str, str]], deadline: Deadline) -> ModelReply:
        with self.lock:
            self.sent.append(messages)
            answer = self.answers.popleft()
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, ModelReply):
            return answer.model_copy(update={"messages": messages})
        subject, body = answer
        return ModelReply(
            messages=messages,
            raw=json.dumps({"subject": subject, "body": body}),
            subject=subject,
            body=body,
            usage=Usage(prompt_tokens=100, completion_tokens=50, total_tokens=150),
            model="fake-model",
            response_format="json_schema",
        )
