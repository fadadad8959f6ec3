"""Who speaks (VOICE): the model drafts of issue 11 that wrote as the employer, named the
candidate in the third person or said 'we' for 'I' must fail; the candidate's own 'we
discussed', 'your team' and 'our conversation' must not. Each flaw is written as a message
like the draft it was quoted from, with notes where the rule reads them."""

from __future__ import annotations

import pytest

from composer.checker import check
from composer.models import InterviewNotes, Kind, Report, Severity
from composer.notes import parse_notes
from tests.test_cli import invoke

TY, SC, FR = Kind.THANK_YOU, Kind.STATUS_CHECK, Kind.FEEDBACK_REQUEST


def notes(text: str) -> InterviewNotes:
    return parse_notes(text).notes


BEN = notes(
    """Candidate: Ben Foster
Company: Northgate Analytics
Role: Junior Data Analyst
Interviewer: Priya Shah, Analytics Lead
Interview date: 3 March 2026
Topics:
- the team's pilot of a rules engine for fraud alerts
- my final-year project on churn prediction
Learned: analysts present their own findings to clients from the first quarter
Outcome: pending
"""
)
GRACE = notes(
    """Candidate: Grace Whitfield
Company: Harrow & Finch LLP
Role: Trainee Solicitor
Interviewer: Tom Reid, Graduate Recruitment Partner
Interview date: 10 February 2026
Topics:
- the firm's mentoring scheme for trainees
Learned: every trainee has a partner as a mentor for the first year
Outcome: pending
"""
)
HANNAH = notes(
    """Candidate: Hannah Cole
Company: Brightwater Housing
Role: Tenancy Officer
Interviewer: Joe Patel, Housing Manager
Interview date: 5 May 2026
Topics:
- the new tenant support programme
Learned: officers each look after about 300 homes in one neighbourhood
Outcome: pending
"""
)
MARCUS = notes(
    """Candidate: Marcus Lee
Company: Calder Rowe LLP
Role: Junior Associate
Interviewer: Dana Okoro, Partner
Interview date: 2 April 2026
Topics:
- the firm's employment disputes practice
Learned: junior associates run their own small matters within a year
Outcome: rejected
"""
)


def report(text: str, kind: Kind, with_notes: InterviewNotes | None) -> Report:
    return check(text, kind, with_notes)


def errors(text: str, kind: Kind, with_notes: InterviewNotes | None) -> set[str]:
    return {f.code for f in report(text, kind, with_notes).errors}


def spans(text: str, kind: Kind, with_notes: InterviewNotes | None, code: str) -> list[str]:
    found = report(text, kind, with_notes).findings
    return [text[f.start : f.end] for f in found if f.code == code and f.start is not None]


# --- VOICE001: the employer's voice ----------------------------------------------------------

BEN_THANKS = """Subject: Thank you - Junior Data Analyst interview

Dear Priya,

Thank you for meeting me on Tuesday to discuss the Junior Data Analyst role at Northgate
Analytics. {middle} I learned that analysts present their own findings to clients from the
first quarter, which I would really enjoy.

I am very keen on the role and look forward to hearing from you.

Kind regards,
Ben Foster"""


@pytest.mark.parametrize(
    ("middle", "said"),
    [
        # As quoted: the model wrote the firm's pilot as its own team's.
        (
            "I was glad to hear that our team is piloting a rules engine for fraud alerts.",
            "our team",
        ),
        (
            "This aligns well with our organization's focus on mentorship and growth.",
            "our organization's focus",  # the employer's focus, as the words say
        ),
        ("Our clients rely on clear reporting, and I enjoyed that part most.", "Our clients"),
    ],
)
def test_our_team_meaning_the_employers_fails(middle: str, said: str) -> None:
    text = BEN_THANKS.format(middle=middle)
    assert "VOICE001" in errors(text, TY, BEN)
    assert said in spans(text, TY, BEN, "VOICE001")


