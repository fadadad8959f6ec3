"""Structure (STRC), presumption (PRES) and splices (SPLC): the repair leftovers, echoes,
presumptions and template splices quoted in issue 11 must be caught in any draft, the
user's own included; each is written as a message like the quote."""

from __future__ import annotations

import pytest

from composer.checker import check
from composer.models import InterviewNotes, Kind, Report, Severity
from composer.notes import parse_notes
from composer.rules import REGISTRY

TY, SC, FR = Kind.THANK_YOU, Kind.STATUS_CHECK, Kind.FEEDBACK_REQUEST

# Notes of the kind that made the templates splice: fields written as sentences.
ALEX = parse_notes(
    """Candidate: Alex Morgan
Company: Bramley Kent LLP
Role: Trainee Solicitor (September 2027 intake)
Interviewer: Sophie Turner, Senior Associate
Interview date: 12 November 2026
Topics:
- We discussed the new AML regulations.
Highlights:
- I led my university's mock trial team to the national final
- three years of document review at a regional firm
Learned: They're moving the whole team to a hybrid model next year!
Reaffirmed: that they really value people with a law degree
Outcome: pending
"""
).notes


def report(text: str, kind: Kind, notes: InterviewNotes | None = ALEX) -> Report:
    return check(text, kind, notes)


def codes(text: str, kind: Kind, severity: Severity | None = None, notes=ALEX) -> set[str]:
    found = report(text, kind, notes).findings
    return {f.code for f in found if severity is None or f.severity is severity}


def words(text: str, kind: Kind, code: str, notes=ALEX) -> list[str]:
    found = report(text, kind, notes).findings
    return [text[f.start : f.end] for f in found if f.code == code and f.start is not None]


THANKS = """Subject: Thank you - Trainee Solicitor interview

Dear Sophie,

Thank you for meeting me on Thursday to discuss the Trainee Solicitor role (September 2027
intake) at Bramley Kent LLP. {middle}

I am very keen on the role and look forward to hearing from you.

Kind regards,
Alex Morgan"""
LEARNED = (
    "I particularly valued learning that the whole team is moving to a hybrid model next year."
)


def test_the_plain_thank_you_passes() -> None:
    assert report(THANKS.format(middle=LEARNED), TY).passed
    assert report(THANKS.format(middle=LEARNED), TY, None).passed


# --- STRC001: nothing after the sign-off but the signature ----------------------------------


def test_a_repair_leftover_after_the_closing_fails() -> None:
    # As quoted: 'I remain very keen on the role.' appended after the closing line.
    text = THANKS.format(middle=LEARNED) + "\n\nI remain very keen on the role."
    assert "STRC001" in codes(text, TY, Severity.ERROR)
    assert words(text, TY, "STRC001") == ["I remain very keen on the role."]
    between = THANKS.format(middle=LEARNED).replace(
        "Kind regards,\n", "Kind regards,\nI remain very keen on the role.\n"
    )
    assert "STRC001" in codes(between, TY, Severity.ERROR)


@pytest.mark.parametrize(
    "signature",
    [
        "Alex Morgan\nLLB (Hons), University of Leeds\n07700 900123\nalex.morgan@example.com",
        "Alex Morgan\n\nP.S. I have attached the case note I mentioned.",
        "Alex Morgan, LLB",
        "Alex Morgan\nThis email and any attachments are confidential.",
        "Alex Morgan\nSent from my phone",
    ],
)
def test_a_signature_block_and_a_postscript_pass(signature: str) -> None:
    text = THANKS.format(middle=LEARNED).replace("Alex Morgan", signature)
    assert "STRC001" not in codes(text, TY)


def test_a_closing_sentence_that_is_not_a_sign_off_is_prose() -> None:
    # 'Thank you!' opens a short note; the message goes on below it, then signs off.
    text = (
        "Hi Sophie,\n\nThank you!\n\nI enjoyed learning that the whole team is moving "
        "to a hybrid model next year, and I am very keen on the Trainee Solicitor role.\n\n"
        "Best,\nAlex Morgan"
    )
    assert "STRC001" not in codes(text, TY)


# --- STRC002 and STRC003: said twice, or echoed --------------------------------------------------


def test_a_duplicated_sentence_is_an_error() -> None:
    text = THANKS.format(middle=f"{LEARNED} {LEARNED}")
    assert "STRC002" in codes(text, TY, Severity.ERROR)


def test_keen_then_keen_is_a_warning() -> None:
    # As quoted, from the warm feedback-request template.
    text = """Subject: Trainee Solicitor - thank you and feedback

Hi Sophie,

Thank you for letting me know, and for the chance to interview for the Trainee Solicitor role
at Bramley Kent LLP. Although it wasn't the news I'd hoped for, I really enjoyed meeting you.

If you have a moment, I'd be really grateful for any feedback on my application and interview
- I'm keen to learn and to improve. I'm still very keen to work at Bramley Kent LLP, and I'd
love to hear about other suitable roles in the future.

All the best,
Alex Morgan"""
    found = report(text, FR)
    assert "STRC003" in {f.code for f in found.findings if f.severity is Severity.WARNING}
    assert found.passed, "an echo is a warning"
    varied = text.replace("I'm still very keen to work at", "I would still love to work at")
    assert "STRC003" not in codes(varied, FR)


def test_two_sentences_in_a_row_that_open_alike_are_a_warning() -> None:
    middle = (
        "I particularly valued learning about the hybrid model. I particularly valued hearing "
        "about the new AML regulations."
    )
    assert "STRC003" in codes(THANKS.format(middle=middle), TY, Severity.WARNING)


