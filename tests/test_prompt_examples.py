"""What the model prompts show: each kind's own guideline lines, and the example emails with
GRND002, which catches a draft copying one (its list of the examples' details must stay in
step with the examples themselves)."""

from __future__ import annotations

import json

import pytest

from composer.checker import check_message
from composer.kinds import Kind
from composer.models import Message
from composer.notes import parse_notes
from composer.prompts import draft_messages
from composer.rules import lists
from composer.settings import RuleSettings
from tests.test_fixes import NOTES, notes

LEARNED = "Learned: paralegals attend client meetings from their first month\n"

DETAILS = lists.lines("grounding", "prompt example details")


def example(kind: Kind) -> Message:
    """The example email in the kind's prompt, as sent (one JSON line after its introduction)."""
    user = draft_messages(kind, notes(), RuleSettings())[1]["content"]
    after = user.split("An example of a good email", 1)[1].split("\n", 1)[1]
    shown = json.loads(after.strip().split("\n", 1)[0])
    return Message(subject=shown["subject"], body=shown["body"])


def test_every_listed_detail_is_in_an_example() -> None:
    shown = " ".join(" ".join(example(kind).text.lower().split()) for kind in Kind)
    assert DETAILS and [d for d in DETAILS if d not in shown] == []


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_an_example_copied_into_a_draft_is_caught(kind: Kind) -> None:
    """Each example names details GRND002 knows: its body sent as a draft for Jordan fails."""
    report = check_message(example(kind), kind, notes())
    assert "GRND002" in {f.code for f in report.errors}


def test_a_detail_the_notes_hold_is_the_candidates_own() -> None:
    draft = Message(
        subject="Thank you - Paralegal interview",
        body="Dear Sophie,\n\nThank you for meeting me. I enjoyed hearing about the night team "
        "and how it shares the caseload.\n\nKind regards,\nJordan Ellis",
    )
    assert "GRND002" in {f.code for f in check_message(draft, Kind.THANK_YOU, notes()).findings}
    own = notes("Topics:\n- the night team's caseload\n")
    assert "GRND002" not in {f.code for f in check_message(draft, Kind.THANK_YOU, own).findings}


def test_each_kind_is_shown_the_line_that_fits_it() -> None:
    """'Stay gracious about the decision' means nothing in a thank-you sent before there is
    one: a rule with a line per kind puts each kind's line in that kind's own message."""
    prompts = {kind: draft_messages(kind, notes(), RuleSettings()) for kind in Kind}
    systems = {kind: messages[0]["content"] for kind, messages in prompts.items()}
    assert len(set(systems.values())) == 1  # still one system message for every kind
    own = {kind: messages[1]["content"] for kind, messages in prompts.items()}
    gracious = "Stay gracious about the decision"
    assert gracious not in systems[Kind.THANK_YOU] and gracious not in own[Kind.THANK_YOU]
    assert gracious in own[Kind.FEEDBACK_REQUEST]
    assert "no complaint about the interview or the process" in own[Kind.THANK_YOU]
    assert "still keen to work for the organisation" in own[Kind.FEEDBACK_REQUEST]
    assert "keen on the role and the organisation" in own[Kind.STATUS_CHECK]


def test_the_thank_you_prompt_offers_the_notes_point_as_a_message_says_it() -> None:
    """A small model copies the example's point unless its own is put in its way: the prompt
    gives the notes' point in a sentence, as a message says it ('They're moving' is the
    reader's 'you are moving'), after 'hearing that' or, for a phrase, 'hearing about'."""

    def offered(learned: str) -> str:
        given = parse_notes(NOTES.replace(LEARNED, learned)).notes
        user = draft_messages(Kind.THANK_YOU, given, RuleSettings())[1]["content"]
        return user.split('Say it in a sentence such as: "', 1)[1].split('"', 1)[0]

    assert offered(LEARNED) == (
        "I particularly enjoyed hearing that paralegals attend client meetings from their "
        "first month."
    )
    spoken = "Learned: They're moving the whole team to a hybrid model next year!\n"
    moved = offered(spoken).removeprefix("I particularly enjoyed hearing ")
    assert moved == "that you are moving the whole team to a hybrid model next year."
    phrase = "Reaffirmed: the way the whole studio critiques work together every Friday\n"
    only = parse_notes(NOTES.replace(LEARNED, "") + phrase).notes
    user = draft_messages(Kind.THANK_YOU, only, RuleSettings())[1]["content"]
    assert "hearing about the way the whole studio critiques" in user
    bare = parse_notes(NOTES.replace(LEARNED, "")).notes
    user = draft_messages(Kind.THANK_YOU, bare, RuleSettings())[1]["content"]
    assert "Say it in a sentence" not in user and "mention no detail" in user
