"""Messy pastes (issue 14.3): notes copied from notes apps, emails and Word are read as
`Key: value` notes whenever they are not a usable YAML mapping, never refused as bad YAML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from composer.cli import app
from composer.errors import NotesError
from composer.notes import parse_notes, read_notes_file

# The paste from the issue: a leading blank line, an indented first line, upper-case keys, a
# '*' bullet and extra spaces after the colons. Before the fix: "not valid YAML at line 3".
ISSUE_PASTE = (
    "\n"
    "  CANDIDATE:   Jordan Ellis\n"
    "COMPANY:    Bramley Kent LLP\n"
    "ROLE:   Paralegal\n"
    "* Interviewer:   Sophie Turner, Senior Associate\n"
    "Interview date:    12 November 2026\n"
    "Topics:\n"
    "* the adjudication practice\n"
    "* my placement\n"
)
FIELDS = (
    "Candidate: Jordan Ellis",
    "Company: Bramley Kent LLP",
    "Role: Paralegal",
    "Interviewer: Sophie Turner",
    "Interview date: 12 November 2026",
)


def lines(template: str) -> str:
    """The five required fields, each line written through `template` ('{}' is the line)."""
    return "".join(template.format(line) + "\n" for line in FIELDS)


PASTES = {
    "issue-14.3": ISSUE_PASTE,
    "windows-line-endings": ISSUE_PASTE.replace("\n", "\r\n"),
    "indented-first-line": "    " + lines("{}"),
    "all-indented-with-tabs": lines("\t{}"),
    "upper-case-keys": "".join(
        f"{key.upper()}: {value}\n" for key, value in (line.split(": ", 1) for line in FIELDS)
    ),
    "extra-spaces-everywhere": lines("{}").replace(": ", " :     "),
    "no-space-after-colon": lines("{}").replace(": ", ":"),
    "star-bullets": lines("* {}"),
    "dot-bullets-from-a-notes-app": "Interview notes, Bramley Kent\n\n" + lines("\u2022 {}"),
    "dash-bullets": lines("- {}"),
    "numbered": "".join(f"{i}. {line}\n" for i, line in enumerate(FIELDS, 1)),
    "markdown-bold-keys": "".join("**{}:** {}\n".format(*line.split(": ", 1)) for line in FIELDS),
    "quoted-email-reply": lines("> {}"),
    "greeting-above": "Hi,\n\nHere are my notes\n\n" + lines("{}"),
    "word-table-with-tabs": "".join(line.replace(": ", "\t") + "\r\n" for line in FIELDS),
    "word-non-breaking-spaces": lines("{}").replace(": ", ":\u00a0\u00a0"),
    "zero-width-spaces": lines("{}\u200b"),
    "smart-quotes": lines("{}")
    .replace("Jordan Ellis", "\u201cJordan Ellis\u201d")
    .replace("Bramley Kent LLP", "\u2018Bramley Kent LLP\u2019"),
    "interviewer-s-key": lines("{}").replace("Interviewer:", "Interviewer(s):"),
}


@pytest.mark.parametrize("name", list(PASTES))
def test_a_messy_paste_is_read_as_key_value_notes(name: str) -> None:
    loaded = parse_notes(PASTES[name], origin="notes on standard input")
    notes = loaded.notes
    assert (notes.candidate, notes.company, notes.role) == (
        "Jordan Ellis",
        "Bramley Kent LLP",
        "Paralegal",
    )
    assert notes.interviewers[0].name == "Sophie Turner"
    assert notes.interview_date == date(2026, 11, 12)
    assert not any("unknown key" in w for w in loaded.warnings), loaded.warnings


@pytest.mark.parametrize("name", list(PASTES))
def test_a_messy_paste_in_a_txt_file_is_read_the_same(name: str, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(PASTES[name].encode("utf-8"))
    pasted = parse_notes(PASTES[name], origin="notes on standard input")
    assert read_notes_file(path).notes == pasted.notes


def test_the_issue_paste_keeps_its_bulleted_topics() -> None:
    notes = parse_notes(ISSUE_PASTE).notes
    assert notes.interviewers[0].title == "Senior Associate"
    assert notes.topics == ["the adjudication practice", "my placement"]


def test_bulleted_keys_with_nested_bullets_under_one_of_them() -> None:
    text = (
        "\u2022 Candidate: Jordan Ellis\n\u2022 Company: Bramley Kent LLP\n\u2022 Role: Paralegal\n"
        "\u2022 Interviewers:\n    \u25e6 Sophie Turner\n    \u25e6 Dan Cole, Partner\n"
        "\u2022 Interview date: 12 November 2026\n\u2022 Decision by: 2 weeks\n"
    )
    notes = parse_notes(text).notes
    assert [p.name for p in notes.interviewers] == ["Sophie Turner", "Dan Cole"]
    assert notes.decision_by == date(2026, 11, 26)


def test_word_bullets_are_items() -> None:
    """Word's plain-text bullets: U+F0B7 (Symbol font) and 'o<TAB>' for the second level."""
    text = lines("{}") + "Topics:\n\uf0b7\tadjudication\no\tits new team\n\uf0b7\tplacements\n"
    assert parse_notes(text).notes.topics == ["adjudication", "its new team", "placements"]


