"""One Jinja environment over `prompts/`, with a user folder that can override any template."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2

from composer.errors import ConfigError

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_dir() -> Path:
    """`composer/prompts` in an installed wheel, the top-level `prompts/` in a checkout."""
    for candidate in (_PACKAGE_DIR / "prompts", _PACKAGE_DIR.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("composer's templates are missing from this installation; reinstall it.")


def squash(value: str) -> str:
    """Collapse the line breaks and indentation of a template paragraph into single spaces."""
    return re.sub(r"\s+", " ", value).strip()


@lru_cache(maxsize=8)
def environment(user_dir: Path | None = None) -> jinja2.Environment:
    """Templates are compiled once per process; a user folder's files win over the built-ins."""
    if user_dir is not None and not user_dir.is_dir():
        raise ConfigError(f"The templates folder {user_dir} does not exist.")
    search = [str(user_dir)] if user_dir else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(builtin_dir())]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text email and prompts, never HTML
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["squash"] = squash
    return env


def render(name: str, user_dir: Path | None = None, **context: object) -> str:
    """Render one template; a template error names the file so a user can fix their override."""
    try:
        return environment(user_dir).get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        raise ConfigError(f"No template named {name}.") from None
    except jinja2.TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise ConfigError(f"The template {name} failed{where}: {exc.message}.") from None
