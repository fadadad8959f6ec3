"""Rule thresholds and model settings, with the config files that override them."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from composer import structured
from composer.errors import ConfigError
from composer.kinds import KINDS
from composer.models import Kind
from composer.provenance import origins, unusable

LOCAL_CONFIG = "composer.toml"


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


class Config(BaseModel):
    """The whole config file: `[rules]` thresholds and `[model]` endpoint."""

    model_config = ConfigDict(extra="forbid")

    rules: RuleSettings = Field(default_factory=RuleSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    templates: Path | None = None


def user_config_path() -> Path:
    from platformdirs import user_config_dir  # lazy: only when a config is looked up

    return Path(user_config_dir("composer", appauthor=False)) / "config.toml"


def config_paths(cwd: Path | None = None, explicit: Path | None = None) -> list[Path]:
    """Config files, weakest first: user config, ./composer.toml; `explicit` (the CLI passes
    COMPOSER_CONFIG) replaces both."""
    if explicit is not None:
        return [explicit]
    return [user_config_path(), (cwd or Path.cwd()) / LOCAL_CONFIG]


def load_config(paths: list[Path] | None = None, *, explicit: Path | None = None) -> Config:
    """Read and merge the config files that exist (`paths`, else the defaults, else the one
    `explicit` file, which must exist); a broken one is a clear error."""
    merged: dict[str, dict[str, object]] = {}
    must_exist = explicit is not None and paths is None
    for path in paths if paths is not None else config_paths(explicit=explicit):
        if not path.is_file():
            if must_exist:
                raise ConfigError(f"COMPOSER_CONFIG points at {path}, which does not exist.")
            continue
        try:
            # The safe loader: a file nested 5,000 deep is a clear error, not a RecursionError.
            data = structured.loads(path.read_text(encoding="utf-8"), "toml")
        except (OSError, UnicodeDecodeError, structured.StructuredError) as exc:
            raise ConfigError(f"Cannot read config file {path}: {exc}.") from None
        for section, values in data.items():
            if isinstance(values, dict) and isinstance(merged.get(section), dict):
                merged[section] = {**merged[section], **values}
            else:
                merged[section] = values
    try:
        return Config.model_validate(merged)
    except ValidationError as exc:
        searched = paths if paths is not None else config_paths(explicit=explicit)
        raise unusable(exc, origins(searched)) from None
