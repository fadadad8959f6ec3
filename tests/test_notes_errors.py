"""What notes errors say (issues 14.4 and 14.10): only what is wrong, in the user's own words,
with the keys they typed, never pydantic's wording or composer's internal field names."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from composer.cli import app
from composer.errors import NotesError
from composer.notes import parse_notes

BASE = (
    "Candidate: Jordan Ellis\n"
    "Company: Bramley Kent LLP\n"
    "Role: Paralegal\n"
    "Interviewer: Sophie Turner, Senior Associate\n"
    "Interview date: 12 November 2026\n"
)
YAML = (
    "candidate: Jordan Ellis\ncompany: Bramley Kent LLP\nrole: Paralegal\n"
    "interviewer: Sophie Turner\ninterview_date: 2026-11-12\n"
)
INTERNAL = ("interview_date", "decision_by", "invited_by", "Value error", "Assertion failed")


def error_of(text: str, fmt: str | None = None) -> str:
    with pytest.raises(NotesError) as caught:
        parse_notes(text, fmt=fmt)
    return caught.value.message


# --- 14.4: a wrong interview date is the only error ---------------------------------------------


@pytest.mark.parametrize("decision", ["2 weeks", "end of next week", "a fortnight", "Friday"])
def test_a_wrong_interview_date_is_the_only_error(decision: str) -> None:
    text = BASE.replace("12 November 2026", "31 November 2026") + f"Decision by: {decision}\n"
    message = error_of(text)
    assert "'31 November 2026' is not a real date (November has 30 days)" in message
    assert decision not in message  # no second, false error about a valid decision
    assert message.count("'Decision by'") == 0


def test_a_missing_interview_date_is_the_only_error() -> None:
    text = BASE.replace("Interview date: 12 November 2026\n", "") + "Decision by: 2 weeks\n"
    message = error_of(text)
    assert "'Interview date' is missing" in message
    assert "2 weeks" not in message


def test_a_decision_that_is_wrong_too_is_still_reported() -> None:
    text = BASE.replace("12 November 2026", "31 November 2026") + "Decision by: whenever\n"
    message = error_of(text)
    assert "'31 November 2026' is not a real date" in message
    assert "'Decision by': 'whenever' is not a date composer can read" in message


# --- 14.10: the user's words, not pydantic's or composer's --------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        (
            BASE.replace("12 November 2026", "31 November 2026"),
            None,
            "'Interview date': '31 November 2026' is not a real date",
        ),
        (
            BASE.replace("Interview date:", "Date of interview:").replace(
                "12 November 2026", "soon"
            ),
            None,
            "'Date of interview': 'soon' is not a date",
        ),
        (
            BASE.replace("Interview date:", "Date:").replace("12 November 2026", "03/04/2026"),
            None,
            "'Date': '03/04/2026' is ambiguous",
        ),
        (
            BASE + "Decision by: 1 November 2026\n",
            None,
            "'Decision by' (1 November 2026) is before",
        ),
        (BASE + "Hear back by: whenever\n", None, "'Hear back by': 'whenever' is not a date"),
        (BASE + "OUTCOME: ghosted\n", None, "'OUTCOME' must be 'pending', 'rejected' or 'offered'"),
        (BASE.replace("Candidate: Jordan Ellis", "Candidate:"), None, "'Candidate' is empty"),
        (
            YAML.replace("2026-11-12", "2026-02-30"),
            "yaml",
            "'interview_date': '2026-02-30' is not a real date",
        ),
    ],
)
def test_errors_name_the_key_the_user_wrote(text: str, fmt: str | None, expected: str) -> None:
    message = error_of(text, fmt)
    assert expected in message
    if fmt is None:
        assert not any(word in message for word in INTERNAL), message


@pytest.mark.parametrize(
    "text",
    [
        BASE + "Decision by: 1 November 2026\n",
        BASE.replace("12 November 2026", "2026-02-30"),
        BASE + "Decision by: 999999999 days\n",
        BASE + "Tone: sarcastic\n",
    ],
)
def test_no_pydantic_prefix_or_field_names(text: str) -> None:
    message = error_of(text)
    assert not any(word in message for word in INTERNAL), message


def test_a_missing_key_is_named_as_the_template_writes_it() -> None:
    assert "'Interview date' is missing" in error_of(BASE.replace("Interview date: 12 Nov", "X: "))
    # A YAML user writes snake_case keys; the missing one is named the same way.
    assert "'interview_date' is missing" in error_of(YAML.replace("interview_date", "x"), "yaml")


@pytest.mark.parametrize(
    ("typo", "field"),
    [
        ("Interveiwers", "interviewers"),
        ("Candiate", "candidate"),
        ("Compnay", "company"),
        ("Interview dat", "interview date"),
    ],
)
def test_a_misspelled_required_key_gets_a_did_you_mean(typo: str, field: str) -> None:
    key = {"interviewers": "Interviewer", "interview date": "Interview date"}.get(
        field, field.capitalize()
    )
    text = "".join(
        f"{typo}:{line.split(':', 1)[1]}\n" if line.startswith(f"{key}:") else f"{line}\n"
        for line in BASE.splitlines()
    )
    message = error_of(text)
    assert f"did you mean '{field}'?" in message
    assert f"'{typo}'" in message
    assert "is missing" in message


def test_a_misspelled_required_key_in_yaml_is_suggested_in_yaml_spelling() -> None:
    message = error_of(YAML.replace("interview_date", "interveiw_date"), "yaml")
    assert "did you mean 'interview_date'?" in message


def test_the_cli_shows_the_users_key_and_no_prefix(tmp_path: object) -> None:
    runner = CliRunner()
    text = BASE.replace("12 November 2026", "31 November 2026") + "Decision by: 2 weeks\n"
    result = runner.invoke(app, ["draft", "-", "--offline", "--no-log"], input=text)
    assert result.exit_code == 2
    assert "'Interview date'" in result.stderr
    assert "Value error" not in result.stderr and "interview_date" not in result.stderr
    assert "2 weeks" not in result.stderr
