"""Rows to models and models to rows: the one place that knows each table's column order.

Each SELECT here is paired with the function that unpacks it, so the two cannot drift apart.
Every text a user, a model or a server wrote goes through the store's redactor on the way in.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from typing import Any

from composer.history.redaction import Redactor
from composer.history.rows import DraftRow, EventRow, InterviewRow, SendRow
from composer.models import Attempt, Draft, Finding, Usage

SELECT_INTERVIEWS = (
    "SELECT i.id, i.candidate, i.company, i.role, i.interview_date, i.decision_by, "
    "i.outcome, i.outcome_on, i.created_at, i.updated_at, "
    "(SELECT count(*) FROM drafts d WHERE d.interview_id = i.id), "
    "(SELECT count(*) FROM sends s WHERE s.interview_id = i.id) FROM interviews i"
)

SELECT_DRAFTS = (
    "SELECT d.id, d.interview_id, d.kind, d.channel, d.source, d.model, d.subject, d.body, "
    "d.prompt_json, d.response, d.findings_json, d.passed, d.prompt_tokens, "
    "d.completion_tokens, d.total_tokens, d.cached_tokens, d.fallback_reason, d.status, "
    "d.created_at, s.sent_on FROM drafts d LEFT JOIN sends s ON s.draft_id = d.id"
)

SELECT_ATTEMPTS = (
    "SELECT a.draft_id, a.source, a.passed, a.error, a.messages_json, a.raw, a.subject, "
    "a.body, a.findings_json, a.fixes_json, a.response_format, a.prompt_tokens, "
    "a.completion_tokens, a.total_tokens, a.cached_tokens, a.seconds FROM attempts a"
)

SELECT_EVENTS = "SELECT id, interview_id, draft_id, action, detail, created_at FROM events"

SELECT_SENDS = "SELECT id, interview_id, draft_id, kind, sent_on, created_at FROM sends"

INSERT_EVENT = (
    "INSERT INTO events (interview_id, draft_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?)"
)

INSERT_DRAFT = (
    "INSERT INTO drafts (interview_id, kind, channel, source, model, subject, body, "
    "findings_json, passed, prompt_tokens, completion_tokens, total_tokens, cached_tokens, "
    "fallback_reason, status, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

INSERT_ATTEMPT = (
    "INSERT INTO attempts (draft_id, position, source, passed, error, messages_json, raw, "
    "subject, body, findings_json, fixes_json, response_format, prompt_tokens, "
    "completion_tokens, total_tokens, cached_tokens, seconds) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def iso(value: date | None) -> str | None:
    """A date as stored (ISO 8601), or NULL."""
    return value.isoformat() if value else None


def now() -> str:
    """The time a row is written, as stored (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def insert_event(
    db: sqlite3.Connection,
    interview_id: int,
    action: str,
    draft_id: int | None,
    detail: str | None,
) -> int:
    """Store one event (a decision, a send, a correction) inside the caller's transaction."""
    cursor = db.execute(INSERT_EVENT, (interview_id, draft_id, action, detail, now()))
    return int(cursor.lastrowid or 0)


# --- rows to models -----------------------------------------------------------------------------


def interview_row(row: Any) -> InterviewRow:
    """One SELECT_INTERVIEWS row."""
    (
        iid,
        candidate,
        company,
        role,
        day,
        decision,
        outcome,
        heard,
        created,
        updated,
        drafts,
        sent,
    ) = row
    return InterviewRow(
        id=iid,
        candidate=candidate,
        company=company,
        role=role,
        interview_date=day,
        decision_by=decision,
        outcome=outcome,
        outcome_on=heard,
        drafts=drafts,
        sent=sent,
        created_at=created,
        updated_at=updated,
    )


def draft_row(row: Any, attempts: list[Attempt] | None = None) -> DraftRow:
    """One SELECT_DRAFTS row, with the attempts behind it."""
    (
        did,
        iid,
        kind,
        channel,
        source,
        model,
        subject,
        body,
        prompt,
        response,
        findings,
        passed,
        p_tokens,
        c_tokens,
        t_tokens,
        cached,
        reason,
        status,
        created,
        sent_on,
    ) = row
    return DraftRow(
        id=did,
        interview_id=iid,
        kind=kind,
        channel=channel,
        source=source,
        model=model,
        subject=subject,
        body=body,
        prompt=json.loads(prompt) if prompt else None,
        response=response,
        findings=json.loads(findings),
        passed=bool(passed),
        usage=Usage(
            prompt_tokens=p_tokens,
            completion_tokens=c_tokens,
            total_tokens=t_tokens,
            cached_tokens=cached,
        ),
        fallback_reason=reason,
        status=status,
        created_at=created,
        sent_on=sent_on,
        attempts=attempts or [],
    )


def attempt_row(row: Any) -> tuple[int, Attempt]:
    """One SELECT_ATTEMPTS row: the draft it belongs to, and the attempt."""
    (
        draft_id,
        source,
        passed,
        error,
        messages,
        raw,
        subject,
        body,
        findings,
        fixes,
        response_format,
        p_tokens,
        c_tokens,
        t_tokens,
        cached,
        seconds,
    ) = row
    attempt = Attempt(
        source=source,
        passed=bool(passed),
        findings=json.loads(findings),
        error=error,
        usage=Usage(
            prompt_tokens=p_tokens,
            completion_tokens=c_tokens,
            total_tokens=t_tokens,
            cached_tokens=cached,
        ),
        seconds=seconds,
        messages=json.loads(messages),
        raw=raw,
        subject=subject,
        body=body,
        response_format=response_format,
        fixes=json.loads(fixes),
    )
    return int(draft_id), attempt


def event_row(row: Any) -> EventRow:
    """One SELECT_EVENTS row."""
    return EventRow(**dict(zip(EventRow.model_fields, row, strict=True)))


def send_row(row: Any) -> SendRow:
    """One SELECT_SENDS row."""
    return SendRow(**dict(zip(SendRow.model_fields, row, strict=True)))


# --- models to rows -----------------------------------------------------------------------------


def findings_json(findings: list[Finding], redact: Redactor) -> str:
    """Findings as stored; a finding's message may quote the draft, so it is redacted too."""
    return json.dumps(
        [{**f.model_dump(mode="json"), "message": redact.text(f.message)} for f in findings]
    )


def draft_values(
    interview_id: int, draft: Draft, status: str, redact: Redactor, now: str
) -> tuple[Any, ...]:
    """The INSERT_DRAFT parameters for one draft version."""
    return (
        interview_id,
        draft.kind.value,
        str(draft.channel),
        str(draft.source),
        draft.model,
        redact.text(draft.subject),
        redact.text(draft.body),
        findings_json(draft.report.findings, redact),
        int(draft.report.passed),
        draft.usage.prompt_tokens,
        draft.usage.completion_tokens,
        draft.usage.total_tokens,
        draft.usage.cached_tokens,
        redact(draft.fallback_reason),
        status,
        now,
    )


def attempt_values(
    draft_id: int, position: int, attempt: Attempt, redact: Redactor
) -> tuple[Any, ...]:
    """The INSERT_ATTEMPT parameters for one model call, exactly as it happened (keys aside)."""
    messages = [
        {key: redact(value) if isinstance(value, str) else value for key, value in m.items()}
        for m in attempt.messages
    ]
    return (
        draft_id,
        position,
        str(attempt.source),
        int(attempt.passed),
        redact(attempt.error),
        json.dumps(messages, ensure_ascii=False, default=str),
        redact(attempt.raw),
        redact(attempt.subject),
        redact(attempt.body),
        findings_json(attempt.findings, redact),
        json.dumps([redact.text(fix) for fix in attempt.fixes], ensure_ascii=False),
        attempt.response_format,
        attempt.usage.prompt_tokens,
        attempt.usage.completion_tokens,
        attempt.usage.total_tokens,
        attempt.usage.cached_tokens,
        attempt.seconds,
    )
