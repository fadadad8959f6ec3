"""Rule thresholds and model settings, with the config files that override them.

Two files are read: the user's own config, then `composer.toml` in the working folder (which
wins). The working folder's file is not trusted with what could send the notes elsewhere or run
code: a model endpoint or key, a templates folder, or trust itself (`FOLDER_GATED`). Those are
taken from it only when the user trusts the folder (the CLI's opt-in, or the folder listed in
`trusted_folders` of the user's config); otherwise they are left out and listed on the result,
so the CLI can say so. Every setting remembers the file it came from (`Config.origins`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from composer import structured
from composer.errors import ConfigError
from composer.kinds import KINDS
from composer.models import Kind
from composer.provenance import unusable

LOCAL_CONFIG = "composer.toml"
# What a working folder's config may set only when the user trusts the folder: each could
# send the notes (and the key) to another server, or run a template's code.
FOLDER_GATED = ("model.base_url", "model.api_key", "templates", "trusted_folders")


class WordLimits(BaseModel):
    """Word limits for one kind: under `min` reads as curt, over `soft_max` as long."""

    model_config = ConfigDict(extra="forbid")

    min: int = Field(ge=0)
    soft_max: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> WordLimits:
        if not self.min < self.soft_max <= self.max:
            raise ValueError("word limits need min < soft_max <= max")
        return self


# The defaults come from the table of kinds (composer.kinds.KINDS), where they are explained.
DEFAULT_WORDS: dict[Kind, WordLimits] = {
    kind: WordLimits(min=row.words.min, soft_max=row.words.soft_max, max=row.words.max)
    for kind, row in KINDS.items()
}


class RuleSettings(BaseModel):
    """Every threshold a rule reads, in one place so a config file can change any of them."""

    model_config = ConfigDict(extra="forbid")

    words: dict[Kind, WordLimits] = Field(default_factory=lambda: dict(DEFAULT_WORDS))
    max_sentence_words: int = Field(default=40, ge=5)
    subject_max_chars: int = Field(default=80, ge=10)
    max_exclamations: int = Field(default=2, ge=0)
    disable: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _merge_words(cls, data: object) -> object:
        # A config that sets only `[rules.words.thank-you] max = 220` keeps the other limits.
        if isinstance(data, dict) and isinstance(data.get("words"), dict):
            merged = {k.value: v.model_dump() for k, v in DEFAULT_WORDS.items()}
            for kind, limits in data["words"].items():
                if isinstance(limits, dict) and kind in merged:
                    merged[kind] = {**merged[kind], **limits}
                else:
                    merged[kind] = limits
            data = {**data, "words": merged}
        return data

    def limits(self, kind: Kind) -> WordLimits:
        return self.words.get(kind, DEFAULT_WORDS[kind])


class ModelSettings(BaseModel):
    """Where drafts are written when a model is configured (used by the LLM path)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    base_url: str | None = None
    api_key: str | None = Field(default=None, repr=False)
    timeout: float | None = Field(default=None, gt=0)
    repair_rounds: int | None = Field(default=None, ge=0, le=5)
    # Response format: "auto" negotiates (json_schema, then json_object, then plain text); the
    # others fix one, for servers that misbehave in new ways.
    structured: Literal["auto", "json_schema", "json_object", "off"] | None = None
    # Seconds one HTTP request may take (default: whatever is left of the per-draft timeout).
    request_timeout: float | None = Field(default=None, gt=0)


