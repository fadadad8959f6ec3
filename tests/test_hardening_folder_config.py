"""Issue 13, item 5: a working folder's composer.toml is untrusted for what it can switch on.

A folder's config may change thresholds and rules, but a model endpoint, a key or a templates
folder is taken from it only when the user opts in (COMPOSER_TRUST_FOLDER_CONFIG=1, or the
folder listed in `trusted_folders` of the user's config); composer says which setting it left
out and where, and where a gated setting it used came from. Any user templates folder is
rendered in Jinja's sandbox: the `cycler.__init__.__globals__.os.system` payload never runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer import templates
from composer.cli import app
from composer.errors import ConfigError
from composer.kinds import KINDS
from composer.settings import load_config
from tests.conftest import FIXTURES
from tests.fake_openai import FakeOpenAI, Step

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"
TRUST = "COMPOSER_TRUST_FOLDER_CONFIG"
GOOD_BODY = (
    "Dear Sophie,\n\nThank you for meeting me on Thursday to discuss the Paralegal role at "
    "Bramley Kent LLP. I valued hearing that paralegals attend client meetings from their "
    "first month.\n\nI look forward to hearing from you.\n\nKind regards,\nJordan Ellis"
)


@pytest.fixture(autouse=True)
def _no_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRUST, raising=False)
    templates.environment.cache_clear()  # each test's folders are new


@pytest.fixture(scope="module", autouse=True)
def _sdk_imported() -> None:
    import openai  # noqa: F401


def user_config(text: str) -> Path:
    """The user's own config file (XDG_CONFIG_HOME is a fresh folder per test)."""
    from composer.settings import user_config_path

    path = user_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def draft(*args: str, **env: str) -> object:
    return CliRunner().invoke(
        app, ["draft", str(NOTES), "-k", "thank-you", "--no-log", *args], env=env or None
    )


# --- the template payload --------------------------------------------------------------------

PAYLOADS = [
    '{% set x = cycler.__init__.__globals__.os.system("id > PWNED") %}x',
    '{{ joiner.__init__.__globals__.os.system("id > PWNED") }}',
    '{{ namespace.__init__.__globals__.os.system("id > PWNED") }}',
    "{{ lipsum.__globals__['os'].system('id > PWNED') }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').system('id > PWNED') }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{% if c.__name__ == 'Popen' %}"
    "{{ c('id > PWNED', shell=True) }}{% endif %}{% endfor %}",
    "{{ pick.__globals__['os'].system('id > PWNED') }}",
    "{{ n.__class__.__init__.__globals__['os'].system('id > PWNED') }}",
    "{{ 'x' * 10 ** 10 }}",
]


def payload_folder(root: Path, payload: str) -> Path:
    folder = root / "tpl"
    (folder / "messages").mkdir(parents=True)
    (folder / "messages" / "thank-you.j2").write_text(payload + "\n", encoding="utf-8")
    return folder


