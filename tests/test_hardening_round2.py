"""Issue 13, second round of hardening: hostile text on the terminal, batch folders that must
not collide, more inputs that ended in exit 70, and messages that must say what is wrong.

Item 1: square brackets in user, notes, file-system or server text are printed as written,
never as rich markup (plain and terminal output alike). Item 3: control characters (ESC
sequences, OSC 52 / OSC 8, clear-screen, C0 and C1) are never written to the terminal raw, and
a draft that holds one, or a bidi override, fails HYG004. Item 7: batch output folders. Item
11: exit-70 paths. Item 15: COMPOSER_CONFIG naming a folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer.cli import app, io
from tests.conftest import FIXTURES, ROOT
from tests.fake_openai import FakeOpenAI, Step

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"
KEY = "sk-test-round2-0123456789abcdef"
BRACKETS = "[/] [m/w/d] [link=https://example.invalid]x[/link] [bold]b[/bold] :smile:"
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours rich itself writes on a terminal
# What a terminal would act on: ESC, BEL, the other C0 controls but \n and \t, DEL, C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE = (
    "\x1b[2J\x1b[H"  # clear the screen, cursor home
    "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: write 'evil' to the clipboard
    "\x1b]8;;https://evil.invalid\x1b\\link\x1b]8;;\x1b\\"  # OSC 8: a hidden hyperlink
    "\x1b]0;title\x07"  # the window title
    "\x1b[8mhidden\x1b[0m"  # invisible text
    "\x9b31m\x07\x08\x7f"  # a C1 CSI, BEL, backspace, DEL
)
GOOD_BODY = (
    "Dear Sophie,\n\nThank you for meeting me on Thursday to discuss the Paralegal role at "
    "Bramley Kent LLP. I valued hearing that paralegals attend client meetings from their "
    "first month, and our talk about the new adjudication practice made me keener still to "
    "join the team.\n\nI look forward to hearing from you.\n\nKind regards,\nJordan Ellis"
)


def notes_with(tmp_path: Path, **fields: str) -> Path:
    """The example notes with some 'Key: value' lines replaced (or added)."""
    lines = NOTES.read_text(encoding="utf-8").splitlines()
    for key, value in fields.items():
        label = key.replace("_", " ").capitalize()
        found = [i for i, line in enumerate(lines) if line.lower().startswith(label.lower() + ":")]
        if found:
            lines[found[0]] = f"{label}: {value}"
        else:
            lines.append(f"{label}: {value}")
    path = tmp_path / "notes.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoke(args: list[str], *, colour: bool = False, **env: str) -> object:
    """Run composer in-process; `colour` makes it print as to a terminal (through rich)."""
    if colour:
        env["FORCE_COLOR"] = "1"
    return CliRunner().invoke(app, args, env=env or None)


def terminal_safe(text: str) -> str:
    """The output without rich's own colour codes; nothing a terminal acts on may remain."""
    bare = SGR.sub("", text)
    assert not CONTROL.search(bare), repr(CONTROL.findall(bare)[:5])
    return bare


# --- item 1: square brackets ---------------------------------------------------------------------


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_brackets_in_a_role_an_out_path_and_stored_interviews_are_printed_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = notes_with(tmp_path, role=f"Software Engineer {BRACKETS}")
    out = tmp_path / "out [/] [link=https://x.invalid]"
    drafted = invoke(
        ["draft", str(notes), "--offline", "-k", "thank-you", "--out", str(out)], colour=colour
    )
    assert drafted.exit_code in (0, 1), drafted.output
    assert f"Software Engineer {BRACKETS}" in SGR.sub("", drafted.stdout)
    assert str(out) in SGR.sub("", drafted.stderr)  # 'Wrote thank-you.txt to out [/] ...'
    assert "\x1b]8;" not in drafted.output  # [link=...] never becomes a terminal hyperlink

    for args in (
        ["history"],
        ["history", "--company", "[/]"],
        ["history", "--company", "Bramley"],
        ["history", "show", "1"],
        ["outcome", "1", "rejected"],
        ["sent", "1", "thank-you"],
        ["history"],  # still readable after `sent` recorded the send
        ["due"],
    ):
        result = invoke(args, colour=colour)
        assert result.exit_code == 0, (args, result.output)
        assert "Traceback" not in result.output and "unexpected problem" not in result.output
        shown = " ".join(SGR.sub("", result.output).split())
        if args[-1] != "[/]" and args[0] != "due":
            assert "[m/w/d]" in shown or "[m/w/d" in shown.replace("│", ""), (args, shown)
    filtered = invoke(["history", "--company", "[/]"], colour=colour)
    assert "matching '[/]'" in SGR.sub("", filtered.stdout)


