"""Repairs that help (issue 10): a draft whose only flaws the notes settle is fixed in code
without another model call; any other flaw goes back to the model with the whole sentence
quoted and what to change."""

from __future__ import annotations

import json

from composer import fixes
from composer.checker import check_message
from composer.cli import app
from composer.drafting import compose, fix_draft, repair_codes
from composer.history import History
from composer.kinds import Kind, Source
from composer.models import Message
from composer.prompts import draft_messages, failing_sentence, repair_messages
from composer.settings import RuleSettings
from tests.conftest import FIXTURES
from tests.fake_client import FakeClient
from tests.test_fixes import notes
from tests.test_llm_wire import GOOD, NO_GREETING, NOT_KEEN, SUBJECT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
# '[Your Name]' and 'Dear Hiring Manager': the notes settle both.
MECHANICAL = GOOD.replace("Dear Sophie,", "Dear Hiring Manager,").replace(
    "\nJordan Ellis", "\n[Your Name]"
)
PRESSURE = "I expect to hear back from you within the week."
# A flaw only the model can mend: a demand for a decision.
DEMANDING = GOOD.replace("I am very enthusiastic", f"{PRESSURE} I am very enthusiastic")


def _repair_text(message: Message) -> str:
    report = check_message(message, Kind.THANK_YOU, notes())
    base = draft_messages(Kind.THANK_YOU, notes(), RuleSettings())
    return repair_messages(base, message, report, repair_codes(report))[-1]["content"]


# --- the repair message -------------------------------------------------------------------------


def test_the_repair_message_quotes_the_whole_failing_sentence() -> None:
    """Before: '(the words: "I expect to hear")', four words a small model cannot place. Now
    the sentence they stand in, whole, and what to change in it."""
    text = _repair_text(Message(subject=SUBJECT, body=DEMANDING))
    assert "TONE001" in text
    assert f'"{PRESSURE}"' in text  # the whole sentence, from its first word to its full stop
    assert "gentle question" in text  # the rule's hint: what to change it to


def test_each_finding_carries_its_sentence_and_a_specific_instruction(monkeypatch) -> None:
    message = Message(subject=SUBJECT, body=DEMANDING)
    report = check_message(message, Kind.THANK_YOU, notes())
    base = draft_messages(Kind.THANK_YOU, notes(), RuleSettings())
    (pressure,) = [f for f in report.findings if f.code == "TONE001"]
    assert message.text[pressure.start : pressure.end] != PRESSURE  # the rule points at words
    assert failing_sentence(message, pressure.start, pressure.end) == PRESSURE
    # What the repair template is given: the keys repair.j2 uses today, and the new ones.
    seen: dict = {}

    def spy(name, templates=None, **context):  # type: ignore[no-untyped-def]
        seen.update(context)
        return "fix it"

    monkeypatch.setattr("composer.prompts.render", spy)
    repair_messages(base, message, report, {"TONE001"})
    (item,) = seen["findings"]
    assert item["words"] == item["sentence"] == PRESSURE
    assert item["target"] in PRESSURE and item["target"] != PRESSURE
    assert item["instruction"].startswith(f'Replace the sentence "{PRESSURE}": ')
    assert item["instruction"].endswith(item["hint"])


def test_a_sentence_broken_across_lines_is_quoted_on_one_line() -> None:
    wrapped = GOOD.replace(
        "I am very enthusiastic", "I expect to hear back from you\nwithin the week."
    )
    message = Message(subject=SUBJECT, body=wrapped)
    text = _repair_text(message)
    assert '"I expect to hear back from you within the week."' in text


def test_a_finding_in_the_subject_quotes_the_subject() -> None:
    message = Message(subject="Thank you - [Reference] interview", body=GOOD)
    report = check_message(message, Kind.THANK_YOU, notes())
    (blank,) = [f for f in report.findings if f.code == "HYG001"]
    assert failing_sentence(message, blank.start, blank.end) == message.subject


def test_findings_without_a_sentence_keep_their_words() -> None:
    """No span (no thanks at all), or an empty one (nothing signed): there is no sentence to
    quote, and the message says what is missing instead."""
    message = Message(subject=SUBJECT, body=NO_GREETING)
    assert failing_sentence(message, None, None) == ""
    assert failing_sentence(message, 10, 10) == ""
    # A span across several sentences (the first line, for a missing greeting) is not one
    # sentence: the words are clipped as before.
    report = check_message(message, Kind.THANK_YOU, notes())
    (missing,) = [f for f in report.findings if f.code == "CRT001"]
    assert failing_sentence(message, missing.start, missing.end) == ""
    assert '(the words: "Thank you for meeting me on Thursday' in _repair_text(message)


# --- the drafting loop --------------------------------------------------------------------------


