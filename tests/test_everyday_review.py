"""`composer review` in ordinary trouble, through a real pseudo-terminal (pexpect): editors that
fail, delete the file, save Latin-1 or far too much; drafts folders that cannot be written; a
draft that fails a rule being accepted. Each case ends at the action prompt (the session goes
on) or ends cleanly before any drafting, never with exit 70 - and no editing file stays behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import FIXTURES, ROOT

NOTES = str(FIXTURES / "notes" / "jordan-ellis.txt")
PROMPT = r"\[a\]ccept.*\[q\]uit > "
# One editor, told what to do by EDIT_MODE.
EDITOR = """\
import os, sys
path = sys.argv[1]
mode = os.environ["EDIT_MODE"]
text = open(path, encoding="utf-8").read()
if mode == "fail":
    sys.exit(3)
if mode == "fail-changed":
    open(path, "w", encoding="utf-8").write(text.replace("Dear", "Dearest"))
    sys.exit(1)
if mode == "delete":
    os.unlink(path)
elif mode == "latin1":
    open(path, "w", encoding="cp1252").write(text.replace("Dear Sophie", "Dear Sophie, café"))
elif mode == "huge":
    open(path, "w", encoding="utf-8").write(text + "word " * 40_000)
elif mode == "short":
    open(path, "w", encoding="utf-8").write("Subject: Hi\\n\\nHi.\\n")
