"""The history store and its commands: upserts, versions, sends, purge, permissions, damage,
migrations, two processes writing at once, and `composer due` over a fixture history."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer import history
from composer.cli import app
from composer.cli import inputs as cli_inputs
from composer.cli import io as cli_io
from composer.history import History, HistoryError, schema
from composer.kinds import Kind, Outcome, Severity, Source
from composer.models import Attempt, Draft, Finding, InterviewNotes, Report, Stats, Usage

from .conftest import ROOT

POSIX = os.name == "posix"


@pytest.fixture(autouse=True)
def _history_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every test gets its own history file; no developer setting leaks in."""
    for var in ("COMPOSER_NO_LOG", "COMPOSER_TODAY", "COMPOSER_FORMAT"):
        monkeypatch.delenv(var, raising=False)
    path = tmp_path / "data" / "history.db"
    monkeypatch.setenv("COMPOSER_HISTORY", str(path))
    return path


@pytest.fixture
def db_path(_history_env: Path) -> Path:
    return _history_env


@pytest.fixture
def store(db_path: Path):  # type: ignore[no-untyped-def]
    with History.open(db_path) as opened:
        yield opened


def notes(company: str = "Bramley Kent LLP", day: str = "2026-11-12", **extra: object):
    data: dict[str, object] = {
        "candidate": "Jordan Ellis",
        "company": company,
        "role": "Paralegal",
        "interviewers": "Sophie Turner, Senior Associate",
        "interview_date": day,
        **extra,
    }
    return InterviewNotes.model_validate(data)


SHORT = Finding(code="B101", rule="length", severity=Severity.WARNING, message="short", start=0)
NO_THANKS = Finding(
    code="CRT002", rule="thanks", severity=Severity.ERROR, message="no thanks", start=3, end=9
)


def make_attempts(body: str = "Dear Sophie, thank you.") -> list[Attempt]:
    """Three model calls as the drafting service records them: an answer that was not a draft,
    a draft that broke a rule, and its repair."""
    system = {"role": "system", "content": "You write interview follow-ups."}
    ask = {"role": "user", "content": "Notes: Jordan Ellis met Sophie Turner."}
    first = '{"subject": "Thanks", "body": "Dear Sophie, I enjoyed it."}'
    return [
        Attempt(
            source=Source.LLM,
            error="The model's answer was not a draft (not JSON).",
            raw="Sure! Here is your email:",
            messages=[system, ask],
            response_format="json_schema",
            usage=Usage(prompt_tokens=100, completion_tokens=7, total_tokens=107),
            seconds=1.25,
        ),
        Attempt(
            source=Source.LLM,
            passed=False,
            findings=[NO_THANKS],
            messages=[system, ask],
            raw=first,
            subject="Thanks",
            body="Dear Sophie, I enjoyed it.",
            response_format="json_schema",
            usage=Usage(prompt_tokens=100, completion_tokens=20, total_tokens=120),
            seconds=2.5,
        ),
        Attempt(
            source=Source.LLM_REPAIRED,
            passed=True,
            findings=[SHORT],
            messages=[
                system,
                ask,
                {"role": "assistant", "content": first},
                {"role": "user", "content": "Fix CRT002: thank them."},
            ],
            raw=json.dumps({"subject": "Thank you", "body": body}),
            subject="Thank you",
            body=body,
            response_format="json_schema",
            usage=Usage(
                prompt_tokens=140, completion_tokens=25, total_tokens=165, cached_tokens=96
            ),
            seconds=3.0,
            fixes=["removed a doubled space"],
        ),
    ]


def make_draft(kind: Kind = Kind.THANK_YOU, body: str = "Dear Sophie, thank you.", **extra):  # type: ignore[no-untyped-def]
    report = Report(kind=kind, passed=False, findings=[SHORT], stats=Stats(words=4, sentences=1))
    values = {
        "kind": kind,
        "subject": "Thank you",
        "body": body,
        "source": Source.LLM,
        "report": report,
        "model": "gpt-4o-mini",
        "usage": Usage(prompt_tokens=120, completion_tokens=80, total_tokens=200),
        **extra,
    }
    return Draft.model_validate(values)