def test_a_colon_inside_a_bulleted_item_stays_in_the_item() -> None:
    text = lines("{}") + "Topics:\n* adjudication\n* placements: a law centre\n"
    loaded = parse_notes(text)
    assert loaded.notes.topics == ["adjudication", "placements: a law centre"]
    assert loaded.warnings == []


def test_lines_above_the_notes_are_skipped_with_a_warning() -> None:
    loaded = parse_notes("Interview notes, Bramley Kent\n\n" + lines("{}"))
    assert loaded.notes.candidate == "Jordan Ellis"
    assert loaded.warnings == [
        "Skipped the line(s) before the first 'Key: value' line: 'Interview notes, Bramley Kent'."
    ]


def test_prose_is_still_not_key_value_notes() -> None:
    prose = "I had a great interview with Sophie last week, she was lovely.\n" * 5
    with pytest.raises(NotesError, match="should start with 'Key: value' lines"):
        parse_notes(prose)


def test_real_yaml_with_a_mistake_still_says_where_the_yaml_is_wrong() -> None:
    """Text that only YAML can read (nested interviewers) keeps YAML's own message."""
    text = (
        "candidate: Jordan Ellis\ncompany: Bramley Kent LLP\nrole: Paralegal\n"
        "interview_date: 2026-11-12\ninterviewers:\n  - name: Sophie Turner\n"
        "    title: [Senior Associate\n"
    )
    with pytest.raises(NotesError, match="not valid YAML at line"):
        parse_notes(text)


def test_a_paste_that_reads_as_key_value_gets_the_key_value_error_not_a_yaml_one() -> None:
    """Read as 'Key: value', this paste only lacks a date: say that, not 'not valid YAML'."""
    text = ISSUE_PASTE.replace("Interview date:    12 November 2026\n", "")
    with pytest.raises(NotesError) as caught:
        parse_notes(text)
    assert "YAML" not in caught.value.message
    assert "'Interview date' is missing" in caught.value.message


def test_the_issue_paste_on_standard_input_drafts(runner: CliRunner) -> None:
    result = runner.invoke(app, ["draft", "-", "--offline", "--no-log"], input=ISSUE_PASTE)
    assert result.exit_code == 0, result.output
    assert "not valid YAML" not in result.output
    assert "Sophie" in result.stdout


def test_a_key_given_twice_in_a_messy_paste_is_named_not_blamed_on_yaml() -> None:
    with pytest.raises(NotesError) as caught:
        parse_notes(ISSUE_PASTE + "COMPANY: Bramley Kent\n")
    assert "give 'COMPANY' twice" in caught.value.message
    assert "YAML" not in caught.value.message


def test_comments_only_say_so() -> None:
    with pytest.raises(NotesError, match="hold no fields, only comments"):
        parse_notes("# my notes\n\n# to fill in later\n")


def test_a_value_continued_over_thousands_of_lines_is_kept_whole() -> None:
    """Continuation lines are joined once, at the end (joining as they came was quadratic)."""
    from composer.paste import parse_pasted

    for count in (1000, 8000):
        text = lines("{}") + "Learned: x\n" + "  and more of it\n" * count
        data, _ = parse_pasted(text, "Candidate: Jordan Ellis")
        assert data["Learned"] == "x" + " and more of it" * count
