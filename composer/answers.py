"""What a model server sends back, read leniently but safely: the chat completion around the
answer, and the draft inside the answer.

Pure functions over bytes and text (no SDK, no I/O), so every oddity real servers and small
models produce is tested directly: a usage count that is a string or 10**20, a body nested
100,000 deep, an HTML page with status 200, a raw line break inside a JSON string, a JSON object
in markdown fences or after prose, a `<think>` block before the answer, `Subject:` written into
the body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from composer.errors import ModelError
from composer.models import Usage

M = TypeVar("M", bound=BaseModel)

# A draft is a few hundred words; an answer far longer is not one (and is not worth scanning).
MAX_ANSWER_CHARS = 64_000
# Token counts above this are not counts (a server bug, or hostile): recorded as unknown. Far
# below SQLite's INTEGER limit (2**63 - 1), so a stored usage row can never overflow.
MAX_TOKEN_COUNT = 10**9
# How many '{' positions are tried when looking for the JSON object inside an answer.
_OBJECT_TRIES = 8
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class BadAnswer(ModelError):
    """The model answered, but not with a usable draft (malformed, empty, refused, truncated).

    `raw` keeps what was received, so the history shows the answer that was refused."""

    retryable = True

    def __init__(self, message: str, raw: str | None = None) -> None:
        super().__init__(message)
        self.raw = raw


class DraftOut(BaseModel):
    """The contract with the model: exactly a subject line and a body."""

    model_config = ConfigDict(extra="forbid")

    subject: str = Field(description="A short email subject line naming the role.")
    body: str = Field(description="The email from greeting to signature, plain text.")


@dataclass(frozen=True)
class Completion:
    """The parts of a chat completion composer uses, each checked for type."""

    content: str
    usage: Usage
    model: str | None
    finish_reason: str | None
    refusal: str | None


def one_line(text: str, limit: int = 200) -> str:
    """Server text made safe to show in one line: no control or bidi characters, no breaks."""
    return " ".join(_CONTROL.sub(" ", text).split())[:limit]


def read_completion(body: bytes, content_type: str = "") -> Completion:
    """The chat completion in an HTTP 200 body, or BadAnswer saying what arrived instead."""
    text = body.decode("utf-8", "replace")
    if not text.strip():
        raise BadAnswer("the server answered with an empty body, not a chat completion")
    try:
        data = json.loads(text)
    except RecursionError:
        raise BadAnswer(
            "the server's answer was nested too deeply to be a chat completion"
        ) from None
    except ValueError:
        if "html" in content_type.lower() or text.lstrip()[:1] == "<":
            raise BadAnswer(
                "the server answered with a web page (HTML), not JSON; check that the base URL "
                "is an OpenAI-compatible API (it usually ends in /v1)"
            ) from None
        raise BadAnswer(
            "the server answered with something that is not JSON; check that the base URL is "
            "an OpenAI-compatible API (it usually ends in /v1)"
        ) from None
    if not isinstance(data, dict) or "choices" not in data:
        raise BadAnswer(
            "the server's JSON is not a chat completion (it has no 'choices'); check that the "
            "base URL is an OpenAI-compatible API (it usually ends in /v1)"
        )
    choices = data["choices"]
    if not isinstance(choices, list):
        raise BadAnswer("the model's answer was not a chat completion ('choices' is not a list)")
    if not choices:
        raise BadAnswer("the model returned no answer (an empty list of choices)")
    choice = choices[0]
    message = choice.get("message") if isinstance(choice, dict) else None
    if not isinstance(message, dict):
        raise BadAnswer(
            "the model's answer was not a chat completion (a field was missing or had the "
            "wrong type)"
        )
    finish = choice.get("finish_reason")
    refusal = message.get("refusal")
    model = data.get("model")
    return Completion(
        content=_content_text(message.get("content")),
        usage=read_usage(data.get("usage"), data.get("timings")),
        model=model if isinstance(model, str) else None,
        finish_reason=finish if isinstance(finish, str) else None,
        refusal=refusal if isinstance(refusal, str) and refusal.strip() else None,
    )


def _content_text(content: Any) -> str:
    """`content` as text: a string, or the text parts of a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part["text"]
            for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def _count(value: Any) -> int | None:
    """A token count, or None when the value is not one (a string, a float, 1e30, 10**20)."""
    if type(value) is int and 0 <= value <= MAX_TOKEN_COUNT:
        return value
    return None


def read_usage(usage: Any, timings: Any = None) -> Usage:
    """Token counts as reported; anything malformed is unknown (0), never an error.

    Prefix-cache hits: `usage.prompt_tokens_details.cached_tokens` (OpenAI, vLLM) or
    llama.cpp's `timings.cache_n`; None when the server does not say."""
    if not isinstance(usage, dict):
        usage = {}
    details = usage.get("prompt_tokens_details")
    cached = _count(details.get("cached_tokens")) if isinstance(details, dict) else None
    if cached is None and isinstance(timings, dict):
        cached = _count(timings.get("cache_n"))
    prompt = _count(usage.get("prompt_tokens")) or 0
    completion = _count(usage.get("completion_tokens")) or 0
    total = _count(usage.get("total_tokens"))
    return Usage(
        prompt_tokens=prompt,
        completion_tokens=completion,
        total_tokens=total if total is not None else prompt + completion,
        cached_tokens=cached,
    )


