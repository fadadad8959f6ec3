"""The CLI package's seams: plain text in one place, JSON as the model's dump, one variable per
option, and library code that reads no environment."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer.cli import app, io
from composer.cli.io import Format
from tests.conftest import FIXTURES, ROOT

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"
BRACKETS = "Software Engineer [m/w/d] [/] [link=https://example.invalid]x[/link] :smile:"


def bracketed_notes(tmp_path: Path) -> Path:
    path = tmp_path / "n.txt"
    text = NOTES.read_text(encoding="utf-8")
    role = next(line for line in text.splitlines() if line.startswith("Role:"))
    path.write_text(text.replace(role, f"Role: {BRACKETS}"), encoding="utf-8")
    return path


def test_text_from_the_notes_is_printed_as_written_never_as_markup(tmp_path: Path) -> None:
    notes = bracketed_notes(tmp_path)
    result = CliRunner().invoke(app, ["draft", str(notes), "--offline", "-k", "thank-you"])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert BRACKETS in result.stdout  # brackets, closing tags and emoji codes all kept


def test_history_and_plan_print_bracketed_roles_plainly(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = bracketed_notes(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["outcome", str(notes), "pending"]).exit_code == 0
    for args in (["history"], ["history", "show", "1"], ["plan", str(notes)], ["due"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert "[m/w/d]" in result.stdout.replace("\n", ""), args


def test_emit_writes_the_model_dump_or_the_rendering(capsys) -> None:
    from composer.models import Message

    message = Message(subject="[b]Hi[/b]", body="x")
    io.emit(message, Format.JSON, lambda m: "never called in JSON mode")
    assert json.loads(capsys.readouterr().out) == message.model_dump()
    io.emit(message, Format.TEXT, lambda m: m.subject)
    assert capsys.readouterr().out == "[b]Hi[/b]\n"


def test_composer_out_is_the_drafts_folder_and_composer_drafts_still_works(
    tmp_path: Path, monkeypatch
) -> None:
    runner = CliRunner()
    args = ["draft", str(NOTES), "--offline", "-k", "thank-you", "--no-log"]
    monkeypatch.setenv("COMPOSER_OUT", str(tmp_path / "out"))
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and (tmp_path / "out" / "thank-you.txt").exists()
    assert "deprecated" not in result.stderr

    monkeypatch.delenv("COMPOSER_OUT")
    monkeypatch.setenv("COMPOSER_DRAFTS", str(tmp_path / "old"))
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and (tmp_path / "old" / "thank-you.txt").exists()
    assert "COMPOSER_DRAFTS is deprecated; set COMPOSER_OUT" in result.stderr

    monkeypatch.setenv("COMPOSER_OUT", str(tmp_path / "new"))  # the new one wins, silently
    result = runner.invoke(app, args)
    assert (tmp_path / "new" / "thank-you.txt").exists() and "deprecated" not in result.stderr


def test_resolve_endpoint_takes_values_and_reads_no_environment(monkeypatch) -> None:
    from composer.llm import resolve_endpoint
    from composer.settings import ModelSettings

    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-environment-0123456789")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("COMPOSER_MODEL", "from-env")
    assert resolve_endpoint(ModelSettings()) is None  # the CLI passes what it read
    endpoint = resolve_endpoint(ModelSettings(name="cfg"), api_key="k", budget=5, repair_rounds=0)
    assert endpoint is not None
    assert (endpoint.model, endpoint.budget, endpoint.repair_rounds) == ("cfg", 5, 0)
    assert endpoint.api_key is not None and endpoint.api_key.get_secret_value() == "k"


def test_the_cli_reads_the_endpoint_from_its_options_and_the_key(monkeypatch) -> None:
    from composer.cli import inputs
    from composer.settings import Config

    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-environment-0123456789")
    endpoint = inputs.endpoint(Config(), False, "m", None, 7.0, 1)
    assert endpoint is not None and endpoint.model == "m" and endpoint.budget == 7.0
    assert inputs.endpoint(Config(), True, "m", None, 7.0, 1) is None  # --offline wins


@pytest.mark.parametrize("module", ["composer", "composer.cli"])
def test_python_dash_m_runs_the_cli(module: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", module, "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("composer "), proc.stderr


def test_main_builds_only_the_command_asked_for(monkeypatch, capsys) -> None:
    from composer.cli.application import build, main

    assert [c.callback.__name__ for c in build("draft").registered_commands] == ["draft"]
    assert [g.name for g in build("history").registered_groups] == ["history"]
    assert len(build("drfat").registered_commands) == len(build().registered_commands) > 5

    def run(*args: str) -> int:
        monkeypatch.setattr(sys, "argv", ["composer", *args])
        with pytest.raises(SystemExit) as stop:
            main()
        return int(stop.value.code or 0)

    code = run("draft", str(NOTES), "--offline", "-k", "thank-you", "--no-log", "-f", "json")
    assert code == 0 and json.loads(capsys.readouterr().out)["drafts"][0]["kind"] == "thank-you"
    assert run("drfat") == 2 and "No such command" in capsys.readouterr().err
    assert run("--version") == 0 and capsys.readouterr().out.startswith("composer ")


SAMPLES = [
    "plain words",
    "a\tb\tc and\tmore",
    "bell\x07 back\x08 cr\r form\x0c vt\x0b",
    "wide 漢字 and é",
    "lines\n\nwith\ttabs\n  and indents  ",
    "[bold]not markup[/bold] :smile:",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_text_to_a_pipe_is_what_rich_would_print_there(text: str, capsys) -> None:
    import io as stdio

    from rich.console import Console

    styled = io.styled(("warning: ", "yellow"), text).append(" end", "bold")
    for item in (text, styled):
        io.say(item)
        expected = stdio.StringIO()
        printable = item.__rich__() if isinstance(item, io.Styled) else item
        Console(file=expected, markup=False, emoji=False, highlight=False, soft_wrap=True).print(
            printable
        )
        assert capsys.readouterr().out == expected.getvalue()


def test_an_offline_draft_to_a_pipe_never_imports_rich() -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['composer', 'draft', {str(NOTES)!r}, '--offline', '-k', 'all', '--no-log']\n"
        "from composer.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert "── thank-you (template) [1/3] ──" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr
