"""The checker judges what a class of message means, not the words of one example (issue 12).

Each class has messages that must fail with the rule that names the flaw, and near neighbours
that must pass: the same words in a sense that breaks nothing. The messages are written for
these tests, to Maya Chen's notes (fixtures/messages/notes/maya-chen.txt): a Trainee Solicitor
interview at Hartwell & Crane Solicitors with Richard Hale.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from composer.checker import check
from composer.cli.render import report_text
from composer.errors import ConfigError
from composer.models import Kind, Report, Severity
from composer.notes import read_notes_file
from composer.settings import load_config

from .conftest import FIXTURES

MAYA = read_notes_file(FIXTURES / "messages" / "notes" / "maya-chen.txt").notes
TY, SC, FR = Kind.THANK_YOU, Kind.STATUS_CHECK, Kind.FEEDBACK_REQUEST

THANK_YOU = """Subject: Thank you - Trainee Solicitor interview

Dear Mr Hale,

Thank you for seeing me on Wednesday about a training contract at Hartwell & Crane Solicitors.
I was struck to learn that trainees sit four seats, one of them on secondment to a client, and
our talk about the firm's pro bono partnership with a housing charity has stayed with me.

{slot}

Kind regards,
Maya Chen"""

STATUS = """Subject: Trainee Solicitor interview - update

Dear Mr Hale,

I hope you are well. I am writing about my interview on 4 March for a training contract at
Hartwell & Crane. {slot} Is there any update you are able to share?

Kind regards,
Maya Chen"""

FEEDBACK = """Subject: Trainee Solicitor application - feedback

Dear Mr Hale,

{slot} I would be grateful for any feedback on my interview, as I am keen to learn from it and
improve. I remain very keen to train at Hartwell & Crane and would welcome hearing about
future vacancies.

