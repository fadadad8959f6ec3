"""The `composer` command end to end: output shapes, exit codes, files, config and options."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from composer import __version__
from composer.cli import app
from composer.notes import parse_notes
from composer.rules import REGISTRY

from .conftest import FIXTURES

NOTES = FIXTURES / "notes"
JORDAN = str(NOTES / "jordan-ellis.txt")
MARCO = str(NOTES / "marco-rossi.toml")
DRAFT_KEYS = {"kind", "subject", "body", "source", "report"}
REPORT_KEYS = {"kind", "passed", "findings", "stats"}
FINDING_KEYS = {"code", "rule", "severity", "message", "start", "end"}

GOOD_THANKS = """Subject: Thank you - Paralegal interview

Dear Sophie,

Thank you for meeting me on Thursday to discuss the Paralegal, Construction Disputes role at
Bramley Kent LLP. I particularly valued learning that paralegals attend client meetings from
their first month, and our conversation about the team's new adjudication practice confirmed
how much I would like to join you. I am very enthusiastic about the role and look forward to
hearing from you.

Kind regards,
Jordan Ellis
"""

GOOD_STATUS = """Subject: Paralegal role - following up

Dear Sophie,

I hope you are well. I am writing to follow up on my interview on 12 November for the
Paralegal, Construction Disputes role at Bramley Kent LLP. I remain very keen on the role, and
I would be grateful for any update on the next steps that you are able to share.

Thank you again for your time.

