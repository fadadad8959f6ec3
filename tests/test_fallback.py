"""Template-only drafts: every fixture and every generated set of notes passes the error rules."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from composer.drafting import compose, template_draft
from composer.models import InterviewNotes, Kind, Severity, Tone
from composer.notes import parse_notes, read_notes_file

from .conftest import NOTES_FILES


def errors_of(notes: InterviewNotes, kind: Kind) -> tuple[str, list[str]]:
    draft = template_draft(notes, kind)
    errors = [
        f"{f.code} {f.message}" for f in draft.report.findings if f.severity is Severity.ERROR
    ]
    return draft.message.text, errors


@pytest.mark.parametrize("tone", list(Tone))
@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("path", NOTES_FILES, ids=lambda p: p.name)
def test_every_fixture_kind_and_tone_passes_the_error_rules(path, kind: Kind, tone: Tone) -> None:
    notes = read_notes_file(path).notes.model_copy(update={"tone": tone})
    text, errors = errors_of(notes, kind)
    assert errors == [], text
    assert template_draft(notes, kind).report.passed


def test_tone_changes_the_wording() -> None:
    notes = read_notes_file(NOTES_FILES[0]).notes
    for kind in Kind:
        formal = template_draft(notes.model_copy(update={"tone": Tone.FORMAL}), kind)
        warm = template_draft(notes.model_copy(update={"tone": Tone.WARM}), kind)
        assert formal.body != warm.body, kind


# --- the drafts use the notes -------------------------------------------------------------------


def test_thank_you_uses_the_learning_point_recipient_and_signature() -> None:
    notes = read_notes_file(NOTES_FILES[0].parent / "jordan-ellis.txt").notes
    draft = template_draft(notes, Kind.THANK_YOU)
    assert draft.body.startswith("Dear Sophie,")
    assert "paralegals attend client meetings from their first month" in draft.body
    assert "how much responsibility junior staff are trusted with" in draft.body
    assert "Bramley Kent LLP" in draft.body
    assert "Paralegal, Construction Disputes" in draft.subject
    assert draft.body.rstrip().endswith("Jordan Ellis")


def test_drafts_go_to_the_person_who_invited_the_candidate() -> None:
    notes = read_notes_file(NOTES_FILES[0].parent / "priya-raman.yaml").notes
    for kind in Kind:
        draft = template_draft(notes, kind)
        assert draft.body.startswith("Hi Amal,"), draft.body  # warm tone, first name
        assert draft.body.rstrip().endswith("Priya Raman\n07700 900456")
    thanks = template_draft(notes, Kind.THANK_YOU)
    assert "the team publishes its analysis code internally" in thanks.body
    assert "Tom Becker" in thanks.body  # thanks passed on to the other interviewer
    formal = template_draft(notes.model_copy(update={"tone": Tone.FORMAL}), Kind.THANK_YOU)
    assert formal.body.startswith("Dear Dr. Shah,"), formal.body


def test_accented_names_and_companies_are_written_exactly() -> None:
    notes = read_notes_file(NOTES_FILES[0].parent / "zoe-okonkwo.txt").notes
    draft = template_draft(notes, Kind.THANK_YOU)
    assert draft.body.startswith("Hi Ana,")
    assert "Café Lumière Group" in draft.body
    assert draft.body.rstrip().endswith("Zoë Okonkwo-Brennan")
    assert "managers rotate through the kitchen for a week every quarter" in draft.body


def test_status_check_names_the_interview_day_and_asks_for_an_update() -> None:
    notes = read_notes_file(NOTES_FILES[0].parent / "jordan-ellis.txt").notes
    body = template_draft(notes, Kind.STATUS_CHECK).body
    assert "12 November" in body
    assert "update" in body


def test_feedback_request_asks_for_feedback_and_other_roles() -> None:
    notes = read_notes_file(NOTES_FILES[0].parent / "marco-rossi.toml").notes
    body = template_draft(notes, Kind.FEEDBACK_REQUEST).body
    assert body.startswith("Dear Ellen,")
    assert "feedback" in body and "other suitable roles" in body
    assert "Harbour & Finch" in body


def test_minimal_notes_warn_with_the_key_to_add() -> None:
    notes = read_notes_file(NOTES_FILES[0].parent / "minimal.json").notes
    result = compose(notes, [Kind.THANK_YOU])
    specific = [w for w in result.warnings if "'Learned'" in w]
    assert len(specific) == 1
    assert "'Topics'" in specific[0] and "Add a line such as 'Learned: " in specific[0]
    assert result.drafts[0].report.passed


def test_no_specific_warning_when_the_notes_have_something_specific() -> None:
    base = json.loads((NOTES_FILES[0].parent / "minimal.json").read_text(encoding="utf-8"))
    for extra, point in (
        ({"learned": "they ship weekly"}, "you ship weekly"),  # said to the firm
        ({"topics": ["the new office"]}, "the new office"),
        ({"reaffirmed": "the friendly team"}, "the friendly team"),
    ):
        notes = parse_notes(json.dumps({**base, **extra}), fmt="json").notes
        warnings = compose(notes, [Kind.THANK_YOU]).warnings
        assert not any("'Learned'" in w for w in warnings), extra
        body = template_draft(notes, Kind.THANK_YOU).body
        assert point in body


def test_the_missing_key_warning_is_only_for_the_thank_you() -> None:
    notes = read_notes_file(NOTES_FILES[0].parent / "minimal.json").notes
    warnings = compose(notes, [Kind.STATUS_CHECK]).warnings
    assert not any("'Learned'" in w for w in warnings)


# --- generated notes ----------------------------------------------------------------------------

UPPER = "ABCDEFGHIJKLMNOPRSTUVWYZÉÁÖÜŁØŠ"
LOWER = "abcdefghijklmnopqrstuvwxyzéèáíóúñöüçøåłš"
REAL_FIRST = ["Zoë", "Siobhán", "José", "Anne-Marie", "Łukasz", "Chloé", "Will", "May", "Grace"]
REAL_LAST = ["O'Neill", "García-López", "Okonkwo-Brennan", "McAllister", "D'Souza", "Ødegaard"]

part = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(UPPER),
    st.text(alphabet=LOWER, min_size=2, max_size=9),
)
surname = st.one_of(
    part,
    st.sampled_from(REAL_LAST),
    st.builds(lambda a, b: f"{a}-{b}", part, part),
    st.builds(lambda a: f"O'{a}", part),
)
first_name = st.one_of(part, st.sampled_from(REAL_FIRST))
full_name = st.builds(lambda f, s: f"{f} {s}", first_name, surname)
honorific = st.sampled_from(["", "", "", "Dr. ", "Ms ", "Mr. ", "Prof. "])
titles = st.sampled_from(
    [None, "Senior Associate", "Head of Clinical Informatics", "HR Business Partner", "CTO"]
)
company = st.one_of(
    st.sampled_from(
        ["Bramley Kent LLP", "Harbour & Finch", "Café Lumière Group", "Northwind Health", "Acme"]
    ),
    st.builds(lambda a, b: f"{a} & {b}", part, part),
    st.builds(lambda a: f"{a} Ltd", part),
)
role = st.sampled_from(
    [
        "Paralegal, Construction Disputes",
        "Data Analyst",
        "Assistant Restaurant Manager",
        "Junior Copywriter",
        "Graduate Scheme position",
        "Software Engineer (Backend)",
        "Nurse",
        "Head of Research & Development",
    ]
)
phrases = st.sampled_from(
    [
        "the team's new adjudication practice",
        "how the studio critiques work every Friday",
        "reducing waiting-time variance with simple dashboards",
        "the move from SAS to Python",
        "opening the second Leeds site in the spring",
        "mentoring for new starters",
        "the client onboarding process",
    ]
)
learned_points = st.sampled_from(
    [
        "paralegals attend client meetings from their first month",
        "I learned that managers rotate through the kitchen every quarter",
        "the team publishes its analysis code internally",
        "new starters pair with a senior colleague for six weeks",
    ]
)


@st.composite
def interviewer(draw: st.DrawFn) -> dict[str, str]:
    person = {"name": draw(honorific) + draw(full_name)}
    title = draw(titles)
    if title:
        person["title"] = title
    if draw(st.booleans()):
        person["email"] = "someone@example.org"
    return person


@st.composite
def notes_data(draw: st.DrawFn) -> dict[str, object]:
    interview = date.today() - timedelta(days=draw(st.integers(0, 400)))
    people = draw(st.lists(interviewer(), min_size=1, max_size=3, unique_by=lambda p: p["name"]))
    data: dict[str, object] = {
        "candidate": draw(full_name),
        "company": draw(company),
        "role": draw(role),
        "interviewers": people,
        "interview_date": interview.isoformat(),
    }
    optional = {
        "decision_by": st.one_of(
            st.sampled_from(["48 hours", "1 week", "2 weeks", "5 working days"]),
            st.integers(1, 30).map(lambda n: (interview + timedelta(days=n)).isoformat()),
        ),
        "topics": st.lists(phrases, min_size=1, max_size=3, unique=True),
        "learned": learned_points,
        "reaffirmed": st.sampled_from(["how much responsibility junior staff get"]),
        "highlights": st.lists(st.sampled_from(["four years of NHS reporting"]), max_size=1),
        "outcome": st.sampled_from(["pending", "rejected", "offered"]),
        "tone": st.sampled_from(["formal", "warm"]),
        "invited_by": st.sampled_from([p["name"] for p in people]),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    if draw(st.booleans()):
        data["signature"] = draw(full_name) + draw(st.sampled_from(["", "\n07700 900456"]))
    return data


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@example(
    {
        "candidate": "Zoë O'Neill",
        "company": "Café Lumière Group",
        "role": "Data Analyst",
        "interviewers": [{"name": "Dr. Amal Shah"}, {"name": "Anne-Marie García-López"}],
        "interview_date": "2026-11-02",
        "invited_by": "Anne-Marie García-López",
        "tone": "warm",
    }
)
@given(notes_data())
def test_generated_notes_give_drafts_that_pass_every_error_rule(data: dict[str, object]) -> None:
    notes = parse_notes(json.dumps(data), fmt="json").notes
    for kind in Kind:
        text, errors = errors_of(notes, kind)
        assert errors == [], f"{kind}:\n{text}"
        draft = template_draft(notes, kind)
        assert notes.recipient.greeting_name(notes.tone) in draft.body.splitlines()[0]
        assert notes.signature_name in draft.body


# --- bugs found by this suite, since fixed --------------------------------------------------


def _notes(**fields: object) -> InterviewNotes:
    data = {
        "candidate": "Jordan Ellis",
        "company": "Acme",
        "role": "Analyst",
        "interviewer": "Sophie Turner",
        "interview_date": "2026-11-12",
        "learned": "they ship weekly",
        **fields,
    }
    return parse_notes(json.dumps(data), fmt="json").notes


@pytest.mark.parametrize(
    "fields",
    [
        {"role": "Tutor", "interviewer": "Tina Tudor"},
        {"role": "Heart Surgeon", "interviewer": "Tom Hart"},
        {"role": "Cabin Steward", "interviewer": "Steven Stewart"},
        {"role": "Carer", "interviewer": "Tim Carter"},
        {"topics": ["the move from SAS to Python"], "interviewer": "Peyton Smith"},
        {"learned": "they use Jira for everything", "interviewer": "Jiri Novak"},
    ],
    ids=["role-tutor", "role-heart", "role-steward", "role-carer", "topic-python", "learned-jira"],
)
def test_words_from_the_notes_are_not_misspelled_names(fields: dict[str, object]) -> None:
    text, errors = errors_of(_notes(**fields), Kind.THANK_YOU)
    assert errors == [], text


def test_long_notes_still_give_a_thank_you_within_the_word_limit() -> None:
    point = (
        "every new analyst is paired with a senior colleague for their first six months, "
        "presents one of their own projects at the monthly review, joins client calls from "
        "the second week, and is expected to question the assumptions in any model they "
        "inherit before they build on it, which the team sees as the best way to learn "
    )
    long_point = (point * 3)[:990]
    notes = _notes(learned=long_point, reaffirmed=long_point)
    text, errors = errors_of(notes, Kind.THANK_YOU)
    assert errors == [], text


def test_a_recruiter_who_arranged_the_interview_is_thanked_for_that() -> None:
    notes = _notes(interviewer="Dana Whitfield; Raj Iyer", invited_by="Maria Lopez")
    text, errors = errors_of(notes, Kind.THANK_YOU)
    assert errors == [], text
    assert "Dear Maria," in text and "arranging my interview" in text
    assert "pass on my thanks to Dana Whitfield and Raj Iyer" in text
    assert "Something you told me" not in text and "our conversation" not in text.lower()
