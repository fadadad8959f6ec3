"""The cases that are easy to get wrong (acronyms are not shouting, 'I could start immediately'
is not pressure, 'Dr. Shah' is one sentence...). Each rule's own passing and failing messages
are on the rule, as examples, and tests/test_rules_registry.py runs them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from composer import text as tx
from composer.checker import check, check_message, parse_message
from composer.drafting import template_draft
from composer.models import InterviewNotes, Kind, Report, Severity
from composer.notes import parse_notes, read_notes_file
from composer.rules import REGISTRY
from composer.rules.examples import FEEDBACK, STATUS, THANKS
from composer.settings import RuleSettings
from tests.test_hardening_input import too_slow_to_be_linear

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
JORDAN = read_notes_file(FIXTURES / "notes" / "jordan-ellis.txt").notes
TY, SC, FR = Kind.THANK_YOU, Kind.STATUS_CHECK, Kind.FEEDBACK_REQUEST
CORE = {
    "brevity",
    "specific",
    "enthusiasm",
    "asks",
    "context",
    "courtesy",
    "tone",
    "hygiene",
    "subject",
}

# The rules' own whole example messages: each rule shows one that keeps it and one that breaks
# it (tests/test_rules_registry.py runs them); the tests here vary them.
GENERIC_THANKS = next(e.text for e in REGISTRY["SPEC001"].bad if e.whole)


def _check(text: str, kind: Kind, notes: bool = True, settings: RuleSettings | None = None):
    return check(text, kind, JORDAN if notes else None, settings)


def _codes(report: Report, severity: Severity | None = None) -> set[str]:
    return {f.code for f in report.findings if severity is None or f.severity is severity}


# --- The tricky cases ------------------------------------------------------------------------


def test_acronyms_are_not_shouting() -> None:
    text = (
        "Dear Sophie,\n\nThank you for Thursday's interview for the Paralegal role at Bramley "
        "Kent LLP. I enjoyed hearing how HR and IT support the team, how the firm reports its "
        "KPIs, and about your pro bono work with NHS trusts and the CAB. I am very keen to "
        "join.\n\nKind regards,\nJordan Ellis"
    )
    assert "TONE003" not in _codes(_check(text, TY))
    shouty = text.replace("I am very keen", "I am VERY KEEN")
    assert "TONE003" in _codes(_check(shouty, TY))


@pytest.mark.parametrize(
    "sentence",
    [
        "I could start immediately.",
        "I can start as soon as possible if that helps.",
        "If you should have any questions, please do get in touch.",
        "I know you must be very busy at this time of year.",
        "Please let me know if there is anything else you need to assess my application.",
        # Another offer, told without a demand: careers advisers recommend saying so.
        "I have received another offer and wanted to ask, with no pressure, whether there is "
        "any update.",
        "I have received an offer from another firm and need to give them my answer by "
        "Friday, but Bramley Kent remains my first choice.",
        "I understand you hoped to make a decision by the end of last week.",
        "There is no rush at all; I do not need an answer before the new year.",
        "Another firm has offered me a role and they need an answer by Friday; I would much "
        "rather join you.",
    ],
)
def test_offers_and_courtesies_are_not_pressure(sentence: str) -> None:
    text = STATUS.replace("Kind regards,", f"{sentence}\n\nKind regards,")
    report = _check(text, SC)
    assert "TONE001" not in _codes(report)
    assert report.passed


@pytest.mark.parametrize(
    "sentence",
    [
        "Please reply as soon as possible.",
        "I look forward to hearing from you by Friday.",
        "I still have not heard anything from the team.",
        "I thought I would have heard from you by now.",
        "You promised a decision within a week.",
        "I have another offer on the table, so I would need a decision from you by Friday.",
        "It has been over two weeks now and I have had no reply to my last three emails. "
        "Please get back to me this week with an update.",
        "I would appreciate an answer by the end of the week.",
        "Could you let me know by Thursday whether I have been successful?",
        "I would need to know by Monday whether I am still being considered.",
    ],
)
def test_pushy_sentences_are_pressure(sentence: str) -> None:
    text = STATUS.replace("Kind regards,", f"{sentence}\n\nKind regards,")
    assert "TONE001" in _codes(_check(text, SC))


def test_while_i_am_disappointed_is_not_bitterness() -> None:
    report = _check(FEEDBACK, FR)
    assert "TONE002" not in _codes(report)
    assert report.passed


@pytest.mark.parametrize(
    "sentence",
    [
        "How disappointing to have spent a whole day on your assessment centre.",
        "I am frankly insulted by a two-line email.",
        "I do not understand why you would choose someone with less experience.",
        "Thanks for finally letting me know, three weeks after the date you gave, since I was "
        "told I was a strong fit.",
        "Frankly I am baffled by this outcome; I struggle to see how anyone else was a better fit.",
    ],
)
def test_bitter_sentences_are_bitterness(sentence: str) -> None:
    text = FEEDBACK.replace("While I am disappointed,", f"{sentence} Still,")
    assert "TONE002" in _codes(_check(text, FR))


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you for letting me know so promptly.",
        "I understand someone else was a better fit this time, and I wish them well.",
        "I was surprised, as I had enjoyed the day so much, but I respect your decision.",
        "I had finally found a role that suited me, so the news was hard to hear.",
    ],
)
def test_gracious_sentences_are_not_bitterness(sentence: str) -> None:
    text = FEEDBACK.replace("While I am disappointed,", f"{sentence} Still,")
    report = _check(text, FR)
    assert "TONE002" not in _codes(report)
    assert report.passed, [(f.code, f.message) for f in report.errors]


def test_topic_words_are_not_bitterness() -> None:
    # An employment-law thank-you may talk about unfair dismissal and angry clients.
    text = THANKS.replace(
        "Please let me know",
        "I also enjoyed hearing how the team calms angry clients in unfair dismissal claims. "
        "Please let me know",
    )
    assert "TONE002" not in _codes(_check(text, TY))


def test_dr_shah_does_not_split_a_sentence() -> None:
    sentence = "I enjoyed meeting Dr. Shah and Ms. Turner at the U.S. office at 10 a.m. today."
    assert [s.text for s in tx.sentences(sentence)] == [sentence]
    text = f"Dear Dr. Shah,\n\n{sentence} Thank you for your time.\n\nBest,\nPriya"
    assert [s.text for s in tx.sentences(text)] == [
        "Dear Dr. Shah,",
        sentence,
        "Thank you for your time.",
        "Best,",
        "Priya",
    ]


def test_a_misspelt_name_is_caught_but_a_role_word_is_not() -> None:
    assert "HYG002" in _codes(_check(THANKS.replace("Dear Sophie,", "Dear Sofie,"), TY))
    plural = THANKS.replace("paralegals join", "Paralegals, I learned, join")
    report = _check(plural, TY)
    assert "HYG002" not in _codes(report)
    # Months, sign-off words and generic company words near a name are not misspellings.
    assert "HYG002" not in _codes(_check(THANKS.replace("Thursday", "Thursday in November"), TY))


def test_a_paraphrased_learned_point_passes_the_specific_rule() -> None:
    # Notes: 'paralegals attend client meetings from their first month'.
    text = THANKS.replace(
        "paralegals join client meetings from\ntheir first month",
        "junior staff sit in on meetings with clients within weeks of starting",
    )
    report = _check(text, TY)
    assert "SPEC001" not in _codes(report)
    assert report.passed


def test_a_thank_you_with_no_notes_needs_a_concrete_point() -> None:
    assert "SPEC001" not in _codes(_check(THANKS, TY, notes=False))
    assert "SPEC001" in _codes(_check(GENERIC_THANKS, TY, notes=False))


def test_dear_ms_turner_is_sophie_turner() -> None:
    report = _check(THANKS.replace("Dear Sophie,", "Dear Ms Turner,"), TY)
    assert not _codes(report) & {"CRT002", "CRT003", "HYG002"}
    assert report.passed


def test_greeting_a_group_or_a_nickname_is_not_the_wrong_person() -> None:
    for greeting in ("Dear Sophie and team,", "Hi Soph,", "Dear Bramley Kent team,"):
        report = _check(THANKS.replace("Dear Sophie,", greeting), TY)
        assert "CRT003" not in _codes(report), greeting


def test_word_limits_follow_the_settings() -> None:
    assert "BREV001" not in _codes(_check(THANKS, TY))
    strict = RuleSettings(words={"thank-you": {"min": 10, "soft_max": 40, "max": 50}})
    assert "BREV001" in _codes(_check(THANKS, TY, settings=strict))

    short = (
        "Hi Sophie,\n\nThanks for Thursday; the adjudication work sounded great and I am "
        "keen.\n\nJordan"
    )
    assert "BREV003" in _codes(_check(short, TY))
    lenient = RuleSettings(words={"thank-you": {"min": 5}})
    assert "BREV003" not in _codes(_check(short, TY, settings=lenient))


def test_the_sign_off_and_signature_do_not_count_towards_the_minimum() -> None:
    curt = (
        "Hi Sophie,\n\nThanks for the interview today.\n\nBest,\nJordan Ellis\nParalegal "
        "applicant | Bramley Kent LLP\n07700 900123 | jordan.ellis@example.com\n"
        "12 Market Street, Leeds LS1 4AB"
    )
    assert "BREV003" in _codes(_check(curt, TY))


# How fast a check is, is measured in bench/run.py (--only checker), not asserted here.
# Junk that would make a careless regex backtrack, built at a scale: 1 is the full size.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "capitals": lambda k: "A" * (20000 // k),
    "open-brackets": lambda k: "[" * (5000 // k) + "x",
    "open-braces": lambda k: "{" * (5000 // k),
    "open-angle": lambda k: "<" + "a" * (5000 // k),
    "bangs-then-questions": lambda k: "!" * (5000 // k) + "?" * (5000 // k),
    "titles": lambda k: "Dear " + "Mr. " * (3000 // k),
    "hear": lambda k: "hear " * (4000 // k) + "x",
    "capital-xs": lambda k: "X" * (5000 // k) + "x",
    "hyphenated-capitals": lambda k: "ABC-" * (3000 // k) + "a",
    "shouted-words": lambda k: "WORD " * (3000 // k),
    "spaces-and-tabs": lambda k: " \t" * (5000 // k),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_no_pathological_input_is_slow(name: str) -> None:
    # The core rule modules only: no nested quantifiers over overlapping classes, so even
    # 20,000 characters of junk takes time in proportion to its length (1x and 8x timed in
    # one run). Run with notes, so every notes path is taken.
    core = [r for r in REGISTRY.values() if r.check.__module__.rsplit(".", 1)[-1] in CORE]

    def run(scale: int) -> None:
        text = PATHOLOGICAL[name](scale)
        check_message(parse_message(text), TY, JORDAN, RuleSettings(), core)

    why = too_slow_to_be_linear(lambda: run(8), lambda: run(1), name)
    assert why is None, why


def test_a_concrete_point_missing_from_the_notes_only_warns() -> None:
    # The candidate remembers something the notes left out: the rule says which noted point
    # would fit, as a warning; a note with nothing concrete at all still fails.
    text = THANKS.replace(
        "I particularly valued learning that paralegals join client meetings from\ntheir first "
        "month, and hearing about the team's new adjudication practice made me even keener\nto "
        "join you.",
        "I particularly enjoyed hearing how the firm runs its weekly know-how sessions on recent "
        "TCC judgments, and I am very keen to join you.",
    )
    report = _check(text, TY)
    spec = [f for f in report.findings if f.code in ("SPEC001", "SPEC002")]
    assert [f.code for f in spec] == ["SPEC002"]  # a point, just not a recorded one
    assert all(f.severity is Severity.WARNING for f in spec)
    assert report.passed
    generic = GENERIC_THANKS
    assert "SPEC001" in _codes(_check(generic, TY), Severity.ERROR)


def test_long_acronyms_alone_are_names_but_runs_of_capitals_shout() -> None:
    base = THANKS.replace(
        "Please let me know", "I also admired the firm's pro bono work for {}. Please let me know"
    )
    for name in ("UNICEF", "NASDAQ-listed clients", "BNP PARIBAS", "the ICAEW"):
        assert "TONE003" not in _codes(_check(base.format(name), TY)), name
    for shout in ("PLEASE CONSIDER ME", "REALLY GREAT CLIENTS", "SO MANY CLIENTS"):
        assert "TONE003" in _codes(_check(base.format(shout), TY)), shout


@pytest.mark.parametrize(
    "ending",
    [
        "Looking forward to hearing from you,\nJordan",
        "Thank you for your time and consideration,\nJordan Ellis",
        "All my best,\n- Jordan",
        "Many thanks\nJordan Ellis\nParalegal applicant\n07700 900123",
        "Kind regards,\nJordan Ellis, LLB",
        "Many thanks again,\nJordan",
        "With many thanks,\nJordan Ellis",
        "Thanks so much,\nJordan",
        "Best wishes again,\nJordan",
        "Again, many thanks,\nJordan Ellis",
        "Thanks and best wishes,\nJordan",
        "Thank you once again,\nJordan Ellis",
    ],
)
def test_sign_off_styles(ending: str) -> None:
    text = THANKS.replace("Kind regards,\nJordan Ellis", ending)
    report = _check(text, TY)
    assert not _codes(report) & {"CRT005", "CRT006"}, ending
    assert report.passed


@pytest.mark.parametrize(
    "opening",
    ["Sophie, thank you", "Sophie - thank you", "Hi Sophie, thank you", "Good morning Sophie,"],
)
def test_one_paragraph_openings_count_as_greetings(opening: str) -> None:
    body = (
        "for Thursday's interview for the Paralegal role at Bramley Kent LLP. I valued learning "
        "that paralegals attend client meetings from their first month, and I am very keen to "
        "join. Please let me know if I can send anything else. Best, Jordan"
    )
    if opening.endswith(","):
        body = "Thank you " + body
    report = _check(f"{opening} {body}", TY)
    assert "CRT001" not in _codes(report), opening
    assert report.passed, [(f.code, f.message) for f in report.errors]


def test_first_words_that_are_not_names_are_not_greetings() -> None:
    for first in ("Thanks, for the interview", "Unfortunately, I", "Just checking in"):
        text = f"{first} about the Paralegal role.\n\nKind regards,\nJordan Ellis"
        assert "CRT001" in _codes(_check(text, SC)), first


def test_a_name_after_a_last_request_is_no_sign_off() -> None:
    text = THANKS.replace(
        "Please let me know if I can send anything else that would help.\n\nKind regards,",
        "Let me know what you decide.",
    )
    assert "CRT005" in _codes(_check(text, TY))


# --- Names as people type them: possessives, curly apostrophes, accents ------------------------

# A nurse's notes: a possessive in the hospital's name, apostrophes in two surnames.
SIOBHAN = read_notes_file(FIXTURES / "messages" / "notes" / "siobhan-oneill.txt").notes
NURSE_THANKS = """Subject: Thank you - Staff Nurse interview

