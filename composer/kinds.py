"""The small vocabularies composer uses everywhere, and the one table of message kinds.

Kept free of pydantic (and of dataclasses, slower to define than named tuples) so the CLI
starts fast. Adding a kind means a member of `Kind`, its row in `KINDS`, and its templates
(`prompts/messages/<kind>.j2`, `prompts/llm/<kind>.system.j2`, `prompts/llm/<kind>.user.j2`);
the CLI's choices, the word limits, the plan, the default kinds for an outcome and the
offline drafts' advice all read the row.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, NamedTuple


class Kind(StrEnum):
    """The follow-up messages the interview follow-up guidelines describe, in sending order."""

    THANK_YOU = "thank-you"
    STATUS_CHECK = "status-check"
    FEEDBACK_REQUEST = "feedback-request"


class Outcome(StrEnum):
    PENDING = "pending"
    REJECTED = "rejected"
    OFFERED = "offered"


class Tone(StrEnum):
    FORMAL = "formal"
    WARM = "warm"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Source(StrEnum):
    TEMPLATE = "template"
    LLM = "llm"
    LLM_REPAIRED = "llm-repaired"
    LLM_FIXED = "llm-fixed"  # a model draft whose mechanical slips were fixed from the notes
    EDITED = "edited"  # the user's own edit, in `composer review`


class Channel(StrEnum):
    """How a message reaches the reader; the guidelines allow a status check by phone."""

    EMAIL = "email"
    PHONE = "phone"
    VOICEMAIL = "voicemail"


class Window(NamedTuple):
    """When a message is due: from `opens` days after its anchor to `due` days after it (None:
    no end). Anchors: the interview, the promised decision date, or the day the outcome came."""

    anchor: Literal["interview", "decision", "outcome"]
    opens: int
    due: int | None


class Words(NamedTuple):
    """Word limits: under `min` reads as curt, over `soft_max` as long (a warning), over `max`
    too long (an error). `min` counts the words before the sign-off."""

    min: int
    soft_max: int
    max: int


class KindSpec(NamedTuple):
    """Everything composer knows about one kind of message, in one row."""

    kind: Kind
    title: str  # the plan's step: "Send a thank-you note"
    outcomes: frozenset[Outcome]  # it suits these; drafting it for another draws a warning
    unsuited: str  # ... and the warning says why: "a feedback request is for after a rejection"
    default_for: frozenset[Outcome]  # `composer draft` without --kind writes it for these
    words: Words
    window: Window
    needs: tuple[str, ...]  # notes fields, one of which makes it specific
    needs_advice: str  # what to add when none of them is there ("" when it needs none)

    @property
    def message_template(self) -> str:
        """The offline draft's template."""
        return f"messages/{self.kind.value}.j2"

    @property
    def prompt_templates(self) -> tuple[str, str]:
        """The model prompt's system and user templates."""
        return f"llm/{self.kind.value}.system.j2", f"llm/{self.kind.value}.user.j2"

    def spoken_template(self, channel: Channel) -> str:
        """The call script or voicemail template (only the status check has them)."""
        return f"messages/{self.kind.value}.{channel.value}.j2"


_ALL = frozenset(Outcome)

# Word limits are calibrated on published follow-ups and on fixtures/messages/: good thank-you
# notes run about 50-200 words, status checks are the shortest, feedback requests sit in
# between; the curt notes real recruiters complain of run 4-20 words, while a complete,
# gracious feedback request can be done in 35.
KINDS: dict[Kind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            kind=Kind.THANK_YOU,
            title="Send a thank-you note",
            outcomes=_ALL,
            unsuited="",
            default_for=frozenset({Outcome.PENDING, Outcome.OFFERED}),
            words=Words(min=35, soft_max=200, max=260),
            window=Window("interview", opens=0, due=1),  # within a day of the interview
            needs=("learned", "reaffirmed", "topics"),
            needs_advice=(
                "Your notes have no 'Learned', 'Reaffirmed' or 'Topics': the thank-you cannot "
                "mention anything specific. Add a line such as 'Learned: paralegals attend "
                "client meetings from their first month'."
            ),
        ),
        KindSpec(
            kind=Kind.STATUS_CHECK,
            title="Ask politely for an update",
            outcomes=frozenset({Outcome.PENDING}),
            unsuited="a status check is for while the decision is still pending",
            default_for=frozenset({Outcome.PENDING}),
            words=Words(min=25, soft_max=150, max=200),
            # 'another few days or even as long as a week' after the promised date.
            window=Window("decision", opens=3, due=7),
            needs=(),
            needs_advice="",
        ),
        KindSpec(
            kind=Kind.FEEDBACK_REQUEST,
            title="Thank them and ask for feedback",
            outcomes=frozenset({Outcome.REJECTED}),
            unsuited="a feedback request is for after a rejection",
            default_for=frozenset({Outcome.REJECTED}),
            words=Words(min=30, soft_max=200, max=260),
            window=Window("outcome", opens=0, due=2),  # as soon as the rejection arrives
            needs=(),
            needs_advice="",
        ),
    )
}


def spec(kind: Kind | str) -> KindSpec:
    """The row for one kind."""
    return KINDS[Kind(kind)]


def defaults_for(outcome: Outcome) -> list[Kind]:
    """The kinds `composer draft` writes when none is asked for, in sending order."""
    return [s.kind for s in KINDS.values() if outcome in s.default_for]
