"""The table of kinds (composer.kinds.KINDS) is the one place a kind is defined: the CLI, the
word limits, the plan, the default kinds and the offline advice read it, and a new kind needs
only its row and its templates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from composer.cli.options import KindChoice
from composer.drafting import default_kinds, outcome_warnings
from composer.fallback import missing_for
from composer.kinds import KINDS, Kind, Outcome, defaults_for, spec
from composer.notes import read_notes_file
from composer.plan import make_plan, next_working_day
from composer.settings import DEFAULT_WORDS
from composer.templates import builtin_dir
from tests.conftest import FIXTURES, ROOT

NOTES = FIXTURES / "notes" / "jordan-ellis.txt"


def test_every_kind_has_its_row_and_its_templates() -> None:
    assert list(KINDS) == list(Kind)
    for row in KINDS.values():
        for name in (row.message_template, *row.prompt_templates):
            assert (builtin_dir() / name).is_file(), name


def test_the_cli_the_settings_and_the_plan_read_the_table() -> None:
    assert [c.value for c in KindChoice] == [*Kind, "all"]
    for kind, row in KINDS.items():
        limits = DEFAULT_WORDS[kind]
        assert (limits.min, limits.soft_max, limits.max) == (
            row.words.min,
            row.words.soft_max,
            row.words.max,
        )
    notes = read_notes_file(NOTES).notes
    plan = make_plan(notes.model_copy(update={"outcome": Outcome.REJECTED}), notes.interview_date)
    titles = {s.kind: s.title for s in plan.steps if s.kind}
    assert titles == {k: r.title for k, r in KINDS.items()}
    status = next(s for s in plan.steps if s.kind is Kind.STATUS_CHECK)
    window = spec(Kind.STATUS_CHECK).window
    # the window opens `window.opens` days after the decision, moved whole off a weekend
    opened = plan.decision_by + timedelta(days=window.opens)
    shift = next_working_day(opened) - opened
    assert status.opens == opened + shift
    assert (
        status.due is not None
        and status.due - plan.decision_by == timedelta(days=window.due or 0) + shift
    )


def test_defaults_warnings_and_advice_come_from_the_rows() -> None:
    notes = read_notes_file(NOTES).notes
    for outcome in Outcome:
        tracked = notes.model_copy(update={"outcome": outcome})
        assert default_kinds(tracked) == defaults_for(outcome)
        for kind, row in KINDS.items():
            warned = outcome_warnings(tracked, [kind])
            assert bool(warned) == (outcome not in row.outcomes)
            assert all(row.unsuited in w for w in warned)
    bare = notes.model_copy(update={"learned": None, "reaffirmed": None, "topics": []})
    assert missing_for(bare, Kind.THANK_YOU) == [spec(Kind.THANK_YOU).needs_advice]
    assert missing_for(notes, Kind.THANK_YOU) == []


NEW_ROW = """
KINDS[Kind.OFFER_THANKS] = KindSpec(
    kind=Kind.OFFER_THANKS,
    title="Thank them for the offer",
    outcomes=frozenset({Outcome.OFFERED}),
    unsuited="a thank-you for an offer is for after an offer",
    default_for=frozenset(),
    words=Words(min=20, soft_max=150, max=200),
    window=Window("outcome", opens=0, due=1),
    needs=(),
    needs_advice="",
)
"""
NEW_TEMPLATES = {
    "messages/offer-thanks.j2": (
        "Subject: Thank you for the offer - {{ n.role }}\n\n"
        "Dear {{ reader }},\n\n"
        "Thank you very much for offering me {{ role_phrase }} at {{ company }}. I am "
        "delighted, and I am looking forward to joining the team and to starting work with "
        "you.\n\nKind regards,\n{{ signature }}\n"
    ),
    "llm/offer-thanks.system.j2": '{% extends "llm/system.j2" %}\n',
    "llm/offer-thanks.user.j2": (
        '{% extends "llm/user.j2" %}\n'
        "{% block happened %}their job offer{% endblock %}\n"
        "{% block outcome %}they have offered you the job.{% endblock %}\n"
        "{% block purpose %}This email is a thank-you for a job offer.{% endblock %}\n"
        "{% block content %}\n- Thank the reader for the offer.\n{% endblock %}\n"
    ),
}


def test_a_new_kind_needs_only_its_row_and_its_templates(tmp_path: Path) -> None:
    """Add a kind to a copy of composer by editing kinds.py and adding three templates, and
    nothing else: every command takes it."""
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "composer", copy / "composer", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copytree(ROOT / "prompts", copy / "prompts")
    kinds = copy / "composer" / "kinds.py"
    source = kinds.read_text(encoding="utf-8")
    member = '    FEEDBACK_REQUEST = "feedback-request"\n'
    kinds.write_text(
        source.replace(member, member + '    OFFER_THANKS = "offer-thanks"\n') + NEW_ROW,
        encoding="utf-8",
    )
    for name, text in NEW_TEMPLATES.items():
        (copy / "prompts" / name).write_text(text, encoding="utf-8")
    notes = tmp_path / "offer.txt"
    notes.write_text(NOTES.read_text(encoding="utf-8").replace("pending", "offered"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("COMPOSER_", "OPENAI_"))},
        "PYTHONPATH": str(copy),
        "COMPOSER_NO_LOG": "1",
    }

    def composer(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "composer", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )

    drafted = composer("draft", str(notes), "-k", "offer-thanks", "--offline", "-f", "json")
    assert drafted.returncode in (0, 1), drafted.stderr
    (item,) = json.loads(drafted.stdout)["drafts"]
    assert item["kind"] == "offer-thanks" and item["subject"].startswith("Thank you for the offer")
    plan = composer("plan", str(notes), "--today", "2026-11-20", "-f", "json")
    assert plan.returncode == 0, plan.stderr
    steps = {s["kind"]: s for s in json.loads(plan.stdout)["steps"] if s["kind"]}
    assert steps["offer-thanks"]["title"] == "Thank them for the offer"
    assert steps["offer-thanks"]["status"] == "due"
    prompt = composer("prompt", str(notes), "-k", "offer-thanks")
    assert prompt.returncode == 0 and "a thank-you for a job offer" in prompt.stdout
    rules = composer("rules", "-k", "offer-thanks", "-f", "json")
    assert rules.returncode == 0 and json.loads(rules.stdout)
