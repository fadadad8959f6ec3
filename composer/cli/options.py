"""Every option more than one command takes, declared once, each with its one environment
variable. Light on purpose: no pydantic at import, so `composer --help` stays fast."""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from composer.cli import io, typer_patches
from composer.cli.io import Format
from composer.errors import InputError
from composer.kinds import Kind, Outcome, defaults_for

__all__ = [
    "BaseUrlOpt",
    "ChannelChoice",
    "ChannelOpt",
    "DisableOpt",
    "ForceOpt",
    "Format",
    "FormatOpt",
    "KindChoice",
    "KindOpt",
    "ModelOpt",
    "NoLogOpt",
    "NotesArg",
    "OfflineOpt",
    "OnOpt",
    "OneKindOpt",
    "OutOpt",
    "RepairOpt",
    "TemplatesOpt",
    "TimeoutOpt",
    "TodayOpt",
    "kinds_from",
    "parse_day",
    "split_kinds",
]

# The drafts folder had two variables; COMPOSER_OUT is the one, COMPOSER_DRAFTS still works.
OUT_ENV = "COMPOSER_OUT"
LEGACY_OUT_ENV = "COMPOSER_DRAFTS"


typer_patches.apply()  # flags without '<bool>'; an env var named only when it was the source


class ChannelChoice(StrEnum):
    EMAIL = "email"
    PHONE = "phone"


KindChoice = StrEnum(  # type: ignore[misc]
    "KindChoice", {**{k.name: k.value for k in Kind}, "ALL": "all"}
)
KindChoice.__doc__ = "A kind of message, or 'all' of them."


_DEFAULTS = "; ".join(f"{o}: {' and '.join(defaults_for(o))}" for o in Outcome)


def split_kinds(values: list[str] | None) -> list[KindChoice] | None:
    """`--kind thank-you,status-check` as `--kind thank-you --kind status-check` (the way
    --disable takes codes); a name that is not a kind is a clear error, with a suggestion."""
    if not values:
        return None
    from difflib import get_close_matches

    names = [v.value for v in KindChoice]
    chosen: list[KindChoice] = []
    for value in values:
        for part in value.split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name not in names:
                close = get_close_matches(name, names, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise typer.BadParameter(
                    f"'{part.strip()}' is not a kind of message{hint}; choose "
                    f"{', '.join(names[:-1])} or {names[-1]}, or several separated by commas."
                )
            chosen.append(KindChoice(name))
    return chosen or None


def kinds_from(kinds: list[str] | None) -> list[Kind] | None:
    """The kinds asked for (as `--kind` leaves them); None (the outcome decides) when none
    were."""
    if not kinds:
        return None
    if "all" in kinds:
        return list(Kind)
    return [Kind(str(k)) for k in kinds]


def parse_day(value: str | None, option: str) -> date:
    """A date option (any form composer reads in notes); today when not given."""
    from composer.dates import parse_date

    if value is None or not value.strip():
        return date.today()
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}.") from None


def _legacy_out(value: Path | None) -> Path | None:
    """--out, else COMPOSER_OUT (typer reads it), else the old COMPOSER_DRAFTS, with a warning."""
    legacy = os.environ.get(LEGACY_OUT_ENV, "").strip()
    if value is None and legacy:
        io.warn(f"{LEGACY_OUT_ENV} is deprecated; set {OUT_ENV} instead (it means the same).")
        return Path(legacy).expanduser()
    return value


NotesArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[NOTES|-]",
        show_default=False,
        help="Notes file (YAML, JSON, TOML or 'Key: value' text), or - for standard input. "
        "With neither, paste them when asked.",
    ),
]
KindOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        envvar="COMPOSER_KIND",
        show_default=False,
        callback=split_kinds,
        help=f"Which message(s) to write: {', '.join(k.value for k in Kind)} or all; repeat "
        f"or comma-separate for several. Default: what the outcome calls for ({_DEFAULTS}).",
    ),
]
OneKindOpt = Annotated[
    Kind,
    typer.Option("--kind", "-k", show_default=False, help="Which kind of message."),
]
ChannelOpt = Annotated[
    ChannelChoice,
    typer.Option(
        "--channel",
        envvar="COMPOSER_CHANNEL",
        help="email, or phone: a call script and a voicemail for the status check (template-only).",
    ),
]
OfflineOpt = Annotated[
    bool,
    typer.Option(
        "--offline",
        envvar="COMPOSER_OFFLINE",
        help="Write template drafts only; nothing leaves this machine.",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        envvar=OUT_ENV,
        file_okay=False,
        show_default=False,
        callback=_legacy_out,
        help="The drafts folder. draft: also write each draft to DIR/<kind>.txt (with "
        "--batch: DIR/<notes name>/<kind>.txt, default BATCH/drafts); review: where accepted "
        "drafts and every version go (default ./drafts).",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Let --out replace existing files.")]
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
        help="Folder of templates that override the built-in ones, at the same places: "
        "DIR/messages/<kind>.j2 for offline drafts, DIR/llm/<kind>.system.j2 and "
        "DIR/llm/<kind>.user.j2 for model prompts.",
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
        "--no-log",
        envvar="COMPOSER_NO_LOG",
        help="Leave the history alone this run: record nothing, read nothing.",
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
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="COMPOSER_TODAY",
        show_default=False,
        help="Judge as if today were this date (default: today).",
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option(
        "--on",
        envvar="COMPOSER_TODAY",
        show_default=False,
        help="The day it happened, e.g. 2026-11-13 or 'yesterday' (default: today).",
    ),
]
