"""Shared fixtures: the example notes, the fixture folder, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer.notes import LoadedNotes, parse_notes, read_notes_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
NOTES_FILES = sorted((FIXTURES / "notes").iterdir())


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads the developer's own config file or model settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "COMPOSER_MODEL",
        "COMPOSER_CONFIG",
        "COMPOSER_KIND",
        "COMPOSER_FORMAT",
        "COMPOSER_DISABLE",
        "COMPOSER_OFFLINE",
        "COMPOSER_OUT",
        "COMPOSER_TEMPLATES",
        "COMPOSER_HISTORY",
        "COMPOSER_NO_LOG",
        "COMPOSER_TODAY",
        "COMPOSER_DRAFTS",
        "COMPOSER_TIMEOUT",
        "COMPOSER_REPAIR_ROUNDS",
        "COMPOSER_DEBUG",
        "COMPOSER_TRUST_FOLDER_CONFIG",
        "COMPOSER_STRUCTURED",
        "COMPOSER_REQUEST_TIMEOUT",
        "VISUAL",
        "EDITOR",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(home)


@pytest.fixture
def history_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A history file of the test's own; no developer setting leaks in. Modules that drive
    the history use it for every test (`pytestmark = pytest.mark.usefixtures(...)`)."""
    for var in ("COMPOSER_NO_LOG", "COMPOSER_TODAY", "COMPOSER_FORMAT"):
        monkeypatch.delenv(var, raising=False)
    path = tmp_path / "data" / "history.db"
    monkeypatch.setenv("COMPOSER_HISTORY", str(path))
    return path


@pytest.fixture
def store(history_env: Path):  # type: ignore[no-untyped-def]
    """The test's history, open."""
    from composer.history import History

    with History.open(history_env) as opened:
        yield opened


@pytest.fixture
def jordan() -> LoadedNotes:
    return read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def notes_from(text: str) -> LoadedNotes:
    return parse_notes(text)


# --- Recorded HTTP (pytest-recording / vcrpy) ------------------------------------------------

CASSETTES = FIXTURES / "cassettes"
# Response headers that identify an account or a request; never stored.
_SCRUB_RESPONSE = (
    "set-cookie",
    "openai-organization",
    "openai-project",
    "x-request-id",
    "openai-processing-ms",
    "cf-ray",
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
    "date",
    "server",
)


def _scrub_response(response: dict) -> dict:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _SCRUB_RESPONSE:
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict:
    return {
        # Every credential-bearing header goes; the body is matched so a changed prompt can
        # never silently replay an old answer.
        "filter_headers": [
            "authorization",
            "api-key",
            "x-api-key",
            "openai-organization",
            "openai-project",
            "cookie",
            "user-agent",
            "host",
            # SDK telemetry: machine details and timings that change on every run.
            "x-stainless-os",
            "x-stainless-arch",
            "x-stainless-runtime",
            "x-stainless-runtime-version",
            "x-stainless-package-version",
            "x-stainless-lang",
            "x-stainless-async",
            "x-stainless-retry-count",
            "x-stainless-read-timeout",
            "x-stainless-timeout",
        ],
        "match_on": ["method", "path", "body"],
        "decode_compressed_response": True,
        "before_record_response": _scrub_response,
        "allow_playback_repeats": False,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.split(".")[-1])


@pytest.fixture
def scripted(request: pytest.FixtureRequest):
    """Start a scripted OpenAI-compatible server when recording; replay needs none.

    Call it with the scenario's steps; it returns the base URL to use. In record mode `none`
    (CI) the cassette answers every request, so the URL only has to be the same shape.
    """
    from tests.fake_openai import FakeOpenAI

    mode = request.config.getoption("--record-mode")
    servers: list[FakeOpenAI] = []

    def start(steps: list) -> str:
        if mode == "none":
            return "http://127.0.0.1:9/v1"
        server = FakeOpenAI(steps).__enter__()
        servers.append(server)
        return server.base_url

    yield start
    for server in servers:
        server.stop()
