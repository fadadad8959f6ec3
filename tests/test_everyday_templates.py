"""`--templates DIR` (issue 14.12): a template put where composer does not read it is an error
naming the file expected, never a draft silently written from the built-in template."""

from __future__ import annotations

import json

import pytest

from composer.cli import app
from tests.conftest import FIXTURES

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
MINE = "Subject: Mine - {{ n.role }}\n\nDear {{ reader }},\n\nThank you.\n\n{{ signature }}\n"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("thank-you.j2", "messages/thank-you.j2"),
        ("status-check.phone.j2", "messages/status-check.phone.j2"),
        ("thank-you.system.j2", "llm/thank-you.system.j2"),
    ],
)
def test_a_template_at_the_top_of_the_folder_names_the_file_expected(
    runner, tmp_path, name, expected
) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / name).write_text(MINE)
    result = runner.invoke(
        app, ["draft", NOTES, "--offline", "--no-log", "--templates", str(folder)]
    )
    assert result.exit_code == 2, result.output
    said = _flat(result.stderr)
    assert f"{folder / name} (composer reads {folder / expected})" in said
    assert result.stdout == ""  # no draft from the built-in template


def test_the_same_file_in_its_place_is_used(runner, tmp_path) -> None:
    folder = tmp_path / "tpl"
    (folder / "messages").mkdir(parents=True)
    (folder / "messages" / "thank-you.j2").write_text(MINE)
    result = runner.invoke(
        app,
        [
            *("draft", NOTES, "--offline", "--no-log", "-k", "thank-you", "-f", "json"),
            "--templates",
            str(folder),
        ],
    )
    (item,) = json.loads(result.stdout)["drafts"]
    assert item["subject"].startswith("Mine - ")
    assert "composer would not use" not in result.stderr


def test_the_folder_from_the_environment_is_checked_too(runner, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "feedback-request.j2").write_text(MINE)
    monkeypatch.setenv("COMPOSER_TEMPLATES", str(folder))
    result = runner.invoke(app, ["prompt", NOTES, "-k", "thank-you"])
    assert result.exit_code == 2
    assert str(folder / "messages" / "feedback-request.j2") in _flat(result.stderr)


def test_a_misspelled_template_is_a_warning_with_a_suggestion(runner, tmp_path) -> None:
    folder = tmp_path / "tpl"
    (folder / "messages").mkdir(parents=True)
    (folder / "messages" / "thankyou.j2").write_text(MINE)
    (folder / "messages" / "_mine.j2").write_text("{% macro x() %}{% endmacro %}")
    result = runner.invoke(
        app,
        ["draft", NOTES, "--offline", "--no-log", "-k", "thank-you", "--templates", str(folder)],
    )
    assert result.exit_code == 0, result.output
    said = _flat(result.stderr)
    assert f"did you mean {folder / 'messages' / 'thank-you.j2'}?" in said
    assert "overrides none of composer's templates" in said
    assert "_mine.j2" not in said  # the user's own macros are theirs


def test_a_model_prompt_at_the_top_names_its_place_in_llm(tmp_path) -> None:
    from composer.cli.overrides import check_templates
    from composer.errors import ConfigError

    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "thank-you.user.j2").write_text("x")

    with pytest.raises(ConfigError, match=r"composer reads .*llm/thank-you\.user\.j2"):
        check_templates(folder)


def test_a_folder_name_too_long_to_look_up_is_left_to_the_templates_module() -> None:
    from pathlib import Path

    from composer.cli.overrides import check_templates

    assert check_templates(Path("n" * 300)) == []  # no OSError: the loader says what is wrong
