"""The `composer` command: parse options, call the library, print. No drafting logic lives here.

`app.py` builds the app and maps errors to exit codes; `io.py` is the terminal; `options.py`
declares every shared option once; `inputs.py` turns options into notes, config and a client;
`draft.py`, `check.py`, `workflow.py` and `history.py` hold the commands, one group each.
"""

from composer.cli.app import app, main

__all__ = ["app", "main"]
