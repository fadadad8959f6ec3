"""`composer review` end to end through a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from composer.cli import app
from tests.conftest import FIXTURES, ROOT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
PROMPT = r"\[a\]ccept.*\[q\]uit > "
EDITOR = """\
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("I look forward to hearing from you.",
                    "I look forward to hearing from you, and thank you again.")
open(path, "w", encoding="utf-8").write(text)
"""


def _spawn(tmp_path: Path, *args: str, **extra_env: str) -> pexpect.spawn:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR)
    env = {
        **os.environ,
        "EDITOR": f"{sys.executable} {editor}",
        "VISUAL": "",
        "COMPOSER_NO_LOG": "1",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "PYTHONPATH": str(ROOT),  # this checkout, whatever the venv has installed
        **extra_env,
    }
    return pexpect.spawn(
        sys.executable,
        [
            "-m",
            "composer.cli",
            "review",
            NOTES,
            "--offline",
            "--out",
            str(tmp_path / "drafts"),
            *args,
        ],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(60, 220),
    )


def test_edit_accept_regenerate_template_and_skip(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "--kind", "all")
    child.expect(r"thank-you \(template\)")
    child.expect(PROMPT)
    child.sendline("e")  # the scripted editor changes one sentence
    child.expect(r"thank-you \(edited\)")
    child.expect("and thank you again")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(r"Saved .*thank-you\.txt")
    child.expect(r"status-check \(template\)")
    child.expect(PROMPT)
    child.sendline("r")
    child.expect("another template wording")
    child.expect(PROMPT)
    child.sendline("t")
    child.expect(PROMPT)
    child.sendline("s")
    child.expect(r"feedback-request \(template\)")
    child.expect(PROMPT)
    child.sendline("x")  # not an action: asked again
    child.expect("Type a, e, r, t, s or q")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(r"Accepted 1 draft")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    drafts = tmp_path / "drafts"
    txt = drafts / "2026-11-12-bramley-kent-llp-thank-you.txt"
    assert "and thank you again" in txt.read_text()
    eml = txt.with_suffix(".eml").read_text()
    assert "Subject: Thank you" in eml and "X-Unsent: 1" in eml
    versions = sorted(p.name for p in (drafts / ".versions").iterdir())
    # drafted + edited thank-you; drafted + regenerated + template status check; feedback.
    assert len(versions) == 6, versions
    assert any("edited" in v for v in versions)
    assert not [p for p in drafts.rglob("*.tmp")]


def test_ctrl_c_mid_review_loses_nothing(tmp_path: Path) -> None:
    child = _spawn(tmp_path)
    child.expect(PROMPT)
    child.sendintr()
    child.expect("Every version shown so far is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    versions = list((tmp_path / "drafts" / ".versions").iterdir())
    assert len(versions) == 1 and versions[0].read_text().startswith("Subject: ")
    assert not list((tmp_path / "drafts").rglob("*.tmp"))


def test_review_without_a_terminal_points_to_draft(runner) -> None:
    result = runner.invoke(app, ["review", NOTES, "--offline", "--no-log"])
    assert result.exit_code == 2
    assert "composer draft" in result.stderr


@pytest.mark.parametrize("existing", [1, 2])
def test_accepted_drafts_never_replace_earlier_ones(tmp_path: Path, existing: int) -> None:
    from composer import outbox
    from composer.drafting import template_draft
    from composer.models import Kind
    from composer.notes import read_notes_file

    notes = read_notes_file(Path(NOTES)).notes
    draft = template_draft(notes, Kind.THANK_YOU)
    paths = [outbox.save_accepted(tmp_path, notes, draft)[0] for _ in range(existing + 1)]
    assert len({p.name for p in paths}) == existing + 1
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in paths)


def test_review_records_every_version_and_decision_in_the_history(tmp_path: Path) -> None:
    from composer.history import History

    db = tmp_path / "history.db"
    child = _spawn(tmp_path, "--kind", "thank-you", COMPOSER_NO_LOG="", COMPOSER_HISTORY=str(db))
    child.expect(PROMPT)
    child.sendline("e")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with History.open(db) as store:
        (row,) = store.interviews()
        detail = store.interview(row.id)
    assert [d.status for d in detail.drafts] == ["drafted", "edited"]
    assert [e.action for e in detail.events][-2:] == ["edited", "accepted"]