Kind regards,
Jordan Ellis
"""

PUSHY_STATUS = GOOD_STATUS.replace(
    "Thank you again for your time.", "I expect an answer by Friday. Thank you for your time."
)


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.output, result.output
    return result


def draft_json(*args: str, stdin: str | None = None) -> dict:
    result = invoke("draft", *args, "--offline", "--format", "json", stdin=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def kinds_of(data: dict) -> list[str]:
    return [d["kind"] for d in data["drafts"]]


# --- draft --------------------------------------------------------------------------------------


def test_draft_text_shows_each_draft_and_its_report() -> None:
    result = invoke("draft", JORDAN, "--offline")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "── thank-you (template) [1/2] ──" in out
    assert "── status-check (template) [2/2] ──" in out
    assert out.count("Subject: ") == 2
    assert "Dear Sophie," in out
    assert out.count("passes every error-level rule") == 2
    assert "feedback-request" not in out


def test_draft_json_shape() -> None:
    data = draft_json(JORDAN)
    assert set(data) == {"drafts", "warnings", "nothing_to_send"}
    assert data["nothing_to_send"] is None  # set only when no draft is written (after an offer)
    assert isinstance(data["warnings"], list)
    assert data["drafts"], "at least one draft"
    for item in data["drafts"]:
        assert set(item) >= DRAFT_KEYS
        assert item["source"] == "template"
        assert item["subject"] and item["body"]
        assert not item["body"].startswith("Subject:")
        report = item["report"]
        assert set(report) == REPORT_KEYS
        assert report["kind"] == item["kind"]
        assert report["passed"] is True
        assert set(report["stats"]) == {"words", "sentences"}
        assert report["stats"]["words"] > 20
        for finding in report["findings"]:
            assert set(finding) == FINDING_KEYS


def test_draft_json_report_is_what_check_prints_for_the_same_text(tmp_path: Path) -> None:
    item = draft_json(JORDAN, "--kind", "thank-you")["drafts"][0]
    message = tmp_path / "m.txt"
    message.write_text(f"Subject: {item['subject']}\n\n{item['body']}\n", encoding="utf-8")
    result = invoke("check", str(message), "--kind", "thank-you", "--notes", JORDAN, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == item["report"]


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (JORDAN, ["thank-you", "status-check"]),  # pending
        (MARCO, ["feedback-request"]),  # rejected
    ],
)
def test_default_kinds_follow_the_outcome(notes: str, expected: list[str]) -> None:
    assert kinds_of(draft_json(notes)) == expected


def test_kind_all_and_repeated_kinds() -> None:
    assert kinds_of(draft_json(JORDAN, "--kind", "all")) == [
        "thank-you",
        "status-check",
        "feedback-request",
    ]
    assert kinds_of(draft_json(JORDAN, "-k", "feedback-request", "-k", "thank-you")) == [
        "feedback-request",
        "thank-you",
    ]
    assert kinds_of(draft_json(JORDAN, "-k", "thank-you", "-k", "thank-you")) == ["thank-you"]


def test_a_kind_that_does_not_fit_the_outcome_is_a_warning() -> None:
    data = draft_json(JORDAN, "--kind", "feedback-request")
    assert any("feedback request is for after a rejection" in w for w in data["warnings"])


def test_draft_from_stdin_with_dash_and_without_argument() -> None:
    text = Path(JORDAN).read_text(encoding="utf-8")
    with_dash = draft_json("-", stdin=text)
    without_argument = draft_json(stdin=text)
    assert kinds_of(with_dash) == kinds_of(without_argument) == ["thank-you", "status-check"]
    assert with_dash["drafts"][0]["body"] == draft_json(JORDAN)["drafts"][0]["body"]


def test_draft_without_a_model_says_once_that_it_is_offline() -> None:
    result = invoke("draft", JORDAN)
    assert result.exit_code == 0, result.output
    assert result.stderr.lower().count("offline") == 1
    assert "template" in result.stdout


def test_warnings_go_to_stderr_in_text_mode() -> None:
    result = invoke("draft", str(NOTES / "minimal.json"), "--offline", "--kind", "thank-you")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "'Learned'" in result.stderr
    assert "warning:" not in result.stdout


def test_out_writes_one_file_per_kind(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = invoke("draft", JORDAN, "--offline", "--kind", "all", "--out", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["feedback-request.txt", "status-check.txt", "thank-you.txt"]
    thanks = (out / "thank-you.txt").read_text(encoding="utf-8")
    assert thanks.startswith("Subject: ")
    assert "Dear Sophie," in thanks and thanks.rstrip().endswith("Jordan Ellis")


def test_out_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "status-check.txt").write_text("my own edits\n", encoding="utf-8")
    result = invoke("draft", JORDAN, "--offline", "--out", str(out))
    assert result.exit_code == 2
    assert "status-check.txt" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["status-check.txt"], "nothing written"
    assert (out / "status-check.txt").read_text(encoding="utf-8") == "my own edits\n"

    forced = invoke("draft", JORDAN, "--offline", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert sorted(p.name for p in out.iterdir()) == ["status-check.txt", "thank-you.txt"]
    assert (out / "status-check.txt").read_text(encoding="utf-8").startswith("Subject: ")


# --- check --------------------------------------------------------------------------------------


def check_json(text: str, kind: str, *extra: str) -> tuple[int, dict]:
    result = invoke("check", "-", "--kind", kind, "--format", "json", *extra, stdin=text)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_check_exit_0_for_a_good_message(tmp_path: Path) -> None:
    path = tmp_path / "thanks.txt"
    path.write_text(GOOD_THANKS, encoding="utf-8")
    result = invoke("check", str(path), "--kind", "thank-you", "--notes", JORDAN)
    assert result.exit_code == 0, result.output
    assert "passes every error-level rule" in result.stdout


def test_check_exit_1_for_an_error_level_finding() -> None:
    result = invoke("check", "-", "--kind", "status-check", stdin=PUSHY_STATUS)
    assert result.exit_code == 1, result.output
    assert "TONE001" in result.stdout and "I expect an answer" in result.stdout


def test_check_exit_2_for_bad_input() -> None:
    assert invoke("check", "-", "--kind", "status-check", stdin="").exit_code == 2


def test_check_json_shape_and_spans() -> None:
    code, data = check_json(PUSHY_STATUS, "status-check")
    assert code == 1
    assert set(data) == REPORT_KEYS
    assert data["kind"] == "status-check"
    assert data["passed"] is False
    assert set(data["stats"]) == {"words", "sentences"}
    assert all(set(f) == FINDING_KEYS for f in data["findings"])
    assert {f["severity"] for f in data["findings"]} <= {"error", "warning", "info"}
    pressure = next(f for f in data["findings"] if f["code"] == "TONE001")
    assert pressure["severity"] == "error" and pressure["rule"] == "pressure"
    assert PUSHY_STATUS[pressure["start"] : pressure["end"]].lower() == "i expect an answer"


def test_check_json_passed_matches_exit_code() -> None:
    code, data = check_json(GOOD_STATUS, "status-check", "--notes", JORDAN)
    assert code == 0 and data["passed"] is True
    assert not [f for f in data["findings"] if f["severity"] == "error"]


def test_subject_line_is_read_as_the_subject() -> None:
    _, with_subject = check_json(GOOD_STATUS, "status-check")
    body_only = GOOD_STATUS.split("\n\n", 1)[1]
    _, without_subject = check_json(body_only, "status-check")
    codes_with = {f["code"] for f in with_subject["findings"]}
    codes_without = {f["code"] for f in without_subject["findings"]}
    assert "SUBJ001" not in codes_with
    assert "SUBJ001" in codes_without
    # The subject is not part of the body: the word counts agree.
    assert with_subject["stats"] == without_subject["stats"]


def test_long_subject_span_points_into_the_subject() -> None:
    subject = "Following up on my interview for the Paralegal role and wondering about news " * 2
    text = f"Subject: {subject.strip()}\n\n" + GOOD_STATUS.split("\n\n", 1)[1]
    _, data = check_json(text, "status-check")
    finding = next(f for f in data["findings"] if f["code"] == "SUBJ002")
    first_line = text.splitlines()[0]
    assert 0 < finding["start"] < finding["end"] <= len(first_line)


def test_check_text_report_groups_by_severity() -> None:
    result = invoke("check", "-", "--kind", "status-check", stdin=PUSHY_STATUS)
    out = result.stdout
    assert "Errors:" in out
    assert out.index("Errors:") < out.index("TONE001")


def test_check_with_notes_catches_a_misspelled_name() -> None:
    text = GOOD_THANKS.replace("Dear Sophie,", "Dear Sofie,")
    code, data = check_json(text, "thank-you", "--notes", JORDAN)
    assert code == 1
    assert "HYG002" in {f["code"] for f in data["findings"]}


# --- rules, notes-template, version, help -------------------------------------------------------


def test_rules_text_lists_every_rule() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    for code, rule in REGISTRY.items():
        assert f"{code} {rule.name}" in result.stdout


def test_rules_json() -> None:
    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == list(REGISTRY)
    for row in rows:
        assert {"code", "name", "severity", "kinds", "instruction", "why", "enabled"} <= set(row)
        assert row["severity"] in {"error", "warning", "info"}
        assert row["enabled"] is True
        assert not re.search(r"\{\w*(?:words|chars|exclamations)\}", row["instruction"])


def test_rules_for_one_kind() -> None:
    rows = json.loads(invoke("rules", "--kind", "status-check", "-f", "json").stdout)
    assert "ASK001" in {r["code"] for r in rows}
    assert "SPEC001" not in {r["code"] for r in rows}  # thank-you only


def test_notes_template_parses_back_into_valid_notes() -> None:
    result = invoke("notes-template")
    assert result.exit_code == 0
    loaded = parse_notes(result.stdout)
    assert loaded.warnings == []
    assert loaded.notes.candidate and loaded.notes.interviewers


def test_notes_template_drafts_cleanly() -> None:
    template = invoke("notes-template").stdout
    data = draft_json("-", "--kind", "all", stdin=template)
    assert all(d["report"]["passed"] for d in data["drafts"])


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"composer {__version__}"


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    text = result.stdout
    assert "Example" in text, text
    after = text[text.index("Example") :]
    assert re.search(rf"composer {re.escape(command)}\b", after), text


def test_top_level_help_shows_how_to_start() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "composer draft notes.txt" in result.stdout
    for command in ("draft", "check", "notes-template", "rules"):
        assert command in result.stdout


# --- config and --disable -----------------------------------------------------------------------


def test_composer_toml_in_cwd_disables_a_rule_and_changes_a_word_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _, before = check_json(PUSHY_STATUS, "status-check")
    assert "TONE001" in {f["code"] for f in before["findings"]}
    assert "BREV001" not in {f["code"] for f in before["findings"]}

    (tmp_path / "composer.toml").write_text(
        '[rules]\ndisable = ["TONE001"]\n\n'
        "[rules.words.status-check]\nmin = 10\nsoft_max = 30\nmax = 40\n",
        encoding="utf-8",
    )
    _, after = check_json(PUSHY_STATUS, "status-check")
    codes = {f["code"] for f in after["findings"]}
    assert "TONE001" not in codes
    too_long = next(f for f in after["findings"] if f["code"] == "BREV001")
    assert "40" in too_long["message"]

    rules = {r["code"]: r for r in json.loads(invoke("rules", "-f", "json").stdout)}
    assert rules["TONE001"]["enabled"] is False
    assert "(disabled)" in invoke("rules").stdout
    status_rules = json.loads(invoke("rules", "-k", "status-check", "-f", "json").stdout)
    brev = next(r for r in status_rules if r["code"] == "BREV001")
    assert "40 words" in brev["instruction"]


def test_config_file_from_composer_config_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text('[rules]\ndisable = ["TONE001"]\n', encoding="utf-8")
    monkeypatch.setenv("COMPOSER_CONFIG", str(config))
    result = invoke("check", "-", "--kind", "status-check", stdin=PUSHY_STATUS)
    assert "TONE001" not in result.stdout


def test_disable_option_switches_rules_off() -> None:
    code, data = check_json(PUSHY_STATUS, "status-check")
    assert code == 1 and "TONE001" in {f["code"] for f in data["findings"]}
    code, data = check_json(PUSHY_STATUS, "status-check", "--disable", "tone001")
    assert code == 0, data
    assert "TONE001" not in {f["code"] for f in data["findings"]}
    _, data = check_json(PUSHY_STATUS, "status-check", "-d", "TONE001,SUBJ001", "-d", "BREV002")
    assert not {"TONE001", "SUBJ001", "BREV002"} & {f["code"] for f in data["findings"]}


def test_disable_applies_to_draft_reports() -> None:
    data = draft_json(str(NOTES / "minimal.json"), "--kind", "thank-you")
    assert "SPEC001" in {f["code"] for f in data["drafts"][0]["report"]["findings"]}
    data = draft_json(str(NOTES / "minimal.json"), "--kind", "thank-you", "--disable", "SPEC001")
    assert "SPEC001" not in {f["code"] for f in data["drafts"][0]["report"]["findings"]}
