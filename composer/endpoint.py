"""Where the model is and how to reach it: the endpoint settings, resolved from flags, the
environment and the config file, and checked so a bad base URL or key is a clear error."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_serializer, field_validator

from composer.errors import ConfigError
from composer.settings import ModelSettings

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BUDGET = 60.0
Structured = Literal["auto", "json_schema", "json_object", "off"]
STRUCTURED_MODES: tuple[str, ...] = ("auto", "json_schema", "json_object", "off")


def redact_url(url: str) -> str:
    """The URL without a password in it (`user:secret@` -> `user:***@`): safe to print."""
    return re.sub(r"(//[^/@\s:]*):[^/@\s]*@", r"\1:***@", url)


def host_label(url: str | None) -> str:
    """host[:port] of a base URL, never its credentials, path or query."""
    if not url:
        return "api.openai.com"
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return "the configured server"
    if not host:
        return "the configured server"
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{port}" if port else host


class Endpoint(BaseModel):
    """Where and how to reach the model; `None` in its place means offline."""

    model_config = ConfigDict(frozen=True)

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: SecretStr | None = None
    budget: float = Field(default=DEFAULT_BUDGET, gt=0, description="seconds per draft, all in")
    request_timeout: float | None = Field(
        default=None,
        gt=0,
        description="seconds one HTTP request may take; None: whatever is left of the budget",
    )
    max_retries: int = Field(default=2, ge=0, le=10)
    repair_rounds: int = Field(default=2, ge=0, le=5)
    structured: Structured = "auto"

    @field_validator("base_url")
    @classmethod
    def _valid_url(cls, value: str | None) -> str | None:
        return None if value is None else check_base_url(value, "the base URL", ValueError)

    @field_serializer("base_url")
    def _dump_url(self, value: str | None) -> str | None:
        return None if value is None else redact_url(value)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            yield name, redact_url(value) if name == "base_url" and value else value

    @property
    def label(self) -> str:
        """Model and host, never the key or a password: safe to print and to log."""
        return f"{self.model} at {host_label(self.base_url)}"

    def secrets(self) -> list[str]:
        """What must never be shown if a server echoes it: the key, a password in the URL (and
        the Basic credentials made from it)."""
        found = [self.api_key.get_secret_value()] if self.api_key else []
        if self.base_url:
            try:
                parts = urlsplit(self.base_url)
            except ValueError:
                parts = None
            if parts is not None and parts.password:
                user, password = unquote(parts.username or ""), unquote(parts.password)
                basic = base64.b64encode(f"{user}:{password}".encode()).decode()
                found += [password, parts.password, basic]
        return [s for s in dict.fromkeys(found) if s]


def check_base_url(url: str, where: str, error: type[Exception] = ConfigError) -> str:
    """`url` if composer can send requests to it, else a one-line error naming `where`."""
    shown = redact_url(url.strip())[:120]
    example = "it should look like http://localhost:8080/v1 or https://api.openai.com/v1"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url.strip()):
        raise error(f"{where} {shown!r} has a space or a control character in it; {example}.")
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  # a port that is not a number raises here
    except ValueError as exc:
        raise error(f"{where} {shown} is not a valid URL ({exc}); {example}.") from None
    if parts.scheme not in ("http", "https"):
        raise error(f"{where} {shown} must start with http:// or https://; {example}.")
    if not parts.hostname:
        raise error(f"{where} {shown} has no host name; {example}.")
    return url.strip()


def check_api_key(key: str, where: str) -> str:
    """The key without surrounding whitespace, or a clear error (never showing the key) when it
    holds a character no API key has: HTTP headers carry only printable ASCII."""
    key = key.strip()
    for index, char in enumerate(key):
        if not char.isascii() or not char.isprintable() or char.isspace():
            kind = "a non-ASCII character" if not char.isascii() else "a space or control character"
            raise ConfigError(
                f"{where} has {kind} (U+{ord(char):04X}) at position {index + 1}, which no API "
                "key has: often a curly quote or a non-breaking space pasted with it. Paste the "
                "key again."
            )
    return key


def resolve_endpoint(
    settings: ModelSettings,
    *,
    model: str | None = None,
    base_url: str | None = None,
    budget: float | None = None,
    repair_rounds: int | None = None,
    structured: str | None = None,
    request_timeout: float | None = None,
    api_key: str | None = None,
    env: Mapping[str, str] = MappingProxyType({}),
) -> Endpoint | None:
    """Flags, then the environment the CLI passes in `env`, then the config file. No key and no
    base URL means offline (None). Library code reads no environment of its own.

    A local server (Ollama, vLLM, llama.cpp) needs only a base URL; the SDK still wants some key,
    so a placeholder is sent to servers that ignore it. A base URL or key composer cannot use is
    a ConfigError naming where it came from.
    """
    key, key_from = _first(
        (api_key, "OPENAI_API_KEY"),
        (env.get("OPENAI_API_KEY"), "OPENAI_API_KEY"),
        (settings.api_key, "[model] api_key"),
    )
    url, url_from = _first(
        # The CLI fills the flag from OPENAI_BASE_URL: then the variable is what to name.
        (base_url, "OPENAI_BASE_URL" if base_url == env.get("OPENAI_BASE_URL") else "--base-url"),
        (env.get("OPENAI_BASE_URL"), "OPENAI_BASE_URL"),
        (settings.base_url, "[model] base_url"),
    )
    if not key and not url:
        return None
    mode, mode_from = _first(
        (structured, "--structured"),
        (env.get("COMPOSER_STRUCTURED"), "COMPOSER_STRUCTURED"),
        (settings.structured, "[model] structured"),
    )
    mode = (mode or "auto").strip().lower()
    if mode not in STRUCTURED_MODES:
        raise ConfigError(
            f"{mode_from} must be one of {', '.join(STRUCTURED_MODES)} (it is {mode[:40]!r})."
        )
    return Endpoint(
        model=model or env.get("COMPOSER_MODEL") or settings.name or DEFAULT_MODEL,
        base_url=check_base_url(url, url_from) if url else None,
        api_key=SecretStr(check_api_key(key, key_from)) if key and key.strip() else None,
        budget=budget or _float(env.get("COMPOSER_TIMEOUT")) or settings.timeout or DEFAULT_BUDGET,
        request_timeout=request_timeout
        or _float(env.get("COMPOSER_REQUEST_TIMEOUT"))
        or settings.request_timeout,
        repair_rounds=_first_int(
            repair_rounds, env.get("COMPOSER_REPAIR_ROUNDS"), settings.repair_rounds, 2
        ),
        structured=mode,  # type: ignore[arg-type]
    )


def _first(*candidates: tuple[str | None, str]) -> tuple[str | None, str]:
    """The first value given (not None, not empty), with the name of where it came from."""
    for value, where in candidates:
        if value:
            return value, where
    return None, candidates[-1][1]


def _float(value: str | None) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0 < number < float("inf") else None


def _first_int(*values: object) -> int:
    for value in values:
        if value is None or value == "":
            continue
        try:
            return int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            continue
    return 0