@pytest.mark.parametrize(
    "middle",
    [
        "We discussed how your team is piloting a rules engine for fraud alerts.",
        "When we met, we talked about your team's pilot of a rules engine for fraud alerts.",
        "Our conversation about the rules engine pilot has stayed with me.",
        # The candidate's own job: 'our' and 'we' are theirs and their colleagues'.
        "In my current role at a retailer we introduced churn dashboards for our stores.",
        "I hope we can keep in touch whatever you decide about the rules engine pilot.",
    ],
)
def test_we_and_our_for_the_candidate_and_the_reader_pass(middle: str) -> None:
    text = BEN_THANKS.format(middle=middle)
    found = report(text, TY, BEN)
    assert "VOICE001" not in {f.code for f in found.findings}
    assert found.passed, [(f.code, f.message) for f in found.errors]


@pytest.mark.parametrize(
    "sentence",
    [
        # As quoted, from status checks written as the employer's reply.
        "Unfortunately we were unable to make a decision at that time.",
        "It's important to note that a decision has not yet been made, but we have been "
        "keeping in touch.",
        "We have selected a shortlist and will be in touch shortly.",
        "Please let us know if you have any questions.",
        "We have reviewed all applications and will contact you shortly.",
        "Our hiring team will review your application shortly.",
    ],
)
def test_we_deciding_or_selecting_fails(sentence: str) -> None:
    text = f"""Subject: Junior Data Analyst - following up

Dear Priya,

I hope you are well. I am writing to follow up on my interview on 3 March for the Junior Data
Analyst role at Northgate Analytics. {sentence} I remain very keen on the role, and I would be
grateful for any update you are able to share.

Kind regards,
Ben Foster"""
    assert "VOICE001" in errors(text, SC, BEN)
    fixed = text.replace(f" {sentence}", "")
    assert report(fixed, SC, BEN).passed


# --- VOICE002: 'we' for 'I' ----------------------------------------------------------------

MARCUS_FEEDBACK = """Subject: Junior Associate - thank you

Dear Dana,

Thank you for letting me know your decision about the Junior Associate role at Calder Rowe
LLP. {opening} I enjoyed learning about the employment disputes practice.

I would be grateful for any feedback on my interview, as I am keen to learn and improve. I
would also welcome hearing about other suitable roles at the firm in future.

Kind regards,
Marcus Lee"""


def test_we_were_not_selected_fails_and_i_was_not_selected_passes() -> None:
    bad = MARCUS_FEEDBACK.format(opening="Although we were not selected, it was a privilege.")
    assert "VOICE002" in errors(bad, FR, MARCUS)
    assert spans(bad, FR, MARCUS, "VOICE002") == ["we were not selected"]
    good = MARCUS_FEEDBACK.format(opening="Although I was not selected, it was a privilege.")
    assert report(good, FR, MARCUS).passed


# --- VOICE003: the candidate's own name outside the signature ---------------------------------


def test_the_opportunity_to_interview_ben_foster_signed_ben_foster_fails() -> None:
    text = """Subject: Thank you - Junior Data Analyst

Dear Priya,

Thanks again for the opportunity to interview Ben Foster for the Junior Data Analyst role at
Northgate Analytics. I learned that analysts present their own findings to clients from the
first quarter, and I am very keen on the role.

Kind regards,
Ben Foster"""
    assert "VOICE003" in errors(text, TY, BEN)
    assert "VOICE003" in errors(text, TY, None), "the name signed at the end is the writer's"
    fixed = text.replace("to interview Ben Foster for", "to interview for")
    assert report(fixed, TY, BEN).passed


def test_interviewing_grace_whitfield_a_candidate_for_fails() -> None:
    text = """Subject: Thank you - Trainee Solicitor interview

Dear Tom,

I am writing to thank you for interviewing Grace Whitfield, a candidate for the Trainee
Solicitor role at Harrow & Finch LLP. I learned that every trainee has a partner as a mentor
for the first year, and I am very keen to join the firm.

Kind regards,
Grace Whitfield"""
    assert "VOICE003" in errors(text, TY, GRACE)
    fixed = text.replace("interviewing Grace Whitfield, a candidate for", "interviewing me for")
    assert report(fixed, TY, GRACE).passed


