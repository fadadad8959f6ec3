"""Mechanical fixes (composer.fixes): each fix on its own, on a draft it fixes and on one it
must leave alone, and never a value the notes do not hold."""

from __future__ import annotations

import pytest

from composer import fixes
from composer.checker import check_message
from composer.kinds import Kind
from composer.models import InterviewNotes, Message
from composer.notes import parse_notes
from tests.test_llm_wire import GOOD, SUBJECT

NOTES = (
    "Candidate: Jordan Ellis\nCompany: Bramley Kent LLP\nRole: Paralegal, Construction Disputes\n"
    "Interviewer: Sophie Turner, Senior Associate\nInterview date: 12 November 2026\n"
    "Decision by: 19 November 2026\n"
    "Learned: paralegals attend client meetings from their first month\n"
)


def notes(extra: str = "") -> InterviewNotes:
    return parse_notes(NOTES + extra).notes


def body(text: str) -> Message:
    return Message(subject=SUBJECT, body=text)


def codes(message: Message, kind: Kind = Kind.THANK_YOU, of: InterviewNotes | None = None) -> set:
    return {f.code for f in check_message(message, kind, of or notes()).findings}


def test_the_good_draft_passes_and_no_fix_touches_it() -> None:
    """The baseline every example below changes one thing of: it has nothing to fix."""
    assert codes(body(GOOD)) == set()
    for fix in fixes.FIXES:
        assert fix(body(GOOD), notes()) is None, fix.__name__
    assert fixes.apply(body(GOOD), notes()) == (body(GOOD), [])


# --- placeholders ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blank", "where", "filled"),
    [
        ("[Your Name]", "Kind regards,\nJordan Ellis", "Kind regards,\n[Your Name]"),
        ("[Name]", "Kind regards,\nJordan Ellis", "Kind regards,\n[Name]"),
        ("[Candidate Name]", "Kind regards,\nJordan Ellis", "Kind regards,\n[Candidate Name]"),
        ("[Name]", "Dear Sophie,", "Dear [Name],"),
        ("[Interviewer]", "Dear Sophie,", "Dear [Interviewer],"),
        ("[Hiring Manager]", "Dear Sophie,", "Dear [Hiring Manager],"),
        ("[Interviewer's Name]", "Dear Sophie,", "Dear [Interviewer's Name],"),
        ("[Company]", "role at Bramley Kent LLP", "role at [Company]"),
        ("[Company Name]", "role at Bramley Kent LLP", "role at [Company Name]"),
        ("{{ company }}", "role at Bramley Kent LLP", "role at {{ company }}"),
        ("[Role]", "the Paralegal, Construction Disputes role", "the [Role] role"),
        ("[Position]", "the Paralegal, Construction Disputes role", "the [Position] role"),
    ],
)
def test_a_placeholder_the_notes_fill_is_filled_with_their_value(blank, where, filled) -> None:
    broken = body(GOOD.replace(where, filled))
    assert "HYG001" in codes(broken)  # fails as the model wrote it
    fix = fixes.placeholders(broken, notes())
    assert fix is not None and fix.message == body(GOOD)  # exactly the notes' words
    assert fix.description.startswith(f"placeholder: {blank} -> ")
    assert "HYG001" not in codes(fix.message)


def test_the_date_placeholder_is_the_interview_date_and_by_date_the_decision() -> None:
    broken = body(
        GOOD.replace("on Thursday", "on [Date]").replace(
            "hearing from you.", "hearing from you after [Date]."
        )
    )
    fix = fixes.placeholders(broken, notes())
    assert fix is not None
    assert "meeting me on 12 November 2026 to discuss" in fix.message.body
    assert "hearing from you after 12 November 2026." in fix.message.body
    deadline = body(GOOD.replace("hearing from you.", "hearing from you by [Date]."))
    fixed = fixes.placeholders(deadline, notes())
    assert fixed is not None and "by 19 November 2026." in fixed.message.body


def test_a_placeholder_the_notes_cannot_fill_stays_and_still_fails() -> None:
    """Never invent: no phone number in the notes, no decision date, no other person."""
    no_decision = parse_notes(NOTES.replace("Decision by: 19 November 2026\n", "")).notes
    for blank, of in [
        ("Jordan Ellis\n[Your Phone Number]", notes()),
        ("Jordan Ellis\n[Reference Number]", notes()),
        ("Jordan Ellis\nXX/XX", notes()),
    ]:
        broken = body(GOOD.replace("Jordan Ellis", blank))
        assert fixes.placeholders(broken, of) is None
        assert "HYG001" in codes(broken, of=of)
    deadline = body(GOOD.replace("hearing from you.", "hearing from you by [Date]."))
    assert fixes.placeholders(deadline, no_decision) is None
    # '[Name]' in the middle of a sentence could be anyone: it stays.
    anyone = body(GOOD.replace("join the team.", "join the team, [Name]."))
    assert fixes.placeholders(anyone, notes()) is None