Dear Aoife,

Thank you for interviewing me for the Staff Nurse post on the cardiology ward at {company} on
Thursday. I particularly valued hearing that new starters get a six-week preceptorship with a
named mentor, and I am very keen to join the team.

Kind regards,
Siobhan O'Neill"""


def _notes(company: str) -> InterviewNotes:
    return parse_notes(
        f"Candidate: Siobhan O'Neill\nCompany: {company}\nRole: Staff Nurse, Cardiology\n"
        "Interviewer: Aoife O'Brien, Ward Manager\nInterview date: 19 November 2026\n"
        "Learned: new starters get a six-week preceptorship with a named mentor\n"
    ).notes


@pytest.mark.parametrize(
    ("company", "typo"),
    [
        ("St Mary's Hospital", "St Mery's Hospital"),
        ("St Mary\u2019s Hospital", "St Mery\u2019s Hospital"),
        ("Great Ormond Street Children's Hospital", "Great Ormond Street Chidlren's Hospital"),
        ("Sainsbury's", "Sainsbery's"),
    ],
)
def test_a_possessive_in_the_notes_is_no_misspelling(company: str, typo: str) -> None:
    notes = _notes(company)
    # Every template draft names the company as the notes do, and must pass.
    for kind in Kind:
        draft = template_draft(notes, kind)
        assert "HYG002" not in _codes(draft.report), draft.message.text
        assert draft.report.passed, [(f.code, f.message) for f in draft.report.errors]
    report = check(NURSE_THANKS.format(company=company), TY, notes)
    assert "HYG002" not in _codes(report)
    assert report.passed, [(f.code, f.message) for f in report.errors]
    # A real misspelling of the possessive name is still caught.
    assert "HYG002" in _codes(check(NURSE_THANKS.format(company=typo), TY, notes))