def test_a_subject_that_names_the_writer_fails_and_a_name_tag_passes() -> None:
    body = """

Dear Joe,

Thank you for meeting me on Tuesday to discuss the Tenancy Officer role at Brightwater
Housing. I learned that officers each look after about 300 homes in one neighbourhood, and
I am very keen to join you.

Kind regards,
Hannah Cole"""
    bad = "Subject: Hannah Cole's Thank-you Note to Joe Patel" + body
    assert "VOICE003" in errors(bad, TY, HANNAH)
    found = [f for f in report(bad, TY, HANNAH).findings if f.code == "VOICE003"]
    assert bad[found[0].start : found[0].end] == "Hannah Cole's"
    tagged = "Subject: Tenancy Officer interview - Hannah Cole" + body
    assert report(tagged, TY, HANNAH).passed


def test_the_first_name_as_the_subject_of_a_verb_fails() -> None:
    text = BEN_THANKS.format(middle="Ben is very keen to present findings to clients.")
    assert spans(text, TY, BEN, "VOICE003") == ["Ben is"]
    # A reader who shares the first name is greeted, not the writer.
    shared = BEN.model_copy(update={"interviewers": [*BEN.interviewers, BEN.interviewers[0]]})
    shared.interviewers[1] = shared.interviewers[0].model_copy(update={"name": "Ben Ortiz"})
    assert "VOICE003" not in {f.code for f in report(text, TY, shared).findings}


def test_a_voicemail_that_says_who_is_calling_passes() -> None:
    text = (
        "Hello Joe, Hannah Cole here. I interviewed for the Tenancy Officer role at Brightwater "
        "Housing on 5 May, and I'm calling to say I remain very keen on the role and to ask "
        "whether there is any update on the decision. Thank you, and I look forward to hearing "
        "from you."
    )
    assert "VOICE003" not in {f.code for f in report(text, SC, HANNAH).findings}
    assert "VOICE003" in {
        f.code
        for f in report(
            text.replace("Hannah Cole here.", "I am calling for Hannah Cole."), SC, HANNAH
        ).findings
    }


def test_introducing_yourself_by_name_passes() -> None:
    text = """Subject: Tenancy Officer - following up

Dear Joe,

My name is Hannah Cole, and I interviewed for the Tenancy Officer role at Brightwater Housing
on 5 May. I remain very keen on the role, and I wondered whether there is any update on your
decision.

Kind regards,
Hannah Cole"""
    assert report(text, SC, HANNAH).passed


# --- VOICE004: 'the candidate' ----------------------------------------------------------------


def test_whether_the_candidate_will_be_offered_fails() -> None:
    text = """Subject: Trainee Solicitor - any update?

Dear Tom,

I hope you are well. I am writing about my interview on 10 February for the Trainee Solicitor
role at Harrow & Finch LLP. I remain very keen on the role, and I wondered whether there is
any update on whether the candidate will be offered the position.

Kind regards,
Grace Whitfield"""
    assert "VOICE004" in errors(text, SC, GRACE)
    fixed = text.replace("whether the candidate will be offered", "whether I will be offered")
    assert report(fixed, SC, GRACE).passed


@pytest.mark.parametrize(
    "sentence",
    [
        "I believe I am the candidate you were looking for.",
        "Your focus on the candidate experience stood out to me.",
        "I wish the successful candidate every success.",
        "I am sure the candidate you appoint will do well.",
    ],
)
def test_candidate_that_is_not_the_writer_in_the_third_person_passes(sentence: str) -> None:
    text = MARCUS_FEEDBACK.format(opening=sentence)
    assert "VOICE004" not in {f.code for f in report(text, FR, MARCUS).findings}


# --- composer check on the user's own message (issue 11, item 3) ------------------------------


def test_composer_check_applies_the_voice_rules_to_a_users_message(tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        """Candidate: Ben Foster
Company: Northgate Analytics
Role: Junior Data Analyst
Interviewer: Priya Shah
Interview date: 3 March 2026
Learned: analysts present their own findings to clients from the first quarter
""",
        encoding="utf-8",
    )
    text = BEN_THANKS.format(middle="Our team is piloting a rules engine for fraud alerts.")
    result = invoke("check", "-", "--kind", "thank-you", "--notes", str(path), stdin=text)
    assert result.exit_code == 1, result.output
    assert "VOICE001" in result.stdout


def test_every_voice_rule_is_an_error() -> None:
    from composer.rules import REGISTRY

    voice = [r for r in REGISTRY.values() if r.family == "VOICE"]
    assert len(voice) == 4
    assert all(r.severity is Severity.ERROR for r in voice)