def test_a_phone_placeholder_takes_the_notes_signature_line() -> None:
    signed = notes("Signature: Jordan Ellis\n07700 900123\n")
    broken = body(GOOD.replace("Jordan Ellis", "[Your Name]\n[Your Phone Number]"))
    fix = fixes.placeholders(broken, signed)
    assert fix is not None and fix.message.body.endswith(
        "Kind regards,\nJordan Ellis\n07700 900123"
    )


def test_a_placeholder_in_the_subject_is_filled_too() -> None:
    broken = Message(subject="Thank you - [Position] interview", body=GOOD)
    fix = fixes.placeholders(broken, notes())
    assert fix is not None
    assert fix.message.subject == "Thank you - Paralegal, Construction Disputes interview"


# --- the greeting ------------------------------------------------------------------------------


@pytest.mark.parametrize("wrong", ["Dear Hiring Manager,", "Dear Sarah,", "Dear Sir or Madam,"])
def test_a_generic_or_wrong_greeting_becomes_the_readers(wrong) -> None:
    broken = body(GOOD.replace("Dear Sophie,", wrong))
    assert codes(broken) & {"CRT002", "CRT003"}
    fix = fixes.greeting(broken, notes())
    assert fix is not None and fix.message == body(GOOD)
    assert fix.description == f"greeting: '{wrong}' -> 'Dear Sophie,'"


def test_the_greeting_follows_the_tone_and_the_honorific() -> None:
    broken = body(GOOD.replace("Dear Sophie,", "Dear Hiring Manager,"))
    warm = fixes.greeting(broken, notes("Tone: warm\n"))
    assert warm is not None and warm.message.body.startswith("Hi Sophie,\n")
    doctor = parse_notes(NOTES.replace("Sophie Turner", "Dr. Sophie Turner")).notes
    formal = fixes.greeting(broken, doctor)
    assert formal is not None and formal.message.body.startswith("Dear Dr. Turner,\n")


@pytest.mark.parametrize("right", ["Dear Sophie,", "Dear Ms Turner,", "Dear Sophie Turner,"])
def test_a_greeting_that_names_the_reader_is_left_alone(right) -> None:
    assert fixes.greeting(body(GOOD.replace("Dear Sophie,", right)), notes()) is None


def test_a_missing_greeting_is_the_readers_added_first() -> None:
    """The notes settle who is greeted: a draft that starts straight in gets the greeting."""
    bare = body(GOOD.split("\n\n", 1)[1])
    assert "CRT001" in codes(bare)
    assert fixes.greeting(bare, notes()) is None  # nothing to correct, only to add
    fix = fixes.missing_greeting(bare, notes())
    assert fix is not None and fix.message == body(GOOD)
    assert fix.description == "greeting: added 'Dear Sophie,'"
    warm = fixes.missing_greeting(bare, notes("Tone: warm\n"))
    assert warm is not None and warm.message.body.startswith("Hi Sophie,\n\nThank you")
    assert fixes.missing_greeting(body(GOOD), notes()) is None


def test_a_missing_sign_off_goes_above_the_name_or_at_the_end() -> None:
    # A last sentence that is no polite close ('I look forward to hearing from you' would be).
    signed = GOOD.replace(" and look forward to hearing from you", "")
    unsigned_off = body(signed.replace("Kind regards,\n", ""))
    assert "CRT005" in codes(unsigned_off)
    fix = fixes.missing_sign_off(unsigned_off, notes())
    assert fix is not None and fix.message == body(signed)
    assert fix.description == "sign-off: added 'Kind regards,'"
    bare = body(signed.removesuffix("\n\nKind regards,\nJordan Ellis"))
    assert fixes.apply(bare, notes()) == (
        body(signed),
        ["sign-off: added 'Kind regards,'", "signature: added 'Jordan Ellis'"],
    )
    warm = fixes.missing_sign_off(bare, notes("Tone: warm\n"))
    assert warm is not None and warm.message.body.endswith("\n\nBest wishes,")
    assert fixes.missing_sign_off(body(GOOD), notes()) is None
    assert fixes.missing_sign_off(body(GOOD.replace("Kind regards,\n", "")), notes()) is None


# --- a presumed job ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("presumed", "hoped"),
    [
        ("I am looking forward to joining the team.", "I would love the chance to join the team."),
        (
            "I'm really looking forward to joining you.",
            "I would really love the chance to join you.",
        ),
        (
            "I look forward to being part of the team.",
            "I would love the chance to be part of the team.",
        ),
        (
            "I am thrilled to join the team.",
            "I would be thrilled to join the team.",
        ),
    ],
)
def test_a_presumed_job_becomes_a_hope(presumed, hoped) -> None:
    sentence = "I am very enthusiastic about the role and look forward to hearing from you."
    broken = body(GOOD.replace(sentence, f"I am very enthusiastic about the role. {presumed}"))
    assert "PRES001" in codes(broken)
    fix = fixes.presumption(broken, notes())
    assert fix is not None and fix.description.startswith("presumption: ")
    assert fix.message == body(
        GOOD.replace(sentence, f"I am very enthusiastic about the role. {hoped}")
    )
    assert "PRES001" not in codes(fix.message)


