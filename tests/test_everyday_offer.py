"""After an offer (issue 14.6): the candidate's answer to the offer is theirs to write. composer
writes the thank-you for the interview only while it is due, thanking them for the offer too and
asking for nothing; past that moment `draft` says there is nothing to send."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from composer.cli import app
from composer.drafting import OFFER_INSTRUCTION, Drafter, compose, template_draft
from composer.models import Kind, Outcome
from composer.notes import parse_notes
from tests.fake_client import FakeClient
from tests.test_llm_wire import GOOD, SUBJECT

TODAY = date.today()


def _text(interview: date, outcome: str = "offered", extra: str = "") -> str:
    return (
        "Candidate: Jordan Ellis\nCompany: Bramley Kent LLP\nRole: Paralegal\n"
        "Interviewer: Sophie Turner\n"
        f"Interview date: {interview.isoformat()}\nDecision by: 1 week\n"
        "Learned: paralegals attend client meetings from their first month\n"
        f"Outcome: {outcome}\n{extra}"
    )


def _notes(interview: date, outcome: str = "offered", extra: str = ""):  # type: ignore[no-untyped-def]
    return parse_notes(_text(interview, outcome, extra)).notes


ASKS_FOR_NEWS = ("look forward to hearing", "looking forward to hearing", "hear from you")


@pytest.mark.parametrize("tone", ["formal", "warm"])
@pytest.mark.parametrize("variant", [0, 1, 2])
@pytest.mark.parametrize("highlights", ["", "Highlights: four years of NHS reporting\n"])
def test_the_thank_you_after_an_offer_thanks_for_it_and_asks_for_nothing(
    tone, variant, highlights
) -> None:
    notes = _notes(TODAY, extra=f"Tone: {tone}\n{highlights}")
    draft = template_draft(notes, Kind.THANK_YOU, variant=variant)
    body = draft.body.lower()
    assert not any(phrase in body for phrase in ASKS_FOR_NEWS), draft.body
    assert "for the offer" in body and "reply to it" in body
    assert draft.report.passed, [f.code for f in draft.report.errors]
    # The same notes while the decision is pending still ask for news, as the guidelines say.
    pending = template_draft(
        _notes(TODAY, "pending", f"Tone: {tone}\n{highlights}"), Kind.THANK_YOU
    )
    assert "offer" not in pending.body.lower()
    assert any(phrase in pending.body.lower() for phrase in ASKS_FOR_NEWS)


def test_draft_right_after_an_offer_writes_the_thank_you(runner, tmp_path) -> None:
    notes = tmp_path / "offer.txt"
    notes.write_text(_text(TODAY))
    result = runner.invoke(app, ["draft", str(notes), "--offline", "--no-log", "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["nothing_to_send"] is None
    (item,) = document["drafts"]
    assert item["kind"] == "thank-you" and "for the offer" in item["body"]


def test_draft_once_the_thank_you_moment_has_passed_says_there_is_nothing_to_send(
    runner, tmp_path
) -> None:
    notes = tmp_path / "offer.txt"
    notes.write_text(_text(TODAY - timedelta(days=10)))
    result = runner.invoke(app, ["draft", str(notes), "--offline", "--no-log"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert said.startswith("Nothing to send: your notes say you have an offer")
    assert "--kind thank-you" in said and "Subject:" not in said
    document = json.loads(
        runner.invoke(app, ["draft", str(notes), "--offline", "--no-log", "-f", "json"]).stdout
    )
    assert document["drafts"] == [] and document["nothing_to_send"].startswith("Nothing to send")
    out = tmp_path / "out"
    written = runner.invoke(app, ["draft", str(notes), "--offline", "--no-log", "--out", str(out)])
    assert written.exit_code == 0 and not out.exists()  # no empty folder, no file


def test_asking_for_the_thank_you_late_still_writes_it_with_a_fitting_warning(
    runner, tmp_path
) -> None:
    notes = tmp_path / "offer.txt"
    notes.write_text(_text(TODAY - timedelta(days=10)))
    result = runner.invoke(
        app, ["draft", str(notes), "--offline", "--no-log", "-k", "thank-you", "-f", "json"]
    )
    document = json.loads(result.stdout)
    (item,) = document["drafts"]
    assert "for the offer" in item["body"]
    (warning,) = document["warnings"]
    assert "only if you have not thanked them yet" in warning
    assert "status check" not in warning  # the plan's advice for a pending decision


def test_an_offer_recorded_in_the_history_is_named_as_the_history(
    runner, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = tmp_path / "notes.txt"
    notes.write_text(_text(TODAY - timedelta(days=10), "pending"))
    assert runner.invoke(app, ["outcome", str(notes), "offered"]).exit_code == 0
    result = runner.invoke(app, ["draft", str(notes), "--offline"])
    assert "Nothing to send: composer's history records an offer" in " ".join(result.stdout.split())
    status = runner.invoke(app, ["draft", str(notes), "--offline", "-k", "status-check"])
    assert "composer's history records the outcome as 'offered'" in " ".join(status.stderr.split())


def test_the_model_is_told_about_the_offer_for_a_thank_you_only() -> None:
    fake = FakeClient([(SUBJECT, GOOD)], repair_rounds=0)
    compose(_notes(TODAY), [Kind.THANK_YOU], offline=False, client=fake)
    (_system, user) = fake.sent[0]  # what varies by call is in the user message
    assert OFFER_INSTRUCTION in " ".join(user["content"].split())
    pending = FakeClient([(SUBJECT, GOOD)], repair_rounds=0)
    compose(_notes(TODAY, "pending"), [Kind.THANK_YOU], offline=False, client=pending)
    assert "offered the candidate the job" not in " ".join(m["content"] for m in pending.sent[0])


def test_review_after_an_offer_redrafts_keep_the_offer_in_mind() -> None:
    fake = FakeClient([(SUBJECT, GOOD)], repair_rounds=0)
    with Drafter(client=fake).open(_notes(TODAY)) as session:
        assert session.notes.outcome is Outcome.OFFERED
        again = session.redraft(Kind.THANK_YOU, instruction="warmer")
    assert len(again.attempts) == 1
    told = " ".join(fake.sent[0][1]["content"].split())
    assert OFFER_INSTRUCTION in told and "warmer" in told