"""


def _spawn(
    tmp_path: Path,
    mode: str,
    *args: str,
    out: Path | None = None,
    notes: str = NOTES,
    **env: str,
) -> pexpect.spawn:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR)
    environment = {
        **os.environ,
        "EDITOR": f"{sys.executable} {editor}",
        "VISUAL": "",
        "EDIT_MODE": mode,
        "COMPOSER_NO_LOG": "1",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "PYTHONPATH": str(ROOT),  # this checkout, whatever the venv has installed
        **env,
    }
    folder = out if out is not None else tmp_path / "drafts"
    return pexpect.spawn(
        sys.executable,
        [
            *("-m", "composer.cli", "review", notes, "--offline", "--kind", "thank-you"),
            *("--out", str(folder), *args),
        ],
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(60, 220),
    )


def _finish(child: pexpect.spawn, status: int = 0) -> None:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status, child.before


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("editing-*")) + sorted(
        p.name for p in folder.rglob("*.tmp")
    )


def test_an_editor_that_fails_returns_to_the_prompt_with_the_draft_unchanged(tmp_path) -> None:
    child = _spawn(tmp_path, "fail")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect(r"exited with status 3; the draft is unchanged\.")
    child.expect(PROMPT)  # the session goes on: before the fix it ended here with exit 2
    child.sendline("a")
    child.expect("Saved ")
    _finish(child)
    drafts = tmp_path / "drafts"
    assert "Dear Sophie," in (drafts / "2026-11-12-bramley-kent-llp-thank-you.txt").read_text()
    assert _leftovers(drafts) == []


def test_text_changed_in_a_failed_edit_is_kept_under_a_clear_name(tmp_path) -> None:
    child = _spawn(tmp_path, "fail-changed")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect(r"exited with status 1; the draft is unchanged \(the text you changed is kept")
    child.expect(PROMPT)
    child.sendline("q")
    _finish(child)
    versions = tmp_path / "drafts" / ".versions"
    (kept,) = versions.glob("*-unsaved.txt")
    assert kept.name.startswith("2026-11-12-bramley-kent-llp-thank-you-v1")
    assert "Dearest Sophie" in kept.read_text()
    assert _leftovers(tmp_path / "drafts") == []


def test_an_editor_that_deletes_the_file_is_said_and_the_session_goes_on(tmp_path) -> None:
    child = _spawn(tmp_path, "delete")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("The editor removed the file; the draft is unchanged.")
    child.expect(PROMPT)
    child.sendline("q")
    _finish(child)


def test_an_edit_saved_as_latin_1_is_read_and_said(tmp_path) -> None:
    child = _spawn(tmp_path, "latin1")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("saved the draft as Latin-1")
    child.expect(r"thank-you \(edited\)")
    child.expect("Dear Sophie, café")
    child.expect(PROMPT)
    child.sendline("q")
    _finish(child)
    assert _leftovers(tmp_path / "drafts") == []


def test_an_edit_over_100_kb_is_refused_and_kept(tmp_path) -> None:
    child = _spawn(tmp_path, "huge")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect(r"over 100 KB; a follow-up is a few hundred words\. The draft is unchanged")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect("Saved ")
    _finish(child)
    drafts = tmp_path / "drafts"
    assert len((drafts / "2026-11-12-bramley-kent-llp-thank-you.txt").read_text()) < 5_000
    assert [p.stat().st_size > 100_000 for p in (drafts / ".versions").glob("*-unsaved.txt")] == [
        True
    ]
    assert _leftovers(drafts) == []


def test_accepting_a_draft_that_fails_an_error_rule_asks_first(tmp_path) -> None:
    child = _spawn(tmp_path, "short")
    child.expect(PROMPT)
    child.sendline("e")  # the edit is far too short: it fails error-level rules
    child.expect(r"fails \d+ error-level rule")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(r"This draft fails \d+ error-level rules? \(.*BREV003.*\)\. Accept it anyway\?")
    child.sendline("")  # the default is no
    child.expect("Not accepted; the draft is unchanged.")
    child.expect(PROMPT)
    assert not list((tmp_path / "drafts").glob("*.txt"))
    child.sendline("a")
    child.expect("Accept it anyway")
    child.sendline("y")
    child.expect("Saved ")
    _finish(child)
    saved = tmp_path / "drafts" / "2026-11-12-bramley-kent-llp-thank-you.txt"
    assert saved.read_text() == "Subject: Hi\n\nHi.\n"


def test_a_passing_draft_is_accepted_without_a_question(tmp_path) -> None:
    child = _spawn(tmp_path, "fail")
    child.expect(PROMPT)
    child.sendline("a")
    index = child.expect(["Saved ", "Accept it anyway"])
    assert index == 0
    _finish(child)


def test_the_saved_line_gives_the_draft_id_sent_takes(tmp_path) -> None:
    db = tmp_path / "history.db"
    child = _spawn(tmp_path, "fail", COMPOSER_NO_LOG="", COMPOSER_HISTORY=str(db))
    child.expect(r"── draft #1")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(
        r"Saved .*thank-you\.txt and .*\.eml \(draft #1; once it has gone: composer sent 1\)"
    )
    _finish(child)


def _refused(tmp_path: Path, out: Path, expected: str) -> None:
    child = _spawn(tmp_path, "fail", out=out)
    child.expect(expected)
    _finish(child, 2)
    assert "Traceback" not in (child.before or "")


def test_versions_being_a_file_ends_cleanly_before_drafting(tmp_path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    (out / ".versions").write_text("my own notes\n")
    _refused(tmp_path, out, r"\.versions is a file, not a folder; composer keeps every version")
    assert (out / ".versions").read_text() == "my own notes\n"  # left alone


def test_versions_being_a_dangling_symlink_ends_cleanly(tmp_path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    (out / ".versions").symlink_to(tmp_path / "gone")
    _refused(tmp_path, out, r"\.versions is a symbolic link to .*gone, which does not exist")


def test_a_drafts_folder_inside_a_file_ends_cleanly(tmp_path) -> None:
    (tmp_path / "plain.txt").write_text("x")
    _refused(tmp_path, tmp_path / "plain.txt" / "drafts", r"Cannot write to .*Not a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder anyway")
def test_a_read_only_drafts_folder_ends_cleanly(tmp_path) -> None:
    out = tmp_path / "drafts"
    out.mkdir(mode=0o500)
    try:
        _refused(tmp_path, out, r"Cannot write to .*Permission denied")
    finally:
        out.chmod(0o700)


def test_a_subject_with_a_line_break_makes_no_header_and_saves_both_files(tmp_path) -> None:
    notes = tmp_path / "notes.yaml"
    notes.write_text(
        "candidate: Jordan Ellis\ncompany: Bramley Kent LLP\n"
        'role: "Paralegal\\nBcc: someone@example.com"\n'
        "interviewers: [Sophie Turner]\ninterview_date: 2026-11-12\n"
        "learned: paralegals attend client meetings from their first month\n"
    )
    child = _spawn(tmp_path, "fail", notes=str(notes))
    child.expect(PROMPT)
    assert "\nBcc:" not in child.before.replace("\r", "")
    child.sendline("a")
    child.expect("Saved ")
    _finish(child)
    (txt,) = (tmp_path / "drafts").glob("*.txt")
    eml = txt.with_suffix(".eml").read_text()
    assert "\nBcc:" not in txt.read_text() and "\nBcc:" not in eml
    assert "Subject: Thank you" in eml and "Paralegal Bcc: someone@example.com" in eml


def test_a_model_subject_with_a_line_break_is_one_line_in_the_eml(jordan) -> None:
    from composer import outbox
    from composer.drafting import template_draft
    from composer.models import Draft, Kind

    draft = template_draft(jordan.notes, Kind.THANK_YOU)
    hostile = Draft.model_validate({**draft.model_dump(), "subject": "Thanks\r\nBcc: x@y.z"})
    assert hostile.subject == "Thanks Bcc: x@y.z"
    mail = outbox.eml(jordan.notes, hostile).decode()
    assert "\nBcc:" not in mail.replace("\r", "")


def test_a_versions_folder_lost_mid_session_is_said_and_the_session_goes_on(
    tmp_path, jordan
) -> None:
    import io as stdio
    import shutil

    from composer.cli.io import console
    from composer.cli.reviewer import Review, prepare_folder
    from composer.drafting import Drafter

    out = tmp_path / "drafts"
    prepare_folder(out)
    answers = iter(["t", "a"])
    shown = stdio.StringIO()

    def ask(prompt: str) -> str:
        shown.write(prompt)
        if (out / ".versions").is_dir():  # after the first version, the folder goes
            shutil.rmtree(out / ".versions")
            (out / ".versions").write_text("in the way\n")
        return next(answers)

    with Drafter().open(jordan.notes) as session:
        drafts = session.draft(["thank-you"]).drafts
        done = Review(session, drafts, console=console(shown), ask=ask, out=out).run()
    text = shown.getvalue()
    assert "Could not keep this version in" in text
    assert len(done.accepted) == 2  # the session went on and the draft was still accepted


def test_review_after_an_offer_says_there_is_nothing_to_send(tmp_path) -> None:
    notes = tmp_path / "offer.txt"
    notes.write_text(Path(NOTES).read_text().replace("Outcome: pending", "Outcome: offered"))
    child = pexpect.spawn(
        sys.executable,
        ["-m", "composer.cli", "review", str(notes), "--offline", "--out", str(tmp_path / "d")],
        env={**os.environ, "COMPOSER_NO_LOG": "1", "TERM": "dumb", "PYTHONPATH": str(ROOT)},
        encoding="utf-8",
        timeout=20,
    )
    child.expect("Nothing to send: your notes say you have an offer")
    _finish(child)
    assert not list((tmp_path / "d").glob("*.txt"))
