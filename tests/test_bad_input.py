"""Malformed input through the real CLI: exit code 2, one clear message, never a traceback.

Each case is (args, stdin, files to create, fragments the message must contain). Fragments name
the problem and the fix, so a message that only says 'invalid input' fails the test.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer.cli import app

from .conftest import FIXTURES, ROOT

GOOD_TXT = (FIXTURES / "notes" / "jordan-ellis.txt").read_text(encoding="utf-8")
MINIMAL = str(FIXTURES / "notes" / "minimal.json")
YAML_BASE = (
    "candidate: Jordan Ellis\ncompany: Bramley Kent LLP\nrole: Paralegal\n"
    "interviewer: Sophie Turner\ninterview_date: 2026-11-12\n"
)
MESSAGE = (
    "Subject: Thank you - Paralegal interview\n\nDear Sophie,\n\nThank you for meeting me on "
    "Thursday to discuss the Paralegal role at Bramley Kent LLP. I learned that paralegals "
    "attend client meetings from their first month, and I am very keen to join the team.\n\n"
    "Kind regards,\nJordan Ellis\n"
)


def without(line_start: str) -> str:
    return "".join(ln for ln in GOOD_TXT.splitlines(keepends=True) if not ln.startswith(line_start))


def replaced(old: str, new: str) -> str:
    assert old in GOOD_TXT
    return GOOD_TXT.replace(old, new)


@dataclass
class Case:
    args: list[str]
    fragments: list[str]
    stdin: str | bytes | None = None
    files: dict[str, str | bytes] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[pytest.MonkeyPatch, Path], None] | None = None


def _draft(name: str, content: str | bytes, *fragments: str) -> Case:
    return Case(["draft", name, "--offline"], list(fragments), files={name: content})


def _unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Root can read a chmod 000 file, so make opening it fail the way it does for a user."""
    target = folder / "locked.txt"
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == target or self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    monkeypatch.setattr(Path, "read_bytes", lambda self: deny(self).read())


