"""Where each setting came from: which config file gave it (for `composer config`), and config
errors that name the file and, for word limits, composer's defaults."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from composer import structured
from composer.errors import ConfigError
from composer.kinds import KINDS


def _leaves(data: dict[str, object], prefix: str = "") -> dict[str, object]:
    """'rules.words.thank-you.max' -> 220: every setting a config file gives, dotted."""
    out: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, dict) and value:
            out.update(_leaves(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _part(key: str, index: int) -> str:
    parts = key.split(".")
    return parts[index] if len(parts) > index else ""


def setting_sources(paths: list[Path]) -> dict[str, tuple[Path, object]]:
    """Which file gave each setting load_config uses, and the value it gave: 'model.name' ->
    (path, 'gpt-4o-mini'). A later file wins over an earlier one section by section, as in
    load_config; a file that cannot be read gives nothing (load_config says why)."""
    found: dict[str, dict[str, tuple[Path, object]]] = {}
    for path in paths:
        try:
            if not path.is_file():
                continue
            data = structured.loads(path.read_text(encoding="utf-8"), "toml")
        except (OSError, UnicodeDecodeError, structured.StructuredError):
            continue
        for section, values in data.items():
            given = {k: (path, v) for k, v in _leaves({section: values}).items()}
            if isinstance(values, dict):
                # load_config merges a section's keys; a key inside one replaces the earlier
                # file's value of that key whole (a [rules.words] table included).
                kept = found.get(section, {})
                tops = {_part(k, 1) for k in given}
                kept = {k: v for k, v in kept.items() if _part(k, 1) not in tops}
                found[section] = {**kept, **given}
            else:
                found[section] = given
    return {key: value for section in found.values() for key, value in section.items()}


def origins(paths: list[Path]) -> dict[str, Path]:
    """The file each setting came from, by its dotted name, for `unusable`."""
    return {key: path for key, (path, _) in setting_sources(paths).items()}


def unusable(exc: ValidationError, origins: Mapping[str, Path]) -> ConfigError:
    """The config error a person can act on: each setting, the file that set it (`origins`:
    dotted name, or a table holding it, -> file), what is wrong, and for word limits
    composer's own defaults."""
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "config"
        message = str(err["msg"]).removeprefix("Value error, ")
        files = sorted(
            {
                str(path)
                for key, path in origins.items()
                if key == where or key.startswith(where + ".") or where.startswith(key + ".")
            }
        )
        kind = (
            str(err["loc"][2])
            if len(err["loc"]) > 2 and err["loc"][:2] == ("rules", "words")
            else ""
        )
        row = next((r for k, r in KINDS.items() if k.value == kind), None)
        if row is not None:
            d = row.words
            message += (
                f" (composer's defaults for {kind}: min {d.min}, soft_max {d.soft_max}, "
                f"max {d.max})"
            )
        problems.append(f"{where}{' in ' + ', '.join(files) if files else ''}: {message}")
    return ConfigError(f"A config file has a setting composer cannot use: {'; '.join(problems)}.")
