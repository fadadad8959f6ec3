"""Never store a key: the configured one, and anything shaped like one, is blanked on write."""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[redacted]"
# Shapes of a credential whatever the configured key is: a bearer header, an OpenAI-style key.
_SHAPES = (
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),
)
# Shorter than this is not a key worth matching (and would blank ordinary words).
MIN_SECRET = 8


class Redactor:
    """Blanks the given secrets (the configured API key) and anything shaped like a key."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        exact = [re.compile(re.escape(s.strip())) for s in secrets if len(s.strip()) >= MIN_SECRET]
        self.patterns: tuple[re.Pattern[str], ...] = (*exact, *_SHAPES)

    def __call__(self, text: str | None) -> str | None:
        """`text` with every secret replaced by [redacted]; None and '' pass through."""
        if not text:
            return text
        for pattern in self.patterns:
            text = pattern.sub(REDACTED, text)
        return text

    def text(self, text: str) -> str:
        """Like calling it, for a text that is never None."""
        return self(text) or ""