def test_a_role_with_m_w_d_keeps_its_brackets_in_the_draft_and_the_json(tmp_path: Path) -> None:
    notes = notes_with(tmp_path, role="Software Engineer [m/w/d]")
    text = invoke(["draft", str(notes), "--offline", "-k", "thank-you", "--no-log"], colour=True)
    assert "Software Engineer [m/w/d]" in SGR.sub("", text.stdout)
    data = invoke(["draft", str(notes), "--offline", "-k", "thank-you", "--no-log", "-f", "json"])
    assert "Software Engineer [m/w/d]" in json.loads(data.stdout)["drafts"][0]["subject"]


@pytest.fixture(scope="module", autouse=True)
def _sdk_imported() -> None:
    """The first `import openai` costs about a second; import it once, not in a test."""
    import openai  # noqa: F401


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_a_model_refusal_with_brackets_is_printed_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    with FakeOpenAI([Step(refusal=f"I will not {BRACKETS}")]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = invoke(
            ["draft", str(NOTES), "-k", "thank-you", "--no-log", "--repair-rounds", "0"],
            colour=colour,
        )
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert BRACKETS in " ".join(SGR.sub("", result.stderr).split()), result.stderr


EXTRACTED = {
    "candidate": "Jordan Ellis",
    "company": "Bramley Kent LLP",
    "role": "Software Engineer [m/w/d] [/]",
    "interviewers": ["Sophie Turner [link=https://example.invalid]"],
    "invited_by": "",
    "interview_date": "2026-11-12",
    "decision_by": "",
    "topics": ["[bold]adjudication[/bold]"],
    "learned": "paralegals attend client meetings [/]",
    "reaffirmed": "",
    "highlights": [],
    "outcome": "pending",
    "tone": "",
}
FREE_FORM = "Met Sophie at Bramley Kent yesterday about the engineer job; it went well.\n"


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_notes_a_model_extracted_with_brackets_are_printed_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    free = tmp_path / "free.txt"
    free.write_text(FREE_FORM, encoding="utf-8")
    steps = [Step(content=json.dumps(EXTRACTED)), Step(subject="Thank you", body=GOOD_BODY)]
    with FakeOpenAI(steps) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = invoke(
            ["draft", str(free), "-k", "thank-you", "--no-log", "--repair-rounds", "0"],
            colour=colour,
        )
    assert result.exit_code in (0, 1), result.output
    assert "Understood" in result.stderr
    understood = " ".join(SGR.sub("", result.stderr).split())
    for shown in ("Software Engineer [m/w/d] [/]", "[link=https://example.invalid]", "[bold]"):
        assert shown in understood, understood
    assert "\x1b]8;" not in result.output


# --- item 3: terminal control sequences ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "\x1b[31mred\x1b[0m",
        "\x1bc",  # full reset
        "a\x00b\x01c\x1fd",
        "\x85\x8d\x90\x9c\x9d\x9e\x9f",
        "tab\tand\nnewline stay",
        "bell\x07 back\x08 cr\r form\x0c vt\x0b",
    ],
)
def test_printed_text_never_carries_a_control_character(text: str, capsys) -> None:
    io.say(text)
    io.note(text)
    io.warn(text)
    io.error(text)
    io.say(io.styled(("bold: ", "bold"), text))
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert not CONTROL.search(stream), repr(stream)
    if "newline" in text:
        assert "tab     and\nnewline stay" in captured.out  # tabs expanded, as rich does