def raw_bytes(path: Path) -> bytes:
    """The database and its WAL/SHM files, as anyone reading the disk would see them."""
    return b"".join(
        p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# --- where, and whether -------------------------------------------------------------------------


NOTES_FILE = str(ROOT / "fixtures" / "notes" / "jordan-ellis.txt")


def test_no_log_flag_and_env_record_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads --no-log and COMPOSER_NO_LOG; the library only hears 'enabled'."""
    draft = ("draft", NOTES_FILE, "--offline", "-k", "thank-you")
    assert invoke(*draft, "--no-log").exit_code == 0
    for value in ("1", "true", "YES", "on"):
        monkeypatch.setenv("COMPOSER_NO_LOG", value)
        assert invoke(*draft).exit_code == 0, value
    assert not db_path.exists()
    monkeypatch.setenv("COMPOSER_NO_LOG", "0")
    assert invoke(*draft).exit_code == 0
    with History.open(db_path) as opened:
        assert opened.counts()["drafts"] == 1


def test_default_path_is_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])
    if sys.platform.startswith("linux"):
        assert history.history_path() == data_home / "composer" / "history.db"
    assert history.history_path().name == "history.db"
    assert history.history_path("  ") == history.default_path()
    assert history.history_path("~/elsewhere.db") == Path.home() / "elsewhere.db"
    # The environment is the CLI's to read, not the library's.
    monkeypatch.setenv("COMPOSER_HISTORY", "~/elsewhere.db")
    assert history.history_path() == history.default_path()
    assert cli_inputs.history_file() == Path.home() / "elsewhere.db"
    monkeypatch.delenv("COMPOSER_HISTORY")
    assert cli_inputs.history_file() == history.default_path()


# --- interviews ---------------------------------------------------------------------------------


def test_record_interview_upserts_on_candidate_company_role_and_date(store: History) -> None:
    first = store.record_interview(notes(), source_text="Candidate: Jordan Ellis\n...")
    assert store.record_interview(notes()) == first
    # Case and spacing do not make a new interview; a different date does.
    assert store.record_interview(notes(company="  bramley kent llp ")) == first
    other = store.record_interview(notes(day="2026-12-01"))
    assert other != first
    assert store.find(notes()) == first
    assert store.find(notes(company="Elsewhere")) is None
    assert [row.id for row in store.interviews()] == [other, first]  # newest first
    detail = store.interview(first)
    assert detail.source_text == "Candidate: Jordan Ellis\n..."  # kept when not given again


def test_updated_notes_replace_the_old_ones_which_are_kept(store: History) -> None:
    first = store.record_interview(notes(topics=["adjudication"]), source_text="old paste")
    store.record_interview(notes(topics=["adjudication", "mediation"]), source_text="new paste")
    detail = store.interview(first)
    assert detail.notes.topics == ["adjudication", "mediation"]
    assert detail.source_text == "new paste"
    kept = [e for e in detail.events if e.action == "notes-updated"]
    assert len(kept) == 1
    previous = json.loads(kept[0].detail or "")
    assert previous["source_text"] == "old paste"
    assert previous["notes"]["topics"] == ["adjudication"]
    # Recording the same notes again is not an update.
    store.record_interview(notes(topics=["adjudication", "mediation"]))
    assert len([e for e in store.interview(first).events if e.action == "notes-updated"]) == 1


def test_outcome_in_notes_is_taken_but_pending_never_undoes_one(store: History) -> None:
    interview = store.record_interview(notes(outcome="rejected"))
    row = store.interviews()[0]
    assert row.outcome is Outcome.REJECTED and row.outcome_on == date.today()
    store.record_interview(notes(outcome="pending"))
    assert store.interviews()[0].outcome is Outcome.REJECTED
    assert store.interview(interview).notes.outcome is Outcome.REJECTED  # as tracked
    store.set_outcome(interview, Outcome.OFFERED, date(2026, 11, 30))
    row = store.interviews()[0]
    assert (row.outcome, row.outcome_on) == (Outcome.OFFERED, date(2026, 11, 30))
    store.set_outcome(interview, Outcome.PENDING, date(2026, 12, 1))  # a mistake undone
    assert store.interviews()[0].outcome_on is None
    assert [e.detail for e in store.interview(interview).events if e.action == "outcome"] == [
        f"rejected on {date.today().isoformat()} (from the notes)",
        "offered on 2026-11-30",
        "pending on 2026-12-01",
    ]


def test_notes_round_trip_through_the_store(store: History) -> None:
    original = notes(
        interviewers="Tom Becker, Analytics Lead; Dr. Amal Shah <amal@example.org>",
        invited_by="Amal Shah",
        decision_by="2 weeks",
        topics=["dashboards"],
        tone="warm",
    )
    interview = store.record_interview(original)
    assert store.interview(interview).notes == original


# --- drafts, events, sends ----------------------------------------------------------------------


def test_every_draft_version_is_a_row_with_its_provenance(store: History) -> None:
    interview = store.record_interview(notes())
    ids = [
        store.record_draft(
            interview,
            make_draft(body=f"Version {n}", attempts=make_attempts(f"Version {n}")),
        )
        for n in (1, 2, 3)
    ]
    template = make_draft(
        source=Source.TEMPLATE, model=None, usage=Usage(), fallback_reason="timed out"
    )
    ids.append(store.record_draft(interview, template, status="template"))
    assert len(set(ids)) == 4
    versions = store.interview(interview).drafts
    assert [v.body for v in versions] == ["Version 1", "Version 2", "Version 3", template.body]
    first = versions[0]
    assert first.kind is Kind.THANK_YOU and first.source == "llm" and first.model == "gpt-4o-mini"
    assert first.subject == "Thank you" and first.status == "drafted" and not first.passed
    assert first.attempts == make_attempts("Version 1")
    assert first.prompt is None and first.response is None  # only rows from before attempts
    assert first.findings[0].code == "B101" and first.findings[0].severity is Severity.WARNING
    assert first.usage.total_tokens == 200 and first.usage.prompt_tokens == 120
    assert first.channel == "email" and first.created_at.tzinfo is not None
    last = versions[-1]
    assert (last.source, last.model, last.status) == ("template", None, "template")
    assert last.fallback_reason == "timed out" and last.attempts == []
    assert store.draft(ids[1]).body == "Version 2"
    assert store.draft(ids[1]).attempts == make_attempts("Version 2")
    assert store.interviews()[0].drafts == 4
    assert store.counts()["attempts"] == 9


def test_attempts_round_trip_as_they_happened(store: History) -> None:
    """Each model call comes back exactly as the drafting service recorded it: the messages
    sent, the raw answer, the parsed draft, the findings, usage with cache hits, seconds."""
    interview = store.record_interview(notes())
    attempts = make_attempts()
    usage = Usage(prompt_tokens=340, completion_tokens=52, total_tokens=392, cached_tokens=96)
    draft = make_draft(source=Source.LLM_REPAIRED, attempts=attempts, usage=usage)
    stored = store.draft(store.record_draft(interview, draft))
    assert stored.attempts == attempts
    assert stored.usage == usage  # cached_tokens too
    refused, broke, repaired = stored.attempts
    assert refused.error and refused.raw == "Sure! Here is your email:" and refused.body is None
    assert broke.findings == [NO_THANKS] and not broke.passed
    assert repaired.messages[2] == {"role": "assistant", "content": broke.raw}
    assert repaired.usage.cached_tokens == 96 and repaired.seconds == 3.0
    assert repaired.fixes == ["removed a doubled space"]
    assert [a.source for a in stored.attempts] == ["llm", "llm", "llm-repaired"]
    # The same attempts in `history show`, and in its JSON (the model's own dump).
    assert store.interview(interview).drafts[0].attempts == attempts
    shown = json.loads(store.interview(interview).model_dump_json())
    assert shown["drafts"][0]["attempts"][2]["usage"]["cached_tokens"] == 96
    # A draft without attempts (a template, an edit) stores none, and no usage it did not have.
    plain = store.draft(store.record_draft(interview, make_draft(usage=Usage())))
    assert plain.attempts == [] and plain.usage.cached_tokens is None


def test_events_and_sends(store: History) -> None:
    interview = store.record_interview(notes())
    thanks = store.record_draft(interview, make_draft())
    status = store.record_draft(interview, make_draft(Kind.STATUS_CHECK))
    store.record_event(interview, "edited", draft_id=thanks, detail="made it warmer")
    store.record_event(interview, "accepted", draft_id=thanks)
    assert store.sent_kinds(interview) == {}
    store.mark_sent(thanks, date(2026, 11, 14))
    store.mark_sent(thanks, date(2026, 11, 13))  # corrected: still one send
    store.mark_sent(status, date(2026, 11, 24))
    assert store.sent_kinds(interview) == {
        Kind.THANK_YOU: date(2026, 11, 13),
        Kind.STATUS_CHECK: date(2026, 11, 24),
    }
    detail = store.interview(interview)
    assert [(s.kind, s.sent_on) for s in detail.sends] == [
        (Kind.THANK_YOU, date(2026, 11, 13)),
        (Kind.STATUS_CHECK, date(2026, 11, 24)),
    ]
    assert [d.status for d in detail.drafts] == ["sent", "sent"]
    assert detail.drafts[0].sent_on == date(2026, 11, 13)
    assert [(e.action, e.draft_id) for e in detail.events] == [
        ("edited", thanks),
        ("accepted", thanks),
        ("sent", thanks),
        ("sent", thanks),
        ("sent", status),
    ]
    assert store.interviews()[0].sent == 2
    # A second thank-you version sent later does not move the first send.
    again = store.record_draft(interview, make_draft(body="Another"))
    store.mark_sent(again, date(2026, 11, 20))
    assert store.sent_kinds(interview)[Kind.THANK_YOU] == date(2026, 11, 13)


def test_unknown_ids_are_clear_errors(store: History, db_path: Path) -> None:
    interview = store.record_interview(notes())
    for call in (
        lambda: store.record_draft(99, make_draft()),
        lambda: store.record_event(99, "accepted"),
        lambda: store.record_event(interview, "accepted", draft_id=42),
        lambda: store.mark_sent(42, date(2026, 11, 13)),
        lambda: store.set_outcome(99, Outcome.REJECTED, date(2026, 11, 13)),
        lambda: store.interview(99),
        lambda: store.draft(42),
    ):
        with pytest.raises(HistoryError, match=r"There is no (interview 99|draft 42)") as info:
            call()
        assert str(db_path) in info.value.message
    assert store.counts() == {
        "interviews": 1,
        "drafts": 0,
        "events": 0,
        "sends": 0,
        "attempts": 0,
    }


def test_company_filter_is_a_case_blind_substring(store: History) -> None:
    store.record_interview(notes(company="Bramley Kent LLP"))
    store.record_interview(notes(company="Kent & Sons"))
    store.record_interview(notes(company="100% Juice"))
    assert {r.company for r in store.interviews("kent")} == {"Bramley Kent LLP", "Kent & Sons"}
    assert [r.company for r in store.interviews("0%")] == ["100% Juice"]  # % is literal
    assert store.interviews("_") == []
    assert len(store.interviews("  ")) == 3


# --- recorders ----------------------------------------------------------------------------------


def test_a_recorder_keeps_the_interview_then_each_draft_with_its_attempts(db_path: Path) -> None:
    with history.open_recorder(notes(), "pasted", path=db_path, secrets=()) as recorder:
        assert isinstance(recorder, history.HistoryRecorder)
        assert db_path.exists()  # the notes are safe before any model call
        first = recorder.draft(make_draft(attempts=make_attempts()))
        recorder.event("regenerated", first, "warmer")
        second = recorder.draft(make_draft(body="Warmer"), "regenerated")
        recorder.event("accepted", second)
        with History.open(db_path) as other:
            other.set_outcome(1, Outcome.REJECTED, date(2026, 11, 20))
        assert recorder.tracked(notes()).outcome is Outcome.REJECTED
    assert recorder.draft(make_draft()) is None  # closed: records nothing more
    with History.open(db_path) as opened:
        detail = opened.interview(1)
    assert [(d.id, d.status, len(d.attempts)) for d in detail.drafts] == [
        (first, "drafted", 3),
        (second, "regenerated", 0),
    ]
    assert [(e.action, e.draft_id) for e in detail.events] == [
        ("regenerated", first),
        ("accepted", second),
        ("outcome", None),
    ]


def test_the_null_recorder_records_nothing(db_path: Path) -> None:
    recorder = history.open_recorder(notes(), "pasted", path=db_path, enabled=False)
    assert isinstance(recorder, history.NullRecorder)
    with recorder:
        assert recorder.tracked(notes()) == notes()
        assert recorder.draft(make_draft(attempts=make_attempts())) is None
        recorder.event("accepted", None)
    assert not db_path.exists()


def test_review_records_through_the_one_recorder_protocol(db_path: Path) -> None:
    """Every drafting path (draft, batch, review) records through the drafting service's
    session: with --no-log it holds a NullRecorder; given the history it keeps each version
    with its attempts and each decision."""
    from composer.drafting import Drafter, no_history

    with Drafter(history=no_history).open(notes()) as quiet:
        assert isinstance(quiet.recorder, history.NullRecorder)
        assert quiet.keep(make_draft(attempts=make_attempts())).history_id is None
    assert not db_path.exists()

    def keep(n: InterviewNotes, text: str | None) -> history.Recorder:
        return history.open_recorder(n, text, path=db_path)

    with Drafter(history=keep).open(notes()) as session:
        kept = session.keep(make_draft(attempts=make_attempts()))
        session.event("skipped", kept)
    with History.open(db_path) as opened:
        [version] = opened.interview(1).drafts
        assert len(version.attempts) == 3
        assert [e.action for e in opened.interview(1).events] == ["skipped"]


def test_a_model_draft_is_recorded_with_the_calls_it_took(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`composer draft` with a model: the history keeps every call the draft took, not a
    prompt rendered again afterwards."""
    from tests.fake_openai import FakeOpenAI, draft
    from tests.test_llm_wire import GOOD, SUBJECT

    with FakeOpenAI([draft(SUBJECT, GOOD)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = invoke("draft", NOTES_FILE, "-k", "thank-you", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    [made] = json.loads(result.stdout)["drafts"]
    with History.open(db_path) as opened:
        [stored] = opened.interview(1).drafts
    assert stored.source == made["source"] and stored.prompt is None
    assert [a.model_dump(mode="json") for a in stored.attempts] == made["attempts"]
    assert stored.attempts and stored.usage.total_tokens == made["usage"]["total_tokens"] > 0


# --- due() reads any store ----------------------------------------------------------------------


class TwoInterviews:
    """The four Store methods due() reads, over two interviews; the second's notes are bad."""

    def __init__(self) -> None:
        self.rows = [
            history.InterviewRow(
                id=n,
                candidate="Jordan Ellis",
                company=company,
                role="Paralegal",
                interview_date=date(2026, 11, 12),
                outcome=Outcome.PENDING,
                created_at="2026-11-12T18:00:00+00:00",
                updated_at="2026-11-12T18:00:00+00:00",
            )
            for n, company in ((1, "Bramley Kent LLP"), (2, "Broken Ltd"))
        ]

    def interviews(self, company: str | None = None) -> list[history.InterviewRow]:
        return self.rows

    def notes(self, interview_id: int) -> InterviewNotes:
        if interview_id == 2:
            raise HistoryError("The notes of interview 2 can no longer be read.")
        return notes(decision_by="2026-11-19")

    def sent_kinds(self, interview_id: int) -> dict[Kind, date]:
        return {Kind.THANK_YOU: date(2026, 11, 13)}

    def latest_drafts(self, interview_id: int) -> dict[Kind, int]:
        return {Kind.THANK_YOU: 7}


def test_due_is_plan_logic_over_any_store() -> None:
    from composer import plan

    assert history.due is plan.due and history.DueReport is plan.DueReport
    report = plan.due(TwoInterviews(), date(2026, 11, 23))  # type: ignore[arg-type]
    assert report.interviews == 2
    # The status check has no draft yet: 'composer sent 1 status-check' records one without.
    assert [(i.interview_id, i.kind, i.status, i.draft_id) for i in report.items] == [
        (1, Kind.STATUS_CHECK, "due", None)
    ]
    assert [(s.interview_id, s.company) for s in report.skipped] == [(2, "Broken Ltd")]
    assert report.warnings == [
        "Interview #2 (Paralegal at Broken Ltd) is left out. "
        "The notes of interview 2 can no longer be read."
    ]
    early = plan.due(TwoInterviews(), date(2026, 11, 14))  # type: ignore[arg-type]
    assert early.items == [] and early.upcoming is not None
    # 19 November + 3 days is Sunday 22 November: the window opens on the Monday.
    assert early.upcoming.opens == date(2026, 11, 23)


# --- privacy ------------------------------------------------------------------------------------


def test_purge_deletes_everything_and_leaves_no_trace_on_disk(
    store: History, db_path: Path
) -> None:
    interview = store.record_interview(notes(company="Zanzibar Quokka Ltd"), source_text="QUOKKA")
    for n in range(30):
        draft = store.record_draft(
            interview, make_draft(body=f"Dear Quokka {n}", attempts=make_attempts(f"Quokka {n}"))
        )
        store.record_event(interview, "accepted", draft_id=draft, detail="quokka")
    store.mark_sent(draft, date(2026, 11, 13))
    assert b"Quokka" in raw_bytes(db_path)
    store.purge()
    assert set(store.counts().values()) == {0}
    assert b"Quokka" not in raw_bytes(db_path) and b"QUOKKA" not in raw_bytes(db_path)
    assert store.record_interview(notes()) > 0  # still usable


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "history.db"
    with History.open(path) as opened:
        opened.record_interview(notes())
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert sidecar.exists() and stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    loose = tmp_path / "loose.db"
    loose.touch(mode=0o644)
    os.chmod(loose, 0o644)
    History.open(loose).close()
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "key",
    ["sk-proj-THISisAfakeKEY0123456789abcdef", "local-THISisAfakeKEY-for-a-vllm-server"],
    ids=["shaped-like-a-key", "the-configured-key"],
)
def test_no_api_key_is_ever_stored(db_path: Path, key: str) -> None:
    """Anything shaped like a key is blanked; so is the configured key, whatever its shape."""
    with History.open(db_path, secrets=[key]) as store:
        interview = store.record_interview(notes(), source_text=f"notes; my key is {key}")
        attempt = Attempt(
            source=Source.LLM,
            error=f"401: Incorrect API key {key}",
            messages=[{"role": "user", "content": f"key {key}"}],
            raw=f"Authorization: Bearer {key}",
            subject=f"Subject {key}",
            body=f"Body {key}",
            findings=[SHORT.model_copy(update={"message": f"quoted {key}"})],
            fixes=[f"removed {key}"],
        )
        store.record_draft(
            interview,
            make_draft(fallback_reason=f"401: Incorrect API key {key}", attempts=[attempt]),
        )
        store.record_event(interview, "edited", detail=key)
        [kept] = store.interview(interview).drafts[0].attempts
    stored = raw_bytes(db_path)
    assert key.encode() not in stored and b"THISisAfakeKEY" not in stored
    assert b"[redacted]" in stored
    assert kept.messages == [{"role": "user", "content": "key [redacted]"}]
    assert kept.findings[0].message == "quoted [redacted]"


def test_the_cli_blanks_the_configured_key(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI hands the key in OPENAI_API_KEY to the history, which blanks it from notes."""
    key = "local-THISisAfakeKEY-for-a-vllm-server"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    notes_file = tmp_path / "notes.txt"
    notes_file.write_text(
        "Candidate: Jordan Ellis\nCompany: Bramley Kent LLP\nRole: Paralegal\n"
        f"Interviewer: Sophie Turner\nInterview date: 12 November 2026\nLearned: {key}\n",
        encoding="utf-8",
    )
    assert invoke("outcome", str(notes_file), "rejected").exit_code == 0
    with History.open(db_path) as opened:
        assert "[redacted]" in (opened.interview(1).source_text or "")
    assert b"THISisAfakeKEY" not in raw_bytes(db_path).replace(b"[redacted]", b"")
    columns = {
        row[1]
        for table in ("interviews", "drafts", "events", "sends")
        for row in sqlite3.connect(db_path).execute(f"PRAGMA table_info({table})")
    }
    assert not {c for c in columns if "key" in c or "header" in c or "env" in c}


# --- damage -------------------------------------------------------------------------------------


def _full_history(path: Path) -> None:
    with History.open(path) as opened:
        interview = opened.record_interview(notes(), source_text="x" * 20_000)
        for n in range(40):
            opened.record_event(interview, "accepted", detail="y" * 2_000 + str(n))


@pytest.mark.parametrize("damage", ["random", "truncated", "header-only", "foreign", "folder"])
def test_damaged_file_is_a_clear_error(damage: str, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if damage == "random":
        db_path.write_bytes(os.urandom(16_384))
    elif damage == "truncated":
        _full_history(db_path)
        whole = db_path.read_bytes()
        db_path.write_bytes(whole[: len(whole) // 2])
    elif damage == "header-only":
        db_path.write_bytes(b"SQLite format 3\x00" + os.urandom(5_000))
    elif damage == "foreign":
        other = sqlite3.connect(db_path)
        other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
        other.commit()
        other.close()
    else:
        db_path.mkdir()
    with pytest.raises(HistoryError) as info, History.open(db_path) as opened:
        opened.interviews()
    message = info.value.message
    assert str(db_path) in message and info.value.exit_code == 2
    if damage != "folder":
        assert "mv " in message and ".damaged" in message and "damaged" in message


def test_a_newer_schema_is_refused_not_downgraded(db_path: Path) -> None:
    History.open(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(HistoryError, match="newer composer"):
        History.open(db_path)


# --- migrations ---------------------------------------------------------------------------------

# The schema composer 0.1 shipped (version 1), written out by hand as an old database has it.
V1_SCHEMA = """
CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    candidate TEXT NOT NULL COLLATE NOCASE, company TEXT NOT NULL COLLATE NOCASE,
    role TEXT NOT NULL COLLATE NOCASE, interview_date TEXT NOT NULL, decision_by TEXT,
    outcome TEXT NOT NULL DEFAULT 'pending', outcome_on TEXT, notes_json TEXT NOT NULL,
    source_text TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    UNIQUE (candidate, company, role, interview_date));
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, source TEXT NOT NULL, model TEXT, subject TEXT NOT NULL,
    body TEXT NOT NULL, prompt_json TEXT, response TEXT, findings_json TEXT NOT NULL,
    passed INTEGER NOT NULL, prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0, total_tokens INTEGER NOT NULL DEFAULT 0,
    fallback_reason TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    draft_id INTEGER REFERENCES drafts(id) ON DELETE SET NULL,
    action TEXT NOT NULL, detail TEXT, created_at TEXT NOT NULL);
CREATE TABLE sends (
    id INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    draft_id INTEGER NOT NULL UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, sent_on TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX drafts_by_interview ON drafts (interview_id);
CREATE INDEX events_by_interview ON events (interview_id);
CREATE INDEX sends_by_interview ON sends (interview_id);
INSERT INTO interviews VALUES (1, 'Jordan Ellis', 'Bramley Kent LLP', 'Paralegal',
    '2026-11-12', '2026-11-19', 'pending', NULL, '{notes}', 'pasted text',
    '2026-11-12T18:00:00+00:00', '2026-11-12T18:00:00+00:00');
INSERT INTO drafts VALUES (1, 1, 'thank-you', 'template', NULL, 'Thank you', 'Dear Sophie,',
    NULL, NULL, '[]', 1, 0, 0, 0, NULL, 'accepted', '2026-11-12T18:01:00+00:00');
INSERT INTO drafts VALUES (2, 1, 'thank-you', 'llm', 'gpt-4o-mini', 'Thanks', 'Dear Sophie, hi',
    '[{"role": "user", "content": "the prompt, re-rendered"}]',
    '{"subject": "Thanks", "body": "Dear Sophie, hi"}', '[]', 1, 120, 80, 200, NULL, 'drafted',
    '2026-11-12T18:03:00+00:00');
INSERT INTO events VALUES (1, 1, 1, 'accepted', NULL, '2026-11-12T18:02:00+00:00');
INSERT INTO sends VALUES (1, 1, 1, 'thank-you', '2026-11-13', '2026-11-13T09:00:00+00:00');
PRAGMA user_version = 1;
"""


def v1_database(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    old_notes = notes(company="Bramley Kent LLP", decision_by="2026-11-19").model_dump_json()
    raw.executescript(V1_SCHEMA.replace("{notes}", old_notes.replace("'", "''")))
    raw.close()


# Migration 2 as composer 0.2 ran it: a version 2 database is the current schema before attempts.
V2_UPGRADE = """
ALTER TABLE drafts ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
INSERT INTO drafts VALUES (3, 1, 'status-check', 'template', NULL, '', 'Hello, this is Jordan',
    NULL, NULL, '[]', 1, 0, 0, 0, NULL, 'drafted', '2026-11-24T09:00:00+00:00', 'phone');
PRAGMA user_version = 2;
"""


def v2_database(path: Path) -> None:
    v1_database(path)
    raw = sqlite3.connect(path)
    raw.executescript(V2_UPGRADE)
    raw.close()


def _user_version(path: Path) -> int:
    raw = sqlite3.connect(path)
    try:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def test_a_version_2_database_gains_attempts_and_keeps_its_rows(db_path: Path) -> None:
    """The schema before attempts were kept: every row survives, old drafts keep the prompt and
    response they were stored with, and new drafts store their attempts beside them."""
    v2_database(db_path)
    assert _user_version(db_path) == 2
    with History.open(db_path) as opened:
        assert _user_version(db_path) == schema.SCHEMA_VERSION >= 3
        assert opened.counts() == {
            "interviews": 1,
            "drafts": 3,
            "events": 1,
            "sends": 1,
            "attempts": 0,
        }
        detail = opened.interview(1)
        template, model, phone = detail.drafts
        assert (template.status, template.sent_on, template.attempts) == (
            "accepted",
            date(2026, 11, 13),
            [],
        )
        assert model.prompt == [{"role": "user", "content": "the prompt, re-rendered"}]
        assert model.response == '{"subject": "Thanks", "body": "Dear Sophie, hi"}'
        assert model.usage == Usage(prompt_tokens=120, completion_tokens=80, total_tokens=200)
        assert model.attempts == []
        assert phone.channel == "phone" and phone.body == "Hello, this is Jordan"
        assert detail.source_text == "pasted text" and detail.events[0].action == "accepted"
        assert opened.sent_kinds(1) == {Kind.THANK_YOU: date(2026, 11, 13)}
        new = opened.record_draft(1, make_draft(attempts=make_attempts()))
        assert opened.draft(new).attempts == make_attempts()
        assert opened.draft(2).prompt == model.prompt  # the old row is untouched
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    History.open(db_path).close()  # opening again migrates nothing more
    assert _user_version(db_path) == schema.SCHEMA_VERSION


def test_a_version_1_database_is_upgraded_with_its_data(db_path: Path) -> None:
    v1_database(db_path)
    with History.open(db_path) as opened:
        assert _user_version(db_path) == schema.SCHEMA_VERSION
        detail = opened.interview(1)
        assert detail.source_text == "pasted text"
        assert detail.drafts[0].channel == "email"  # migration 2's default for old rows
        assert detail.drafts[0].sent_on == date(2026, 11, 13)
        assert detail.drafts[1].prompt == [{"role": "user", "content": "the prompt, re-rendered"}]
        assert opened.sent_kinds(1) == {Kind.THANK_YOU: date(2026, 11, 13)}
        assert opened.find(notes()) == 1
        # The new column is used: a phone script keeps its channel.
        phone = make_draft(Kind.STATUS_CHECK).model_copy(update={"channel": "phone"})
        new = opened.record_draft(1, phone)
        assert opened.draft(new).channel == "phone"
        check = sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchall()
        assert check == [("ok",)]
    # Opening again does nothing more.
    History.open(db_path).close()


def test_a_failing_migration_changes_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    v1_database(db_path)
    broken = [*schema.MIGRATIONS, ("ALTER TABLE drafts ADD COLUMN later TEXT", "NOT SQL")]
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(HistoryError):
        History.open(db_path)
    raw = sqlite3.connect(db_path)
    # Migrations 2 and 3 committed one by one; the broken last one left neither its column
    # nor its version.
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(broken) - 1
    columns = [row[1] for row in raw.execute("PRAGMA table_info(drafts)")]
    assert "channel" in columns and "cached_tokens" in columns and "later" not in columns
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "attempts" in tables


# --- two processes at once ----------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from composer.history import History
    from composer.models import Attempt, Draft, InterviewNotes

    path, name, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])

    def notes(company):
        return InterviewNotes(candidate="Jordan Ellis", company=company, role="Paralegal",
                              interviewers="Sophie Turner", interview_date="2026-11-12")

    def make_draft(body):
        attempt = Attempt(source="llm", passed=True, messages=[{"role": "user",
            "content": "x" * 500}], raw=body, subject="Thanks", body=body)
        return Draft.model_validate({"kind": "thank-you", "subject": "Thanks", "body": body,
            "source": "llm", "model": "m", "report": {"kind": "thank-you", "passed": True,
            "findings": [], "stats": {"words": 2, "sentences": 1}}, "attempts": [attempt]})

    while not go.exists():
        time.sleep(0.001)
    reopen = sys.argv[5] == "reopen"  # a new connection per write, like separate composer runs
    store = History.open(path)
    shared = store.record_interview(notes("Shared Ltd"))
    own = store.record_interview(notes(name))
    for n in range(count):
        if reopen:
            store.close()
            store = History.open(path)
        target = shared if n % 2 else own
        draft = store.record_draft(target, make_draft(f"{name} {n}"))
        store.record_event(target, "accepted", draft_id=draft, detail=f"{name} {n}")
        if n % 50 == 0:
            store.mark_sent(draft, date(2026, 11, 13))
            store.interviews()
    store.close()
    print(shared)
    """
)


@pytest.mark.parametrize(
    ("writers", "count", "mode"),
    [(2, 1500, "one-connection"), (3, 150, "reopen")],
    ids=["2x1500-rows-one-connection-each", "3x150-rows-a-connection-per-write"],
)
def test_processes_writing_at_once_do_not_corrupt_it(
    db_path: Path, tmp_path: Path, writers: int, count: int, mode: str
) -> None:
    """Each process writes `count` drafts and events (and a send every 50) as fast as it can,
    all starting at once on a file that does not exist yet (so they race to create it too)."""
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    names = [f"Writer {chr(ord('A') + n)}" for n in range(writers)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), name, str(count), str(go), mode],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    time.sleep(0.5)  # all are importing or waiting; none has created the file
    assert not db_path.exists()
    go.touch()
    outputs = [proc.communicate(timeout=300) for proc in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    assert len({out.strip() for out, _ in outputs}) == 1  # all upserted the same interview
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    sends = writers * len(range(0, count, 50))
    counts = dict(
        interviews=1 + writers,
        drafts=writers * count,
        events=writers * count + sends,
        sends=sends,
        attempts=writers * count,
    )
    with History.open(db_path) as opened:
        assert opened.counts() == counts
        bodies = {d.body for i in opened.interviews() for d in opened.interview(i.id).drafts}
    assert bodies == {f"{name} {n}" for name in names for n in range(count)}
    # The writes really were interleaved: the id order switches between the writers.
    order = [row[0] for row in raw.execute("SELECT substr(body, 1, 8) FROM drafts ORDER BY id")]
    switches = sum(1 for a, b in itertools.pairwise(order) if a != b)
    assert switches >= writers, switches
    raw.close()
    print(
        f"\n{mode}: {sum(counts.values())} rows by {writers} processes, "
        f"{switches} switches between writers"
    )


# --- the commands -------------------------------------------------------------------------------


def test_history_lists_nothing_without_creating_a_file(db_path: Path) -> None:
    result = invoke("history")
    assert result.exit_code == 0 and "No interviews tracked yet" in result.stdout
    listing = json.loads(invoke("history", "--format", "json").stdout)
    assert listing == {"database": str(db_path), "interviews": []}
    assert "No interviews tracked yet" in invoke("due").stdout
    assert not db_path.exists()


def test_history_list_and_show(db_path: Path) -> None:
    with History.open(db_path) as opened:
        first = opened.record_interview(notes(), source_text="Candidate: Jordan Ellis")
        opened.record_interview(notes(company="Northwind Health", day="2026-11-20"))
        draft = opened.record_draft(first, make_draft(attempts=make_attempts()))
        opened.record_event(first, "accepted", draft_id=draft)
        opened.mark_sent(draft, date(2026, 11, 13))
    text = invoke("history").stdout
    assert "Bramley Kent LLP" in text and "Northwind Health" in text
    assert text.index("Northwind") < text.index("Bramley")  # newest first
    only = json.loads(invoke("history", "--company", "bramley", "-f", "json").stdout)
    assert [
        (r["id"], r["company"], r["drafts"], r["sent"], r["outcome"]) for r in only["interviews"]
    ] == [(first, "Bramley Kent LLP", 1, 1, "pending")]
    assert "No tracked interview" in invoke("history", "--company", "acme").stdout

    shown = invoke("history", "show", str(first))
    assert shown.exit_code == 0
    for expected in (
        "Paralegal at Bramley Kent LLP",
        "Dear Sophie",
        "accepted",
        "sent",
        "Fri 13 Nov 2026",
        "200 tokens",
    ):
        assert expected in shown.stdout, expected
    data = json.loads(invoke("history", "show", str(first), "--format", "json").stdout)
    assert set(data) == {"interview", "notes", "source_text", "drafts", "events", "sends"}
    assert data["source_text"] == "Candidate: Jordan Ellis"
    assert [a["raw"] for a in data["drafts"][0]["attempts"]] == [a.raw for a in make_attempts()]
    assert data["drafts"][0]["attempts"][0]["messages"][0]["role"] == "system"
    assert data["drafts"][0]["usage"]["total_tokens"] == 200
    assert data["sends"][0]["sent_on"] == "2026-11-13"

    missing = invoke("history", "show", "99")
    assert missing.exit_code == 2 and "There is no interview 99" in missing.stderr


def test_commands_report_a_damaged_history_and_exit_2(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(os.urandom(16_384))
    for args in (
        ["history"],
        ["history", "show", "1"],
        ["history", "purge", "--yes"],
        ["due"],
        ["sent", "1"],
        ["outcome", "1", "rejected"],
    ):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        assert f"error: The history database at {db_path} is damaged" in result.stderr, args
        assert "mv " in result.stderr


def test_history_purge_asks_or_needs_yes(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with History.open(db_path) as opened:
        opened.record_interview(notes())
    refused = invoke("history", "purge")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    monkeypatch.setattr(cli_io, "interactive", lambda: True)
    declined = invoke("history", "purge", stdin="n\n")
    assert declined.exit_code == 1 and "Nothing was deleted" in declined.stdout
    assert len(History.open(db_path).interviews()) == 1
    accepted = invoke("history", "purge", stdin="y\n")
    assert accepted.exit_code == 0 and "Deleted 1 interview" in accepted.stdout
    assert History.open(db_path).interviews() == []
    monkeypatch.setattr(cli_io, "interactive", lambda: False)
    with History.open(db_path) as opened:
        opened.record_interview(notes())
    assert invoke("history", "purge", "--yes").exit_code == 0
    assert History.open(db_path).interviews() == []


def test_sent_marks_a_draft(db_path: Path) -> None:
    with History.open(db_path) as opened:
        interview = opened.record_interview(notes())
        draft = opened.record_draft(interview, make_draft())
    result = invoke("sent", str(draft), "--on", "13 November 2026")
    assert result.exit_code == 0, result.output
    assert "thank-you to Bramley Kent LLP" in result.stdout and "13 Nov 2026" in result.stdout
    assert History.open(db_path).sent_kinds(interview) == {Kind.THANK_YOU: date(2026, 11, 13)}
    today = invoke("sent", str(draft))
    assert today.exit_code == 0
    assert History.open(db_path).sent_kinds(interview) == {Kind.THANK_YOU: date.today()}
    bad_date = invoke("sent", str(draft), "--on", "31 February 2026")
    assert bad_date.exit_code == 2 and "--on" in bad_date.stderr
    missing = invoke("sent", "77")
    assert missing.exit_code == 2 and "There is no draft 77" in missing.stderr


def test_outcome_by_notes_file_or_id(db_path: Path, tmp_path: Path) -> None:
    text = (
        "Candidate: Jordan Ellis\nCompany: Bramley Kent LLP\nRole: Paralegal\n"
        "Interviewer: Sophie Turner\nInterview date: 12 November 2026\nDecision by: 1 week\n"
    )
    notes_file = tmp_path / "notes.txt"
    notes_file.write_text(text, encoding="utf-8")
    result = invoke("outcome", str(notes_file), "rejected", "--on", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert "rejected" in result.stdout and "feedback" in result.stdout
    assert "Fri 27 Nov 2026" in result.stdout  # the feedback request's due day
    with History.open(db_path) as opened:
        [row] = opened.interviews()
        assert (row.outcome, row.outcome_on) == (Outcome.REJECTED, date(2026, 11, 25))
        assert opened.interview(row.id).source_text == text
    again = invoke("outcome", str(row.id), "Offered", "--on", "2026-11-30")
    assert again.exit_code == 0, again.output
    assert History.open(db_path).interviews()[0].outcome is Outcome.OFFERED
    piped = invoke("outcome", "-", "pending", stdin=text)
    assert piped.exit_code == 0 and len(History.open(db_path).interviews()) == 1
    for args, message in (
        (["outcome", "99", "rejected"], "There is no interview 99"),
        (["outcome", str(tmp_path / "nope.txt"), "rejected"], "No notes file"),
        (["outcome", str(notes_file), "maybe"], "maybe"),
    ):
        failed = invoke(*args)
        assert failed.exit_code == 2 and message in failed.stderr, failed.output


def test_every_command_has_examples_in_its_help() -> None:
    for args in (
        ["history"],
        ["history", "show"],
        ["history", "purge"],
        ["sent"],
        ["outcome"],
        ["due"],
    ):
        result = invoke(*args, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.stdout and f"composer {args[0]}" in result.stdout


# --- composer due over a fixture history --------------------------------------------------------


@pytest.fixture
def applications(db_path: Path) -> dict[str, int]:
    """Five applications at different stages around the turn of 2026/27.

    Alder:   interviewed Wed 30 Dec, decision by 6 Jan; nothing sent yet.
    Birch:   interviewed 20 Nov, decision by 27 Nov; thank-you sent 21 Nov.
    Cedar:   interviewed 10 Dec, decision by 17 Dec; thank-you sent; rejected on 29 Dec.
    Dogwood: interviewed 1 Dec; thank-you sent; offered on 5 Dec.
    Elm:     interviewed 28 Dec, no decision date (14 days assumed); thank-you sent.
    """
    plan = {
        "Alder & Co": ("2026-12-30", "2027-01-06", None, None),
        "Birch Ltd": ("2026-11-20", "2026-11-27", "2026-11-21", None),
        "Cedar plc": ("2026-12-10", "2026-12-17", "2026-12-11", ("rejected", "2026-12-29")),
        "Dogwood Inc": ("2026-12-01", "2026-12-08", "2026-12-02", ("offered", "2026-12-05")),
        "Elm GmbH": ("2026-12-28", None, "2026-12-28", None),
    }
    ids = {}
    later = date(2027, 1, 31)  # the fixture's sends and answers are in the past by then
    with History.open(db_path) as opened:
        for company, (day, decision, thanked, answer) in plan.items():
            extra = {"decision_by": decision} if decision else {}
            interview = opened.record_interview(notes(company=company, day=day, **extra))
            ids[company] = interview
            draft = opened.record_draft(interview, make_draft())
            if thanked:
                opened.mark_sent(draft, date.fromisoformat(thanked), today=later)
            if answer:
                heard = date.fromisoformat(answer[1])
                opened.set_outcome(interview, Outcome(answer[0]), heard, today=later)
    return ids


def due_items(today: str) -> list[tuple[str, str, str, int]]:
    result = invoke("due", "--today", today, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["today"] == today and report["interviews"] == 5
    return [(i["company"], i["kind"], i["status"], i["overdue_days"]) for i in report["items"]]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-11-25", []),
        ("2026-11-30", [("Birch Ltd", "status-check", "due", 0)]),  # window opens at month end
        ("2026-12-01", [("Birch Ltd", "status-check", "due", 0)]),
        ("2026-12-06", [("Birch Ltd", "status-check", "overdue", 2)]),
        (
            "2026-12-31",
            [
                ("Birch Ltd", "status-check", "overdue", 27),
                ("Alder & Co", "thank-you", "due", 0),
                ("Cedar plc", "feedback-request", "due", 0),
            ],
        ),
        (
            "2027-01-02",  # across the year end
            [
                ("Birch Ltd", "status-check", "overdue", 29),
                ("Alder & Co", "thank-you", "overdue", 2),
                ("Cedar plc", "feedback-request", "overdue", 2),
            ],
        ),
        (
            # Alder's thank-you is past its moment; its status check (6 Jan + 3 days is a
            # Saturday) opened on Monday 11 Jan and is due by Friday 15 Jan; Elm's assumed
            # window is open.
            "2027-01-15",
            [
                ("Birch Ltd", "status-check", "overdue", 42),
                ("Cedar plc", "feedback-request", "overdue", 15),
                ("Alder & Co", "status-check", "due", 0),
                ("Elm GmbH", "status-check", "due", 0),
            ],
        ),
    ],
)
def test_due_lists_the_right_follow_ups(
    applications: dict[str, int], today: str, expected: list[tuple[str, str, str, int]]
) -> None:
    assert due_items(today) == expected


def test_due_after_sending_and_in_text(applications: dict[str, int], db_path: Path) -> None:
    with History.open(db_path) as opened:
        alder = opened.interview(applications["Alder & Co"]).drafts[0].id
        opened.mark_sent(alder, date(2026, 12, 31), today=date(2027, 1, 2))
        cedar = applications["Cedar plc"]
        opened.mark_sent(
            opened.record_draft(cedar, make_draft(Kind.FEEDBACK_REQUEST)),
            date(2027, 1, 1),
            today=date(2027, 1, 2),
        )
    assert due_items("2027-01-02") == [("Birch Ltd", "status-check", "overdue", 29)]
    text = invoke("due", "--today", "2027-01-02").stdout
    assert "1 follow-up to send (Sat 2 Jan 2027)" in text
    assert "Birch Ltd - Paralegal: ask politely for an update (status-check)" in text
    assert "overdue by 29 days" in text
    quiet = invoke("due", "--today", "2026-11-25").stdout
    assert "Nothing to send today" in quiet and "5 tracked interviews" in quiet
    assert "Next: ask politely for an update for Birch Ltd (Paralegal) from Mon 30 Nov" in quiet


def test_due_reads_today_and_format_from_the_environment(
    applications: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPOSER_TODAY", "2026-12-06")
    monkeypatch.setenv("COMPOSER_FORMAT", "json")
    report = json.loads(invoke("due").stdout)
    assert [(i["company"], i["overdue_days"]) for i in report["items"]] == [("Birch Ltd", 2)]
    bad = invoke("due", "--today", "someday")
    assert bad.exit_code == 2 and "--today" in bad.stderr