# --- PRES001: presumption (a warning) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("middle", "said"),
    [
        # As quoted.
        (
            "I look forward to joining your team as soon as possible.",
            "look forward to joining",
        ),
        (
            "My mock trial experience will be crucial for my role at Bramley Kent LLP.",
            "my role at Bramley",
        ),
        ("I learned a great deal, and I will use it when I join.", "when I join"),
    ],
)
def test_presuming_the_job_is_a_warning(middle: str, said: str) -> None:
    text = THANKS.format(middle=f"{LEARNED} {middle}")
    found = report(text, TY)
    assert said in words(text, TY, "PRES001")
    assert found.passed, "presumption is a warning"


@pytest.mark.parametrize(
    "middle",
    [
        "I would love the chance to join your team, and I could start immediately.",
        "In my role at a regional firm I reviewed thousands of documents.",
        "I look forward to the possibility of joining the team.",
        "I look forward to joining you for the assessment day on Friday.",
        "In my new role at a regional firm I review contracts.",
    ],
)
def test_hoping_for_the_job_is_no_presumption(middle: str) -> None:
    assert "PRES001" not in codes(THANKS.format(middle=f"{LEARNED} {middle}"), TY)


# --- SPLC001-004: splice artifacts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("middle", "said"),
    [
        # As quoted, from the offline templates given sentence-style notes.
        (
            "It was a pleasure to talk about we discussed the new AML regulations as well.",
            "about we discussed",
        ),
        (
            "I would welcome the chance to build on I led my university's mock trial team to "
            "the national final.",
            "on I led",
        ),
        (
            "I really enjoyed meeting you and talking about they really value people with a law "
            "degree.",
            "about they really",
        ),
        (
            "I have kept thinking about our conversation about we discussed the new AML "
            "regulations.",
            "about we discussed",
        ),
    ],
)
def test_a_sentence_spliced_into_a_phrase_slot_fails(middle: str, said: str) -> None:
    text = THANKS.format(middle=f"{LEARNED} {middle}")
    assert "SPLC001" in codes(text, TY, Severity.ERROR)
    assert said in words(text, TY, "SPLC001")
    assert "SPLC001" in codes(text, TY, notes=None), "a splice needs no notes to see"


@pytest.mark.parametrize(
    "middle",
    [
        "Early on we discussed the new AML regulations, and from then on I felt at ease.",
        "I was struck by how much you told me about what they value in trainees.",
        "I enjoyed hearing about how we might use my Polish in the team.",
    ],
)
def test_adverbs_and_clauses_after_a_question_word_pass(middle: str) -> None:
    assert "SPLC001" not in codes(THANKS.format(middle=f"{LEARNED} {middle}"), TY)


def test_two_workplaces_joined_by_at_twice_fail() -> None:
    # As quoted: the notes template's own example, spliced before 'at {company}'.
    middle = (
        "I would welcome the chance to build on three years of document review at a regional "
        "firm at Bramley Kent LLP."
    )
    text = THANKS.format(middle=f"{LEARNED} {middle}")
    assert "SPLC002" in codes(text, TY, Severity.ERROR)
    assert "SPLC002" in codes(text, TY, Severity.ERROR, notes=None), "LLP ends a firm's name"
    for one_place in (
        "I enjoyed meeting you at the open evening at Bramley Kent LLP on Monday.",
        "I enjoyed the tour of your office at Canary Wharf.",
        "My placement at the advice centre at Kings Cross taught me a great deal.",
    ):
        assert "SPLC002" not in codes(THANKS.format(middle=f"{LEARNED} {one_place}"), TY)


def test_a_notes_own_mark_before_the_templates_full_stop_fails() -> None:
    # As quoted: 'Learned: They're moving the whole team to a hybrid model next year!'.
    middle = (
        "I particularly valued what I learned in our conversation: they're moving the whole "
        "team to a hybrid model next year!."
    )
    text = THANKS.format(middle=middle)
    assert "SPLC003" in codes(text, TY, Severity.ERROR)
    assert words(text, TY, "SPLC003") == ["!."]
    assert "SPLC003" not in codes(text.replace("year!.", "year!"), TY)
    assert "SPLC003" not in codes(text.replace("year!.", "year..."), TY), "an ellipsis is fine"


def test_the_roles_parenthesis_said_in_every_sentence_fails() -> None:
    # As quoted: 'Role: Trainee Solicitor (September 2027 intake)' in every sentence.
    text = """Subject: Thank you - Trainee Solicitor (September 2027 intake)

Dear Sophie,

Thank you for meeting me to discuss the Trainee Solicitor (September 2027 intake) role at
Bramley Kent LLP. I particularly valued learning that the whole team is moving to a hybrid
model next year. I am very keen on the Trainee Solicitor (September 2027 intake) role.

Kind regards,
Alex Morgan"""
    assert "SPLC004" in codes(text, TY, Severity.ERROR)
    once = text.replace("the Trainee Solicitor (September 2027 intake) role.", "the role.")
    assert "SPLC004" not in codes(once, TY), "said once in the body (and in the subject) is fine"


def test_every_new_family_is_error_level_but_the_echo_and_presumption() -> None:
    new = [r for r in REGISTRY.values() if r.family in {"STRC", "PRES", "SPLC"}]
    warnings = {r.code for r in new if r.severity is Severity.WARNING}
    assert warnings == {"STRC003", "PRES001"}
    assert len(new) == 8
