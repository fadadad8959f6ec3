"""Several interviewers on one line: commas separate people unless what follows is a job title."""

from __future__ import annotations

import pytest

from composer.notes import parse_notes

BASE = """Candidate: Maya Okafor
Role: Junior Data Analyst
Company: Northwind Logistics
Interview date: 24 November 2026
Interviewers: {line}
"""


@pytest.mark.parametrize(
    ("line", "people"),
    [
        (
            "Tom Reilly (Head of Analytics), Priya Shah",
            [("Tom Reilly", "Head of Analytics"), ("Priya Shah", None)],
        ),
        ("Ana Lopez, Ben Ng and Cai Wu", [("Ana Lopez", None), ("Ben Ng", None), ("Cai Wu", None)]),
        (
            "Joe Patel (Partner), Mia Chen (HR)",
            [("Joe Patel", "Partner"), ("Mia Chen", "HR")],
        ),
        # A title after the comma belongs to the person before it.
        ("Sophie Turner, Senior Associate", [("Sophie Turner", "Senior Associate")]),
        ("Dr. Amal Shah, Head of Talent", [("Dr. Amal Shah", "Head of Talent")]),
    ],
)
def test_commas_separate_people_but_not_a_person_and_their_title(
    line: str, people: list[tuple[str, str | None]]
) -> None:
    notes = parse_notes(BASE.format(line=line)).notes
    assert [(p.name, p.title) for p in notes.interviewers] == people


def test_a_title_is_never_re_cased_as_a_name() -> None:
    notes = parse_notes(BASE.format(line="tom reilly (Head of Analytics), priya shah")).notes
    assert [(p.name, p.title) for p in notes.interviewers] == [
        ("Tom Reilly", "Head of Analytics"),
        ("Priya Shah", None),
    ]