def test_a_mechanical_draft_is_fixed_without_a_second_model_call() -> None:
    fake = FakeClient([(SUBJECT, MECHANICAL)])
    (item,) = compose(notes(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    assert len(fake.sent) == 1  # no repair round was spent
    assert item.source is Source.LLM_FIXED and item.report.passed
    assert item.body == GOOD  # '[Your Name]' -> Jordan Ellis, 'Dear Sophie,'
    (attempt,) = item.attempts
    assert [fixes.fix_name(f) for f in attempt.fixes] == ["placeholder", "greeting"]
    assert attempt.fixes[0] == "placeholder: [Your Name] -> 'Jordan Ellis'"
    # The attempt keeps the answer as received, and the text it ended with.
    assert json.loads(attempt.raw or "")["body"] == MECHANICAL
    assert attempt.body == GOOD and attempt.passed
    assert fixes.applied(item) == attempt.fixes


def test_a_flaw_that_is_not_mechanical_still_goes_to_the_model() -> None:
    fake = FakeClient([(SUBJECT, DEMANDING), (SUBJECT, GOOD)])
    (item,) = compose(notes(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    assert len(fake.sent) == 2 and item.source is Source.LLM_REPAIRED
    assert item.attempts[0].fixes == [] and item.attempts[0].body == DEMANDING
    assert f'"{PRESSURE}"' in fake.sent[1][-1]["content"]


def test_mechanical_slips_are_fixed_before_the_repair_and_not_asked_of_the_model() -> None:
    both = DEMANDING.replace("Dear Sophie,", "Dear Hiring Manager,")
    fake = FakeClient([(SUBJECT, both), (SUBJECT, GOOD)])
    (item,) = compose(notes(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    first = item.attempts[0]
    assert first.fixes and not first.passed and first.body == DEMANDING
    repair = fake.sent[1]
    assert json.loads(repair[-2]["content"])["body"] == DEMANDING  # the fixed text goes back
    assert "TONE001" in repair[-1]["content"]
    assert "Hiring Manager" not in repair[-1]["content"]
    assert item.source is Source.LLM_REPAIRED


def test_a_placeholder_the_notes_cannot_fill_still_goes_to_repair() -> None:
    blank = MECHANICAL.replace("[Your Name]", "[Your Name]\n[Your Phone Number]")
    fake = FakeClient([(SUBJECT, blank), (SUBJECT, GOOD)])
    (item,) = compose(notes(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    first = item.attempts[0]
    assert len(fake.sent) == 2 and item.source is Source.LLM_REPAIRED
    assert "HYG001" in {f.code for f in first.findings}  # the phone number is still blank
    assert "Jordan Ellis\n[Your Phone Number]" in (first.body or "")  # what could be, was fixed


def test_a_fix_that_trades_one_problem_for_another_is_not_taken() -> None:
    """'by [Date]' filled with the decision date reads as a deadline (TONE001): no better."""
    deadline = GOOD.replace("hearing from you.", "hearing from you by [Date].")
    message = Message(subject=SUBJECT, body=deadline)
    report = check_message(message, Kind.THANK_YOU, notes())
    assert fixes.apply(message, notes()).fixes  # a fix applies ...
    assert fix_draft(message, report, Kind.THANK_YOU, notes()) == (message, report, [])


def test_a_passing_draft_is_not_touched() -> None:
    fake = FakeClient([(SUBJECT, GOOD.replace("Kind regards,\nJordan", "Kind regards, Jordan"))])
    (item,) = compose(notes(), [Kind.THANK_YOU], offline=False, client=fake).drafts
    assert item.source is Source.LLM and item.attempts[0].fixes == []


# --- what the user sees, and what the history keeps -------------------------------------------


def test_the_cli_shows_the_fixes_in_text_and_json(runner, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://fake.invalid/v1")
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    sent: list[FakeClient] = []

    def client(endpoint):  # type: ignore[no-untyped-def]
        sent.append(FakeClient([(SUBJECT, MECHANICAL)]))
        return sent[-1]

    monkeypatch.setattr("composer.cli.inputs.client", client)
    text = runner.invoke(app, ["draft", NOTES, "-k", "thank-you"])
    assert text.exit_code == 0, text.output
    assert "(llm-fixed: placeholder, greeting)" in text.stdout
    out = runner.invoke(app, ["draft", NOTES, "-k", "thank-you", "--format", "json"])
    assert out.exit_code == 0, out.output
    (item,) = json.loads(out.stdout)["drafts"]
    assert item["source"] == "llm-fixed" and item["body"] == GOOD
    assert [f.split(":")[0] for f in item["attempts"][0]["fixes"]] == ["placeholder", "greeting"]
    assert [len(fake.sent) for fake in sent] == [1, 1]
    # The history reads the new source back, in text and JSON, beside older rows.
    shown = runner.invoke(app, ["history", "show", "1"])
    assert shown.exit_code == 0, shown.output
    assert "llm-fixed (fake-model)" in shown.stdout
    as_json = runner.invoke(app, ["history", "show", "1", "--format", "json"])
    drafts = json.loads(as_json.stdout)["drafts"]
    assert {d["source"] for d in drafts} == {"llm-fixed"}
    assert drafts[0]["attempts"][0]["fixes"] == item["attempts"][0]["fixes"]


def test_the_history_reads_rows_of_every_source(tmp_path) -> None:
    """Rows written before llm-fixed existed (llm, llm-repaired, template) and after it."""
    with History.open(tmp_path / "h.db") as store:
        for answers in ([(SUBJECT, GOOD)], [(SUBJECT, NOT_KEEN), (SUBJECT, GOOD)]):
            (draft,) = compose(
                notes(), [Kind.THANK_YOU], offline=False, client=FakeClient(answers)
            ).drafts
            interview = store.record_interview(notes())
            store.record_draft(interview, draft)
        fixed = compose(
            notes(), [Kind.THANK_YOU], offline=False, client=FakeClient([(SUBJECT, MECHANICAL)])
        ).drafts[0]
        store.record_draft(interview, fixed)
        store.record_draft(interview, compose(notes(), [Kind.THANK_YOU]).drafts[0])
        drafts = store.interview(interview).drafts
    assert sorted(d.source for d in drafts) == ["llm", "llm-fixed", "llm-repaired", "template"]
    (stored,) = [d for d in drafts if d.source == "llm-fixed"]
    assert stored.attempts == fixed.attempts
