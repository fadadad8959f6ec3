"""Interview notes: every format, the key spellings people use, and what is reported back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

import composer
from composer.errors import NotesError
from composer.models import Outcome, Tone
from composer.notes import LoadedNotes, decode, load_notes, parse_notes, read_notes_file

from .conftest import FIXTURES, ROOT

NOTES_DIR = FIXTURES / "notes"
BASE = (
    "Candidate: Jordan Ellis\n"
    "Company: Bramley Kent LLP\n"
    "Role: Paralegal\n"
    "Interviewer: Sophie Turner, Senior Associate\n"
    "Interview date: 12 November 2026\n"
)


def parse(text: str, fmt: str | None = None) -> LoadedNotes:
    return parse_notes(text, fmt=fmt)


def error_of(text: str, fmt: str | None = None) -> str:
    with pytest.raises(NotesError) as caught:
        parse_notes(text, fmt=fmt)
    return caught.value.message


# --- each format ------------------------------------------------------------------------------


def test_pasted_key_value_text() -> None:
    loaded = read_notes_file(NOTES_DIR / "jordan-ellis.txt")
    notes = loaded.notes
    assert loaded.warnings == []
    assert notes.candidate == "Jordan Ellis"
    assert notes.company == "Bramley Kent LLP"
    assert notes.role == "Paralegal, Construction Disputes"  # a comma in a value is kept
    assert [(p.name, p.title) for p in notes.interviewers] == [
        ("Sophie Turner", "Senior Associate")
    ]
    assert notes.interview_date == date(2026, 11, 12)
    assert notes.decision_by == date(2026, 11, 19)  # '1 week' after the interview
    assert notes.topics == [
        "the team's new adjudication practice",
        "my placement at a community legal advice centre",
    ]
    assert notes.learned == "paralegals attend client meetings from their first month"
    assert notes.reaffirmed == "how much responsibility junior staff are trusted with"
    assert notes.outcome is Outcome.PENDING
    assert notes.tone is Tone.FORMAL


def test_yaml_file_with_structured_interviewers() -> None:
    loaded = read_notes_file(NOTES_DIR / "priya-raman.yaml")
    notes = loaded.notes
    assert loaded.warnings == []
    assert [p.name for p in notes.interviewers] == ["Tom Becker", "Dr. Amal Shah"]
    amal = notes.interviewers[1]
    assert (amal.title, amal.email) == ("Head of Clinical Informatics", "amal.shah@example.org")
    assert notes.interview_date == date(2026, 11, 20)
    assert notes.decision_by == date(2026, 12, 4)  # '2 weeks'
    assert notes.highlights == ["four years of NHS performance reporting"]
    assert notes.tone is Tone.WARM
    assert notes.signature == "Priya Raman\n07700 900456"
    assert notes.signature_name == "Priya Raman"


def test_json_file_with_only_the_required_fields() -> None:
    notes = read_notes_file(NOTES_DIR / "minimal.json").notes
    assert (notes.candidate, notes.company, notes.role) == ("Sam Lee", "Acme Ltd", "Office Manager")
    assert [p.name for p in notes.interviewers] == ["Jane Doe"]
    assert notes.decision_by is None
    assert notes.topics == [] and notes.highlights == []
    assert notes.learned is None and notes.reaffirmed is None
    assert notes.outcome is Outcome.PENDING and notes.tone is Tone.FORMAL


def test_toml_file() -> None:
    notes = read_notes_file(NOTES_DIR / "marco-rossi.toml").notes
    assert [(p.name, p.title) for p in notes.interviewers] == [
        ("Ellen Marsh", "Creative Director"),
        ("Raj Patel", "Senior Copywriter"),
    ]
    assert notes.interview_date == date(2026, 11, 3)
    assert notes.decision_by == date(2026, 11, 10)
    assert notes.outcome is Outcome.REJECTED
    assert notes.company == "Harbour & Finch"


def test_toml_native_dates_and_array_of_tables() -> None:
    text = (
        'candidate = "A Person"\ncompany = "C"\nrole = "R"\n'
        "interview_date = 2026-11-02\ndecision_by = 2026-11-09\n"
        '[[interviewers]]\nname = "Xia Yu"\ntitle = "Lead"\n'
        '[[interviewers]]\nname = "Zed West"\n'
    )
    notes = parse(text, "toml").notes
    assert [p.name for p in notes.interviewers] == ["Xia Yu", "Zed West"]
    assert notes.interviewers[0].title == "Lead"
    assert notes.decision_by == date(2026, 11, 9)


def test_unicode_names_survive() -> None:
    notes = read_notes_file(NOTES_DIR / "zoe-okonkwo.txt").notes
    assert notes.candidate == "Zoë Okonkwo-Brennan"
    assert notes.company == "Café Lumière Group"
    assert notes.recipient.name == "Ana García"


@pytest.mark.parametrize("path", sorted(NOTES_DIR.iterdir()), ids=lambda p: p.name)
def test_stdin_sniffing_reads_every_fixture_like_its_extension(path: Path) -> None:
    """Standard input has no extension: the sniffed format must give the very same notes."""
    by_extension = read_notes_file(path)
    sniffed = parse_notes(path.read_text(encoding="utf-8"), origin="notes on standard input")
    assert sniffed.notes == by_extension.notes
    assert sniffed.warnings == by_extension.warnings


def test_sniffing_flat_yaml_with_quotes_flow_lists_and_block_text() -> None:
    text = (
        'candidate: "Jordan Ellis"\n'
        "company: 'Bramley Kent LLP'\n"
        'role: "Paralegal, Construction Disputes"\n'
        'interviewers: ["Sophie Turner, Senior Associate", "Dan Cole"]\n'
        "interview_date: 2026-11-12\n"
        "topics: [adjudication, placements]\n"
        "signature: |\n  Jordan Ellis\n  07700 900123\n"
    )
    notes = parse(text).notes
    assert notes.candidate == "Jordan Ellis"
    assert notes.company == "Bramley Kent LLP"
    assert [p.name for p in notes.interviewers] == ["Sophie Turner", "Dan Cole"]
    assert notes.topics == ["adjudication", "placements"]
    assert notes.signature == "Jordan Ellis\n07700 900123"


def test_pasted_text_that_only_looks_like_yaml_falls_back_to_key_value() -> None:
    # An indented 'note: ...' line makes the sniffer try YAML, which rejects the text.
    text = BASE + "Learned: they pair juniors with partners\n  note: from the first week\n"
    notes = parse(text).notes
    assert notes.learned == "they pair juniors with partners note: from the first week"


def test_sniffing_json_without_extension() -> None:
    text = (NOTES_DIR / "minimal.json").read_text(encoding="utf-8")
    assert parse(text).notes.candidate == "Sam Lee"


def test_explicit_format_wins_over_sniffing() -> None:
    # This text is valid 'Key: value' notes, but told it is JSON it must be read as JSON.
    assert "not valid JSON" in error_of(BASE, "json")


# --- key spellings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["Interview date", "interview_date", "INTERVIEW-DATE", "Interview  Date", "interview-date"],
)
def test_keys_ignore_case_spaces_underscores_and_hyphens(key: str) -> None:
    text = BASE.replace("Interview date:", f"{key}:")
    loaded = parse(text)
    assert loaded.notes.interview_date == date(2026, 11, 12)
    assert loaded.warnings == []


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("Position: Trainee Solicitor", "role", "Trainee Solicitor"),
        ("Job title: Trainee Solicitor", "role", "Trainee Solicitor"),
        ("Discussed: the new office", "topics", ["the new office"]),
        ("Topic: the new office", "topics", ["the new office"]),
        ("Learnt: they pair juniors with partners", "learned", "they pair juniors with partners"),
        ("Organisation: Kent Legal", "company", "Kent Legal"),
        ("Employer: Kent Legal", "company", "Kent Legal"),
        ("Status: rejected", "outcome", Outcome.REJECTED),
        ("Sign-off: J. Ellis", "signature", "J. Ellis"),
        ("Decision date: 2026-11-30", "decision_by", date(2026, 11, 30)),
        ("Hear back by: 2026-11-30", "decision_by", date(2026, 11, 30)),
    ],
)
def test_aliases(line: str, field: str, expected: object) -> None:
    text = BASE.replace("Role: Paralegal\n", "") if field == "role" else BASE
    text = text.replace("Company: Bramley Kent LLP\n", "") if field == "company" else text
    loaded = parse(text + line + "\n")
    assert getattr(loaded.notes, field) == expected
    assert loaded.warnings == []


def test_interviewer_alias_keys() -> None:
    for key in ("Interviewer", "Interviewers", "Interviewed by"):
        text = BASE.replace("Interviewer:", f"{key}:")
        assert parse(text).notes.interviewers[0].name == "Sophie Turner", key


# --- people -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name", "title", "email"),
    [
        ("Sophie Turner", "Sophie Turner", None, None),
        ("Sophie Turner, Senior Associate", "Sophie Turner", "Senior Associate", None),
        (
            "Sophie Turner, Senior Associate <sophie.turner@bk.example>",
            "Sophie Turner",
            "Senior Associate",
            "sophie.turner@bk.example",
        ),
        ("Sophie Turner <sophie@bk.example>", "Sophie Turner", None, "sophie@bk.example"),
        (
            "Mr. Luc Besson-Hart (Operations Director)",
            "Mr. Luc Besson-Hart",
            "Operations Director",
            None,
        ),
        ("Sophie Turner - Senior Associate", "Sophie Turner", "Senior Associate", None),
        ("Siobhán O'Neill, Partner", "Siobhán O'Neill", "Partner", None),
    ],
)
def test_interviewer_strings(value: str, name: str, title: str | None, email: str | None) -> None:
    text = BASE.replace("Sophie Turner, Senior Associate", value)
    person = parse(text).notes.interviewers[0]
    assert (person.name, person.title, person.email) == (name, title, email)


def test_structured_interviewer_in_json() -> None:
    text = (
        '{"candidate": "A B", "company": "C", "role": "R", "interview_date": "2026-11-02",'
        ' "interviewer": {"Name": "Xia Yu", "Role": "Lead", "E-mail": "xia@c.example"}}'
    )
    person = parse(text).notes.interviewers[0]
    assert (person.name, person.title, person.email) == ("Xia Yu", "Lead", "xia@c.example")


@pytest.mark.parametrize(
    "block",
    [
        "Interviewers: Sophie Turner, Senior Associate; Dan Cole, Partner; Amy Ng\n",
        "Interviewers:\n- Sophie Turner, Senior Associate\n- Dan Cole, Partner\n- Amy Ng\n",
        "Interviewer: Sophie Turner, Senior Associate\nInterviewer: Dan Cole, Partner\n"
        "Interviewer: Amy Ng\n",
        # Mixing the singular and plural keys adds to one list; nothing is dropped.
        "Interviewer: Sophie Turner, Senior Associate\nInterviewers:\n- Dan Cole, Partner\n"
        "- Amy Ng\n",
    ],
    ids=["semicolons", "bullets", "repeated-lines", "mixed-keys"],
)
def test_several_interviewers(block: str) -> None:
    text = BASE.replace("Interviewer: Sophie Turner, Senior Associate\n", block)
    notes = parse(text).notes
    assert [(p.name, p.title) for p in notes.interviewers] == [
        ("Sophie Turner", "Senior Associate"),
        ("Dan Cole", "Partner"),
        ("Amy Ng", None),
    ]


def test_two_spellings_of_interviewers_in_yaml_are_merged() -> None:
    text = (
        "candidate: A B\ncompany: C\nrole: R\ninterview_date: 2026-11-02\n"
        "interviewer: Xia Yu\ninterviewers:\n  - name: Zed West\n"
    )
    assert [p.name for p in parse(text, "yaml").notes.interviewers] == ["Xia Yu", "Zed West"]


def test_invited_by_defaults_to_the_first_interviewer() -> None:
    text = BASE.replace("Interviewer:", "Interviewers:").replace(
        "Senior Associate\n", "Senior Associate; Dan Cole\n"
    )
    notes = parse(text).notes
    assert notes.invited_by == notes.interviewers[0]
    assert notes.recipient.name == "Sophie Turner"


@pytest.mark.parametrize("written", ["Amal Shah", "Dr. Amal Shah", "Shah", "amal shah"])
def test_invited_by_resolves_to_the_interviewer_with_title_and_email(written: str) -> None:
    text = (NOTES_DIR / "priya-raman.yaml").read_text(encoding="utf-8")
    text = text.replace("invited_by: Amal Shah", f"invited_by: {written}")
    recipient = parse(text, "yaml").notes.recipient
    assert recipient.name == "Dr. Amal Shah"
    assert recipient.title == "Head of Clinical Informatics"
    assert recipient.email == "amal.shah@example.org"


def test_invited_by_someone_not_interviewing_is_kept_as_written() -> None:
    notes = parse(BASE + "Invited by: Grace Hall, Recruiter <grace@agency.example>\n").notes
    assert (notes.recipient.name, notes.recipient.title) == ("Grace Hall", "Recruiter")
    assert notes.recipient.email == "grace@agency.example"
    assert notes.people[0].name == "Grace Hall" and notes.people[1].name == "Sophie Turner"


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19 November 2026", date(2026, 11, 19)),
        ("2026-11-19", date(2026, 11, 19)),
        ("48 hours", date(2026, 11, 14)),
        ("2 weeks", date(2026, 11, 26)),
        ("5 working days", date(2026, 11, 19)),  # Thursday 12th -> Thursday 19th
        ("a fortnight", date(2026, 11, 26)),
    ],
)
def test_decision_by_as_date_or_duration(value: str, expected: date) -> None:
    assert parse(BASE + f"Decision by: {value}\n").notes.decision_by == expected


def test_working_days_from_a_monday_interview() -> None:
    notes = read_notes_file(NOTES_DIR / "zoe-okonkwo.txt").notes
    assert notes.interview_date == date(2026, 11, 16)
    assert notes.decision_by == date(2026, 11, 23)


def test_future_interview_date_is_a_warning() -> None:
    future = date.today() + timedelta(days=30)
    text = BASE.replace("12 November 2026", future.isoformat())
    loaded = parse(text)
    assert loaded.notes.interview_date == future
    assert len(loaded.warnings) == 1
    assert "in the future" in loaded.warnings[0]
    assert "Interview date" in loaded.warnings[0]


def test_interview_today_is_not_in_the_future() -> None:
    loaded = parse(BASE.replace("12 November 2026", date.today().isoformat()))
    assert loaded.warnings == []


# --- defaults and warnings --------------------------------------------------------------------


def test_signature_defaults_to_the_candidate() -> None:
    notes = parse(BASE).notes
    assert notes.signature == "Jordan Ellis"
    assert notes.signature_name == "Jordan Ellis"


def test_signature_on_several_lines_keeps_its_lines() -> None:
    notes = parse(BASE + "Signature: Jordan Ellis\n07700 900123\n").notes
    assert notes.signature == "Jordan Ellis\n07700 900123"
    assert notes.signature_name == "Jordan Ellis"
    bullets = parse(BASE + "Signature:\n- Jordan Ellis\n- 07700 900123\n").notes
    assert bullets.signature == "Jordan Ellis\n07700 900123"


def test_unknown_keys_are_warnings_with_a_guess() -> None:
    loaded = parse(BASE + "Intervewer: Dan Cole\nLearnd: something\nFavourite colour: blue\n")
    assert loaded.warnings == [
        "Ignored unknown key 'Intervewer' (did you mean 'interviewers'?).",
        "Ignored unknown key 'Learnd' (did you mean 'learned'?).",
        "Ignored unknown key 'Favourite colour'.",
    ]
    assert [p.name for p in loaded.notes.interviewers] == ["Sophie Turner"]


def test_unknown_keys_in_structured_files_are_warnings_too() -> None:
    text = '{"candidate": "A", "company": "C", "role": "R", "interviewer": "X Y", '
    text += '"interview_date": "2026-11-02", "outcom": "rejected"}'
    loaded = parse(text)
    assert loaded.warnings == ["Ignored unknown key 'outcom' (did you mean 'outcome'?)."]
    assert loaded.notes.outcome is Outcome.PENDING


def test_byte_order_mark_and_windows_line_endings() -> None:
    raw = ("\ufeff" + BASE + "Topics:\n- one\n- two\n").replace("\n", "\r\n").encode("utf-8")
    notes = parse(decode(raw, "notes")).notes
    assert notes.candidate == "Jordan Ellis"
    assert notes.topics == ["one", "two"]
    assert notes.interviewers[0].title == "Senior Associate"
    old_mac = parse(BASE.replace("\n", "\r")).notes
    assert old_mac.role == "Paralegal"


def test_byte_order_mark_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (NOTES_DIR / "priya-raman.yaml").read_bytes())
    assert read_notes_file(path).notes.candidate == "Priya Raman"


def test_blank_optional_values_mean_not_given() -> None:
    text = BASE + "Decision by:\nLearned:\nReaffirmed:   \nTopics:\nSignature:\nTone:\nOutcome:\n"
    loaded = parse(text)
    notes = loaded.notes
    assert notes.decision_by is None
    assert notes.learned is None and notes.reaffirmed is None
    assert notes.topics == []
    assert notes.signature == "Jordan Ellis"
    assert notes.tone is Tone.FORMAL and notes.outcome is Outcome.PENDING
    assert loaded.warnings == []


def test_blank_optional_values_in_yaml() -> None:
    text = "candidate: A B\ncompany: C\nrole: R\ninterviewer: X Y\ninterview_date: 2026-11-02\n"
    notes = parse(text + "learned:\ndecision_by: ''\ntopics: []\nsignature: null\n", "yaml").notes
    assert (notes.learned, notes.decision_by, notes.topics, notes.signature) == (
        None,
        None,
        [],
        "A B",
    )


# --- lists and continuation lines in 'Key: value' text ----------------------------------------


@pytest.mark.parametrize("marker", ["-", "*", "•", "1.", "2)"])
def test_bullet_styles(marker: str) -> None:
    notes = parse(BASE + f"Topics:\n{marker} first point\n{marker} second point\n").notes
    assert notes.topics == ["first point", "second point"]


def test_indented_bullets_and_continuation_lines() -> None:
    text = BASE + (
        "Topics:\n"
        "  - the team's new adjudication practice, which\n"
        "    started this year\n"
        "  - my placement\n"
        "Learned: paralegals attend client meetings\n"
        "  from their first month\n"
        "Highlights: three years of document review\n"
    )
    notes = parse(text).notes
    assert notes.topics == [
        "the team's new adjudication practice, which started this year",
        "my placement",
    ]
    assert notes.learned == "paralegals attend client meetings from their first month"
    assert notes.highlights == ["three years of document review"]


def test_value_on_the_line_below_its_key() -> None:
    notes = parse(BASE + "Learned:\nthey pair juniors with partners\n").notes
    assert notes.learned == "they pair juniors with partners"


def test_list_under_a_single_text_field_is_joined() -> None:
    notes = parse(BASE + "Learned:\n- they pair juniors\n- clients visit weekly\n").notes
    assert notes.learned == "they pair juniors; clients visit weekly"


def test_comments_and_blank_lines_are_skipped() -> None:
    text = "# my notes\n\n" + BASE.replace("Role:", "# a comment\nRole:") + "\n# end\n"
    loaded = parse(text)
    assert loaded.notes.role == "Paralegal" and loaded.warnings == []


def test_quoted_values_in_pasted_text_lose_their_quotes() -> None:
    notes = parse(BASE.replace("Bramley Kent LLP", '"Bramley Kent LLP"')).notes
    assert notes.company == "Bramley Kent LLP"
    kept = parse(BASE + "Learned: 'agile' means two things there\n").notes
    assert kept.learned == "'agile' means two things there"


def test_a_field_given_twice_with_different_values_is_an_error() -> None:
    message = error_of(BASE + "Interview date: 30 November 2026\n")
    assert "'Interview date' twice" in message
    assert "12 November 2026" in message and "30 November 2026" in message
    assert "keep the one that is right" in message


def test_a_field_repeated_with_the_same_value_is_fine() -> None:
    assert parse(BASE + "Company: Bramley Kent LLP\n").notes.company == "Bramley Kent LLP"


def test_two_spellings_of_one_field_in_json_must_agree() -> None:
    text = '{"candidate": "A", "company": "C", "role": "R", "interviewer": "X Y", '
    text += '"interview_date": "2026-11-02", "date": "2026-11-03"}'
    assert "'date' twice" in error_of(text)


# --- errors name the field and the fix --------------------------------------------------------


@pytest.mark.parametrize(
    ("drop", "field", "example"),
    [
        ("Candidate: Jordan Ellis\n", "'Candidate' is missing", "Candidate: Jordan Ellis"),
        ("Company: Bramley Kent LLP\n", "'Company' is missing", "Company: Bramley Kent LLP"),
        ("Role: Paralegal\n", "'Role' is missing", "Role: Paralegal, Construction Disputes"),
        (
            "Interviewer: Sophie Turner, Senior Associate\n",
            "'Interviewer' is missing",
            "Interviewer: Sophie Turner",
        ),
        (
            "Interview date: 12 November 2026\n",
            "'Interview date' is missing",
            "Interview date: 12 November 2026",
        ),
    ],
)
def test_missing_required_field(drop: str, field: str, example: str) -> None:
    message = error_of(BASE.replace(drop, ""))
    assert field in message
    assert example in message


def test_missing_name_of_a_structured_interviewer_points_at_it() -> None:
    text = "candidate: A B\ncompany: C\nrole: R\ninterview_date: 2026-11-02\n"
    message = error_of(text + "interviewers:\n  - name: Xia Yu\n  - title: Lead\n", "yaml")
    assert "'interviewers[2].name' is missing" in message


def test_unknown_field_of_a_person_names_the_allowed_ones() -> None:
    text = "candidate: A B\ncompany: C\nrole: R\ninterview_date: 2026-11-02\n"
    message = error_of(text + "interviewers:\n  - name: Xia Yu\n    phone: 123\n", "yaml")
    assert "'interviewers[1].phone'" in message
    assert "name, title and email" in message


def test_decision_before_interview_names_both_dates() -> None:
    message = error_of(BASE + "Decision by: 1 November 2026\n")
    assert (
        "'Decision by' (1 November 2026) is before the interview date (12 November 2026)" in message
    )


@pytest.mark.parametrize(
    "line", ["interview_date: 2026-02-30", "interview_date: 2026-13-45", "decision_by: 2026-12-32"]
)
def test_impossible_yaml_dates_are_clear_errors(line: str) -> None:
    """PyYAML turns 2026-02-30 into a crash in its timestamp constructor; composer reads it."""
    text = "candidate: A B\ncompany: C\nrole: R\ninterviewer: X Y\n"
    if "interview_date" not in line:
        text += "interview_date: 2026-11-20\n"
    message = error_of(text + line + "\n", "yaml")
    assert "not a real date" in message


def test_yaml_aliases_are_refused() -> None:
    text = "candidate: &n A B\ncompany: C\nrole: R\ninterviewer: *n\ninterview_date: 2026-11-02\n"
    assert "aliases" in error_of(text, "yaml")


@pytest.mark.parametrize(
    ("text", "fmt", "fragment"),
    [
        ("- a\n- b\n", "yaml", "not a list"),
        ("[1, 2]", None, "not a list"),
        ('"just text"', "json", "not a single line of text"),
        ("42", "yaml", "not a number"),
        ("# nothing but comments\n", "yaml", "no fields"),
    ],
)
def test_notes_that_are_not_a_set_of_fields(text: str, fmt: str | None, fragment: str) -> None:
    message = error_of(text, fmt)
    assert fragment in message
    assert "notes-template" in message


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(NotesError, match=r"The notes in .*empty\.txt are empty"):
        read_notes_file(empty)
    with pytest.raises(NotesError, match="No notes file at"):
        read_notes_file(tmp_path / "missing.txt")
    with pytest.raises(NotesError, match="is a folder"):
        read_notes_file(tmp_path)


# --- the public API ---------------------------------------------------------------------------


def test_load_notes_with_a_path_string_a_path_and_the_text() -> None:
    path = NOTES_DIR / "jordan-ellis.txt"
    from_str = load_notes(str(path))
    from_path = load_notes(path)
    from_text = load_notes(path.read_text(encoding="utf-8"))
    assert from_str == from_path == from_text
    assert from_text.candidate == "Jordan Ellis"


def test_load_notes_is_the_package_level_api() -> None:
    notes = composer.load_notes(str(NOTES_DIR / "priya-raman.yaml"))
    assert notes.recipient.name == "Dr. Amal Shah"
    assert composer.load_notes(BASE).company == "Bramley Kent LLP"


def test_load_notes_with_a_missing_file_says_so() -> None:
    with pytest.raises(NotesError, match=r"No notes file at notes-typo\.txt"):
        load_notes("notes-typo.txt")


def test_load_notes_with_bad_text_raises_notes_error() -> None:
    with pytest.raises(NotesError, match="'Interview date' is missing"):
        load_notes(BASE.replace("Interview date: 12 November 2026\n", ""))


def test_the_notes_template_parses_cleanly() -> None:
    loaded = read_notes_file(ROOT / "prompts" / "notes-template.txt")
    assert loaded.warnings == []
    assert loaded.notes.interviewers[0].email == "sophie.turner@example.com"
    assert loaded.notes.highlights
