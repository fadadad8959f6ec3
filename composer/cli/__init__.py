"""The `composer` command: parse options, call the library, print. No drafting logic lives here.

`application.py` builds the app and maps errors to exit codes; `io.py` is the terminal;
`options.py` declares every shared option once; `inputs.py` turns options into notes, config,
a client and the drafting service; `draft.py`, `check.py`, `workflow.py` and `history.py` hold
the commands, one group each. `app` (every command) is built on first use: running one command
loads only its group.
"""

from __future__ import annotations

from typing import Any

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point (`composer = "composer.cli:main"`).

    Ctrl-C while composer starts (its imports take the first ~100 ms, before any command can
    catch it) ends the run with exit status 130 and one line, never a traceback."""
    try:
        from composer.cli.application import main as run

        run()
    except KeyboardInterrupt:
        from composer.cli.io import interrupted  # small: the standard library and errors.py

        interrupted()


def __getattr__(name: str) -> Any:
    if name == "app":
        from composer.cli.application import full

        return full()
    raise AttributeError(f"module 'composer.cli' has no attribute {name!r}")
