"""composer: draft and check the follow-up messages a candidate sends after a job interview.

The Python API mirrors the CLI::

    import composer
    notes = composer.load_notes("notes.txt")          # a path, or the notes text itself
    result = composer.compose(notes, ["thank-you"])    # drafts, each with its check report
    report = composer.check(my_text, "status-check", notes=notes)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check", "compose", "load_notes"]

if TYPE_CHECKING:
    from composer.checker import check
    from composer.drafting import compose
    from composer.notes import load_notes

_LAZY = {
    "check": "composer.checker",
    "load_notes": "composer.notes",
    "compose": "composer.drafting",
}


def __getattr__(name: str) -> Any:
    # Lazy so `import composer` (and the CLI's --help) does not pay for pydantic and the rules.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'composer' has no attribute {name!r}")