CASES: dict[str, Case] = {
    # --- draft: each required field missing ---------------------------------------------------
    "missing-candidate": _draft(
        "n.txt", without("Candidate:"), "'Candidate' is missing", "Candidate: Jordan Ellis"
    ),
    "missing-company": _draft(
        "n.txt", without("Company:"), "'Company' is missing", "Company: Bramley Kent LLP"
    ),
    "missing-role": _draft("n.txt", without("Role:"), "'Role' is missing", "Role: "),
    "missing-interviewer": _draft(
        "n.txt", without("Interviewer:"), "'Interviewer' is missing", "Interviewer: "
    ),
    "missing-interview-date": _draft(
        "n.txt",
        without("Interview date:"),
        "'Interview date' is missing",
        "Interview date: 12 November 2026",
    ),
    "blank-candidate": _draft(
        "n.txt", replaced("Candidate: Jordan Ellis", "Candidate:"), "'Candidate' is empty"
    ),
    "blank-interviewers": _draft(
        "n.txt",
        replaced("Interviewer: Sophie Turner, Senior Associate", "Interviewers:"),
        "'Interviewers' needs at least one entry",
        "Interviewer: ",
    ),
    # --- draft: wrong types -------------------------------------------------------------------
    "candidate-is-a-number": _draft(
        "n.yaml",
        YAML_BASE.replace("candidate: Jordan Ellis", "candidate: 123"),
        "'candidate' has the wrong form",
        "Candidate: Jordan Ellis",
    ),
    "learned-is-a-mapping": _draft(
        "n.yaml", YAML_BASE + "learned: {a: b}\n", "'learned' has the wrong form", "Learned: "
    ),
    "interviewer-is-a-number": _draft(
        "n.yaml",
        YAML_BASE.replace("interviewer: Sophie Turner", "interviewers: [42]"),
        "'interviewers[1]' has the wrong form",
        "Interviewer: ",
    ),
    "interview-date-is-a-boolean": _draft(
        "n.yaml",
        YAML_BASE.replace("2026-11-12", "true"),
        "'interview_date'",
        "write it as 2026-11-12 or 12 November 2026",
    ),
    "interviewer-with-unknown-field": _draft(
        "n.yaml",
        YAML_BASE.replace("interviewer: Sophie Turner", "interviewers:\n  - name: S T\n    age: 4"),
        "'interviewers[1].age'",
        "name, title and email",
    ),
    # --- draft: files that cannot be read as notes --------------------------------------------
    "nonexistent-file": Case(
        ["draft", "no-such-notes.txt", "--offline"],
        ["No notes file at no-such-notes.txt", "Check the path", "'-'"],
    ),
    "directory": Case(
        ["draft", "folder", "--offline"],
        ["folder is a folder", "give the notes file inside it"],
        files={"folder/notes.txt": GOOD_TXT},
    ),
    "unreadable-file": Case(
        ["draft", "locked.txt", "--offline"],
        ["Cannot read locked.txt", "Permission denied", "permissions"],
        files={"locked.txt": GOOD_TXT},
        setup=_unreadable,
    ),
    "empty-file": _draft("n.txt", "", "are empty", "composer notes-template"),
    "whitespace-only-file": _draft("n.txt", " \n\t\n  \n", "are empty", "notes-template"),
    "binary-file": _draft("n.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "text file"),
    "non-utf8-file": _draft(
        "n.txt", GOOD_TXT.replace("Jordan", "Jördan").encode("latin-1"), "not UTF-8", "save it"
    ),
    "oversize-file": _draft(
        "n.txt", GOOD_TXT + "Learned: " + "x" * 1_000_100 + "\n", "over 1 MB", "this one interview"
    ),
    "prose-not-notes": _draft(
        "n.txt",
        "I had a great interview with Sophie last week, she was lovely.\n",
        "should start with 'Key: value' lines",
        "notes-template",
    ),
    # --- draft: dates -------------------------------------------------------------------------
    "decision-before-interview": _draft(
        "n.txt",
        replaced("Decision by: 1 week", "Decision by: 1 November 2026"),
        "'Decision by'",
        "before the interview date",
        "check both dates",
    ),
    "ambiguous-date": _draft(
        "n.txt",
        replaced("12 November 2026", "03/04/2026"),
        "'Interview date'",
        "ambiguous",
        "write it as 2026-04-03",
    ),
    "impossible-date": _draft(
        "n.txt",
        replaced("12 November 2026", "31/02/2026"),
        "not a real date",
        "12 November 2026",
    ),
    "unreadable-duration": _draft(
        "n.txt",
        replaced("Decision by: 1 week", "Decision by: whenever they like"),
        "'Decision by'",
        "such as '2 weeks'",
    ),
    "weekday-contradicts-date": _draft(
        "n.txt",
        replaced("12 November 2026", "Tuesday 12 November 2026"),
        "is a Thursday, not a Tuesday",
        "check the day",
    ),
    "field-given-twice": _draft(
        "n.txt",
        GOOD_TXT + "Company: Bramley Kent\n",
        "'Company' twice",
        "keep the one that is right",
    ),
    # --- draft: malformed structured files ----------------------------------------------------
    "invalid-yaml": _draft("n.yaml", YAML_BASE + "topics: [unclosed\n", "not valid YAML", "line"),
    "invalid-json": _draft("n.json", '{"candidate": "Jordan Ellis",}', "not valid JSON", "line 1"),
    "invalid-toml": _draft("n.toml", 'candidate = "Jordan\n', "not valid TOML", "line 1"),
    "yaml-list-not-mapping": _draft(
        "n.yaml", "- Candidate: Jordan Ellis\n- Company: Bramley\n", "not a list", "notes-template"
    ),
    "json-string-not-object": _draft(
        "n.json", '"Jordan Ellis, Bramley Kent LLP"', "not a single line of text"
    ),
    "bad-outcome": _draft(
        "n.txt",
        replaced("Outcome: pending", "Outcome: ghosted"),
        "'Outcome' must be 'pending', 'rejected' or 'offered'",
        "ghosted",
    ),
    "bad-tone": _draft(
        "n.txt", GOOD_TXT + "Tone: sarcastic\n", "'Tone' must be 'formal' or 'warm'", "sarcastic"
    ),
    # --- draft: standard input ----------------------------------------------------------------
    "empty-stdin": Case(["draft", "-", "--offline"], ["are empty", "notes-template"], stdin=""),
    "whitespace-stdin": Case(["draft", "--offline"], ["are empty"], stdin="\n   \n"),
    "binary-stdin": Case(["draft", "-", "--offline"], ["binary"], stdin=b"\x00\x01\x02\x03"),
    "non-utf8-stdin": Case(
        ["draft", "-", "--offline"], ["not UTF-8", "save it as UTF-8"], stdin=b"Candidate: J\xf6rg"
    ),
    "oversize-stdin": Case(
        ["draft", "-", "--offline"], ["over 1 MB"], stdin="Learned: " + "x" * 1_000_100
    ),
    # --- draft: options and config ------------------------------------------------------------
    "unknown-disable-code": Case(
        ["draft", MINIMAL, "--offline", "--disable", "NOPE999"],
        ["Unknown rule code NOPE999", "composer rules"],
    ),
    "bad-kind-option": Case(
        ["draft", MINIMAL, "--offline", "--kind", "apology"],
        ["'apology' is not a kind of message", "thank-you"],
    ),
    "bad-format-option": Case(
        ["draft", MINIMAL, "--offline", "--format", "xml"], ["'xml' is not one of", "json"]
    ),
    "out-is-a-file": Case(
        ["draft", MINIMAL, "--offline", "--out", MINIMAL], ["--out", "is a file"]
    ),
    "missing-templates-folder": Case(
        ["draft", MINIMAL, "--offline", "--templates", "no-such-folder"],
        ["no-such-folder", "does not exist"],
    ),
    "broken-config-env": Case(
        ["draft", MINIMAL, "--offline"],
        ["Cannot read config file", "broken.toml", "line 1"],
        files={"broken.toml": "[rules\nmax_sentence_words = 3\n"},
        env={"COMPOSER_CONFIG": "broken.toml"},
    ),
    "broken-config-in-cwd": Case(
        ["draft", MINIMAL, "--offline"],
        ["Cannot read config file", "composer.toml"],
        files={"composer.toml": "rules = {disable = [\n"},
    ),
    "config-unknown-setting": Case(
        ["draft", MINIMAL, "--offline"],
        ["rulez", "config file"],
        files={"c.toml": "[rulez]\ndisable = []\n"},
        env={"COMPOSER_CONFIG": "c.toml"},
    ),
    "config-wrong-type": Case(
        ["draft", MINIMAL, "--offline"],
        ["rules.max_sentence_words", "valid integer"],
        files={"c.toml": "[rules]\nmax_sentence_words = 'lots'\n"},
        env={"COMPOSER_CONFIG": "c.toml"},
    ),
    "config-word-limits-out-of-order": Case(
        ["draft", MINIMAL, "--offline"],
        ["rules.words.thank-you", "min < soft_max <= max"],
        files={"c.toml": "[rules.words.thank-you]\nmin = 300\n"},
        env={"COMPOSER_CONFIG": "c.toml"},
    ),
    "config-env-points-nowhere": Case(
        ["draft", MINIMAL, "--offline"],
        ["COMPOSER_CONFIG points at", "does not exist"],
        env={"COMPOSER_CONFIG": "nowhere.toml"},
    ),
    # --- check ----------------------------------------------------------------------------------
    "check-oversize-message": Case(
        ["check", "-", "--kind", "thank-you"],
        ["over 64 KB", "a few hundred words"],
        stdin="Thank you so much. " * 4000,
    ),
    "check-missing-kind": Case(["check", "-"], ["Missing option '--kind'"], stdin=MESSAGE),
    "check-bad-kind": Case(
        ["check", "-", "--kind", "thanks"], ["'thanks' is not one of", "thank-you"], stdin=MESSAGE
    ),
    "check-nonexistent-file": Case(
        ["check", "no-such-message.txt", "--kind", "thank-you"],
        ["No message file at no-such-message.txt"],
    ),
    "check-empty-file": Case(
        ["check", "m.txt", "--kind", "thank-you"],
        ["m.txt is empty", "give the message to check"],
        files={"m.txt": ""},
    ),
    "check-whitespace-stdin": Case(
        ["check", "-", "--kind", "status-check"], ["is empty"], stdin="  \n\n\t"
    ),
    "check-binary-file": Case(
        ["check", "m.txt", "--kind", "thank-you"],
        ["m.txt", "binary"],
        files={"m.txt": b"Dear Sophie,\x00\x00"},
    ),
    "check-non-utf8-file": Case(
        ["check", "m.txt", "--kind", "thank-you"],
        ["m.txt", "not UTF-8"],
        files={"m.txt": MESSAGE.replace("Dear", "Déar").encode("cp1252")},
    ),
    "check-unknown-disable-code": Case(
        ["check", "-", "--kind", "thank-you", "--disable", "BREV001,XYZ123"],
        ["Unknown rule code XYZ123"],
        stdin=MESSAGE,
    ),
    "check-bad-notes": Case(
        ["check", "-", "--kind", "thank-you", "--notes", "n.txt"],
        ["'Interview date' is missing", "Interview date: "],
        stdin=MESSAGE,
        files={"n.txt": without("Interview date:")},
    ),
    "check-missing-notes-file": Case(
        ["check", "-", "--kind", "thank-you", "--notes", "gone.yaml"],
        ["No notes file at gone.yaml"],
        stdin=MESSAGE,
    ),
    "check-broken-config": Case(
        ["check", "-", "--kind", "thank-you"],
        ["Cannot read config file"],
        stdin=MESSAGE,
        files={"composer.toml": "[rules]\nmax_exclamations = \n"},
    ),
    "rules-broken-config": Case(
        ["rules"], ["Cannot read config file"], files={"composer.toml": "= 1\n"}
    ),
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_case(case: Case, folder: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    if case.setup:
        case.setup(monkeypatch, folder)
    return CliRunner().invoke(app, case.args, input=case.stdin)


def test_there_are_at_least_25_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_exits_2_with_a_clear_message(
    name: str, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[name]
    result = run_case(case, workdir, monkeypatch)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout.strip() == "", "nothing is drafted or printed on stdout"
    stderr = " ".join(result.stderr.split())  # rich/click may wrap long lines in a box
    stderr = stderr.replace("│ ", "").replace(" │", "")
    for fragment in case.fragments:
        assert fragment in stderr, f"{fragment!r} not in {result.stderr!r}"


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.args[0] != "rules"])
def test_own_errors_are_one_paragraph(
    name: str, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Composer's own messages (not click's usage errors) are a single 'error: ...' paragraph."""
    case = CASES[name]
    result = run_case(case, workdir, monkeypatch)
    if "Usage:" in result.stderr:
        pytest.skip("a usage error, formatted by click")
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(lines) == 1, result.stderr
    assert "\n\n" not in result.stderr.strip()


def test_bad_input_writes_no_out_files(workdir: Path) -> None:
    (workdir / "n.txt").write_text(without("Candidate:"), encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "n.txt", "--offline", "--out", "drafts"])
    assert result.exit_code == 2
    assert not (workdir / "drafts").exists()


# --- bugs found by this suite, since fixed --------------------------------------------------


def test_topics_as_a_mapping_is_a_wrong_type(workdir: Path) -> None:
    (workdir / "n.yaml").write_text(YAML_BASE + "topics: {a: b}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "n.yaml", "--offline"])
    assert result.exit_code == 2
    assert "'topics'" in result.stderr


def test_check_on_a_directory_says_what_to_give(workdir: Path) -> None:
    (workdir / "folder").mkdir()
    result = CliRunner().invoke(app, ["check", "folder", "--kind", "thank-you"])
    assert result.exit_code == 2
    assert "folder" in result.stderr
    assert "message file" in result.stderr or "give the" in result.stderr


def test_check_missing_file_says_how_to_fix_it(workdir: Path) -> None:
    result = CliRunner().invoke(app, ["check", "gone.txt", "--kind", "thank-you"])
    assert result.exit_code == 2
    assert "'-'" in result.stderr or "Check the path" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="needs /dev/zero and RLIMIT_AS")
def test_check_reads_at_most_a_little_past_the_size_limit() -> None:
    def cap_memory() -> None:  # 1 GiB of address space is plenty for composer itself
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    proc = subprocess.run(
        [sys.executable, "-m", "composer.cli", "check", "/dev/zero", "--kind", "thank-you"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        preexec_fn=cap_memory,
        env={**os.environ, "COMPOSER_CONFIG": ""},
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2
    assert "64 KB" in proc.stderr
