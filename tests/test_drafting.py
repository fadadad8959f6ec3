"""The one drafting service (composer.drafting) that draft, draft --batch and review share: what
it sends and keeps, and the bugs of the days when each entry point drafted its own way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import composer
from composer.batch import Throttle, run_batch
from composer.cli import app
from composer.drafting import Drafter, compose
from composer.history import History, HistoryRecorder, Recorder
from composer.kinds import Channel, Kind, Source
from composer.llm import BadAnswer, Deadline, ModelUnavailable
from composer.models import InterviewNotes, Message
from tests.conftest import FIXTURES
from tests.fake_client import FakeClient
from tests.test_llm_wire import GOOD, NOT_KEEN, SUBJECT

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"


def recording(db: Path) -> Drafter:
    """A drafter that records in the history at `db`, as the CLI's does."""

    def open_recorder(notes: InterviewNotes, text: str | None) -> Recorder:
        store = History.open(db)
        return HistoryRecorder(store, store.record_interview(notes, text))

    return Drafter(history=open_recorder)


def jordan() -> InterviewNotes:
    from composer.notes import read_notes_file

    return read_notes_file(NOTES).notes


# --- what a model draft keeps -------------------------------------------------------------------


def test_the_same_draft_again_after_a_repair_ends_the_repairs() -> None:
    """A model at a low temperature that answers a repair request with the very draft it was
    asked to change gives it every round: no more calls are spent on it."""
    fake = FakeClient([(SUBJECT, NOT_KEEN)] * 3, repair_rounds=2)
    (item,) = compose(jordan(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    assert len(fake.sent) == 2 and item.source is Source.TEMPLATE
    assert "the model sent the same draft again" in (item.fallback_reason or "")
    assert [m["role"] for m in fake.sent[1]] == ["system", "user", "assistant", "user"]


def test_a_changed_answer_is_repaired_from_the_first_request() -> None:
    still_failing = NOT_KEEN.replace("I look forward", "I do look forward")
    fake = FakeClient(
        [(SUBJECT, NOT_KEEN), (SUBJECT, still_failing), (SUBJECT, GOOD)], repair_rounds=2
    )
    (item,) = compose(jordan(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    assert item.body == GOOD
    assert len(fake.sent[2]) == 4 and fake.sent[2][:2] == fake.sent[0]
    assert json.loads(fake.sent[2][2]["content"])["body"] == still_failing


def test_every_attempt_keeps_what_was_sent_and_received(tmp_path: Path) -> None:
    fake = FakeClient([(SUBJECT, NOT_KEEN), (SUBJECT, GOOD)])
    drafter = Drafter(client=fake, history=recording(tmp_path / "h.db").history)
    with drafter.open(jordan(), "the notes as typed") as session:
        (item,) = session.draft([Kind.THANK_YOU]).drafts
    assert item.source is Source.LLM_REPAIRED and item.body == GOOD
    first, repair = item.attempts
    assert first.messages == fake.sent[0] and repair.messages == fake.sent[1]
    assert [m["role"] for m in repair.messages] == ["system", "user", "assistant", "user"]
    assert json.loads(first.raw or "") == {"subject": SUBJECT, "body": NOT_KEEN}
    assert (first.body, first.passed, repair.passed) == (NOT_KEEN, False, True)
    assert first.response_format == "json_schema" and item.model == "fake-model"
    assert item.usage.total_tokens == 300  # both calls
    with History.open(tmp_path / "h.db") as store:
        (row,) = store.interview(1).drafts
    # The history holds the conversation that was really sent, and the answer received.
    assert row.id == item.history_id
    assert [a.messages for a in row.attempts] == fake.sent
    assert [a.raw for a in row.attempts] == [first.raw, repair.raw]


def test_an_unusable_answer_keeps_its_raw_text_and_is_asked_again() -> None:
    fake = FakeClient(
        [BadAnswer("the answer was not JSON", raw="<html>oops</html>"), (SUBJECT, GOOD)]
    )
    (item,) = compose(jordan(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    refused, good = item.attempts
    assert refused.raw == "<html>oops</html>" and refused.error == "the answer was not JSON"
    assert fake.sent[1] == fake.sent[0]  # asked afresh, not repaired
    assert good.passed and item.source is Source.LLM


def test_a_dead_endpoint_means_the_template_draft_and_a_reason() -> None:
    fake = FakeClient([ModelUnavailable("cannot reach the server")])
    result = compose(jordan(), [Kind.THANK_YOU], offline=False, client=fake)
    (item,) = result.drafts
    assert item.source is Source.TEMPLATE and item.fallback_reason == "cannot reach the server"
    assert len(fake.sent) == 1 and item.attempts[0].messages == fake.sent[0]
    assert any("using the template draft" in w for w in result.warnings)


def test_the_python_api_is_the_service() -> None:
    assert composer.compose is compose
    offline = compose(jordan(), ["thank-you"])
    assert offline.drafts[0].source is Source.TEMPLATE and offline.drafts[0].history_id is None


def test_the_batch_throttle_is_a_model_client() -> None:
    fake = FakeClient([(SUBJECT, GOOD)])
    throttle = Throttle(fake, jobs=1)
    deadline = Deadline(5)
    reply = throttle.reply([{"role": "user", "content": "hi"}], deadline)
    assert reply.body == GOOD and throttle.endpoint is fake.endpoint
    assert throttle.slots.acquire(blocking=False)  # the slot was given back


def test_an_edited_call_script_is_checked_as_speech() -> None:
    with Drafter().open(jordan()) as session:
        script = next(d for d in session.draft(channel=Channel.PHONE).drafts)
        message = Message(body=script.body.replace("Opening:", "Opening:  "))
        spoken = session.check(message, Kind.STATUS_CHECK, Channel.PHONE)
        as_email = session.check(message, Kind.STATUS_CHECK, Channel.EMAIL)
    codes = {f.code for f in spoken.findings}
    assert not codes & {"CRT001", "SUBJ001"}  # no greeting line or subject on a call
    assert {"CRT001"} <= {f.code for f in as_email.findings}


# --- the bugs of issue 9: batch, review and the file names -----------------------------------


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    folder.mkdir()
    for name in ("jordan-ellis.txt", "zoe-okonkwo.txt"):
        shutil.copy(FIXTURES / "notes" / name, folder / name)
    return folder


def test_batch_with_the_phone_channel_writes_call_scripts(cohort: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["draft", "--batch", str(cohort), "--channel", "phone", "--offline", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    for name in ("jordan-ellis", "zoe-okonkwo"):
        files = sorted(p.name for p in (out / name).iterdir())
        assert files == ["status-check-call.txt", "status-check-voicemail.txt"]
        script = (out / name / "status-check-call.txt").read_text(encoding="utf-8")
        assert "Opening:" in script and not script.startswith("Subject:")


def test_batch_drafts_are_in_the_history_and_due(cohort: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    runner = CliRunner()
    batch = runner.invoke(app, ["draft", "--batch", str(cohort), "--offline", "-k", "thank-you"])
    assert batch.exit_code == 0, batch.output
    listing = json.loads(runner.invoke(app, ["history", "--format", "json"]).stdout)
    assert sorted(i["candidate"] for i in listing["interviews"]) == [
        "Jordan Ellis",
        "Zoë Okonkwo-Brennan",
    ]
    assert all(i["drafts"] == 1 for i in listing["interviews"])
    due = json.loads(runner.invoke(app, ["due", "--today", "2026-11-24", "-f", "json"]).stdout)
    assert due["interviews"] == 2 and {i["kind"] for i in due["items"]} == {"status-check"}


def test_batch_honours_an_outcome_recorded_in_the_history(
    cohort: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    runner = CliRunner()
    assert (
        runner.invoke(app, ["outcome", str(cohort / "jordan-ellis.txt"), "rejected"]).exit_code == 0
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["draft", "--batch", str(cohort), "--offline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "jordan-ellis").iterdir()) == ["feedback-request.txt"]
    assert sorted(p.name for p in (out / "zoe-okonkwo").iterdir()) == [
        "status-check.txt",
        "thank-you.txt",
    ]


@pytest.mark.parametrize("channel", ["email", "phone"])
def test_single_and_batch_drafts_share_one_naming_scheme(
    cohort: Path, tmp_path: Path, channel: str
) -> None:
    runner = CliRunner()
    common = ["--offline", "--no-log", "--channel", channel, "-k", "status-check"]
    single = runner.invoke(
        app, ["draft", str(cohort / "jordan-ellis.txt"), "-o", str(tmp_path / "one"), *common]
    )
    batch = runner.invoke(
        app, ["draft", "--batch", str(cohort), "-o", str(tmp_path / "b"), *common]
    )
    assert single.exit_code == 0 and batch.exit_code == 0, single.output + batch.output
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b" / "jordan-ellis").iterdir())
    for name in names:  # and the same text
        assert (tmp_path / "one" / name).read_text() == (
            tmp_path / "b" / "jordan-ellis" / name
        ).read_text()


def test_library_batch_records_through_the_drafters_history(cohort: Path, tmp_path: Path) -> None:
    result = run_batch(cohort, tmp_path / "out", drafter=recording(tmp_path / "h.db"))
    assert result.exit_code == 0
    with History.open(tmp_path / "h.db") as store:
        rows = store.interviews()
        assert len(rows) == 2 and sum(r.drafts for r in rows) == result.drafts


def test_review_with_the_phone_channel(tmp_path: Path) -> None:
    import pexpect

    from tests.test_review import _spawn

    child = _spawn(tmp_path, "--channel", "phone")
    child.expect(r"status-check call script \(template\)")
    child.expect("Opening:")
    child.expect(r"\[q\]uit > ")
    child.sendline("r")
    child.expect("Call scripts come from the templates")
    child.expect(r"\[q\]uit > ")
    child.sendline("a")
    child.expect(r"Saved .*status-check-call\.txt")
    child.expect(r"status-check voicemail \(template\)")
    child.expect(r"\[q\]uit > ")
    child.sendline("s")
    child.expect("Accepted 1 draft")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = sorted(p.name for p in (tmp_path / "drafts").iterdir() if p.is_file())
    assert saved == ["2026-11-12-bramley-kent-llp-status-check-call.txt"]  # no .eml for a call
