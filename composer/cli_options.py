"""Options and choices the commands share, defined once (and light: no pydantic at import)."""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from composer.errors import InputError
from composer.kinds import Kind


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


class ChannelChoice(StrEnum):
    EMAIL = "email"
    PHONE = "phone"


class KindChoice(StrEnum):
    THANK_YOU = "thank-you"
    STATUS_CHECK = "status-check"
    FEEDBACK_REQUEST = "feedback-request"
    ALL = "all"


NotesArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[NOTES|-]",
        show_default=False,
        help="Notes file (YAML, JSON, TOML or 'Key: value' text), or - for standard input. "
        "With neither, paste them when asked.",
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="COMPOSER_TODAY",
        show_default=False,
        help="Judge as if today were this date (default: today).",
    ),
]
KindOpt = Annotated[
    list[KindChoice] | None,
    typer.Option(
        "--kind",
        "-k",
        envvar="COMPOSER_KIND",
        show_default=False,
        help="Which message(s) to write; repeat for several, or 'all'. Default: "
        "what the outcome calls for (pending: thank-you and status-check; "
        "rejected: feedback-request).",
    ),
]
DisableOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--disable",
        "-d",
        metavar="CODE",
        envvar="COMPOSER_DISABLE",
        help="Switch a rule off for this run (repeat, or comma-separate). See 'composer rules'.",
    ),
]
TemplatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        envvar="COMPOSER_TEMPLATES",
        file_okay=False,
        help="Folder of templates that override the built-in ones (same file names).",
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        envvar="COMPOSER_MODEL",
        show_default=False,
        help="Model name (default gpt-4o-mini, or 'name' under \\[model] in the config file).",
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="OPENAI_BASE_URL",
        show_default=False,
        help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 "
        "for Ollama. The key comes from OPENAI_API_KEY.",
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        envvar="COMPOSER_TIMEOUT",
        min=1,
        show_default=False,
        help="Seconds one draft may take, retries and repairs included "
        "(default 60); then the template draft stands in.",
    ),
]
RepairOpt = Annotated[
    int | None,
    typer.Option(
        "--repair-rounds",
        envvar="COMPOSER_REPAIR_ROUNDS",
        min=0,
        max=5,
        show_default=False,
        help="How often a failing draft goes back to the model (default 2).",
    ),
]
NoLogOpt = Annotated[
    bool,
    typer.Option(
        "--no-log", envvar="COMPOSER_NO_LOG", help="Keep no history of this run (notes, drafts)."
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        envvar="COMPOSER_FORMAT",
        help="text for people; json for scripts (one document on stdout).",
    ),
]


def kinds_from(kinds: list[KindChoice] | None) -> list[Kind] | None:
    if not kinds:
        return None
    if KindChoice.ALL in kinds:
        return list(Kind)
    return [Kind(k.value) for k in kinds]


def history_file() -> Path:
    """Where the history is: COMPOSER_HISTORY, else the user's data folder. Read here, in the
    CLI, so the history library takes a plain path."""
    from composer.history import history_path

    return history_path(os.environ.get("COMPOSER_HISTORY"))


def history_secrets() -> tuple[str, ...]:
    """The configured API key, which the history blanks from everything it stores."""
    key = os.environ.get("OPENAI_API_KEY", "").strip()
    return (key,) if key else ()


def parse_day(value: str | None, option: str) -> date:
    """A date option (any form composer reads in notes); today when not given."""
    from composer.dates import parse_date

    if value is None or not value.strip():
        return date.today()
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}.") from None