class Config(BaseModel):
    """The whole config file: `[rules]` thresholds and `[model]` endpoint."""

    model_config = ConfigDict(extra="forbid")

    rules: RuleSettings = Field(default_factory=RuleSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    templates: Path | None = None
    # Working folders whose composer.toml may set what FOLDER_GATED lists (user config only).
    trusted_folders: list[Path] = Field(default_factory=list)
    # Not settable from a file: where each setting came from ('model.base_url' -> its file),
    # and the folder settings left out because the folder is not trusted.
    _origins: dict[str, Path] = PrivateAttr(default_factory=dict)
    _untrusted: dict[str, Path] = PrivateAttr(default_factory=dict)

    @property
    def origins(self) -> dict[str, Path]:
        """The file each setting was read from, by its dotted name ('model.base_url')."""
        return self._origins

    @property
    def untrusted(self) -> dict[str, Path]:
        """Settings a working folder's config gave that were left out (not trusted), by name."""
        return self._untrusted


def user_config_path() -> Path:
    from platformdirs import user_config_dir  # lazy: only when a config is looked up

    return Path(user_config_dir("composer", appauthor=False)) / "config.toml"


def config_paths(cwd: Path | None = None, explicit: Path | None = None) -> list[Path]:
    """Config files, weakest first: user config, ./composer.toml; `explicit` (the CLI passes
    COMPOSER_CONFIG) replaces both."""
    if explicit is not None:
        return [explicit]
    return [user_config_path(), (cwd or Path.cwd()) / LOCAL_CONFIG]


def load_config(
    paths: list[Path] | None = None,
    *,
    explicit: Path | None = None,
    cwd: Path | None = None,
    trust_folder: bool = False,
) -> Config:
    """Read and merge the config files that exist (`paths`, all trusted; else the one
    `explicit` file, which must exist; else the user's config and the working folder's, whose
    FOLDER_GATED settings are used only with `trust_folder` or when the user's config lists the
    folder); a broken file is a clear error."""
    if paths is not None or explicit is not None:
        files = paths if paths is not None else [explicit]
        return _validated(_merge([(p, True) for p in files if p is not None], explicit))
    here = cwd or Path.cwd()
    mine, folder = config_paths(here)
    user = _merge([(mine, True)], None)
    trusted = trust_folder or _listed(here, user.data.get("trusted_folders"))
    return _validated(_merge([(folder, trusted)], None, start=user))


class _Merged:
    """Settings read so far: the merged data, each setting's file, what was left out."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}
        self.origins: dict[str, Path] = {}
        self.untrusted: dict[str, Path] = {}


def _merge(
    files: list[tuple[Path, bool]], explicit: Path | None, start: _Merged | None = None
) -> _Merged:
    """Each existing file's settings over the ones before; `False` marks an untrusted file."""
    merged = start or _Merged()
    for path, trusted in files:
        data = _read(path, must_exist=path == explicit)
        if data is None:
            continue
        for section, values in data.items():
            if isinstance(values, dict):
                kept = {}
                for key, value in values.items():
                    name = f"{section}.{key}"
                    if not trusted and name in FOLDER_GATED:
                        merged.untrusted[name] = path
                        continue
                    kept[key] = value
                    merged.origins[name] = path
                previous = merged.data.get(section)
                merged.data[section] = {**previous, **kept} if isinstance(previous, dict) else kept
            elif not trusted and section in FOLDER_GATED:
                merged.untrusted[section] = path
            else:
                merged.data[section] = values
                merged.origins[section] = path
    return merged


def _read(path: Path, *, must_exist: bool) -> dict[str, object] | None:
    """One config file's data; None when it does not exist and need not."""
    try:
        is_file = path.is_file()
        is_folder = not is_file and path.is_dir()
    except OSError:  # a name too long to look up, a loop of symlinks
        is_file = is_folder = False
    if not is_file:
        if is_folder and must_exist:
            raise ConfigError(
                f"COMPOSER_CONFIG points at {path}, which is a folder; point it at a config "
                "file (a .toml file) instead."
            )
        if must_exist:
            raise ConfigError(f"COMPOSER_CONFIG points at {path}, which does not exist.")
        return None
    try:
        # The safe loader: a file nested 5,000 deep is a clear error, not a RecursionError.
        return structured.loads(path.read_text(encoding="utf-8"), "toml")
    except (OSError, UnicodeDecodeError, structured.StructuredError) as exc:
        raise ConfigError(f"Cannot read config file {path}: {exc}.") from None


def _listed(folder: Path, entries: object) -> bool:
    """Whether the user's `trusted_folders` names this folder (exactly, not a parent of it)."""
    if not isinstance(entries, list):
        return False
    try:
        here = folder.resolve()
        return any(
            isinstance(entry, str) and Path(entry).expanduser().resolve() == here
            for entry in entries
        )
    except (OSError, RuntimeError):
        return False


def _validated(merged: _Merged) -> Config:
    try:
        config = Config.model_validate(merged.data)
    except ValidationError as exc:
        raise unusable(exc, merged.origins) from None
    config.origins.update(merged.origins)
    config.untrusted.update(merged.untrusted)
    return config