Kind regards,
Maya Chen"""

KEEN = "I remain very keen to train with the firm."
THANKED = "Thank you for letting me know your decision about the Trainee Solicitor role."
BASE = {TY: THANK_YOU, SC: STATUS, FR: FEEDBACK}
DEFAULT = {TY: "I would be delighted to train with you.", SC: KEEN, FR: THANKED}


def _check(kind: Kind, slot: str | None = None, text: str | None = None) -> Report:
    return check(
        text or BASE[kind].format(slot=DEFAULT[kind] if slot is None else slot), kind, MAYA
    )


def _errors(report: Report) -> set[str]:
    return {f.code for f in report.errors}


@pytest.mark.parametrize("kind", [TY, SC, FR])
def test_the_base_messages_pass(kind: Kind) -> None:
    report = _check(kind)
    assert report.passed, [(f.code, f.message) for f in report.errors]


# --- Fit is not desire (ENTH001) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "slot",
    [
        "I am confident I would be a strong match for the team.",
        "My background suits the job requirements well, and my dissertation prepared me for it.",
        "My skills in research and drafting align perfectly with what the role demands.",
        "I believe my experience makes me an excellent fit for the firm.",
    ],
)
def test_fit_without_a_wish_is_no_enthusiasm(slot: str) -> None:
    assert "ENTH001" in _errors(_check(TY, slot))


@pytest.mark.parametrize(
    "slot",
    [
        "I am confident I would be a strong match, and I would love to join the team.",
        "My background suits the role, and the firm remains my first choice.",
        "I could really see myself working alongside the pro bono team.",
        "It left me keener than ever to start my training at Hartwell & Crane.",
    ],
)
def test_fit_with_a_wish_is_enthusiasm(slot: str) -> None:
    assert "ENTH001" not in _errors(_check(TY, slot))


def test_a_reaction_to_the_day_is_no_wish() -> None:
    slot = "I was interested to learn how the seats rotate, and I enjoyed meeting the team."
    assert "ENTH001" in _errors(_check(TY, slot))


def test_someone_elses_wish_or_a_negated_one_is_not_the_writers() -> None:
    assert "ENTH001" in _errors(_check(TY, "I know you are keen to fill the training contract."))
    assert "ENTH001" in _errors(_check(TY, "I am no longer keen on the training contract."))
    assert "ENTH001" not in _errors(_check(TY, "I could not be more excited about the role."))


# --- Eagerness for news is not keenness for the role (ENTH001) ------------------------------------


@pytest.mark.parametrize(
    "slot",
    [
        "I am keen to learn where my application stands.",
        "I'm really eager to hear your decision and excited to find out whether I was successful.",
        "I look forward to hearing from you about the outcome.",
    ],
)
def test_eagerness_for_news_is_no_enthusiasm(slot: str) -> None:
    assert "ENTH001" in _errors(_check(SC, slot))


@pytest.mark.parametrize(
    "slot",
    [
        KEEN,
        "I am still very interested in the training contract.",
        "I look forward to the possibility of joining the firm.",
        "I remain very interested.",
    ],
)
def test_keenness_for_the_role_in_a_status_check(slot: str) -> None:
    assert "ENTH001" not in _errors(_check(SC, slot))


# --- 'I would appreciate any feedback' is not thanks (CRT004) ---------------------------------


@pytest.mark.parametrize(
    "slot",
    [
        "I have received your email about the Trainee Solicitor role.",
        "I have seen your decision. I'd appreciate it if you could tell me where I fell short.",
        "I have received your email; I'd be grateful to know what the panel thought.",
        "I have your decision. Thanks in advance for your feedback.",
    ],
)
def test_a_request_dressed_as_thanks_is_no_thanks(slot: str) -> None:
    assert "CRT004" in _errors(_check(FR, slot))


@pytest.mark.parametrize(
    "slot",
    [
        THANKED,
        "I am grateful for the time you and the partners gave me.",
        "I really appreciated the chance to meet the trainees.",
        "Many thanks for letting me know.",
    ],
)
def test_thanks_in_any_form(slot: str) -> None:
    assert "CRT004" not in _errors(_check(FR, slot))


# --- Pressure dressed politely (TONE001) ---------------------------------------------------------


@pytest.mark.parametrize(
    "slot",
    [
        "I have to give the other firm my answer by Thursday, so please let me know before then.",
        "You promised an answer by Friday and it is now Monday!",
        "I hold another offer, and I will have to accept it unless I hear from you.",
        "I expect a proper explanation by the end of the week.",
        "Don't bother sending me a generic reply.",
    ],
)
def test_polite_pressure_is_pressure(slot: str) -> None:
    assert "TONE001" in _errors(_check(SC, slot))


@pytest.mark.parametrize(
    "slot",
    [
        "I have received another offer and must give them my answer by Thursday; Hartwell & "
        "Crane remains my first choice.",
        "I know you hoped to decide within two weeks, and I remain very keen on the role.",
        "Unless I hear otherwise, I will keep Friday free for the assessment. I remain keen.",
        "I expect you are very busy at the moment, and I remain keen on the role.",
    ],
)
def test_calm_news_of_an_offer_is_not_pressure(slot: str) -> None:
    assert "TONE001" not in _errors(_check(SC, slot))


# --- Passive aggression and bitterness dressed as surprise (TONE002) -------------------------


@pytest.mark.parametrize(
    ("kind", "slot"),
    [
        (
            SC,
            "I was glad to wait, even though the interview began half an hour after the time I "
            "was given. I remain keen.",
        ),
        (
            FR,
            f"{THANKED} I must say I find it hard to understand the decision, given that I met "
            "every requirement in the advert.",
        ),
        (FR, f"{THANKED} Frankly, your process was a joke."),
        (FR, f"{THANKED} I wasted a whole day on your interview."),
        (FR, f"{THANKED} I would ask you to reconsider."),
    ],
)
def test_bitterness_dressed_as_surprise_is_bitterness(kind: Kind, slot: str) -> None:
    assert "TONE002" in _errors(_check(kind, slot))


@pytest.mark.parametrize(
    ("kind", "slot"),
    [
        (FR, f"{THANKED} Even though I was not successful, I learned a great deal."),
        (FR, f"{THANKED} I understand the decision, and I do not feel I wasted my time."),
        (FR, f"{THANKED} I hope I have not wasted your time with my questions."),
        (SC, "Even though I was late on the day, you made me feel welcome. I remain keen."),
    ],
)
def test_gracious_neighbours_are_not_bitterness(kind: Kind, slot: str) -> None:
    assert "TONE002" not in _errors(_check(kind, slot))


# --- Desperation and grovelling (TONE006, TONE005) ------------------------------------------


@pytest.mark.parametrize(
    "slot",
    [
        "This job means everything to me and I don't know what I will do without it.",
        "I really need this job; I am counting on you.",
        "I cannot face another rejection.",
    ],
)
def test_need_that_burdens_the_reader_is_an_error(slot: str) -> None:
    report = _check(SC, f"{KEEN} {slot}")
    assert "TONE006" in _errors(report)


def test_over_eagerness_is_only_a_warning() -> None:
    report = _check(SC, "I am desperate to join the firm!")
    found = [f for f in report.findings if f.code == "TONE006"]
    assert found and all(f.severity is Severity.WARNING for f in found)
    assert report.passed


def test_one_apology_warns_and_grovelling_fails() -> None:
    once = _check(SC, f"Sorry to bother you. {KEEN}")
    assert {f.severity for f in once.findings if f.code == "TONE005"} == {Severity.WARNING}
    assert once.passed
    again = _check(SC, f"Sorry to bother you again, and apologies for the follow-up. {KEEN}")
    assert "TONE005" in _errors(again)
    outcome = _check(FR, f"{THANKED} I am sorry it did not work out this time.")
    assert "TONE005" not in {f.code for f in outcome.findings}


@pytest.mark.parametrize(
    ("kind", "lead"), [(SC, KEEN), (FR, f"{THANKED} I would be grateful for any feedback.")]
)
@pytest.mark.parametrize(
    ("apologies", "severity"),
    [
        (["Sorry to bother you."], Severity.WARNING),
        (["Sorry to bother you.", "Apologies for chasing."], Severity.ERROR),
        (
            ["Sorry to bother you.", "Apologies for chasing.", "I'm so sorry to trouble you."],
            Severity.ERROR,
        ),
    ],
)
def test_one_apology_is_a_warning_and_two_or_more_are_an_error(
    kind: Kind, lead: str, apologies: list[str], severity: Severity
) -> None:
    """TONE005: one apology for writing undersells the request (a warning); apologising again
    is grovelling, and every apology is then an error-level finding."""
    report = _check(kind, f"{' '.join(apologies)} {lead}")
    found = [f for f in report.findings if f.code == "TONE005"]
    assert len(found) == len(apologies)
    assert {f.severity for f in found} == {severity}
    assert ("TONE005" in _errors(report)) is (severity is Severity.ERROR)


# --- Subjects shout too (TONE003) ----------------------------------------------------------


@pytest.mark.parametrize("subject", ["URGENT!!! TRAINEE SOLICITOR ROLE", "FEEDBACK???"])
def test_a_shouting_subject_fails(subject: str) -> None:
    text = STATUS.format(slot=KEEN).replace("Trainee Solicitor interview - update", subject)
    report = _check(SC, text=text)
    shouting = [f for f in report.errors if f.code == "TONE003"]
    assert shouting
    assert all(f.end is not None and f.end <= len("Subject: ") + len(subject) for f in shouting)


def test_a_calm_subject_with_an_acronym_passes() -> None:
    text = STATUS.format(slot=KEEN).replace("Trainee Solicitor interview - update", "SQE and TC?")
    assert "TONE003" not in _errors(_check(SC, text=text))


# --- False alarms (CTX001, CTX002, CRT005) --------------------------------------------------


def test_a_role_named_only_in_the_subject_names_it() -> None:
    text = (
        "Subject: Thank you - Trainee Solicitor interview\n\nDear Mr Hale,\n\nThank you for "
        "seeing me on Wednesday. I was struck to learn that trainees sit four seats, one of them "
        "on secondment to a client, and I would be delighted to join you.\n\nKind regards,\n"
        "Maya Chen"
    )
    assert "CTX001" not in _errors(_check(TY, text=text))
    unnamed = text.replace("Subject: Thank you - Trainee Solicitor interview", "Subject: Thanks")
    assert "CTX001" in _errors(_check(TY, text=unnamed))


@pytest.mark.parametrize(
    "named",
    ["Hartwell & Crane", "Hartwell", "a training contract", "the traineeship"],
)
def test_short_names_and_synonyms_name_the_role_or_firm(named: str) -> None:
    text = (
        "Subject: Thanks\n\nDear Mr Hale,\n\nThank you for seeing me on Wednesday about "
        f"{named}. I was struck to learn that trainees sit four seats, one of them on "
        "secondment to a client, and I would be delighted to join you.\n\nKind regards,\n"
        "Maya Chen"
    )
    assert "CTX001" not in _errors(_check(TY, text=text))


def test_a_common_word_is_no_short_name() -> None:
    notes = MAYA.model_copy(update={"company": "Summit Bank"})
    text = (
        "Dear Mr Hale,\n\nThank you for seeing me on Wednesday; reaching the summit of the "
        "process was a thrill, and I would be delighted to join you.\n\nKind regards,\nMaya Chen"
    )
    assert "CTX001" in _errors(check(text, TY, notes))


@pytest.mark.parametrize("verb", ["work at", "train at", "start my career at"])
def test_another_employer_where_the_writer_means_to_work_is_an_error(verb: str) -> None:
    slot = f"I would be delighted to {verb} Ashby Marsh in September."
    report = _check(TY, slot)
    assert "CTX002" in _errors(report)


def test_a_former_employer_is_fine() -> None:
    slot = "I would be delighted to join you after my year working at Ashby Marsh."
    assert "CTX002" not in _errors(_check(TY, slot))


def test_thanks_again_for_your_time_is_a_sign_off() -> None:
    text = _check(SC).model_dump()  # the base passes; now end it with a thanks line
    assert text["passed"]
    ending = STATUS.format(slot=KEEN).replace("Kind regards,", "Thanks again for your time,")
    assert "CRT005" not in _errors(_check(SC, text=ending))
    cut = STATUS.format(slot=KEEN).replace("\n\nKind regards,\nMaya Chen", "")
    assert "CRT005" in _errors(_check(SC, text=cut))


# --- Reporting ------------------------------------------------------------------------------


def test_the_header_counts_rules_not_findings() -> None:
    text = STATUS.format(slot="I am VERY VERY KEEN and REALLY HOPE to hear soon.")
    report = _check(SC, text=text)
    shouted = [f for f in report.errors if f.code == "TONE003"]
    assert len(shouted) >= 3
    rules = len({f.code for f in report.errors})
    header = report_text(report, text).plain.splitlines()[0]
    assert f"fails {rules} error-level rule" in header


def test_an_unknown_code_in_the_config_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from composer.cli import inputs

    config = tmp_path / "composer.toml"
    monkeypatch.setenv("COMPOSER_CONFIG", str(config))
    config.write_text('[rules]\ndisable = ["TONE001", "TONE999"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="TONE999"):
        inputs.config(None)
    config.write_text('[rules]\ndisable = ["tone001"]\n', encoding="utf-8")
    assert inputs.config(None).rules.disable == ["tone001"]
    assert load_config([config]).rules.disable == ["tone001"]  # the library only reads


def test_greeting_the_candidate_says_it_is_their_own_name() -> None:
    text = STATUS.format(slot=KEEN).replace("Dear Mr Hale,", "Dear Maya,")
    wrong = next(f for f in _check(SC, text=text).findings if f.code == "CRT003")
    assert "your own name" in wrong.message and "not someone in your notes" not in wrong.message
    stranger = STATUS.format(slot=KEEN).replace("Dear Mr Hale,", "Dear Aisha,")
    other = next(f for f in _check(SC, text=stranger).findings if f.code == "CRT003")
    assert "not someone in your notes" in other.message


def test_the_short_note_count_agrees_with_the_header() -> None:
    text = "Dear Mr Hale,\n\nAny news on the training contract?\n\nKind regards,\nMaya Chen"
    report = _check(SC, text=text)
    short = next(f for f in report.errors if f.code == "BREV003")
    header = report_text(report, text).plain.splitlines()[0]
    assert f"({report.stats.words} words" in header
    assert f"({report.stats.words} in all)" in short.message
    assert "before the sign-off" in short.message
