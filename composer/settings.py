"""Rule thresholds and model settings, with the config files that override them."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from composer.errors import ConfigError
from composer.models import Kind

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


# Calibrated on published follow-ups and on fixtures/messages/: good thank-you notes run
# about 50-200 words, status checks are the shortest, feedback requests sit in between. `min`
# counts the words before the sign-off: the curt notes real recruiters complain of run 4-20
# words, while a complete, gracious feedback request can be done in 35.
DEFAULT_WORDS: dict[Kind, WordLimits] = {
    Kind.THANK_YOU: WordLimits(min=35, soft_max=200, max=260),
    Kind.STATUS_CHECK: WordLimits(min=25, soft_max=150, max=200),
    Kind.FEEDBACK_REQUEST: WordLimits(min=30, soft_max=200, max=260),
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


def user_config_path() -> Path:
    from platformdirs import user_config_dir  # lazy: only when a config is looked up

    return Path(user_config_dir("composer", appauthor=False)) / "config.toml"


def config_paths(cwd: Path | None = None) -> list[Path]:
    """Config files, weakest first: user config, ./composer.toml; COMPOSER_CONFIG replaces both."""
    explicit = os.environ.get("COMPOSER_CONFIG")
    if explicit:
        return [Path(explicit)]
    return [user_config_path(), (cwd or Path.cwd()) / LOCAL_CONFIG]


def load_config(paths: list[Path] | None = None) -> Config:
    """Read and merge the config files that exist; a broken one is a clear error."""
    merged: dict[str, dict[str, object]] = {}
    explicit = bool(os.environ.get("COMPOSER_CONFIG")) and paths is None
    for path in paths if paths is not None else config_paths():
        if not path.is_file():
            if explicit:
                raise ConfigError(f"COMPOSER_CONFIG points at {path}, which does not exist.")
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"Cannot read config file {path}: {exc}.") from None
        for section, values in data.items():
            if isinstance(values, dict) and isinstance(merged.get(section), dict):
                merged[section] = {**merged[section], **values}
            else:
                merged[section] = values
    try:
        return Config.model_validate(merged)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'config'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(
            f"The config file has a setting composer cannot use ({problems})."
        ) from None
