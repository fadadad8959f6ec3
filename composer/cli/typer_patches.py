"""Two corrections to how typer presents options, applied once when the options are declared.

- `--help` shows `<bool>` after every flag (typer's rich help prints a type for flags, which
  take no value): flags show no type.
- A bad value reads "Invalid value for '--kind' / '-k' (env var: 'COMPOSER_KIND'): Value
  error, ..." even when the variable is not set: the variable is named only when the value
  came from it, and pydantic's "Value error, " prefix goes.

Both patch typer's own classes in place; each checks the attribute is there first, so a typer
release that changes them loses the correction, never composer's start-up.
"""

from __future__ import annotations

from typing import Any

_APPLIED = False
_PYDANTIC_PREFIX = "Value error, "


def apply() -> None:
    """Apply both corrections (once; later calls do nothing)."""
    global _APPLIED
    if _APPLIED:
        return
    _APPLIED = True
    import typer
    from typer import core

    option = getattr(core, "TyperOption", None)
    if option is not None and hasattr(option, "display_type_rich"):
        typed = option.display_type_rich

        def display_type_rich(self: Any, ctx: Any) -> str | None:
            if getattr(self, "is_flag", False) and not getattr(self, "count", False):
                return None  # a flag takes no value: no '<bool>'
            return typed(self, ctx)

        option.display_type_rich = display_type_rich

    bad = getattr(typer, "BadParameter", None)
    if bad is not None and hasattr(bad, "format_message"):

        def format_message(self: Any) -> str:
            message = str(self.message).removeprefix(_PYDANTIC_PREFIX)
            given = self.param_hint
            if given is not None:
                hint = given if isinstance(given, str) else " / ".join(repr(x) for x in given)
            elif self.param is not None:
                hint = hint_for(self.param, self.ctx)
            else:
                return f"Invalid value: {message}"
            return f"Invalid value for {hint}: {message}"

        bad.format_message = format_message


def hint_for(param: Any, ctx: Any) -> str:
    """ "'--kind' / '-k'", with "(from COMPOSER_KIND)" only when the value came from there."""
    names = getattr(param, "opts", None) or [getattr(param, "human_readable_name", "value")]
    hint = " / ".join(f"'{name}'" for name in names)
    envvar = getattr(param, "envvar", None)
    if envvar and from_environment(param, ctx):
        hint += f" (from the environment variable {envvar})"
    return hint


def from_environment(param: Any, ctx: Any) -> bool:
    """Whether this parameter's value came from its environment variable (the source is
    click's ParameterSource, compared by name: it lives in typer's private modules)."""
    name = getattr(param, "name", None)
    if ctx is None or name is None:
        return False
    try:
        source = ctx.get_parameter_source(name)
    except (AttributeError, KeyError):
        return False
    return getattr(source, "name", None) == "ENVIRONMENT"