def test_joining_an_assessment_day_is_no_presumption_to_fix() -> None:
    sentence = "I am very enthusiastic about the role and look forward to hearing from you."
    day = body(GOOD.replace(sentence, "I look forward to joining you for the assessment day."))
    assert "PRES001" not in codes(day)
    assert fixes.presumption(day, notes()) is None


# --- the thanks --------------------------------------------------------------------------------


def test_a_thank_you_that_never_thanks_opens_with_the_thanks() -> None:
    point = (
        "I particularly enjoyed hearing that paralegals attend client meetings from their "
        "first month."
    )
    unthanked = body(
        f"Dear Sophie,\n\n{point}\n\nI am very keen on the role.\n\nKind regards,\nJordan Ellis"
    )
    assert "CRT004" in codes(unthanked)
    fix = fixes.missing_thanks(unthanked, notes())
    assert fix is not None
    thanks = (
        "Thank you for meeting me to talk about the Paralegal, Construction Disputes role at "
        "Bramley Kent LLP."
    )
    assert fix.message.body.startswith(f"Dear Sophie,\n\n{thanks} {point}\n\n")
    assert fix.description == f"thanks: added '{thanks}'"
    assert "CRT004" not in codes(fix.message)
    assert fixes.missing_thanks(body(GOOD), notes()) is None
    # Only a thank-you gets it: the other kinds thank for something else.
    assert fixes.apply(unthanked, notes(), Kind.FEEDBACK_REQUEST).fixes == []
    assert fixes.apply(unthanked, notes(), Kind.THANK_YOU).fixes == [fix.description]


def test_a_second_greeting_is_removed_keeping_the_one_the_tone_calls_for() -> None:
    twice = body(GOOD.replace("Dear Sophie,\n", "Dear Sophie,\nHi Sophie,\n"))
    assert "CRT007" in codes(twice)
    fix = fixes.second_greeting(twice, notes())
    assert fix is not None and fix.message == body(GOOD)
    assert fix.description == "greeting: removed 'Hi Sophie,'"
    warm = fixes.second_greeting(twice, notes("Tone: warm\n"))
    assert warm is not None and warm.message.body.startswith("Hi Sophie,\n\nThank you")
    assert fixes.second_greeting(body(GOOD), notes()) is None


# --- the signature -----------------------------------------------------------------------------


def test_a_wrong_signature_name_becomes_the_candidates() -> None:
    broken = body(GOOD.replace("\nJordan Ellis", "\nSophie"))
    assert "CRT006" in codes(broken)
    fix = fixes.signature(broken, notes())
    assert fix is not None and fix.message == body(GOOD)
    assert fix.description == "signature: 'Sophie' -> 'Jordan Ellis'"


def test_a_missing_signature_is_the_notes_signature() -> None:
    broken = body(GOOD.removesuffix("\nJordan Ellis"))
    fix = fixes.signature(broken, notes())
    assert fix is not None and fix.message == body(GOOD)
    signed = fixes.signature(broken, notes("Signature: Jordan Ellis\n07700 900123\n"))
    assert signed is not None
    assert signed.message.body.endswith("Kind regards,\nJordan Ellis\n07700 900123")


@pytest.mark.parametrize("name", ["Jordan Ellis", "Jordan", "Jordan Ellis\n07700 900123"])
def test_a_draft_signed_by_the_candidate_is_left_alone(name) -> None:
    assert fixes.signature(body(GOOD.replace("Jordan Ellis", name)), notes()) is None


# --- the sign-off ------------------------------------------------------------------------------


def test_an_inline_sign_off_goes_on_its_own_line() -> None:
    inline = body(GOOD.replace("\n\nKind regards,\nJordan Ellis", " Kind regards, Jordan Ellis"))
    fix = fixes.sign_off(inline, notes())
    assert fix is not None and fix.message == body(GOOD)
    assert fix.description == "sign-off: 'Kind regards,' on its own line"
    own_line = body(GOOD.replace("Kind regards,\nJordan Ellis", "Best regards, Jordan Ellis"))
    fixed = fixes.sign_off(own_line, notes())
    assert fixed is not None and fixed.message.body.endswith("\n\nBest regards,\nJordan Ellis")


def test_a_sign_off_on_its_own_line_is_left_alone() -> None:
    assert fixes.sign_off(body(GOOD), notes()) is None
    assert fixes.sign_off(body(GOOD.removesuffix("\nJordan Ellis")), notes()) is None


# --- all of them -------------------------------------------------------------------------------


def test_the_fixes_compose_in_order_and_each_is_listed() -> None:
    broken = body(
        GOOD.replace("Dear Sophie,", "Dear Hiring Manager,").replace(
            "\n\nKind regards,\nJordan Ellis", " Best regards, Sophie"
        )
    )
    fixed = fixes.apply(broken, notes())
    assert fixed.message == body(GOOD.replace("Kind regards", "Best regards"))
    assert [fixes.fix_name(f) for f in fixed.fixes] == ["sign-off", "greeting", "signature"]
    assert codes(fixed.message) == set()
