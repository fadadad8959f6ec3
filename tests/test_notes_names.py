"""Names in proper case (issue 14.9): 'sarah jones' is written 'Sarah Jones', while names that
already carry capitals ('McAllister', 'de la Cruz') are kept exactly as typed."""

from __future__ import annotations

import pytest

from composer import fallback
from composer.kinds import Kind
from composer.names import proper_case
from composer.notes import parse_notes

BASE = (
    "Candidate: Jordan Ellis\nCompany: Bramley Kent LLP\nRole: Paralegal\n"
    "Interviewer: Sophie Turner\nInterview date: 12 November 2026\n"
)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("sarah jones", "Sarah Jones"),
        ("ben foster", "Ben Foster"),
        ("zoë okonkwo-brennan", "Zoë Okonkwo-Brennan"),
        ("o'neill", "O'Neill"),
        ("mcallister", "McAllister"),
        ("maria de la cruz", "Maria de la Cruz"),
        ("anna van der berg", "Anna van der Berg"),
        ("dr. amal shah", "Dr. Amal Shah"),
        ("j.r. hartley", "J.R. Hartley"),
        ("john smith iii", "John Smith III"),
        ("sarah Jones", "Sarah Jones"),  # the word typed in lower case, the other kept
    ],
)
def test_lower_case_names_are_capitalised(typed: str, written: str) -> None:
    assert proper_case(typed) == written


@pytest.mark.parametrize(
    "name",
    [
        "McAllister",
        "Maria de la Cruz",
        "de la Cruz",
        "van der Berg",
        "Anna van der Berg",
        "O'Neill",
        "DeShawn Williams",
        "MacKenzie",
        "SARAH JONES",  # capitals could be initials ('AJ'): kept
        "Siobhán Ní Bhriain",
    ],
)
def test_names_with_capitals_are_kept_as_typed(name: str) -> None:
    assert proper_case(name) == name


def test_notes_write_the_names_in_proper_case() -> None:
    text = BASE.replace("Jordan Ellis", "ben foster").replace(
        "Interviewer: Sophie Turner", "Interviewer: sarah jones, senior associate; Liam McAllister"
    )
    notes = parse_notes(text + "Invited by: grace hall <grace@agency.example>\n").notes
    assert notes.candidate == "Ben Foster"
    assert [p.name for p in notes.interviewers] == ["Sarah Jones", "Liam McAllister"]
    assert notes.interviewers[0].title == "senior associate"  # a title is not a name
    assert notes.recipient.name == "Grace Hall"
    assert notes.recipient.email == "grace@agency.example"  # an address is kept as typed
    assert notes.signature == "Ben Foster"


def test_a_signature_name_line_is_cased_and_its_phone_line_kept() -> None:
    notes = parse_notes(BASE + "Signature: jordan ellis\n07700 900123\n").notes
    assert notes.signature == "Jordan Ellis\n07700 900123"


def test_the_draft_greets_and_signs_in_proper_case() -> None:
    text = BASE.replace("Jordan Ellis", "ben foster").replace("Sophie Turner", "sarah jones")
    draft = fallback.draft(parse_notes(text + "Tone: warm\n").notes, Kind.THANK_YOU)
    assert "Sarah" in draft.body and "sarah" not in draft.body
    assert draft.body.rstrip().endswith("Ben Foster")
