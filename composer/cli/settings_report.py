"""The report `composer config` prints: each setting, its value and where it came from. Built
from this run's options (typer's context says whether a value came from a flag or a variable),
the config files (composer.provenance) and composer's defaults."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from composer.cli import inputs, io

if TYPE_CHECKING:
    import typer

    from composer.settings import Config

Value = str | int | float | bool | list[str] | None


class Origin(StrEnum):
    """Where a setting's value came from, weakest first."""

    DEFAULT = "default"
    USER = "user config"
    FOLDER = "folder config"
    FILE = "COMPOSER_CONFIG file"
    ENV = "environment"
    FLAG = "flag"


class ConfigFile(BaseModel):
    """One config file composer looks for, and whether it is there."""

    role: Origin
    path: str
    exists: bool


class Setting(BaseModel):
    """One setting: its value, where it came from (`where`: the file, variable or flag)."""

    name: str
    value: Value
    origin: Origin
    where: str | None = None
    note: str | None = Field(default=None, description="e.g. a file value that is not used")


class SettingsReport(BaseModel):
    """`composer config --format json`."""

    files: list[ConfigFile]
    settings: list[Setting]
    model_in_use: str | None = Field(
        description="The model drafts would use ('name at host'), or None: offline"
    )


class _Sources:
    """Tells where each value came from: this run's options, then the config files."""

    def __init__(self, ctx: typer.Context, files: list[ConfigFile]) -> None:
        from composer.provenance import setting_sources

        self.ctx = ctx
        self.roles = {Path(f.path): f.role for f in files}
        self.files = setting_sources([Path(f.path) for f in files])

    def option(self, name: str) -> tuple[Origin, str] | None:
        """The option's origin when it was given (a flag) or set (its variable)."""
        # click's ParameterSource, by name: it lives in typer's private modules.
        source = getattr(self.ctx.get_parameter_source(name), "name", None)
        param = next((p for p in self.ctx.command.params if p.name == name), None)
        if param is None:
            return None
        if source == "COMMANDLINE":
            return Origin.FLAG, param.opts[0]
        if source == "ENVIRONMENT":
            return Origin.ENV, str(param.envvar)
        return None

    def setting(
        self, name: str, value: Value, option: str | None = None, env: str | None = None
    ) -> Setting:
        """The row for one setting: an option (or `env`) beats the files, which beat the
        default. A file's value that is not the one in use is noted: overridden, or not used
        (composer may ignore a setting from an untrusted file)."""
        overridden = self.option(option) if option else None
        if overridden is None and env and os.environ.get(env, "").strip():
            overridden = (Origin.ENV, env)
        given = self.files.get(name)
        note = None
        found: tuple[Origin, str] | None = None
        if given is not None:
            path, raw = given
            label = f"{self.roles[path]} ({path})"
            if overridden is not None:
                note = f"overrides {_shown(raw)} from the {label}"
            elif _same(raw, value):
                found = (self.roles[path], str(path))
            else:
                note = f"not used: the {label} sets {_shown(raw)}"
        origin, where = overridden or found or (Origin.DEFAULT, None)
        return Setting(name=name, value=value, origin=origin, where=where, note=note)


def _same(raw: object, value: Value) -> bool:
    if isinstance(raw, list) and isinstance(value, list):
        return [str(v) for v in raw] == [str(v) for v in value]
    if isinstance(raw, int | float) and isinstance(value, int | float):
        return float(raw) == float(value)
    return str(raw) == str(value) if raw is not None and value is not None else raw is value


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def config_files() -> list[ConfigFile]:
    """The files composer reads, weakest first (COMPOSER_CONFIG replaces both defaults)."""
    from composer.settings import LOCAL_CONFIG, user_config_path

    explicit = os.environ.get(inputs.CONFIG_ENV, "").strip()
    if explicit:
        path = Path(explicit).expanduser()
        return [ConfigFile(role=Origin.FILE, path=str(path), exists=path.is_file())]
    user, folder = user_config_path(), Path.cwd() / LOCAL_CONFIG
    return [
        ConfigFile(role=Origin.USER, path=str(user), exists=user.is_file()),
        ConfigFile(role=Origin.FOLDER, path=str(folder), exists=folder.is_file()),
    ]


def build(
    ctx: typer.Context,
    *,
    model: str | None,
    base_url: str | None,
    timeout: float | None,
    repair_rounds: int | None,
    offline: bool,
    disable: list[str] | None,
    templates: Path | None,
    out: Path | None,
    no_log: bool,
) -> SettingsReport:
    """The report for this run's options."""
    files = config_files()
    settings = inputs.config(disable, templates)
    sources = _Sources(ctx, files)
    rows = _rule_rows(settings, sources, disable)
    rows += _model_rows(settings, sources, model, base_url, timeout, repair_rounds, offline)
    rows += _run_rows(sources, settings, out, no_log)
    endpoint = inputs.endpoint(settings, offline, model, base_url, timeout, repair_rounds)
    return SettingsReport(
        files=files, settings=rows, model_in_use=endpoint.label if endpoint else None
    )


