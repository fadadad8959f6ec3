"""The rule registry: importing this package registers every rule, in code order."""

from __future__ import annotations

from composer.models import Kind

# Importing a module registers its rules; the order here is the order `composer rules` lists.
from composer.rules import (  # noqa: F401
    brevity,
    content,
    courtesy,
    grounding,
    hygiene,
    safety,
)
from composer.rules.base import REGISTRY, Context, Example, Hit, Rule
from composer.settings import RuleSettings

__all__ = ["REGISTRY", "Context", "Example", "Hit", "Rule", "active_rules", "guidelines"]


def active_rules(kind: Kind, settings: RuleSettings) -> list[Rule]:
    """The rules that judge a message of this kind, less those the user switched off."""
    disabled = {code.upper() for code in settings.disable}
    return [r for r in REGISTRY.values() if r.applies(kind) and r.code not in disabled]


def guidelines(kind: Kind, settings: RuleSettings) -> list[str]:
    """The writer-facing instruction of every active rule: the list prompts show the model."""
    return [r.instruction_for(kind, settings) for r in active_rules(kind, settings)]