def test_curly_apostrophes_are_straight_ones() -> None:
    assert tx.fold("O\u2019Neill") == tx.fold("O'Neill") == "o'neill"
    assert tx.fold("\u2018Siobh\u00e1n\u2019") == "'siobhan'"
    # What a Mac or Gmail types for notes written with straight apostrophes (and no accent).
    curly = (
        NURSE_THANKS.format(company="St Mary\u2019s Hospital")
        .replace("Dear Aoife,", "Dear Ms O\u2019Brien,")
        .replace("Kind regards,\nSiobhan O'Neill", "Many thanks again,\nSiobh\u00e1n O\u2019Neill")
    )
    report = check(curly, TY, SIOBHAN)
    assert not _codes(report) & {"HYG002", "CRT003", "CRT005", "CRT006"}, report.findings
    assert report.passed
    # A real misspelling is still one, however the apostrophe is typed.
    misspelt = curly.replace("O\u2019Neill", "O\u2019Neil")
    assert "HYG002" in _codes(check(misspelt, TY, SIOBHAN))
    assert "CRT003" in _codes(check(curly.replace("O\u2019Brien", "O\u2019Brennan"), TY, SIOBHAN))
    # Signed by someone else: not the candidate's name.
    other = curly.replace("Siobh\u00e1n O\u2019Neill", "Aoife O\u2019Brien")
    assert "CRT006" in _codes(check(other, TY, SIOBHAN))


