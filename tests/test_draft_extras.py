"""`draft` beyond the basics: the history it keeps, and the phone channel."""

from __future__ import annotations

import json

from composer.cli import app
from composer.history import History
from tests.conftest import FIXTURES, ROOT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")


def test_draft_keeps_notes_and_drafts_in_the_history(runner, tmp_path, monkeypatch) -> None:
    db = tmp_path / "h.db"
    monkeypatch.setenv("COMPOSER_HISTORY", str(db))
    pasted = (FIXTURES / "notes" / "jordan-ellis.txt").read_text()
    result = runner.invoke(app, ["draft", "-", "--kind", "all"], input=pasted)
    assert result.exit_code == 0, result.output
    with History.open(db) as store:
        (row,) = store.interviews()
        detail = store.interview(row.id)
    assert detail.source_text == pasted  # the pasted notes, exactly as typed
    assert sorted(d.kind for d in detail.drafts) == [
        "feedback-request",
        "status-check",
        "thank-you",
    ]


def test_no_log_keeps_nothing(runner, tmp_path, monkeypatch) -> None:
    db = tmp_path / "h.db"
    monkeypatch.setenv("COMPOSER_HISTORY", str(db))
    result = runner.invoke(app, ["draft", NOTES, "--no-log"])
    assert result.exit_code == 0 and not db.exists()
    monkeypatch.setenv("COMPOSER_NO_LOG", "1")
    assert runner.invoke(app, ["draft", NOTES]).exit_code == 0 and not db.exists()


def test_phone_channel_writes_a_call_script_and_a_voicemail(runner) -> None:
    result = runner.invoke(
        app, ["draft", NOTES, "--channel", "phone", "--format", "json", "--no-log"]
    )
    assert result.exit_code == 0, result.output
    drafts = json.loads(result.stdout)["drafts"]
    assert [d["channel"] for d in drafts] == ["phone", "voicemail"]
    script, voicemail = (d["body"] for d in drafts)
    for part in ("Opening:", "Still keen:", "Ask:", "Thanks:"):
        assert part in script
    assert all(d["report"]["passed"] and d["subject"] == "" for d in drafts)
    assert len(voicemail.split()) < len(script.split())
    codes = {f["code"] for d in drafts for f in d["report"]["findings"]}
    assert not codes & {"CRT001", "CRT005", "SUBJ001"}  # no greeting line, sign-off or subject


def test_phone_channel_is_for_the_status_check_only(runner) -> None:
    result = runner.invoke(
        app, ["draft", NOTES, "--channel", "phone", "--kind", "thank-you", "--no-log"]
    )
    assert result.exit_code == 2 and "status check" in result.stderr


def test_phone_rules_still_catch_pressure() -> None:
    from composer.checker import check_message
    from composer.kinds import Channel
    from composer.models import Kind, Message
    from composer.notes import read_notes_file
    from composer.phone import spoken_settings
    from composer.settings import RuleSettings

    notes = read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt").notes
    pushy = (
        "Hello Sophie, this is Jordan Ellis about the Paralegal role. I still haven't heard "
        "anything and I need an answer by Friday. Is there any update? Thanks."
    )
    settings = spoken_settings(RuleSettings(), Channel.VOICEMAIL)
    report = check_message(Message(body=pushy), Kind.STATUS_CHECK, notes, settings)
    assert not report.passed and "TONE001" in {f.code for f in report.findings}


def test_notes_can_be_pasted_at_the_prompt_on_a_terminal() -> None:
    import os
    import sys

    import pexpect

    env = {
        **os.environ,
        "COMPOSER_NO_LOG": "1",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "PYTHONPATH": str(ROOT),
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "composer.cli", "draft", "--kind", "thank-you"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 200),
    )
    child.expect("Paste your interview notes")
    for line in (FIXTURES / "notes" / "jordan-ellis.txt").read_text().splitlines(keepends=True):
        child.send(line)
    child.sendeof()
    child.expect("Dear Sophie,")
    child.expect("passes every error-level rule")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
