"""`composer check --explain`: for a passing message, which words each core rule counted."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from composer.checker import check, explain
from composer.cli import app
from composer.cli.render import explain_text
from composer.evidence import ExplainedReport
from composer.models import Kind, Report
from composer.notes import read_notes_file
from composer.rules.examples import FEEDBACK, STATUS, THANKS

from .conftest import FIXTURES

JORDAN_FILE = FIXTURES / "notes" / "jordan-ellis.txt"
JORDAN = read_notes_file(JORDAN_FILE).notes
CORE = {"BREV001", "BREV003", "ENTH001", "CTX001", "CRT001", "CRT004", "CRT005", "SUBJ001"}


def _by_code(report: ExplainedReport) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in report.evidence:
        found.setdefault(item.code, []).append(item.text)
    return found


def test_a_passing_thank_you_says_why_each_core_rule_was_kept() -> None:
    report = explain(THANKS, Kind.THANK_YOU, JORDAN)
    assert report.passed
    found = _by_code(report)
    assert CORE | {"SPEC001", "CRT003", "CRT006"} <= set(found)
    assert found["CRT004"] == ["Thank you"]
    assert found["ENTH001"] == ["keener\nto join you"]
    assert any("paralegals join client meetings" in t for t in found["SPEC001"])
    assert found["CRT003"] == ["Sophie"]


def test_the_asks_are_quoted_for_a_status_check_and_a_feedback_request() -> None:
    status = _by_code(explain(STATUS, Kind.STATUS_CHECK, JORDAN))
    assert any("any update on your decision" in t for t in status["ASK001"])
    assert "keen on the position" in status["ENTH001"]
    feedback = _by_code(explain(FEEDBACK, Kind.FEEDBACK_REQUEST, JORDAN))
    assert any("grateful for any feedback" in t for t in feedback["ASK002"])
    assert "other suitable roles" in feedback["ASK003"]


def test_every_span_is_the_text_it_quotes() -> None:
    for text, kind in ((THANKS, Kind.THANK_YOU), (STATUS, Kind.STATUS_CHECK)):
        report = explain(text, kind, JORDAN)
        for item in report.evidence:
            if item.start is not None and item.end is not None:
                assert text[item.start : item.end] == item.text, item
            else:
                assert item.text == "" and item.counted_as  # a count, not a span


def test_a_broken_rule_has_no_evidence_and_a_kept_one_does() -> None:
    no_thanks = THANKS.replace("Thank you for meeting me", "I met you")
    report = explain(no_thanks, Kind.THANK_YOU, JORDAN)
    assert not report.passed and "CRT004" in {f.code for f in report.errors}
    assert "CRT004" not in _by_code(report)
    assert "ENTH001" in _by_code(report)


def test_explain_shows_when_the_checker_was_fooled() -> None:
    # 'learning about' is counted as willingness to learn: --explain lets the user see it.
    report = explain(
        FEEDBACK.replace(", as I am keen to learn and improve", ""), "feedback-request", JORDAN
    )
    assert "learning" in _by_code(report)["ASK004"]
    assert "ASK004 no-willingness-to-learn: willingness to learn » learning" in (
        explain_text(report).plain
    )


def test_the_ordinary_check_carries_no_evidence() -> None:
    report = check(THANKS, Kind.THANK_YOU, JORDAN)
    assert type(report) is Report
    assert "evidence" not in json.loads(report.model_dump_json())
    explained = explain(THANKS, Kind.THANK_YOU, JORDAN)
    assert explained.findings == report.findings and explained.passed == report.passed


def test_check_explain_on_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    message = tmp_path / "thanks.txt"
    message.write_text(THANKS, encoding="utf-8")
    args = ["check", str(message), "-k", "thank-you", "-n", str(JORDAN_FILE), "--explain"]
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 0, text.output
    assert "Why it keeps these rules:" in text.stdout
    assert "CRT004 no-thanks: thanks » Thank you" in text.stdout
    data = json.loads(CliRunner().invoke(app, [*args, "--format", "json"]).stdout)
    assert {"code", "rule", "counted_as", "start", "end", "text"} == set(data["evidence"][0])
    assert {e["code"] for e in data["evidence"]} >= CORE
    plain = CliRunner().invoke(app, args[:-1])
    assert "Why it keeps" not in plain.stdout
