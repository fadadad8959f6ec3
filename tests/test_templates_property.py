"""Template drafts read as if a person wrote them, whatever form the notes take (issue 11).

First the flaws quoted in the issue, each from notes like the ones that produced it; then a
property test: notes in every form (phrases, sentences, with and without final marks,
capitalised or not, first person or not, parentheses in the role, long names) give drafts for
every kind and tone that pass every error rule and hold none of the splice artifacts.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import phrasing
from composer.drafting import template_draft
from composer.models import InterviewNotes, Kind, Severity, Tone
from composer.notes import parse_notes, read_notes_file
from composer.phone import phone_drafts
from composer.text import sentences

from .conftest import FIXTURES

SUBJECT_LIMIT = phrasing.SUBJECT_LIMIT
# A clause spliced into a phrase slot: 'talk about we discussed', 'build on I led'.
_SPLICE = re.compile(
    r"\b(?:about|on|of|in|build on)\s+(?:we|i|they|he|she)(?:['\u2019]\w+)?\s", re.IGNORECASE
)
# The firm spoken of, in a letter to it: 'learn that they are', ': they', '. They're'.
_FIRM_AS_THEY = re.compile(r"(?:\bthat|:|,|[.!?]) they(?:['\u2019]\w+)?\b", re.IGNORECASE)
# A capitalised common word in the middle of a sentence: 'talk about The', 'build on Fluent'.
_MID_CAPITAL = re.compile(
    r"(?<=[a-z,;:\u2013] )(?:The|We|They|That|Fluent|Mentoring|Reducing|Led|Discussed)\b"
)


def artifacts(notes: InterviewNotes, subject: str, body: str) -> list[str]:
    """Every splice artifact in one draft, described; an empty list for a clean draft."""
    found = []
    text = f"{subject}\n\n{body}"
    found += [f"spliced clause: {m.group()!r}" for m in _SPLICE.finditer(body)]
    found += [f"capital mid-sentence: {m.group()!r}" for m in _MID_CAPITAL.finditer(body)]
    found += [f"the firm as 'they': {m.group()!r}" for m in _FIRM_AS_THEY.finditer(body)]
    found += [f"double mark {mark!r}" for mark in ("!.", "?.", "..", ".,", "!,") if mark in text]
    company = re.escape(notes.company)
    found += [
        f"'at X at': {m.group()!r}"
        for m in re.finditer(rf"\bat\b[^.!?]*\bat (?:the )?{company}", body)
    ]
    for word in ("that that", "the the", "role role", "about about"):
        if word in body.lower():
            found.append(f"doubled word {word!r}")
    aside = phrasing.role_aside(notes.role)
    if aside and text.count(aside) > 1:
        found.append(f"the role's {aside} said {text.count(aside)} times")
    if aside and aside in subject:
        found.append("a parenthetical in the subject")
    if len(subject) > SUBJECT_LIMIT:
        found.append(f"a {len(subject)}-character subject")
    said = [s.text for s in sentences(body)]
    for one, two in itertools.pairwise(said):
        if "keen" in one.lower() and "keen" in two.lower():
            found.append(f"'keen' twice running: {one!r} {two!r}")
        if one.split()[:3] == two.split()[:3] and len(one.split()) > 3:
            found.append(f"same start twice running: {one!r} {two!r}")
    return found


def problems(notes: InterviewNotes) -> list[str]:
    """Every error finding and artifact in every offline draft of the notes, both tones."""
    out = []
    for tone in Tone:
        toned = notes.model_copy(update={"tone": tone})
        for kind in Kind:
            draft = template_draft(toned, kind)
            errors = [
                f"{f.code} {f.message}"
                for f in draft.report.findings
                if f.severity is Severity.ERROR
            ]
            for problem in errors + artifacts(toned, draft.subject, draft.body):
                out.append(f"{tone}/{kind}: {problem}\n{draft.subject}\n{draft.body}")
        for spoken in phone_drafts(toned):
            errors = [f.code for f in spoken.report.findings if f.severity is Severity.ERROR]
            for problem in errors + artifacts(toned, "", spoken.body):
                out.append(f"{tone}/{spoken.channel}: {problem}\n{spoken.body}")
    return out


BASE = """Candidate: Aleksandra Nowak
Company: Crown Prosecution Service
Role: Trainee Solicitor (September 2027 intake)
Interviewer: Joe Patel, Senior Crown Prosecutor
Interview date: 9 November 2026
Decision by: 2 weeks
Tone: warm
"""


def notes(extra: str, base: str = BASE) -> InterviewNotes:
    return parse_notes(base + extra).notes


def bodies(notes: InterviewNotes) -> dict[tuple[Tone, Kind], str]:
    out = {}
    for tone in Tone:
        for kind in Kind:
            draft = template_draft(notes.model_copy(update={"tone": tone}), kind)
            out[tone, kind] = f"Subject: {draft.subject}\n\n{draft.body}"
    return out


# --- the flaws quoted in issue 11 -------------------------------------------------------------


def test_a_topic_written_as_a_sentence_is_not_spliced_after_about() -> None:
    drafts = bodies(notes("Topics:\n- We discussed the new AML regulations.\n"))
    for text in drafts.values():
        assert "about we" not in text.lower() and "on we" not in text.lower(), text
    assert "discussion of the new AML regulations" in drafts[Tone.FORMAL, Kind.THANK_YOU]
    status = drafts[Tone.FORMAL, Kind.STATUS_CHECK]
    assert "our conversation about the new AML regulations" in status


def test_a_topic_that_is_a_statement_is_written_as_a_statement() -> None:
    drafts = bodies(notes("Topics:\n- They're moving the whole team to a hybrid model!\n"))
    thanks = drafts[Tone.FORMAL, Kind.THANK_YOU]
    assert "interested to hear that you are moving the whole team to a hybrid model." in thanks
    assert not any("about they" in text.lower() for text in drafts.values())


def test_a_first_person_topic_stands_as_its_own_sentence() -> None:
    drafts = bodies(notes("Topics:\n- I think my research fits the team well\n"))
    thanks = drafts[Tone.FORMAL, Kind.THANK_YOU]
    assert "our discussion. I think my research fits the team well." in thanks
    assert "hear that I" not in thanks


def test_a_topic_about_the_candidate_is_discussed_not_learned_about() -> None:
    drafts = bodies(notes("Topics:\n- I was asked about my dissertation\n"))
    feedback = drafts[Tone.FORMAL, Kind.FEEDBACK_REQUEST]
    assert "enjoyed meeting you and discussing my dissertation." in feedback
    assert "learning about my" not in feedback


def test_first_person_highlights_become_phrases_to_build_on() -> None:
    extra = (
        "Learned: they train every new starter in advocacy\n"
        "Highlights:\n- I led my university's mock trial team to the national final\n"
        "- Fluent in Polish\n"
    )
    thanks = bodies(notes(extra))[Tone.FORMAL, Kind.THANK_YOU]
    assert "build on I" not in thanks and "Fluent in Polish" not in thanks
    assert (
        "build on my experience of leading my university's mock trial team to the national "
        "final and my fluent Polish at the Crown Prosecution Service." in thanks
    )


def test_a_highlight_at_a_firm_does_not_get_a_second_at() -> None:
    template = (FIXTURES.parent / "prompts" / "notes-template.txt").read_text(encoding="utf-8")
    thanks = template_draft(parse_notes(template).notes, Kind.THANK_YOU).body
    assert "at a regional firm at" not in thanks
    assert "three years of document review at a regional firm" in thanks


def test_an_exclamation_in_the_notes_never_meets_a_full_stop() -> None:
    drafts = bodies(notes("Learned: They're moving the whole team to a hybrid model next year!\n"))
    for text in drafts.values():
        assert "!." not in text and "?." not in text, text
    formal = drafts[Tone.FORMAL, Kind.THANK_YOU]
    assert "you are moving the whole team to a hybrid model next year." in formal


def test_reaffirmed_is_never_used_as_a_topic() -> None:
    drafts = bodies(notes("Reaffirmed: that they really value people with a law degree\n"))
    for text in drafts.values():
        assert "about they" not in text and "about that" not in text, text
        assert "in particular, that" not in text
    thanks = drafts[Tone.WARM, Kind.THANK_YOU]
    assert "especially hearing that you really value people with a law degree." in thanks
    feedback = drafts[Tone.WARM, Kind.FEEDBACK_REQUEST]
    assert "law degree" not in feedback  # the feedback request has no slot for it


def test_the_role_parenthetical_is_said_once_and_never_in_the_subject() -> None:
    drafts = bodies(notes("Learned: they train every new starter in advocacy\n"))
    for text in drafts.values():
        subject, _, body = text.partition("\n\n")
        assert "(September 2027 intake)" not in subject
        assert "Trainee Solicitor" in subject
        assert body.count("(September 2027 intake)") == 1, body


def test_the_warm_feedback_request_says_keen_once() -> None:
    feedback = bodies(notes("Topics:\n- advocacy training\n"))[Tone.WARM, Kind.FEEDBACK_REQUEST]
    assert feedback.count("keen") == 1, feedback


@pytest.mark.parametrize("tone", list(Tone))
@pytest.mark.parametrize("kind", list(Kind))
def test_a_long_role_keeps_every_subject_under_the_limit(kind: Kind, tone: Tone) -> None:
    base = BASE.replace(
        "Trainee Solicitor (September 2027 intake)",
        "Trainee Solicitor, Serious Economic, Organised Crime and International Directorate "
        "(September 2027 intake)",
    )
    draft = template_draft(
        notes("Topics:\n- advocacy\n", base).model_copy(update={"tone": tone}), kind
    )
    assert len(draft.subject) <= SUBJECT_LIMIT, draft.subject
    assert "SUBJ002" not in {f.code for f in draft.report.findings}
    assert draft.subject.count("Trainee Solicitor") == 1


def test_the_sentence_style_fixture_reads_cleanly() -> None:
    loaded = read_notes_file(FIXTURES / "notes" / "sentence-style.txt").notes
    assert problems(loaded) == []


def test_the_firm_is_spoken_to_not_about() -> None:
    loaded = read_notes_file(FIXTURES / "notes" / "sentence-style.txt").notes
    drafts = bodies(loaded)
    thanks = drafts[Tone.FORMAL, Kind.THANK_YOU]
    assert "you are moving the whole team to a hybrid model next year" in thanks
    assert "hearing that you really value people with a law degree" in thanks
    for text in drafts.values():
        assert "they are moving" not in text and "they really value" not in text, text


def test_the_artifact_check_can_fail() -> None:
    """Each artifact the property test looks for is found in a draft that has it."""
    sample = notes("Topics:\n- advocacy\n")
    bad = (
        "Hi Joe,\n\nIt was a pleasure to talk about we discussed the AML rules. I would love to "
        "build on I led the team. They are moving next year!. I hope so?. I would build on "
        "three years at a regional firm at Crown Prosecution Service. I am keen. I am keen "
        "on it. It was about The team. I learned that they hire twice a year."
        "\n\nAll the best,\nAleksandra Nowak"
    )
    found = " | ".join(
        artifacts(sample, "Thank you - Trainee Solicitor (September 2027 intake)", bad)
    )
    for expected in (
        "spliced clause: 'about we ",
        "spliced clause: 'build on I ",
        "'!.'",
        "'?.'",
        "'at X at'",
        "'keen' twice running",
        "capital mid-sentence: 'The'",
        "a parenthetical in the subject",
        "the firm as 'they': 'that they'",
    ):
        assert expected in found, (expected, found)


# --- generated notes --------------------------------------------------------------------------

PHRASES = [
    "the new AML regulations",
    "the move from SAS to Python",
    "reducing A&E waiting-time variance with simple dashboards",
    "mentoring for new starters",
    "how the studio critiques work every Friday",
    "the Crown Prosecution Service's new digital case system",
]
STATEMENTS = [
    "they're moving the whole team to a hybrid model next year",
    "the team is growing fast",
    "paralegals attend client meetings from their first month",
    "the team publishes its analysis code internally so clinicians can check it",
    "new starters pair with a senior colleague for six weeks",
]
FIRST_PERSON = ["I was asked about my dissertation", "I explained my placement at a law centre"]
QUESTIONS = ["What does a typical day look like?", "how is performance reviewed?"]
TOPIC_LEADS = [
    "Joe explained ",
    "",
    "We discussed ",
    "We talked about ",
    "we covered ",
    "Discussed ",
    "We had a long discussion about ",
    "They told me about ",
]
LEARNED_LEADS = ["", "I learned that ", "I learnt that ", "that ", "They said "]
REAFFIRMED = [
    "that they really value people with a law degree",
    "how much responsibility junior staff are trusted with",
    "the friendly team",
    "They're genuinely committed to pro bono work",
]
HIGHLIGHTS = [
    "I led my university's mock trial team to the national final",
    "Fluent in Polish",
    "three years of document review at a regional firm",
    "four years of NHS performance reporting",
    "I have three years of experience in conveyancing",
    "Led the mock trial team",
    "Native Spanish speaker",
    "I think my research fits the team well",
    "I'm fluent in Polish",
    "Member of the Law Society",
]
ROLES = [
    "Trainee Solicitor (September 2027 intake)",
    "Paralegal, Construction Disputes",
    "Data Analyst",
    "Graduate Scheme position",
    "Software Engineer (Backend)",
    "Head of Research & Development for the Northern Region Clinical Services Directorate "
    "(maternity cover)",
]
COMPANIES = [
    "Crown Prosecution Service",
    "Bramley Kent LLP",
    "Northwind Health",
    "Harbour & Finch",
    "University of Leeds",
    "Royal Borough of Kensington and Chelsea Children's Services Department",
]
ENDS = ["", ".", "!", "?", "..."]
CANDIDATES = ["Aleksandra Nowak", "Jordan Ellis", "Siobhán O’Neill", "Anne-Marie García-López"]


def _styled(text: str, capital: bool, end: str) -> str:
    text = text[:1].upper() + text[1:] if capital else text
    return text + end


def styled(texts: list[str]) -> st.SearchStrategy[str]:
    """A note as people write it: capitalised or not, with any final mark or none."""
    return st.builds(_styled, st.sampled_from(texts), st.booleans(), st.sampled_from(ENDS))


def topic_strategy() -> st.SearchStrategy[str]:
    phrase = st.builds(
        lambda lead, p: lead + p, st.sampled_from(TOPIC_LEADS), st.sampled_from(PHRASES)
    )
    clause = st.sampled_from(STATEMENTS + FIRST_PERSON)
    styled_topic = st.builds(
        _styled, st.one_of(phrase, clause), st.booleans(), st.sampled_from(ENDS)
    )
    return st.one_of(styled_topic, st.sampled_from(QUESTIONS))


def learned_strategy() -> st.SearchStrategy[str]:
    clause = st.builds(
        lambda lead, s: lead + s, st.sampled_from(LEARNED_LEADS), st.sampled_from(STATEMENTS)
    )
    about = st.builds(lambda p: "I learned about " + p, st.sampled_from(PHRASES))
    return st.builds(_styled, st.one_of(clause, about), st.booleans(), st.sampled_from(ENDS))


@st.composite
def notes_text(draw: st.DrawFn) -> str:
    lines = [
        f"Candidate: {draw(st.sampled_from(CANDIDATES))}",
        f"Company: {draw(st.sampled_from(COMPANIES))}",
        f"Role: {draw(st.sampled_from(ROLES))}",
        "Interviewers: Joe Patel, Senior Associate; Dr. Amal Shah",
        f"Invited by: {draw(st.sampled_from(['Joe Patel', 'Amal Shah', 'Maria Lopez']))}",
        "Interview date: 9 November 2026",
        "Decision by: 2 weeks",
        f"Outcome: {draw(st.sampled_from(['pending', 'rejected', 'offered']))}",
    ]
    if draw(st.booleans()):
        topics = draw(st.lists(topic_strategy(), min_size=1, max_size=3, unique=True))
        lines += ["Topics:", *(f"- {t}" for t in topics)]
    if draw(st.booleans()):
        lines.append(f"Learned: {draw(learned_strategy())}")
    if draw(st.booleans()):
        lines.append(f"Reaffirmed: {draw(styled(REAFFIRMED))}")
    if draw(st.booleans()):
        highlights = draw(st.lists(styled(HIGHLIGHTS), min_size=1, max_size=2, unique=True))
        lines += ["Highlights:", *(f"- {h}" for h in highlights)]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(notes_text())
def test_every_draft_from_notes_in_any_form_passes_and_reads_cleanly(text: str) -> None:
    found = problems(parse_notes(text).notes)
    assert found == [], f"{text}\n" + "\n\n".join(found[:3])
