"""Consistency with the notes (CONS) and asks that ask (ASK001/ASK002): the model drafts of
issue 11 that made up an offer, looked forward to a role after a rejection, swapped whose
facts were whose, or stated the news without asking, must fail; each is written as a message
like the draft it was quoted from, with the notes the rule reads."""

from __future__ import annotations

import pytest

from composer.checker import check
from composer.models import InterviewNotes, Kind, Report
from composer.notes import parse_notes

TY, SC, FR = Kind.THANK_YOU, Kind.STATUS_CHECK, Kind.FEEDBACK_REQUEST


def notes(text: str) -> InterviewNotes:
    return parse_notes(text).notes


MARCUS = """Candidate: Marcus Lee
Company: Calder Rowe LLP
Role: Junior Associate
Interviewer: Dana Okoro, Partner
Interview date: 2 April 2026
Topics:
- the firm's pro bono employment clinic
- my time as a student adviser at the law school's advice service
Highlights:
- led my university's mock trial team to the national final
Learned: junior associates run their own small matters within a year
Outcome: {outcome}
"""
REJECTED = notes(MARCUS.format(outcome="rejected"))
PENDING = notes(MARCUS.format(outcome="pending"))
OFFERED = notes(MARCUS.format(outcome="offered"))


def report(text: str, kind: Kind, with_notes: InterviewNotes | None) -> Report:
    return check(text, kind, with_notes)


def errors(text: str, kind: Kind, with_notes: InterviewNotes | None) -> set[str]:
    return {f.code for f in report(text, kind, with_notes).errors}


def said(text: str, kind: Kind, with_notes: InterviewNotes | None, code: str) -> list[str]:
    found = report(text, kind, with_notes).findings
    return [text[f.start : f.end] for f in found if f.code == code and f.start is not None]


FEEDBACK = """Subject: Junior Associate - thank you

Dear Dana,

Thank you for letting me know your decision about the Junior Associate role at Calder Rowe
LLP. While I am disappointed, I enjoyed meeting you and learning about the pro bono
employment clinic.{extra}

I would be grateful for any feedback on my interview, as I am keen to learn and improve. I
would also welcome hearing about other suitable roles at the firm in future.

Kind regards,
Marcus Lee"""

STATUS = """Subject: Junior Associate - any update?

Dear Dana,

I hope you are well. I am writing about my interview on 2 April for the Junior Associate role
at Calder Rowe LLP.{extra} I remain very keen on the position, and I wondered whether there is
any update on your decision that you are able to share.

Kind regards,
Marcus Lee"""


def test_the_plain_messages_pass() -> None:
    # The baselines every case below changes one sentence of.
    assert report(FEEDBACK.format(extra=""), FR, REJECTED).passed
    assert report(STATUS.format(extra=""), SC, PENDING).passed


# --- CONS001: an outcome the notes do not record ----------------------------------------------


def test_an_offer_after_a_rejection_fails() -> None:
    # As quoted: 'was offered a Junior Associate role' when the outcome is a rejection.
    text = FEEDBACK.format(extra=" I was delighted that I was offered a Junior Associate role.")
    assert "CONS001" in errors(text, FR, REJECTED)
    assert "CONS001" in errors(text, FR, None), "a reply to a rejection follows one"
    assert said(text, FR, REJECTED, "CONS001") == ["offered a Junior Associate role"]


@pytest.mark.parametrize(
    "extra",
    [
        " You said I was offered a Junior Associate role.",
        " I look forward to starting on Monday.",
        " Although I was not selected, I enjoyed the day.",
        " Thank you for the offer of a Junior Associate role.",
    ],
)
def test_a_status_check_that_invents_the_outcome_fails(extra: str) -> None:
    text = STATUS.format(extra=extra)
    assert "CONS001" in errors(text, SC, PENDING)
    assert "CONS001" in errors(text, SC, None), "a status check is written before the decision"


def test_an_offer_the_notes_record_passes() -> None:
    text = STATUS.format(extra=" Thank you for offering me a place; I was offered the role.")
    assert "CONS001" not in errors(text, TY, OFFERED)
    assert "CONS001" in errors(text, TY, PENDING)


@pytest.mark.parametrize(
    "extra",
    [
        " I would be delighted if I were offered the position.",
        " Another firm has offered me a role, but Calder Rowe LLP remains my first choice.",
        " I was not offered a second interview date, which is fine.",
        " Leeds offered me a place on the LPC, which I start in September.",
        " I was offered an internship at a regional firm last summer.",
        " I was successful in passing the SQE1 in March.",
    ],
)
def test_hopes_and_other_employers_offers_are_no_claim(extra: str) -> None:
    assert "CONS001" not in errors(STATUS.format(extra=extra), SC, PENDING)


# --- CONS002: looking forward to the role after a rejection ----------------------------------


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        # As quoted, from feedback requests.
        (
            " I am very keen on this opportunity and look forward to hearing more about it.",
            "keen on this opportunity",
        ),
        (
            " I look forward to speaking with you soon to discuss how I can contribute.",
            "look forward to speaking with you soon to discuss",
        ),
        (" I look forward to joining the team.", "look forward to joining"),
        (" I look forward to the next steps.", "look forward to the next steps"),
    ],
)
def test_looking_forward_to_the_role_after_a_rejection_fails(extra: str, words: str) -> None:
    text = FEEDBACK.format(extra=extra)
    assert "CONS002" in errors(text, FR, REJECTED)
    assert words in said(text, FR, REJECTED, "CONS002")


