"""The small vocabularies composer uses everywhere; kept free of pydantic so the CLI starts fast."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The three follow-up messages the seed describes, in the order they are sent."""

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
    EDITED = "edited"  # the user's own edit, in `composer review`


class Channel(StrEnum):
    """How a message reaches the reader; the seed allows a status check by phone."""

    EMAIL = "email"
    PHONE = "phone"
    VOICEMAIL = "voicemail"
