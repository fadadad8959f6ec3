"""`composer draft --batch DIR`: a drafts folder per notes file, per-file errors, bounded jobs."""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from composer.batch import notes_files, output_folders, run_batch
from composer.cli import app
from composer.drafting import Drafter, compose
from composer.errors import InputError
from composer.llm import ChatClient, Endpoint
from composer.notes import read_notes_file
from tests.conftest import FIXTURES
from tests.fake_openai import FakeOpenAI, Step

KINDS = ["thank-you", "status-check", "feedback-request"]


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """Every fixture notes file, one broken file, and things a batch must leave alone."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    for path in (FIXTURES / "notes").iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "broken.yaml").write_text("candidate: [unclosed\n", encoding="utf-8")
    (folder / "README.md").write_text("not notes\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Candidate: nobody\n", encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "elsewhere.txt").write_text("Candidate: nobody\n", encoding="utf-8")
    return folder


def _good(folder: Path) -> list[Path]:
    return [p for p in notes_files(folder) if p.name != "broken.yaml"]


def test_offline_batch_writes_a_folder_per_notes_file(runner, cohort: Path) -> None:
    result = runner.invoke(app, ["draft", "--batch", str(cohort), "--offline", "--kind", "all"])
    assert result.exit_code == 2  # one notes file was broken
    out = cohort / "drafts"
    for path in _good(cohort):
        written = sorted(p.name for p in (out / path.stem).iterdir())
        assert written == sorted(f"{k}.txt" for k in KINDS)
        text = (out / path.stem / "thank-you.txt").read_text(encoding="utf-8")
        assert text.startswith("Subject: ") and read_notes_file(path).notes.candidate in text
    assert not (out / "broken").exists() and not (out / "README").exists()
    assert not (out / ".hidden").exists() and not (out / "elsewhere").exists()
    assert "error: broken.yaml:" in result.stderr and "not valid YAML" in result.stderr
    summary = result.stdout.strip().splitlines()
    assert len(summary) == 1
    assert re.match(
        r"Drafted 18 messages for 6 of 7 notes files into .*drafts; 1 file failed", summary[0]
    )


def test_existing_drafts_are_kept_unless_forced(runner, cohort: Path, tmp_path: Path) -> None:
    (cohort / "broken.yaml").unlink()
    out = tmp_path / "out"
    args = ["draft", "--batch", str(cohort), "--out", str(out), "--offline", "-k", "thank-you"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    target = out / "jordan-ellis" / "thank-you.txt"
    target.write_text("my own edits\n", encoding="utf-8")

    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert target.read_text(encoding="utf-8") == "my own edits\n"
    assert "thank-you.txt already exists" in again.stderr and "--force" in again.stderr

    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("Subject: ")


def test_json_output_reports_every_file(runner, cohort: Path) -> None:
    result = runner.invoke(
        app, ["draft", "--batch", str(cohort), "--offline", "--format", "json", "-k", "all"]
    )
    data = json.loads(result.stdout)
    by_name = {Path(f["notes"]).name: f for f in data["files"]}
    assert sorted(by_name) == sorted(p.name for p in notes_files(cohort))
    assert "YAML" in by_name["broken.yaml"]["error"] and by_name["broken.yaml"]["drafts"] == []
    jordan = by_name["jordan-ellis.txt"]
    assert jordan["error"] is None and [d["kind"] for d in jordan["drafts"]] == KINDS
    assert all(d["source"] == "template" for d in jordan["drafts"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["draft", "notes.txt", "--batch", "."], "either NOTES or --batch"),
        (["draft", "--batch", "missing-folder"], "does not exist"),
        (["draft", "--batch", "empty"], "No notes files"),
    ],
    ids=["notes-and-batch", "missing-folder", "empty-folder"],
)
def test_unusable_batch_requests_exit_2(runner, tmp_path: Path, monkeypatch, args, message) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--offline"])
    assert result.exit_code == 2
    assert message in result.stderr


def test_same_name_in_two_formats_gets_two_folders(tmp_path: Path) -> None:
    files = [tmp_path / "a.txt", tmp_path / "a.yaml", tmp_path / "b.json"]
    folders = output_folders(files, tmp_path / "out")
    assert [f.name for f in folders.values()] == ["a-txt", "a-yaml", "b"]


def test_library_reports_progress_and_never_prints(cohort: Path, tmp_path: Path, capsys) -> None:
    seen: list[tuple[int, int, str]] = []
    result = run_batch(
        cohort,
        tmp_path / "out",
        kinds=["status-check"],
        progress=lambda done, total, item: seen.append((done, total, item.source.name)),
    )
    assert [s[:2] for s in seen] == [
        (
            i,
            7,
        )
        for i in range(1, 8)
    ]
    assert sorted(s[2] for s in seen) == sorted(p.name for p in notes_files(cohort))
    assert [f.source.name for f in result.files] == [p.name for p in notes_files(cohort)]
    assert result.exit_code == 2 and result.drafts == 6 and len(result.failed) == 1
    assert capsys.readouterr() == ("", "")


def test_bad_jobs_and_folder_raise_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        run_batch(tmp_path, jobs=0)
    with pytest.raises(InputError, match="No notes files"):
        run_batch(tmp_path)


# --- the model path, against a scripted local server ---------------------------------------


def _answers(files: list[Path]) -> dict[tuple[str, str], tuple[str, str]]:
    """What a well-behaved model answers: a passing draft for each (candidate, kind)."""
    answers = {}
    for path in files:
        notes = read_notes_file(path).notes
        for item in compose(notes, KINDS).drafts:
            answers[(notes.candidate, str(item.kind))] = (item.subject, item.body)
    return answers


def _route(answers: dict[tuple[str, str], tuple[str, str]], delay: float):
    asked = re.compile(r"Write the (?P<kind>[a-z-]+) email from (?P<who>.+?) to ")

    def route(payload: dict) -> Step:
        match = asked.search(payload["messages"][1]["content"])
        assert match, "every request is a first draft"
        subject, body = answers[(match["who"], match["kind"])]
        return Step(subject=subject, body=body, delay=delay)

    return route


class CountingClient(ChatClient):
    """Counts model calls in flight at once (a count, not a timing)."""

    def __init__(self, endpoint: Endpoint) -> None:
        super().__init__(endpoint)
        self.lock = threading.Lock()
        self.now = self.most = self.calls = 0

    def reply(self, *args, **kwargs):
        with self.lock:
            self.now += 1
            self.calls += 1
            self.most = max(self.most, self.now)
        try:
            return super().reply(*args, **kwargs)
        finally:
            with self.lock:
                self.now -= 1


def test_model_calls_in_flight_never_exceed_jobs(cohort: Path, tmp_path: Path) -> None:
    (cohort / "broken.yaml").unlink()
    files = notes_files(cohort)
    with FakeOpenAI(_route(_answers(files), delay=0.2)) as server:
        client = CountingClient(Endpoint(base_url=server.base_url, budget=30))
        drafter = Drafter(client=client)
        result = run_batch(cohort, tmp_path / "out", drafter=drafter, kinds=KINDS, jobs=3)
    assert result.exit_code == 0, result.problems()
    assert len(server.requests) == client.calls == len(files) * 3  # one request per draft
    assert 2 <= client.most <= 3  # concurrent, and bounded by --jobs
    assert all(d.source == "llm" for f in result.files for d in f.result.drafts)


def test_batch_cli_with_a_local_server(runner, cohort: Path, tmp_path: Path, monkeypatch) -> None:
    (cohort / "broken.yaml").unlink()
    files = notes_files(cohort)
    with FakeOpenAI(_route(_answers(files), delay=0.05)) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = runner.invoke(
            app,
            ["draft", "--batch", str(cohort), "-o", str(tmp_path / "o"), "-k", "all", "-j", "4"],
        )
    assert result.exit_code == 0, result.output
    assert len(server.requests) == len(files) * 3
    assert "Drafted 18 messages for 6 of 6 notes files" in result.stdout
