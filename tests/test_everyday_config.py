"""Where settings come from (issue 14.15, 14.10): the user config's path in `composer --help`,
`composer config` naming the origin of every setting, and config errors that name the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from composer.cli import app
from tests.conftest import ROOT


def _flat(text: str) -> str:
    return " ".join(text.split())


def _user_config() -> Path:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "composer" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _settings(result) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return {row["name"]: row for row in json.loads(result.stdout)["settings"]}


def test_help_shows_the_user_config_path(runner) -> None:
    from composer.cli.application import build
    from composer.settings import user_config_path

    # A fresh app: `composer.cli.app` is built once per process, with the first test's home.
    result = runner.invoke(build(), ["--help"], env={"COLUMNS": "300"})
    assert f"Settings: {user_config_path()} (your config file)" in _flat(result.stdout)
    assert "'composer config' shows every setting and where it came from" in _flat(result.stdout)


def test_help_still_loads_no_pydantic() -> None:
    code = (
        "import sys\nsys.argv = ['composer', '--help']\nfrom composer.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert "Settings: " in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "False"


def test_config_with_nothing_set_says_default_everywhere(runner) -> None:
    rows = _settings(runner.invoke(app, ["config", "--format", "json"]))
    assert {row["origin"] for row in rows.values()} == {"default"}
    assert rows["rules.words.thank-you.max"]["value"] == 260
    assert rows["model.api_key"]["value"] == "not set"
    text = runner.invoke(app, ["config"]).stdout
    assert "user config: " in text and "(not there)" in text
    assert "Model: none (offline" in text


def test_config_names_each_origin(runner, monkeypatch, tmp_path) -> None:
    user = _user_config()
    user.write_text(
        '[model]\nname = "llama3"\ntimeout = 45\nbase_url = "http://localhost:9/v1"\n'
        '[rules]\ndisable = ["SUBJ001"]\n'
    )
    # Only what a working folder's config may always set (no endpoint, key or templates).
    Path("composer.toml").write_text("[rules.words.thank-you]\nmax = 220\n")
    monkeypatch.setenv("COMPOSER_MODEL", "qwen2.5")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789abcdef")
    result = runner.invoke(app, ["config", "-f", "json", "--timeout", "30", "-d", "CRT002"])
    rows = _settings(result)
    assert "sk-test" not in result.stdout  # the key is never shown
    folder = str(Path.cwd() / "composer.toml")
    assert rows["rules.words.thank-you.max"] == {
        "name": "rules.words.thank-you.max",
        "value": 220,
        "origin": "folder config",
        "where": folder,
        "note": None,
    }
    assert rows["rules.words.thank-you.min"]["origin"] == "default"
    assert rows["model.base_url"]["origin"] == "user config"
    assert rows["model.name"]["origin"] == "environment"
    assert rows["model.name"]["where"] == "COMPOSER_MODEL"
    assert rows["model.name"]["note"] == f"overrides 'llama3' from the user config ({user})"
    assert rows["model.timeout"]["origin"] == "flag" and rows["model.timeout"]["value"] == 30
    assert rows["model.api_key"]["value"] == "set"
    assert rows["model.api_key"]["where"] == "OPENAI_API_KEY"
    assert rows["rules.disable"]["value"] == ["SUBJ001", "CRT002"]
    assert rows["rules.disable"]["origin"] == "flag"
    assert "SUBJ001 from the user config" in rows["rules.disable"]["note"]
    assert json.loads(result.stdout)["model_in_use"] == "qwen2.5 at localhost:9"


def test_config_shows_the_composer_config_file(runner, monkeypatch, tmp_path) -> None:
    chosen = tmp_path / "work.toml"
    chosen.write_text("[rules]\nmax_sentence_words = 30\n")
    _user_config().write_text("[rules]\nmax_sentence_words = 20\n")  # replaced, not read
    monkeypatch.setenv("COMPOSER_CONFIG", str(chosen))
    result = runner.invoke(app, ["config", "-f", "json"])
    document = json.loads(result.stdout)
    assert document["files"] == [
        {"role": "COMPOSER_CONFIG file", "path": str(chosen), "exists": True}
    ]
    row = _settings(result)["rules.max_sentence_words"]
    assert (row["value"], row["origin"], row["where"]) == (30, "COMPOSER_CONFIG file", str(chosen))


def test_config_text_lists_every_setting_with_its_origin(runner, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_KIND", "thank-you")
    Path("composer.toml").write_text("[rules]\nmax_exclamations = 1\n")
    text = runner.invoke(app, ["config"]).stdout
    lines = {line.split()[0]: line for line in text.splitlines() if line.strip()}
    assert lines["rules.max_exclamations"].endswith(f"(folder config: {Path.cwd()}/composer.toml)")
    assert lines["kind"].endswith("(environment: COMPOSER_KIND)")
    assert lines["channel"].endswith("(default)")


def test_a_word_limit_error_names_the_file_and_the_defaults(runner) -> None:
    Path("composer.toml").write_text("[rules.words.thank-you]\nmin = 150\nmax = 100\n")
    result = runner.invoke(app, ["draft", "-", "--offline", "--no-log"], input="x")
    assert result.exit_code == 2
    said = _flat(result.stderr)
    assert f"rules.words.thank-you in {Path.cwd()}/composer.toml" in said
    assert "composer's defaults for thank-you: min 35, soft_max 200, max 260" in said
    assert "Value error" not in said


def test_a_config_error_names_the_file_that_set_it(runner) -> None:
    user = _user_config()
    user.write_text("[rules]\nmax_sentence_words = 2\n")
    Path("composer.toml").write_text("[rules]\nsubject_max_chars = 80\n")
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 2
    assert f"rules.max_sentence_words in {user}: Input should be greater than or equal to 5" in (
        _flat(result.stderr)
    )
