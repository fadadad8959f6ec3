"""Structured notes and config under attack: nesting 5,000 deep (issue 13.11), a notes path too
long for any file system (13.11), and keys given twice in YAML or JSON (13.13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer import structured
from composer.cli import app
from composer.errors import ConfigError, NotesError
from composer.notes import load_notes, parse_notes, read_notes_file
from composer.settings import load_config

DEPTH = 5000
REQUIRED = {
    "candidate": "A B",
    "company": "C",
    "role": "R",
    "interviewer": "X Y",
    "interview_date": "2026-11-02",
}
TOML_REQUIRED = "".join(f'{key} = "{value}"\n' for key, value in REQUIRED.items())
YAML_REQUIRED = "".join(f"{key}: {value}\n" for key, value in REQUIRED.items())

DEEP = {
    "toml-array": TOML_REQUIRED + "topics = " + "[" * DEPTH + "]" * DEPTH + "\n",
    "toml-inline-table": TOML_REQUIRED + "x = " + "{a = " * DEPTH + "1" + "}" * DEPTH + "\n",
    "toml-dotted-table": TOML_REQUIRED + "[" + ".".join(["a"] * DEPTH) + "]\nb = 1\n",
    "json": '{"topics": ' + "[" * DEPTH + "]" * DEPTH + "}",
    "json-objects": '{"x": ' + '{"a": ' * DEPTH + "1" + "}" * DEPTH + "}",
    "yaml-flow": YAML_REQUIRED + "topics: " + "[" * DEPTH + "]" * DEPTH + "\n",
}
FORMATS = {"toml": "toml", "json": "json", "yaml": "yaml"}


@pytest.mark.parametrize("name", list(DEEP))
def test_notes_nested_5000_deep_are_a_clear_error(name: str) -> None:
    fmt = name.split("-")[0]
    with pytest.raises(NotesError, match="nested more than 16 levels deep"):
        parse_notes(DEEP[name], fmt=fmt)


@pytest.mark.parametrize("name", list(DEEP))
def test_deep_notes_without_an_extension_too(name: str) -> None:
    with pytest.raises(NotesError, match="nested more than"):
        parse_notes(DEEP[name], origin="notes on standard input")


@pytest.mark.parametrize("name", ["toml-array", "toml-inline-table", "toml-dotted-table"])
def test_a_config_nested_5000_deep_is_a_clear_error(name: str, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(DEEP[name].replace(TOML_REQUIRED, "[rules]\n"), encoding="utf-8")
    with pytest.raises(ConfigError, match="nested more than 16 levels deep"):
        load_config([path])


def test_the_cli_exits_2_on_deep_notes_and_deep_config(tmp_path: Path) -> None:
    runner = CliRunner()
    notes = tmp_path / "deep.toml"
    notes.write_text(DEEP["toml-array"], encoding="utf-8")
    result = runner.invoke(app, ["draft", str(notes), "--offline", "--no-log"])
    assert result.exit_code == 2 and "nested more than" in result.stderr, result.output
    config = tmp_path / "config.toml"
    config.write_text(DEEP["toml-array"].replace(TOML_REQUIRED, ""), encoding="utf-8")
    result = runner.invoke(app, ["rules"], env={"COMPOSER_CONFIG": str(config)})
    assert result.exit_code == 2 and "nested more than" in result.stderr, result.output


def test_ordinary_nesting_is_fine() -> None:
    text = TOML_REQUIRED.replace('interviewer = "X Y"\n', "") + (
        '[[interviewers]]\nname = "Xia Yu"\ntitle = "Lead"\n'
    )
    assert parse_notes(text, fmt="toml").notes.interviewers[0].title == "Lead"
    assert structured.loads("[rules.words.thank-you]\nmax = 220\n", "toml")


# --- a notes path over 255 characters -----------------------------------------------------------


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_a_notes_file_name_too_long_is_a_clear_error(length: int, tmp_path: Path) -> None:
    path = tmp_path / ("n" * (length - 4) + ".txt")
    with pytest.raises(NotesError, match="at most 255") as caught:
        read_notes_file(path)
    assert len(caught.value.message) < 300  # the path is cut short in the message


def test_a_notes_path_too_long_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path.joinpath(*["folder"] * 700, "notes.txt")
    with pytest.raises(NotesError, match="characters long"):
        read_notes_file(path)


def test_the_cli_and_load_notes_say_so_too() -> None:
    name = "n" * 300 + ".txt"
    result = CliRunner().invoke(app, ["draft", name, "--offline", "--no-log"])
    assert result.exit_code == 2, result.output
    assert "at most 255" in result.stderr
    with pytest.raises(NotesError, match="at most 255"):
        load_notes(name)
    with pytest.raises(NotesError):  # one long line of text is read as (bad) notes, no crash
        load_notes("Candidate " * 60)


# --- keys given twice -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (YAML_REQUIRED + "company: D\n", "yaml"),
        (json.dumps(REQUIRED)[:-1] + ', "company": "D"}', "json"),
        (TOML_REQUIRED + 'company = "D"\n', "toml"),
        ("Company: D\n" + YAML_REQUIRED.replace("company: C", "Company: C"), "txt"),
    ],
    ids=["yaml", "json", "toml", "text"],
)
def test_a_key_given_twice_is_refused_the_same_way_in_every_format(text: str, fmt: str) -> None:
    with pytest.raises(NotesError) as caught:
        parse_notes(text, fmt=fmt)
    message = caught.value.message
    assert "'company' twice" in message.lower()
    assert "keep the one that is right" in message


def test_yaml_and_json_say_both_values_like_text_notes_do() -> None:
    for text, fmt in [
        (YAML_REQUIRED + "company: D\n", "yaml"),
        (json.dumps(REQUIRED)[:-1] + ', "company": "D"}', "json"),
    ]:
        with pytest.raises(NotesError) as caught:
            parse_notes(text, fmt=fmt)
        assert "('C' and 'D')" in caught.value.message


def test_a_key_repeated_with_the_same_value_is_fine_as_in_text_notes() -> None:
    assert parse_notes(YAML_REQUIRED + "company: C\n", fmt="yaml").notes.company == "C"


def test_interviewers_given_twice_add_up_as_in_text_notes() -> None:
    yaml_notes = parse_notes(YAML_REQUIRED + "interviewer: Zed West\n", fmt="yaml").notes
    text_notes = parse_notes(YAML_REQUIRED + "interviewer: Zed West\n", fmt="txt").notes
    assert [p.name for p in yaml_notes.interviewers] == ["X Y", "Zed West"]
    assert yaml_notes.interviewers == text_notes.interviewers


def test_a_key_given_twice_inside_an_interviewer_is_refused() -> None:
    text = json.dumps({k: v for k, v in REQUIRED.items() if k != "interviewer"})[:-1]
    text += ', "interviewers": [{"name": "X Y", "name": "Z W"}]}'
    with pytest.raises(NotesError, match="'name' twice"):
        parse_notes(text, fmt="json")


def test_a_config_key_given_twice_names_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[rules]\nmax_exclamations = 2\nmax_exclamations = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'max_exclamations' is given twice"):
        load_config([path])
