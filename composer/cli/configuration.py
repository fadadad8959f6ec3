"""`composer config`: every setting, its value and where it came from (composer's default, the
user config, the folder's composer.toml, the COMPOSER_CONFIG file, an environment variable or a
flag). It takes the options that change settings, so `composer config --model x` shows what a
command with `--model x` would use. Nothing here changes a setting; the report is built in
settings_report, imported only when the command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from composer.cli import io
from composer.cli.options import (
    BaseUrlOpt,
    DisableOpt,
    Format,
    FormatOpt,
    ModelOpt,
    NoLogOpt,
    OfflineOpt,
    OutOpt,
    RepairOpt,
    TemplatesOpt,
    TimeoutOpt,
)


def config(
    ctx: typer.Context,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    timeout: TimeoutOpt = None,
    repair_rounds: RepairOpt = None,
    offline: OfflineOpt = False,
    disable: DisableOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    no_log: NoLogOpt = False,
    fmt: FormatOpt = Format.TEXT,
) -> None:
    """Show every setting, its value and where it came from: default, user config, folder
    config (./composer.toml), COMPOSER_CONFIG, an environment variable or a flag.

    Give the same options as another command to see what it would use.
    """
    from composer.cli import settings_report

    report = settings_report.build(
        ctx,
        model=model,
        base_url=base_url,
        timeout=timeout,
        repair_rounds=repair_rounds,
        offline=offline,
        disable=disable,
        templates=templates,
        out=out,
        no_log=no_log,
    )
    io.emit(report, fmt, settings_report.text)


def user_config_file() -> Path:
    """The user's config file, as composer.settings.user_config_path() gives it, without
    importing the settings (and pydantic) for `composer --help`."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("composer", appauthor=False)) / "config.toml"


def register(app: typer.Typer, guard: Callable[[Any], Any]) -> None:
    """Add `config` to the app; `guard` maps errors to exit codes."""
    app.command(
        "config",
        epilog=(
            "Examples:\n\n"
            "  composer config\n\n"
            "  composer config --model llama3.1 --base-url http://localhost:11434/v1\n\n"
            "  COMPOSER_CONFIG=work.toml composer config --format json"
        ),
    )(guard(config))