PAYLOAD_IDS = [
    "cycler",
    "joiner",
    "namespace",
    "lipsum",
    "self",
    "subclasses",
    "pick",
    "notes-class",
    "huge-string",
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
@pytest.mark.parametrize("how", ["trusted composer.toml", "--templates", "COMPOSER_TEMPLATES"])
def test_a_template_payload_never_runs_even_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: str, how: str
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = payload_folder(tmp_path, payload)
    if how == "trusted composer.toml":
        (tmp_path / "composer.toml").write_text('templates = "tpl"\n', encoding="utf-8")
        result = draft("--offline", **{TRUST: "1"})
    elif how == "--templates":
        result = draft("--offline", "--templates", str(folder))
    else:
        result = draft("--offline", COMPOSER_TEMPLATES=str(folder))
    assert not (tmp_path / "PWNED").exists()
    assert result.exit_code == 2, result.output
    assert "thank-you.j2 failed" in result.stderr and "unexpected" not in result.stderr


def test_a_folder_templates_setting_is_ignored_without_opt_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    payload_folder(tmp_path, PAYLOADS[0])
    config = tmp_path / "composer.toml"
    config.write_text('templates = "tpl"\n', encoding="utf-8")
    result = draft("--offline")
    assert not (tmp_path / "PWNED").exists()
    assert result.exit_code in (0, 1), result.output  # the built-in template wrote the draft
    assert "Dear Sophie" in result.stdout
    warning = next(line for line in result.stderr.splitlines() if "templates" in line)
    assert str(config) in warning and TRUST in warning and "trusted_folders" in warning


def test_user_templates_render_exactly_like_the_builtins_in_the_sandbox(tmp_path: Path) -> None:
    """The sandbox changes nothing for a template that stays in bounds: an empty user folder
    gives the built-in drafts and prompts character for character."""
    from composer.fallback import draft as template_draft
    from composer.notes import read_notes_file
    from composer.prompts import draft_messages
    from composer.settings import RuleSettings

    empty = tmp_path / "empty"
    empty.mkdir()
    for path in sorted((FIXTURES / "notes").iterdir()):
        notes = read_notes_file(path).notes
        for kind in KINDS:
            assert template_draft(notes, kind, empty) == template_draft(notes, kind)
            sandboxed = draft_messages(kind, notes, RuleSettings(), templates=empty)
            assert sandboxed == draft_messages(kind, notes, RuleSettings())
    from jinja2.sandbox import SandboxedEnvironment

    assert isinstance(templates.environment(empty), SandboxedEnvironment)
    assert not isinstance(templates.environment(None), SandboxedEnvironment)


# --- the model endpoint ------------------------------------------------------------------------


@pytest.mark.parametrize("key", [False, True], ids=["no key", "with the user's key"])
def test_a_folder_base_url_is_not_used_without_opt_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bool
) -> None:
    """Without opt-in the notes (and the user's key) never reach the folder's server."""
    monkeypatch.chdir(tmp_path)
    env = {"OPENAI_API_KEY": "sk-users-own-key-0123456789"} if key else {}
    with FakeOpenAI([Step(subject="Thank you", body=GOOD_BODY)]) as server:
        config = tmp_path / "composer.toml"
        config.write_text(
            f'[model]\nbase_url = "{server.base_url}"\napi_key = "sk-folder"\n', encoding="utf-8"
        )
        if key:  # the key is the user's: the endpoint is OpenAI's, which the test blocks
            env["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1"
        result = draft("--timeout", "2", "--repair-rounds", "0", **env)
        assert server.requests == [], "the folder's server received the notes"
    assert result.exit_code in (0, 1), result.output
    warnings = [line for line in result.stderr.splitlines() if str(config) in line]
    assert {w.split(" sets ")[1].split(",")[0] for w in warnings} == {
        "model.base_url",
        "model.api_key",
    }
    assert all(TRUST in w and "trusted_folders" in w for w in warnings)


@pytest.mark.parametrize("how", ["env", "user config"])
def test_a_trusted_folder_base_url_is_used_and_composer_says_where_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    env = {TRUST: "1"} if how == "env" else {}
    if how == "user config":
        user_config(f"trusted_folders = [{json.dumps(str(work))}]\n")
    with FakeOpenAI([Step(subject="Thank you - Paralegal role", body=GOOD_BODY)]) as server:
        config = work / "composer.toml"
        config.write_text(f'[model]\nbase_url = "{server.base_url}"\n', encoding="utf-8")
        result = draft("--repair-rounds", "0", **env)
        assert len(server.requests) == 1
    assert result.exit_code in (0, 1), result.output
    assert f"Using model.base_url from {config}" in result.stderr
    assert "ignores" not in result.stderr


def test_a_folder_cannot_trust_itself_and_trust_is_for_that_folder_only(tmp_path: Path) -> None:
    work, other = tmp_path / "work", tmp_path / "work" / "sub"
    other.mkdir(parents=True)
    (work / "composer.toml").write_text(
        f'trusted_folders = [{json.dumps(str(work))}]\n[model]\nbase_url = "http://a.invalid"\n',
        encoding="utf-8",
    )
    loaded = load_config(cwd=work)
    assert loaded.model.base_url is None and loaded.trusted_folders == []
    assert set(loaded.untrusted) == {"trusted_folders", "model.base_url"}

    user_config(f"trusted_folders = [{json.dumps(str(work))}]\n")
    assert load_config(cwd=work).model.base_url == "http://a.invalid"
    (other / "composer.toml").write_text('[model]\nbase_url = "http://b.invalid"\n')
    assert load_config(cwd=other).model.base_url is None  # a subfolder is not trusted with it


def test_everything_else_a_folder_sets_still_applies_and_each_setting_has_an_origin(
    tmp_path: Path,
) -> None:
    user = user_config('[model]\nbase_url = "http://mine.invalid/v1"\nname = "m1"\n')
    (tmp_path / "composer.toml").write_text(
        '[rules]\ndisable = ["SUBJ001"]\nmax_sentence_words = 30\n[model]\nname = "m2"\n'
        'base_url = "http://folder.invalid/v1"\n',
        encoding="utf-8",
    )
    loaded = load_config(cwd=tmp_path)
    assert loaded.rules.disable == ["SUBJ001"] and loaded.rules.max_sentence_words == 30
    assert loaded.model.name == "m2"  # a model name switches nothing on
    assert loaded.model.base_url == "http://mine.invalid/v1"  # the user's own, not the folder's
    assert loaded.origins["model.base_url"] == user
    assert loaded.origins["model.name"] == tmp_path / "composer.toml"
    assert loaded.origins["rules.disable"] == tmp_path / "composer.toml"
    trusted = load_config(cwd=tmp_path, trust_folder=True)
    assert trusted.model.base_url == "http://folder.invalid/v1" and not trusted.untrusted


def test_the_users_own_config_and_composer_config_are_trusted(tmp_path: Path) -> None:
    user_config('templates = "tpl"\n[model]\nbase_url = "http://mine.invalid/v1"\n')
    loaded = load_config(cwd=tmp_path)
    assert loaded.model.base_url == "http://mine.invalid/v1" and loaded.templates == Path("tpl")
    explicit = tmp_path / "composer.toml"  # named like a folder config, but named by the user
    explicit.write_text('[model]\nbase_url = "http://named.invalid/v1"\n', encoding="utf-8")
    assert load_config(explicit=explicit).model.base_url == "http://named.invalid/v1"


def test_a_private_setting_cannot_be_forged_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("_untrusted = {}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config([path])
