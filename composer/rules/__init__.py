"""The rule registry: importing this package registers every rule, listed family by family.

To add a rule, write its check in its family's module (one module per code prefix) under
`@rule(...)`, with every fact about it: code, name, severity, source, kinds and channels,
instruction, hint, thresholds, and good and bad examples (one of each a whole message). Its
word lists go in data/<module>.txt, read with `lists`, matched with `patterns`.
tests/test_rules_registry.py runs its examples. A new family is a new module, imported here
and named in FAMILIES.
"""

from __future__ import annotations

from composer.kinds import Channel
from composer.models import Kind, Report, Severity

# Importing a family's module registers its rules, in the order the module declares them.
from composer.rules import (  # noqa: F401
    asks,
    brevity,
    consistency,
    context,
    courtesy,
    enthusiasm,
    grounding,
    hygiene,
    language,
    presumption,
    specific,
    splices,
    structure,
    subject,
    tone,
    voice,
)
from composer.rules.base import REGISTRY, Context, Example, Hit, Rule, listed
from composer.settings import RuleSettings

__all__ = [
    "REGISTRY",
    "Context",
    "Example",
    "Hit",
    "Rule",
    "active_rules",
    "guidelines",
    "off_channel",
    "repair_codes",
    "repairs_on_warning",
]

# The order `composer rules` lists the families and prompts show their guidelines; a family
# missing here is listed after these.
FAMILIES = (
    "BREV",
    "SPEC",
    "ENTH",
    "ASK",
    "CTX",
    "CRT",
    "TONE",
    "GRND",
    "HYG",
    "SUBJ",
    "VOICE",
    "CONS",
    "STRC",
    "PRES",
    "SPLC",
    "LANG",
)
# Three rules keep the places they had before the families had a module each, so prompts stay
# byte for byte what the recorded model conversations (fixtures/cassettes) expect. Empty this
# when the cassettes are next recorded.
LISTED_LAST = ("TONE007", "HYG003", "LANG001")
listed(FAMILIES, LISTED_LAST)


def active_rules(kind: Kind, settings: RuleSettings) -> list[Rule]:
    """The rules that judge a message of this kind, less those the user switched off."""
    disabled = {code.upper() for code in settings.disable}
    return [r for r in REGISTRY.values() if r.applies(kind) and r.code not in disabled]


def guidelines(kind: Kind, settings: RuleSettings) -> list[str]:
    """The writer-facing instruction of every active rule: the list prompts show the model."""
    return [r.instruction_for(kind, settings) for r in active_rules(kind, settings) if r.in_prompt]


def repairs_on_warning() -> frozenset[str]:
    """Codes whose warnings send a model draft back for repair, as errors do."""
    return frozenset(r.code for r in REGISTRY.values() if r.repairs_on_warning)


def repair_codes(report: Report) -> set[str]:
    """What must be fixed before a draft is accepted: every error, and every finding of a rule
    that repairs on warning (an invented fact is never harmless)."""
    again = repairs_on_warning()
    return {f.code for f in report.findings if f.severity is Severity.ERROR or f.code in again}


def off_channel(channel: Channel) -> list[str]:
    """Codes of the rules that do not apply to a message sent this way (no greeting line or
    subject in a phone call)."""
    return [r.code for r in REGISTRY.values() if channel not in r.channels]