def test_a_name_that_starts_with_an_accent_signs_the_message() -> None:
    text = THANKS.replace("Kind regards,\nJordan Ellis", "Kind regards,\n\u00c9milie Durand")
    assert "CRT006" not in _codes(_check(text, TY, notes=False))
    assert "CRT006" in _codes(_check(text.removesuffix("\u00c9milie Durand"), TY, notes=False))


# --- Sentences: a company's 'Ltd.' can end one --------------------------------------------------


def test_a_company_suffix_before_a_capital_ends_the_sentence() -> None:
    text = "I interviewed at Acme Analytics Ltd. While I am disappointed, I enjoyed it."
    assert [s.text for s in tx.sentences(text)] == [
        "I interviewed at Acme Analytics Ltd.",
        "While I am disappointed, I enjoyed it.",
    ]
    for end in ("Acme, Inc.", "Smith & Co.", "Harlow Tools Corp."):
        assert len(tx.sentences(f"I met the team at {end} They were very kind.")) == 2, end
    assert len(tx.sentences("We covered SQL, dashboards etc. Then Priya showed me round.")) == 2
    # A title, a county and a suffix before a lower-case word end nothing.
    for whole in (
        "I met Dr. Shah and Mr. X at the U.S. office.",
        "Our new office in Co. Durham opens in May.",
        "Acme Ltd. and Beta Corp. are both clients.",
    ):
        assert [s.text for s in tx.sentences(whole)] == [whole]


def test_ltd_then_a_new_sentence_is_no_long_sentence() -> None:
    text = FEEDBACK.replace(
        "Bramley Kent LLP.\nWhile I am disappointed, I enjoyed meeting you and learning about the "
        "adjudication practice.",
        "Bramley Kent Ltd. While I am disappointed, I enjoyed meeting you and learning how the "
        "adjudication practice resolves payment disputes for its housing, transport and energy "
        "clients across the north.",
    )
    assert "BREV004" not in _codes(_check(text, FR, notes=False))
    # One real sentence past the limit, with 'Ltd.' in it, is still too long.
    long = text.replace("Ltd. While", "Ltd. and, while")
    assert "BREV004" in _codes(_check(long, FR, notes=False))