def strip_reasoning(text: str) -> str:
    """The answer without the model's reasoning: a `<think>...</think>` block before it (or only
    its closing tag, when the chat template opened it), or nothing if it never closed."""
    lower = text.lower()
    for tag in ("think", "thinking", "reasoning"):
        close = lower.rfind(f"</{tag}>")
        if close != -1:
            return text[close + len(tag) + 3 :].strip()
        if lower.lstrip().startswith(f"<{tag}>"):
            return ""  # all reasoning, no answer (cut off while thinking)
    return text.strip()


def _unfence(text: str) -> str:
    """A markdown code fence around the answer goes (string operations: a regex `\\s*```$`
    is quadratic on a long run of spaces)."""
    if text.startswith("```"):
        newline = text.find("\n")
        text = text[newline + 1 :] if newline != -1 else text[3:]
    if text.rstrip().endswith("```"):
        text = text.rstrip()[:-3]
    return text.strip()


def find_object(text: str) -> tuple[dict[str, Any] | None, bool]:
    """The first JSON object in `text` (in fences, after prose), read with raw line breaks and
    tabs allowed inside strings. Returns (object or None, whether something looked like JSON)."""
    decoder = json.JSONDecoder(strict=False)
    start = text.find("{")
    looked = start != -1 and not text[:start].strip()
    if looked:
        # A small model sometimes stops right after the last string, without the closing
        # brace (seen from Qwen2.5-Coder-1.5B in plain-text mode); only that one is supplied.
        for candidate in (text, text.rstrip() + "}"):
            try:
                found, _end = decoder.raw_decode(candidate, start)
            except (ValueError, RecursionError):
                continue
            if isinstance(found, dict):
                return found, True
    for _ in range(_OBJECT_TRIES):
        if start == -1:
            break
        try:
            found, _end = decoder.raw_decode(text, start)
        except (ValueError, RecursionError):
            found = None
        if isinstance(found, dict):
            return found, True
        start = text.find("{", start + 1)
    return None, looked


def _subject_line(body: str) -> tuple[str | None, str]:
    """A 'Subject: ...' first line written into the body: (that subject, the body without it)."""
    match = re.match(r"[ \t]*\**subject\**[ \t]*:[ \t]*([^\n]*)\n", body, re.IGNORECASE)
    if not match:
        return None, body
    return match.group(1).strip().strip("*").strip(), body[match.end() :].lstrip("\n")


def read_draft(content: str) -> DraftOut:
    """The draft in a model's answer, whatever format the server claimed to enforce: a JSON
    object {"subject", "body"} (leniently), or a plain-text email with a 'Subject:' line."""
    text = _unfence(strip_reasoning(content.replace("\r\n", "\n").lstrip("\ufeff")))
    if not text:
        raise BadAnswer("the model returned an empty answer (or only its reasoning)", content)
    found, looked = find_object(text)
    if found is None and looked:
        raise BadAnswer("the model's JSON was malformed (cut off or not closed)", content)
    if found is None:
        # Plain text: 'Subject: ...' then the email, perhaps after a line of prose.
        lead = re.search(r"^[ \t]*\**subject\**[ \t]*:", text[:400], re.IGNORECASE | re.MULTILINE)
        written, rest = _subject_line((text[lead.start() :] if lead else text) + "\n")
        return DraftOut(subject=written or "", body=rest.strip())
    fields = {k.strip().lower(): v for k, v in found.items() if isinstance(k, str)}
    body = next((fields[k] for k in ("body", "email", "message") if k in fields), None)
    subject = fields.get("subject", "")
    if not isinstance(body, str) or not isinstance(subject, str):
        wrong = "body" if not isinstance(body, str) else "subject"
        raise BadAnswer(
            f"the model's JSON did not match {{subject, body}}: {wrong} is missing or not text",
            content,
        )
    if "\n" not in body and body.count("\\n") >= 2:  # escaped twice by the model
        body = body.replace("\\n", "\n")
    written, body = _subject_line(body.strip())
    if written and not subject.strip():
        subject = written
    return DraftOut(subject=subject.strip(), body=body.strip())


def read_object(content: str, schema: type[M]) -> M:
    """A JSON object matching `schema` in a model's answer (fences, prose, reasoning allowed)."""
    text = _unfence(strip_reasoning(content))
    found, _looked = find_object(text)
    if found is None:
        raise BadAnswer("the model's answer was not the JSON that was asked for", content)
    try:
        return schema.model_validate(found)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "answer"
        raise BadAnswer(
            f"the model's JSON did not match what was asked for: {where}: {err['msg']}", content
        ) from None
