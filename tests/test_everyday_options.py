"""Options as a newcomer meets them: `--kind A,B`, help without `<bool>`, errors that name an
environment variable only when it was set, and warnings on stderr in JSON mode (issue 14)."""

from __future__ import annotations

import json

import pytest

from composer.cli import app
from tests.conftest import FIXTURES
from tests.fake_openai import FakeOpenAI, draft
from tests.test_llm_wire import GOOD, SUBJECT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")


def _kinds(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return [d["kind"] for d in json.loads(result.stdout)["drafts"]]


# --- 14.11: --kind takes commas, like --disable ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--kind", "thank-you,status-check"],
        ["--kind", "thank-you", "--kind", "status-check"],
        ["-k", "thank-you, status-check"],
        ["-k", "Thank-You,", "-k", "status-check"],
    ],
)
def test_kind_takes_commas_and_repeats(runner, args) -> None:
    result = runner.invoke(app, ["draft", NOTES, "--offline", "--no-log", "-f", "json", *args])
    assert _kinds(result) == ["thank-you", "status-check"]


def test_kind_from_the_environment_takes_commas(runner, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_KIND", "feedback-request,thank-you")
    result = runner.invoke(app, ["draft", NOTES, "--offline", "--no-log", "-f", "json"])
    assert _kinds(result) == ["feedback-request", "thank-you"]


def test_kind_all_in_a_list_is_every_kind(runner) -> None:
    result = runner.invoke(
        app, ["draft", NOTES, "--offline", "--no-log", "-f", "json", "-k", "all"]
    )
    assert _kinds(result) == ["thank-you", "status-check", "feedback-request"]


def test_a_misspelled_kind_is_named_with_a_suggestion(runner) -> None:
    result = runner.invoke(app, ["draft", NOTES, "--offline", "-k", "thank-you,satus-check"])
    assert result.exit_code == 2
    message = _one_line(result.stderr)
    assert "'satus-check' is not a kind of message (did you mean 'status-check'?)" in message


# --- 14.10: help and error wording -------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["draft"], ["review"], ["history", "forget"], ["sent"]])
def test_help_shows_no_type_after_a_flag(runner, command) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.stdout
    assert "--help" in result.stdout


def test_help_still_shows_the_type_of_an_option_that_takes_a_value(runner) -> None:
    result = runner.invoke(app, ["draft", "--help"])
    assert "<text|json>" in result.stdout and "KIND" in result.stdout


def _one_line(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def test_a_bad_value_on_the_command_line_names_no_environment_variable(runner) -> None:
    result = runner.invoke(app, ["draft", NOTES, "--format", "xml"])
    assert result.exit_code == 2
    message = _one_line(result.stderr)
    assert "Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json'." in message
    assert "env var" not in message and "COMPOSER_FORMAT" not in message
    assert "Value error" not in message


def test_a_bad_value_from_the_environment_says_so(runner, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_FORMAT", "xml")
    result = runner.invoke(app, ["draft", NOTES])
    assert result.exit_code == 2
    message = _one_line(result.stderr)
    assert "'--format' / '-f' (from the environment variable COMPOSER_FORMAT)" in message
    assert "Value error" not in message


def test_a_bad_number_from_the_command_line_names_no_environment_variable(runner) -> None:
    result = runner.invoke(app, ["draft", NOTES, "--timeout", "0"])
    assert result.exit_code == 2
    assert "COMPOSER_TIMEOUT" not in _one_line(result.stderr)


# --- 14.14: warnings on stderr in JSON mode -------------------------------------------------


def test_json_mode_prints_the_template_fallback_warning_on_stderr(runner, monkeypatch) -> None:
    server = FakeOpenAI([draft(SUBJECT, GOOD)]).__enter__()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    server.stop()  # nothing answers: the template stands in
    result = runner.invoke(
        app, ["draft", NOTES, "-k", "thank-you", "--timeout", "5", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)  # stdout is still exactly one JSON document
    (warning,) = [w for w in document["warnings"] if "using the template draft" in w]
    assert "warning: " + warning in _one_line(result.stderr)


def test_json_mode_prints_notes_and_timing_warnings_on_stderr(runner) -> None:
    result = runner.invoke(app, ["draft", NOTES, "--offline", "--no-log", "-f", "json"])
    document = json.loads(result.stdout)
    assert document["warnings"]
    for warning in document["warnings"]:
        assert warning in _one_line(result.stderr)


def test_json_mode_of_check_prints_notes_warnings_on_stderr(runner, tmp_path) -> None:
    notes = tmp_path / "n.txt"
    notes.write_text(FIXTURES.joinpath("notes", "jordan-ellis.txt").read_text() + "Colour: blue\n")
    message = tmp_path / "m.txt"
    message.write_text("Subject: Thanks\n\nDear Sophie,\n\nThank you.\n\nJordan Ellis\n")
    result = runner.invoke(
        app, ["check", str(message), "-k", "thank-you", "--notes", str(notes), "-f", "json"]
    )
    assert json.loads(result.stdout)["kind"] == "thank-you"
    assert "warning: " in result.stderr and "Colour" in result.stderr


# --- 14.1: draft ids where drafts are kept ----------------------------------------------------


def test_draft_shows_each_history_id_and_how_to_mark_it_sent(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    result = runner.invoke(app, ["draft", NOTES, "--offline"])
    assert result.exit_code == 0, result.output
    assert "── thank-you (template) [1/2] ── draft #1" in result.stdout
    assert "── status-check (template) [2/2] ── draft #2" in result.stdout
    assert "composer sent ID (e.g. composer sent 1)" in result.stderr
    one = runner.invoke(app, ["draft", NOTES, "--offline", "-k", "status-check"])
    assert "once it has gone: composer sent 3" in one.stderr
    sent = runner.invoke(app, ["sent", "3", "--on", "2026-11-20"])
    assert sent.exit_code == 0 and "draft #3" in sent.stdout


def test_draft_without_a_history_shows_no_ids(runner) -> None:
    result = runner.invoke(app, ["draft", NOTES, "--offline", "--no-log"])
    assert "draft #" not in result.stdout and "composer sent" not in result.stderr
