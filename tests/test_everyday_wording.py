"""Words that must match what happened (issue 14.10, 14.1): where an outcome came from, what
the history kept, the user's own notes path in hints, and the id `composer sent` takes."""

from __future__ import annotations

from composer.cli import app
from tests.conftest import FIXTURES

JORDAN = (FIXTURES / "notes" / "jordan-ellis.txt").read_text()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _notes(tmp_path, name: str = "my notes.txt"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(JORDAN)
    return path


def test_an_outcome_from_the_history_is_not_called_the_notes(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = _notes(tmp_path)
    assert runner.invoke(app, ["outcome", str(notes), "rejected"]).exit_code == 0
    result = runner.invoke(app, ["draft", str(notes), "--offline", "-k", "status-check"])
    said = _flat(result.stderr)
    assert "composer's history records the outcome as 'rejected'" in said
    assert "Your notes say" not in said  # the notes say 'pending'


def test_an_outcome_in_the_notes_is_still_called_the_notes(runner, tmp_path) -> None:
    notes = tmp_path / "n.txt"
    notes.write_text(JORDAN.replace("Outcome: pending", "Outcome: rejected"))
    result = runner.invoke(
        app, ["draft", str(notes), "--offline", "--no-log", "-k", "status-check"]
    )
    assert "Your notes say the outcome is 'rejected'" in _flat(result.stderr)


def test_history_show_does_not_call_notes_from_a_file_pasted(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = _notes(tmp_path)
    assert runner.invoke(app, ["draft", str(notes), "--offline"]).exit_code == 0
    shown = _flat(runner.invoke(app, ["history", "show", "1"]).stdout)
    assert "pasted" not in shown
    assert f"The notes as you gave them are kept, word for word ({len(JORDAN)} characters" in shown


def test_plan_hints_name_the_users_notes_file_and_the_send_command(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = _notes(tmp_path)
    args = ["plan", str(notes), "--today", "2026-11-25"]
    untracked = _flat(runner.invoke(app, args, env={"COLUMNS": "200"}).stdout)
    quoted = f"'{notes}'"  # a path with a space, quoted as a shell needs it
    assert f"→ ask politely for an update: composer draft {quoted} --kind status-check" in untracked
    assert "NOTES" not in untracked
    assert "'composer sent ID KIND' marks it done" in untracked
    assert runner.invoke(app, ["draft", str(notes), "--offline"]).exit_code == 0
    tracked = _flat(runner.invoke(app, args, env={"COLUMNS": "200"}).stdout)
    assert (
        f"composer draft {quoted} --kind status-check; once it has gone: composer sent 1 "
        "status-check"
    ) in tracked
    sent = runner.invoke(app, ["sent", "1", "status-check", "--on", "2026-11-24"])
    assert sent.exit_code == 0, sent.output
    done = _flat(runner.invoke(app, [*args], env={"COLUMNS": "200"}).stdout)
    assert "→" not in done


def test_plan_from_standard_input_still_says_notes(runner) -> None:
    result = runner.invoke(app, ["plan", "-", "--today", "2026-11-25", "--no-log"], input=JORDAN)
    assert "composer draft NOTES --kind status-check" in _flat(result.stdout)


def test_outcome_hints_name_the_users_notes_file(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = _notes(tmp_path, "bramley.txt")
    result = runner.invoke(app, ["outcome", str(notes), "rejected", "--on", "2026-11-20"])
    said = _flat(result.stdout)
    assert f"composer draft {notes} --kind feedback-request" in said
    assert "composer sent 1 feedback-request" in said
    by_id = _flat(runner.invoke(app, ["outcome", "1", "rejected", "--on", "2026-11-20"]).stdout)
    assert "composer draft NOTES --kind feedback-request" in by_id  # no file was given
