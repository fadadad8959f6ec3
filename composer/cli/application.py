"""The `composer` app: the command groups registered on one typer app, and the one place where
errors become exit codes. Commands live in their group's module; none imports this one.

(Not `app.py`: `composer.cli.app` is the typer app itself, and a submodule of that name would
take its place on the package.)"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from functools import cache, wraps
from types import ModuleType
from typing import Annotated, Any, TypeVar

import typer

from composer import __version__
from composer.cli import io
from composer.errors import ComposerError

F = TypeVar("F", bound=Callable[..., Any])

SETTINGS: dict[str, Any] = {
    "name": "composer",
    "help": (
        "Draft and check the follow-up messages a candidate sends after a job interview: a "
        "thank-you, a status check and a feedback request.\n\n"
        "Start with 'composer notes-template > notes.txt', fill it in, then run "
        "'composer draft notes.txt'. Or run 'composer draft' and paste your notes.\n\n"
        "Offline unless OPENAI_API_KEY or OPENAI_BASE_URL is set."
    ),
    "no_args_is_help": True,
    "add_completion": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def groups() -> Iterator[ModuleType]:
    """The command groups, in the order `composer --help` lists them; each is imported only
    when asked for, so running one command does not load the others."""
    from composer.cli import draft

    yield draft
    from composer.cli import check

    yield check
    from composer.cli import workflow

    yield workflow
    from composer.cli import history

    yield history
    from composer.cli import configuration

    yield configuration


def errors_to_exit(func: F) -> F:
    """Every ComposerError becomes its message on stderr and its exit code; never a traceback.

    0 done, 1 a draft or message fails an error-level rule, 2 bad input, 3 the model failed
    where no template could stand in, 70 a bug of ours, 130 interrupted."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ComposerError as exc:
            io.error(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            io.stderr().print("Interrupted; nothing was written.")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:
            # A bug of ours: one readable line, the details only when asked for.
            if os.environ.get("COMPOSER_DEBUG"):
                raise
            io.stderr().print(
                f"error: composer hit an unexpected problem ({type(exc).__name__}: {exc}). "
                "Please report it; set COMPOSER_DEBUG=1 to see the details."
            )
            raise typer.Exit(70) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"composer {__version__}")
        raise typer.Exit()


def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Global options."""


def build(command: str | None = None) -> typer.Typer:
    """The app with every command; with `command` (a name on the command line), with only that
    one when it exists, since typer reads the signature of every command it is given and
    importing a group costs start-up time."""
    built = typer.Typer(**(SETTINGS if command else with_config_path(SETTINGS)))
    built.callback()(main_options)
    for group in groups():
        group.register(built, errors_to_exit)
        if command is None:
            continue
        commands = [c for c in built.registered_commands if _name(c) == command]
        found = [g for g in built.registered_groups if g.name == command]
        if commands or found:
            built.registered_commands, built.registered_groups = commands, found
            return built
    return built  # no such command: typer says so, with every command to choose from


def with_config_path(settings: dict[str, Any]) -> dict[str, Any]:
    """The app's settings with the user config's path in its help (`composer --help`)."""
    from composer.cli.configuration import user_config_file

    where = (
        f"\n\nSettings: {user_config_file()} (your config file), ./composer.toml (this "
        "folder's); 'composer config' shows every setting and where it came from."
    )
    return {**settings, "help": settings["help"] + where}


def _name(info: Any) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


@cache
def full() -> typer.Typer:
    """The app with every command, built once (what `composer.cli.app` is)."""
    return build()


def main() -> None:
    """Console-script entry point."""
    # composer is a short-lived process that allocates most of what it ever will while its
    # modules load, and every cyclic collection walks all of it: collect rarely (still enough
    # to bound a long batch), and let the exit skip walking it once more. Together about a
    # sixth of an offline draft's CPU time (bench/README.md).
    gc.set_threshold(100_000, 50, 50)
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        build(None if first.startswith("-") or not first else first)()
    except KeyboardInterrupt:
        # While a command group is imported (typer handles Ctrl-C once a command runs).
        io.interrupted()
    finally:
        gc.freeze()
