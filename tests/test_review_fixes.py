"""Fixes for what a reviewer hit using composer with realistic notes; each failed before."""

from __future__ import annotations

import json

import pytest

from composer.cli import app
from composer.drafting import template_draft
from composer.kinds import Kind
from composer.models import Person, as_list, split_people
from composer.notes import parse_notes

BASE = (
    "Candidate: Ana Silva\nCompany: Globex\nRole: Head of Data\n"
    "Interview date: 2026-11-25\nLearned: they ship weekly\n"
)


def test_two_people_joined_by_and_are_two_interviewers() -> None:
    notes = parse_notes(BASE + "Interviewers: Ms Priya Shah and Mr Tom Jones\n").notes
    assert [p.name for p in notes.interviewers] == ["Ms Priya Shah", "Mr Tom Jones"]
    body = template_draft(notes, Kind.THANK_YOU).body
    assert body.startswith("Dear Ms Shah,") and "Tom Jones" in body
    # A title with 'and' after the comma is still one person.
    assert split_people("Priya Shah, Head of Data and Analytics") == [
        "Priya Shah, Head of Data and Analytics"
    ]


def test_a_title_and_surname_only_is_greeted_politely() -> None:
    assert Person(name="Mrs Patel").first_name == "Mrs Patel"
    notes = parse_notes(BASE + "Interviewer: Mrs Patel\nTone: warm\n").notes
    assert template_draft(notes, Kind.THANK_YOU).body.startswith("Hi Mrs Patel,")


@pytest.mark.parametrize(
    ("line", "items"),
    [
        (
            "pricing models, the hiring plan, the move to dbt",
            ["pricing models", "the hiring plan", "the move to dbt"],
        ),
        ("a, b, and c", ["a", "b", "c"]),
        (
            "the move from SAS to Python, and what it means for the team",
            ["the move from SAS to Python, and what it means for the team"],
        ),
        ("one topic", ["one topic"]),
    ],
)
def test_one_line_lists_split_at_commas_only_between_short_phrases(line, items) -> None:
    assert as_list(line) == items


def test_an_outcome_recorded_in_the_history_drives_draft(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = tmp_path / "n.txt"
    notes.write_text(BASE + "Interviewer: Priya Shah\n")
    assert runner.invoke(app, ["outcome", str(notes), "rejected"]).exit_code == 0
    result = runner.invoke(app, ["draft", str(notes), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [d["kind"] for d in json.loads(result.stdout)["drafts"]] == ["feedback-request"]
    plan = json.loads(runner.invoke(app, ["plan", str(notes), "-f", "json"]).stdout)
    kinds = {s["kind"]: s["status"] for s in plan["steps"] if s["kind"]}
    assert kinds["feedback-request"] == "due" and kinds["status-check"] == "not needed"


def test_phone_drafts_written_with_out_do_not_overwrite_each_other(runner, tmp_path) -> None:
    notes = tmp_path / "n.txt"
    notes.write_text(BASE + "Interviewer: Priya Shah\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["draft", str(notes), "--channel", "phone", "--out", str(out), "--no-log"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "status-check-call.txt",
        "status-check-voicemail.txt",
    ]


def test_check_refuses_two_things_on_standard_input(runner) -> None:
    result = runner.invoke(app, ["check", "-", "--notes", "-", "-k", "thank-you"], input="x")
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_a_send_date_in_the_future_is_refused(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    result = runner.invoke(app, ["sent", "1", "--on", "tomorrow"])
    assert result.exit_code == 2 and "future" in result.stderr


def test_an_assumed_decision_date_is_not_called_a_promise() -> None:
    from datetime import date

    from composer.plan import timing_warning

    notes = parse_notes(BASE + "Interviewer: Priya Shah\n").notes
    warning = timing_warning(notes, Kind.STATUS_CHECK, date(2026, 11, 26)) or ""
    assert "no decision date" in warning and "promised" not in warning


def test_the_thank_you_says_the_date_once_the_weekday_would_be_ambiguous() -> None:
    from datetime import date

    from composer import templates

    notes = parse_notes(BASE + "Interviewer: Priya Shah\n").notes
    assert templates.context(notes, today=date(2026, 11, 26))["weekday"] == "Wednesday"
    assert templates.context(notes, today=date(2026, 12, 9))["weekday"] == "25 November"


def test_a_misspelled_greeting_is_reported_once_by_the_most_specific_rule() -> None:
    from composer.checker import check

    notes = parse_notes(BASE + "Interviewer: Rachel Shah\n").notes
    text = (
        "Dear Rachael,\n\nThank you for the interview for the Head of Data role at Globex. I "
        "particularly valued learning that you ship weekly, and I am very keen to join the "
        "team.\n\nKind regards,\nAna Silva"
    )
    on_name = [f.code for f in check(text, "thank-you", notes).findings if f.start == 5]
    assert on_name == ["HYG002"]  # not CRT003 and GRND001 as well