def _rule_rows(settings: Config, sources: _Sources, disable: list[str] | None) -> list[Setting]:
    from composer.kinds import Kind

    rules = settings.rules
    rows = []
    for kind in Kind:
        limits = rules.limits(kind)
        for field in ("min", "soft_max", "max"):
            name = f"rules.words.{kind.value}.{field}"
            rows.append(sources.setting(name, getattr(limits, field)))
    for field in ("max_sentence_words", "subject_max_chars", "max_exclamations"):
        rows.append(sources.setting(f"rules.{field}", getattr(rules, field)))
    from_files = [c for c in rules.disable if not disable or c not in _codes(disable)]
    row = sources.setting("rules.disable", from_files)
    given = sources.option("disable")
    if given is not None:
        note = (
            f"with {', '.join(from_files)} from the {row.origin} ({row.where})"
            if from_files
            else row.note
        )
        row = Setting(
            name="rules.disable",
            value=list(rules.disable),
            origin=given[0],
            where=given[1],
            note=note,
        )
    rows.append(row)
    return rows


def _codes(disable: list[str]) -> set[str]:
    return {c.strip().upper() for item in disable for c in item.split(",") if c.strip()}


def _model_rows(
    settings: Config,
    sources: _Sources,
    model: str | None,
    base_url: str | None,
    timeout: float | None,
    repair_rounds: int | None,
    offline: bool,
) -> list[Setting]:
    from composer.llm import DEFAULT_BUDGET, DEFAULT_MODEL

    m = settings.model
    key = os.environ.get(inputs.API_KEY_ENV, "").strip() or m.api_key
    rounds = next((r for r in (repair_rounds, m.repair_rounds) if r is not None), 2)
    templates = sources.setting(
        "templates", str(settings.templates) if settings.templates else None, "templates"
    )
    if settings.templates is None:
        templates = templates.model_copy(update={"value": "built-in"})
    api_key = sources.setting("model.api_key", "set" if key else "not set", env=inputs.API_KEY_ENV)
    if api_key.origin is not Origin.DEFAULT:
        api_key = api_key.model_copy(update={"note": "the key itself is never shown"})
    return [
        templates,
        sources.setting("model.name", model or m.name or DEFAULT_MODEL, "model"),
        sources.setting("model.base_url", base_url or m.base_url, "base_url"),
        api_key,
        sources.setting("model.timeout", timeout or m.timeout or DEFAULT_BUDGET, "timeout"),
        sources.setting("model.repair_rounds", rounds, "repair_rounds"),
        sources.setting("offline", offline, "offline"),
    ]


def _run_rows(sources: _Sources, settings: Config, out: Path | None, no_log: bool) -> list[Setting]:
    from composer.cli.options import LEGACY_OUT_ENV, OUT_ENV

    history = sources.setting("history", str(inputs.history_file()), env=inputs.HISTORY_ENV)
    drafts = sources.setting("out", str(out) if out else None, "out")
    if out is not None and drafts.origin is Origin.DEFAULT:  # from COMPOSER_DRAFTS
        drafts = drafts.model_copy(update={"origin": Origin.ENV, "where": LEGACY_OUT_ENV})
    if out is None:
        drafts = drafts.model_copy(
            update={"note": f"review saves to ./drafts; draft prints only (set {OUT_ENV})"}
        )
    rows = [history, sources.setting("no_log", no_log, "no_log"), drafts]
    defaults = (
        ("kind", "COMPOSER_KIND", "what the outcome calls for"),
        ("channel", "COMPOSER_CHANNEL", "email"),
        ("format", "COMPOSER_FORMAT", "text"),
        ("today", "COMPOSER_TODAY", "today's date"),
    )
    for name, env, default in defaults:
        value = os.environ.get(env, "").strip()
        rows.append(sources.setting(name, value or default, env=env))
    return rows


def text(report: SettingsReport) -> Any:
    out = io.Styled()
    out.append("Config files (a later one wins):\n", style="bold")
    for item in report.files:
        out.append(f"  {item.role}: {item.path}")
        out.append(" (read)\n" if item.exists else " (not there)\n", style="dim")
    out.append("Model: ", style="bold")
    out.append(report.model_in_use or "none (offline: templates write the drafts)")
    out.append("\n\n")
    width = max(len(row.name) for row in report.settings)
    for row in report.settings:
        value = ", ".join(row.value) if isinstance(row.value, list) else row.value
        shown = "-" if value in (None, "", []) else str(value)
        out.append(f"{row.name:<{width}}  ", style="bold")
        out.append(shown)
        where = str(row.origin) + (f": {row.where}" if row.where else "")
        out.append(f"  ({where})", style="dim" if row.origin is Origin.DEFAULT else "cyan")
        if row.note:
            out.append(f"\n{'':<{width}}  {row.note}", style="dim")
        out.append("\n")
    return out