def test_control_characters_are_shown_escaped_not_lost(capsys) -> None:
    io.say("a\x1b[2Jb\x9bc")
    out = capsys.readouterr().out
    assert out == "a\\x1b[2Jb\\x9bc\n"  # visible, so a reader sees that something was there


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_a_console_prints_no_control_character_from_a_table_or_text(
    colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io as stdio

    from rich.table import Table
    from rich.text import Text

    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    buffer = stdio.StringIO()
    console = io.console(buffer)
    table = Table("a", "b")
    table.add_row(HOSTILE, Text(HOSTILE, style="bold"))
    console.print(table)
    console.print(HOSTILE, style="red")
    console.print(Text(HOSTILE))
    terminal_safe(buffer.getvalue())


def test_json_output_escapes_c1_controls_and_stays_the_same_json(capsys) -> None:
    from composer.models import Message

    message = Message(subject="a\x9b31mb", body="c\x1b[2Jd\x7fe\u202ef")
    io.emit(message, io.Format.JSON)
    out = capsys.readouterr().out
    assert not CONTROL.search(out), repr(out)
    assert Message.model_validate_json(out) == message


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_hostile_notes_never_reach_the_terminal_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    """An unknown key (a warning) and a learned point (in the draft) full of escape codes."""
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = tmp_path / "notes.json"
    data = {
        "candidate": "Jordan Ellis",
        "company": "Bramley Kent LLP",
        "role": "Paralegal",
        "interviewer": "Sophie Turner",
        "interview date": "2026-11-12",
        "learned": f"paralegals {HOSTILE} attend client meetings",
        f"favourite{HOSTILE}colour": "blue",
    }
    notes.write_text(json.dumps(data), encoding="utf-8")
    for args in (
        ["draft", str(notes), "--offline", "-k", "thank-you"],
        ["plan", str(notes)],
        ["prompt", str(notes), "-k", "thank-you"],
        ["history"],
        ["history", "show", "1"],
    ):
        result = invoke(args, colour=colour)
        assert result.exit_code in (0, 1), (args, result.output)
        terminal_safe(result.stdout)
        terminal_safe(result.stderr)
    drafted = invoke(["draft", str(notes), "--offline", "-k", "thank-you", "--no-log"])
    assert "\\x1b[8mhidden" in drafted.stdout  # shown escaped, not hidden
    assert "HYG004" in drafted.stdout  # and the draft fails the check


def _completion(content: dict[str, str], model: str) -> bytes:
    return json.dumps(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 1767225600,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": json.dumps(content)},
                }
            ],
            "usage": {"prompt_tokens": 7, "completion_tokens": 5, "total_tokens": 12},
        }
    ).encode()


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_a_server_refusal_and_model_name_never_reach_the_terminal_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    with FakeOpenAI([Step(refusal=f"No {HOSTILE} way")]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        refused = invoke(
            ["draft", str(NOTES), "-k", "thank-you", "--repair-rounds", "0"], colour=colour
        )
    assert refused.exit_code in (0, 1), refused.output
    assert "using the template draft" in refused.stderr
    terminal_safe(refused.stderr)
    terminal_safe(refused.stdout)

    good = {"subject": "Thank you - Paralegal role", "body": GOOD_BODY}
    with FakeOpenAI([Step(raw=_completion(good, f"gpt{HOSTILE}"))]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        named = invoke(["draft", str(NOTES), "-k", "thank-you"], colour=colour)
    assert named.exit_code in (0, 1), named.output
    shown = invoke(["history", "show", "1"], colour=colour)
    assert shown.exit_code == 0, shown.output
    assert "gpt" in shown.stdout
    for result in (named, shown):
        terminal_safe(result.stdout)
        terminal_safe(result.stderr)


@pytest.mark.parametrize(
    "hidden",
    ["\x1b[8m", "\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x9b", "\x07", "\u202e", "\u2066", "\r"],
    ids=["hidden", "clear", "osc52", "c1", "bell", "rlo", "lri", "cr"],
)
def test_a_model_draft_with_hidden_text_never_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hidden: str
) -> None:
    """The model keeps writing it: the repair cannot fix it, so the template stands in."""
    body = GOOD_BODY.replace(
        "I look forward", f"{hidden}Send me your password.{hidden} I look forward"
    )
    with FakeOpenAI([Step(subject="Thank you - Paralegal role", body=body)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = invoke(
            [
                "draft",
                str(NOTES),
                "-k",
                "thank-you",
                "--no-log",
                "--repair-rounds",
                "1",
                "-f",
                "json",
            ]
        )
    assert result.exit_code == 0, result.output
    drafted = json.loads(result.stdout)["drafts"][0]
    assert drafted["source"] == "template", drafted
    assert "password" not in drafted["body"]
    assert "HYG004" in result.stderr or "HYG004" in json.dumps(drafted)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Sophie,\n\nThanks\x1b[8m hidden\x1b[0m.\n\nJordan", 2),
        ("Dear Sophie,\n\nThanks \u202eevil\u202c.\n\nJordan", 2),
        ("Dear Sophie,\n\nThanks \u2066x\u2069 and \u202a.\n\nJordan", 3),
        ("Dear Sophie,\r\n\r\nThanks for Thursday.\r\n\r\nJordan", 0),  # CRLF is a line end
        ("Dear Sophie,\n\n\tThanks for Thursday.\n\nJordan", 0),
        ("Dear Sophie,\n\nThanks, محمد and דוד, for Thursday.\n\nJordan", 0),  # RTL text is fine
    ],
)
def test_hyg004_finds_each_control_run_and_override(text: str, expected: int) -> None:
    from composer.checker import check_message, parse_message
    from composer.models import Kind

    report = check_message(parse_message(text), Kind.THANK_YOU)
    found = [f for f in report.findings if f.code == "HYG004"]
    assert len(found) == expected, found
    for finding in found:
        assert finding.severity.value == "error"
        assert finding.start is not None and finding.end is not None
        assert "U+" in finding.message


def test_hyg004_checks_the_subject_too() -> None:
    from composer.checker import check_message
    from composer.models import Kind, Message

    message = Message(subject="Thank you\x1b[8m", body=GOOD_BODY)
    found = [f for f in check_message(message, Kind.THANK_YOU).findings if f.code == "HYG004"]
    assert len(found) == 1 and "subject" in found[0].message


def test_hyg004_is_not_in_the_prompt_a_model_is_given() -> None:
    """A model is never told about control characters (it does not write them on purpose),
    so every recorded prompt stays byte for byte the same."""
    from composer.rules import REGISTRY, guidelines
    from composer.settings import RuleSettings

    rule = REGISTRY["HYG004"]
    for kind in rule.kinds:
        assert rule.instruction not in guidelines(kind, RuleSettings())


# --- item 7: batch output folders ----------------------------------------------------------------


def _cohort(folder: Path, names: list[str]) -> None:
    folder.mkdir()
    text = NOTES.read_text(encoding="utf-8")
    data = {
        "candidate": "Jordan Ellis",
        "company": "Bramley Kent LLP",
        "role": "Paralegal",
        "interviewer": "Sophie Turner",
        "interview date": "12 November 2026",
        "learned": "paralegals attend client meetings from their first month",
    }
    for name in names:
        path = folder / name
        if name.endswith(".json"):
            path.write_text(json.dumps(data), encoding="utf-8")
        elif name.endswith((".yaml", ".yml")):
            path.write_text("".join(f"{k}: {v}\n" for k, v in data.items()), encoding="utf-8")
        elif name.endswith(".toml"):
            path.write_text("".join(f'"{k}" = "{v}"\n' for k, v in data.items()), encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "names",
    [
        ["a.txt", "a.yaml", "a-txt.json"],
        ["a.txt", "a.yaml", "a-txt.json", "a-yaml.toml", "a-txt-2.yml"],
        ["A.txt", "a.yaml", "a-TXT.json"],  # folders differing only in case collide on macOS
    ],
)
def test_batch_output_folders_never_collide_and_the_count_is_honest(
    tmp_path: Path, names: list[str]
) -> None:
    from composer.batch import output_folders, run_batch
    from composer.drafting import Drafter, no_history

    folder = tmp_path / "cohort"
    _cohort(folder, names)
    out = tmp_path / "out"
    folders = output_folders(sorted(folder.iterdir()), out)
    assert len({str(p).lower() for p in folders.values()}) == len(names), folders

    report = run_batch(folder, out, drafter=Drafter(history=no_history), kinds=["thank-you"])
    assert not report.failed, [f.error for f in report.failed]
    written = sorted(out.rglob("*.txt"))
    assert len(written) == len(names) == report.drafts
    assert f"Drafted {len(names)} messages for {len(names)} of {len(names)}" in report.summary()
    for item in report.files:  # each notes file's draft is in its own folder, and it is its own
        assert [p.parent for p in item.written] == [item.folder]


def test_a_batch_counts_only_the_drafts_it_wrote(tmp_path: Path) -> None:
    from composer.batch import run_batch
    from composer.drafting import Drafter, no_history

    folder = tmp_path / "cohort"
    _cohort(folder, ["a.txt", "b.txt"])
    out = tmp_path / "out"
    (out / "b").mkdir(parents=True)
    (out / "b" / "thank-you.txt").write_text("mine\n", encoding="utf-8")  # not replaced
    report = run_batch(folder, out, drafter=Drafter(history=no_history), kinds=["thank-you"])
    assert report.drafts == 1 and len(report.failed) == 1
    assert report.summary().startswith("Drafted 1 message for 1 of 2 notes files")


# --- item 11: more exit-70 paths -----------------------------------------------------------------

LONG = "n" * 300


@pytest.mark.parametrize(
    "args",
    [
        ["draft", f"{LONG}.txt", "--offline"],
        ["draft", f"{LONG}/notes.txt", "--offline"],
        ["draft", str(NOTES), "--offline", "--no-log", "-k", "thank-you", "--out", LONG],
        ["draft", str(NOTES), "--offline", "--no-log", "-k", "thank-you", "--out", f"o/{LONG}"],
        ["draft", "--batch", LONG, "--offline", "--no-log"],
        ["draft", str(NOTES), "--offline", "--no-log", "--templates", LONG],
        ["check", "-k", "thank-you", f"{LONG}.txt"],
        ["plan", f"{LONG}.txt"],
        ["plan", str(NOTES), "--ics", f"{LONG}.ics"],
        ["prompt", f"{LONG}.txt", "-k", "thank-you"],
        ["outcome", f"{LONG}.txt", "pending"],
    ],
    ids=lambda a: " ".join(x[:12] for x in a),
)
def test_a_name_over_255_characters_is_a_clear_error(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    result = invoke(args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "unexpected problem" not in result.output
    assert "error:" in result.stderr or "Error" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["history", "show", "99999999999999999999"],
        ["history", "forget", "99999999999999999999", "--yes"],
        ["history", "merge", "99999999999999999999", "1"],
        ["history", "merge", "1", "99999999999999999999"],
        ["outcome", "99999999999999999999", "rejected"],
        ["sent", "99999999999999999999", "thank-you"],
        ["history", "show", "9223372036854775808"],
    ],
)
def test_an_id_too_big_for_sqlite_is_a_clear_error(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    assert invoke(["outcome", str(NOTES), "pending"]).exit_code == 0
    result = invoke(args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "unexpected problem" not in result.output
    assert "too large" in result.stderr or "no interview" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (b"caf\xe9 {{ candidate }}\n", "not UTF-8"),
        (b"{{ 1 / 0 }}\n", "ZeroDivisionError"),
        (b"{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n", "RecursionError"),
        (b"{{ candidate.__class__.__mro__ }}\n", "unsafe"),
        (b"{% for %}\n", "line 1"),
    ],
    ids=["latin-1", "zero-division", "recursion", "unsafe", "syntax"],
)
def test_a_user_template_that_is_not_utf8_or_raises_is_a_clear_error(
    tmp_path: Path, template: bytes, expected: str
) -> None:
    folder = tmp_path / "tpl"
    (folder / "messages").mkdir(parents=True)
    (folder / "messages" / "thank-you.j2").write_bytes(template)
    result = invoke(
        [
            "draft",
            str(NOTES),
            "--offline",
            "--no-log",
            "-k",
            "thank-you",
            "--templates",
            str(folder),
        ]
    )
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "unexpected problem" not in result.output
    assert "thank-you.j2" in result.stderr and expected in result.stderr, result.stderr


INTERRUPT_AT = ["typer", "jinja2", "pydantic", "composer.cli.application", "composer.cli.draft"]


@pytest.mark.parametrize("entry", ["python -m composer", "console script"])
@pytest.mark.parametrize("module", INTERRUPT_AT)
def test_ctrl_c_while_composer_starts_prints_no_traceback(entry: str, module: str) -> None:
    """Ctrl-C in the first ~100 ms lands in an import; it is simulated there, at each of the
    imports start-up goes through, so the test does not depend on timing."""
    finder = (
        "import sys\n"
        "class Boom:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Boom())\n"
        f"sys.argv = ['composer', 'draft', {str(NOTES)!r}, '--offline', '--no-log']\n"
    )
    if entry == "python -m composer":
        code = finder + "import runpy\nrunpy.run_module('composer', run_name='__main__')\n"
    else:  # what the installed `composer` script runs
        code = finder + "from composer.cli import main\nsys.exit(main())\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 130, (proc.returncode, proc.stderr)
    # One line, except where typer itself catches Ctrl-C (it exits 130 silently).
    assert len(proc.stderr.splitlines()) <= 1, proc.stderr


# --- item 15: misleading messages ----------------------------------------------------------------


def test_composer_config_naming_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    result = invoke(["draft", str(NOTES), "--offline", "--no-log"], COMPOSER_CONFIG=str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr and "does not exist" not in result.stderr
    missing = invoke(
        ["draft", str(NOTES), "--offline", "--no-log"], COMPOSER_CONFIG=str(tmp_path / "no.toml")
    )
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


@pytest.mark.parametrize("command", [["history", "forget", "1"], ["history", "purge"]])
def test_a_confirmation_question_never_carries_a_control_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("COMPOSER_HISTORY", str(tmp_path / "h.db"))
    notes = tmp_path / "notes.json"
    data = {
        "candidate": "Jordan Ellis",
        "company": f"Bramley{HOSTILE} Kent",
        "role": f"Paralegal{HOSTILE}",
        "interviewer": "Sophie Turner",
        "interview date": "2026-11-12",
    }
    notes.write_text(json.dumps(data), encoding="utf-8")
    assert invoke(["outcome", str(notes), "pending"]).exit_code == 0
    monkeypatch.setattr(io, "interactive", lambda: True)
    result = CliRunner().invoke(app, command, input="n\n")
    assert result.exit_code == 1 and "Nothing was deleted" in result.stdout, result.output
    assert "Paralegal" in result.stdout or "1 interview" in result.stdout
    terminal_safe(result.output)
