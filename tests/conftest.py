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
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COMPOSER_MODEL", "COMPOSER_CONFIG",
                "COMPOSER_KIND", "COMPOSER_FORMAT", "COMPOSER_DISABLE", "COMPOSER_OFFLINE",
                "COMPOSER_OUT", "COMPOSER_TEMPLATES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(home)


@pytest.fixture
def jordan() -> LoadedNotes:
    return read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def notes_from(text: str) -> LoadedNotes:
    return parse_notes(text)