def test_looking_forward_to_other_roles_passes() -> None:
    text = FEEDBACK.format(extra=" I look forward to working with you in future, in another role.")
    assert report(text, FR, REJECTED).passed


def test_looking_forward_to_the_next_steps_in_a_career_passes() -> None:
    text = FEEDBACK.format(extra=" I look forward to the next steps in my career.")
    assert "CONS002" not in errors(text, FR, REJECTED)


def test_a_thank_you_may_look_forward() -> None:
    # Before any decision 'the next steps' is no contradiction (presumption is PRES001's).
    text = STATUS.format(extra=" I look forward to the next steps.")
    assert "CONS002" not in {f.code for f in report(text, SC, PENDING).findings}


# --- CONS003: whose fact is whose ---------------------------------------------------------------


def test_the_firms_clinic_claimed_as_the_candidates_experience_fails() -> None:
    # As quoted: a topic that is the firm's own clinic written as the candidate's experience.
    text = FEEDBACK.format(
        extra=" I hope my experience in the pro bono employment clinic will help in future."
    )
    assert "CONS003" in errors(text, FR, REJECTED)
    assert said(text, FR, REJECTED, "CONS003") == ["my experience"]
    assert "CONS003" not in errors(text, FR, None), "without notes there is no owner to check"


def test_the_candidates_highlight_given_to_the_firm_fails() -> None:
    text = FEEDBACK.format(extra=" I also enjoyed hearing about your mock trial team.")
    assert "CONS003" in errors(text, FR, REJECTED)


@pytest.mark.parametrize(
    "extra",
    [
        " I would be glad to build on leading my university's mock trial team.",
        " My time as a student adviser at the law school's advice service helped me there.",
        " I admired your pro bono employment clinic.",
    ],
)
def test_facts_told_by_their_owners_pass(extra: str) -> None:
    text = FEEDBACK.format(extra=extra)
    assert "CONS003" not in {f.code for f in report(text, FR, REJECTED).findings}


# --- CONS004: a lesson about the candidate the notes never record -----------------------------

NINA = notes(
    """Candidate: Nina Patel
Company: Ashby Reed
Role: Policy Analyst
Interviewer: Sam Ortiz, Head of Policy
Interview date: 9 March 2026
Highlights:
- my dissertation on algorithmic accountability in lending
Learned: the team advises fintech clients on AI regulation
"""
)
NINA_THANKS = """Subject: Thank you - Policy Analyst interview

Dear Sam,

Thank you for meeting me on Monday to discuss the Policy Analyst role at Ashby Reed. {lesson}
I am very keen on the role and look forward to hearing from you.

Kind regards,
Nina Patel"""


def test_i_learned_that_my_dissertation_interests_your_team_fails() -> None:
    # As quoted: nothing in the notes says the dissertation interests the team.
    text = NINA_THANKS.format(
        lesson="I learned that my dissertation on algorithmic accountability is a topic of "
        "interest to your team."
    )
    assert "CONS004" in errors(text, TY, NINA)
    fixed = NINA_THANKS.format(
        lesson="I learned that the team advises fintech clients on AI regulation."
    )
    assert report(fixed, TY, NINA).passed


def test_news_of_the_process_is_no_lesson_about_the_candidate() -> None:
    text = NINA_THANKS.format(
        lesson="I was told that my application would be passed to the partners this week."
    )
    assert "CONS004" not in errors(text, TY, NINA)


def test_a_lesson_about_the_candidate_that_the_notes_record_passes() -> None:
    recorded = NINA.model_copy(
        update={"learned": "the team has read my dissertation on algorithmic accountability"}
    )
    text = NINA_THANKS.format(
        lesson="I was glad to hear that my dissertation on algorithmic accountability has been "
        "read by the team."
    )
    assert "CONS004" not in errors(text, TY, recorded)


# --- ASK001/ASK002: a status check and a feedback request ask, not only state -----------------


def test_a_status_check_that_only_states_the_news_fails() -> None:
    # As quoted: 'The decision has not yet been made.' followed by thanks; and the offer of
    # information that made such a draft pass before.
    text = """Subject: Junior Associate - update

Dear Dana,

I hope you are well. I am writing about my interview on 2 April for the Junior Associate role
at Calder Rowe LLP, and I remain very keen on the position. The decision has not yet been
made. Please let me know if you need any further information from me.

Thank you for your time.

Kind regards,
Marcus Lee"""
    assert "ASK001" in errors(text, SC, PENDING)
    asked = text.replace(
        "The decision has not yet been\nmade.", "Is there any update on the\ndecision?"
    )
    assert report(asked, SC, PENDING).passed


@pytest.mark.parametrize(
    "asking",
    [
        "Could you let me know whether there is any update on the decision?",
        "I would be grateful for any update on the decision.",
        "I wanted to ask whether there is any news on the decision.",
    ],
)
def test_a_question_or_a_clear_request_asks(asking: str) -> None:
    text = STATUS.format(extra="").replace(
        ", and I wondered whether there is\nany update on your decision that you are able to "
        "share.",
        f". {asking}",
    )
    assert "ASK001" not in errors(text, SC, PENDING)


def test_a_feedback_request_that_asks_someone_else_fails() -> None:
    text = FEEDBACK.format(extra="").replace(
        "I would be grateful for any feedback on my interview, as I am keen to learn and improve.",
        "I will ask my mentor for feedback on my interview, as I am keen to learn and improve.",
    )
    assert "ASK002" in errors(text, FR, REJECTED)
